-- Meetings with outcomes: more kinds (部署会, 听证会, 启动仪式 besides 筹备会 and 座谈会; the stored
-- values stay valid), the chair, the number of participants with how many came from each category
-- (a JSON object category -> count; the count is at least the sum of the categories), English
-- forms of the title and the place for the English summary, and the opinions raised (意见建议),
-- each a record of its own with what became of it.
ALTER TABLE meetings DROP CONSTRAINT IF EXISTS meetings_kind_check;
ALTER TABLE meetings ADD CONSTRAINT meetings_kind_check
  CHECK (kind IN ('preparation', 'deployment', 'symposium', 'hearing', 'launch_ceremony'));
ALTER TABLE meetings ADD COLUMN title_en text;
ALTER TABLE meetings ADD COLUMN location_en text;
ALTER TABLE meetings ADD COLUMN chair text;
ALTER TABLE meetings ADD COLUMN participant_count integer CHECK (participant_count >= 0);
ALTER TABLE meetings ADD COLUMN participant_categories jsonb NOT NULL DEFAULT '{}'::jsonb
  CHECK (jsonb_typeof(participant_categories) = 'object');

CREATE TABLE meeting_opinions (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  text text NOT NULL,
  raised_by text CHECK (raised_by IN ('deputies', 'cppcc_members', 'media', 'residents', 'enterprises', 'staff')),
  outcome text NOT NULL
    CHECK (outcome IN ('answered_on_spot', 'transferred', 'adopted', 'under_study', 'noted')),
  -- What was answered or done, as the minutes say.
  response text NOT NULL DEFAULT '',
  -- The case the opinion was transferred as (a case of the same campaign).
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
  consultation_id uuid REFERENCES consultations (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (case_id IS NULL OR outcome = 'transferred')
);
CREATE INDEX meeting_opinions_meeting_idx ON meeting_opinions (meeting_id, created_at);
CREATE INDEX meeting_opinions_campaign_idx ON meeting_opinions (campaign_id);
