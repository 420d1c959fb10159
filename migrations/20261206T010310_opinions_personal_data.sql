-- An opinion raised at a meeting may name its speaker or give a phone number in its text ("张先生,
-- 13512345678"). The retention of contact details masks them as it erases a consultation's (phone
-- and ID numbers, e-mails, a surname before an honorific), and a citizen's erasure masks the name
-- and numbers of an opinion linked to their question. The opinion keeps its text otherwise, its
-- outcome and the category of who raised it; this records when it was masked.
ALTER TABLE meeting_opinions ADD COLUMN personal_data_erased_at timestamptz;
CREATE INDEX meeting_opinions_held_idx ON meeting_opinions (campaign_id) WHERE personal_data_erased_at IS NULL;
