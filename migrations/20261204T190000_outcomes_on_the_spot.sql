-- 现场办理 and 领导接待: a service completed at the desk is its own outcome, with what was handled;
-- a consultation may name the staff member on duty who received the visitor, and the plan marks
-- which of its staff on duty are leaders (领导带班), so that "领导现场接待群众N人次" is a figure.
ALTER TABLE consultations DROP CONSTRAINT IF EXISTS consultations_outcome_check;
ALTER TABLE consultations ADD CONSTRAINT consultations_outcome_check
  CHECK (outcome IN ('answered_on_spot', 'handled_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint'));

ALTER TABLE consultations ADD COLUMN handled_matter text;
ALTER TABLE consultations ADD COLUMN received_by uuid REFERENCES duty_staff (id) ON DELETE SET NULL;
-- What was handled belongs to a service handled on the spot only.
ALTER TABLE consultations ADD CONSTRAINT consultations_handled_matter_check
  CHECK (handled_matter IS NULL OR outcome = 'handled_on_spot');
-- Receptions are few: the figure reads them through this index, not the whole campaign's records.
CREATE INDEX consultations_received_by_idx ON consultations (campaign_id, unit_id, received_by)
  WHERE received_by IS NOT NULL;

ALTER TABLE duty_staff ADD COLUMN leader boolean NOT NULL DEFAULT false;
