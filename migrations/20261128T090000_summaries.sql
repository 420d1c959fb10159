-- Unit summaries (活动总结): the generated document, the unit's own paragraphs and the review.
-- unit_summaries (jobs_and_notifications) keeps its key and status, which the summary-owed
-- reminders read; every generation or edit is kept as a version.

ALTER TABLE unit_summaries
  ADD COLUMN current_version integer NOT NULL DEFAULT 0,
  ADD COLUMN review_comment text,
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN reviewed_by uuid REFERENCES users (id),
  ADD COLUMN approved_at timestamptz;

CREATE TABLE unit_summary_versions (
  campaign_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  -- generated: the figures were (re)computed; edited: the unit's own paragraphs changed.
  kind text NOT NULL CHECK (kind IN ('generated', 'edited')),
  -- The document in both languages, without the unit's own paragraphs (section 六 and remarks).
  document jsonb NOT NULL,
  -- Every figure of the document by key, to show what changed between versions.
  figures jsonb NOT NULL,
  -- The unit's own paragraphs: { nextSteps, remarks }, kept across regenerations.
  own_text jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (campaign_id, unit_id, version),
  FOREIGN KEY (campaign_id, unit_id) REFERENCES unit_summaries (campaign_id, unit_id) ON DELETE CASCADE
);
