-- Personal data care (PIPL): how long contact details are kept, and the mark left when they are
-- erased. The anonymous record (channel, topic, question, outcome, rating, times) stays.

-- Per campaign: days after a case closes (or, without a case, after the consultation) before the
-- visitor's name, phone and e-mail are erased. NULL takes RETENTION_DAYS_AFTER_CLOSE.
ALTER TABLE campaigns
  ADD COLUMN retention_days_after_close integer CHECK (retention_days_after_close BETWEEN 1 AND 3650);

-- When the contact details of this record were erased (by the retention job or at the visitor's
-- request); NULL while they are kept or when none were given.
ALTER TABLE consultations ADD COLUMN personal_data_erased_at timestamptz;

-- The retention job looks only at records that still hold contact details.
CREATE INDEX consultations_personal_data_idx ON consultations (campaign_id, occurred_at)
  WHERE visitor_name IS NOT NULL OR visitor_phone IS NOT NULL;
