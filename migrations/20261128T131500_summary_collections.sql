-- The photos a unit chooses for its summary (shown after section 六), and the collection of
-- summaries (总结汇编) of a campaign: produced by a background job, its progress kept here so that
-- any instance answers a poll, the document kept in the database in parts so that any instance
-- serves it and no instance holds it whole in memory.

ALTER TABLE photos ADD COLUMN in_summary boolean NOT NULL DEFAULT false;
CREATE INDEX photos_in_summary_idx ON photos (campaign_id, unit_id, created_at, id) WHERE in_summary;

CREATE TABLE summary_collections (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('docx', 'pdf')),
  language text NOT NULL CHECK (language IN ('zh-CN', 'en-US')),
  -- queued → running → completed, or failed with the error.
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'completed', 'failed')),
  -- Progress: approved summaries written so far, out of those of the campaign.
  units_done integer NOT NULL DEFAULT 0 CHECK (units_done >= 0),
  units_total integer NOT NULL DEFAULT 0 CHECK (units_total >= 0),
  error text,
  -- The job that produces it (no foreign key: finished jobs are pruned, the collection stays).
  job_id uuid,
  file_name text,
  bytes bigint,
  pages integer,
  published_at timestamptz,
  published_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX summary_collections_campaign_idx ON summary_collections (campaign_id, created_at DESC);
CREATE INDEX summary_collections_published_idx ON summary_collections (campaign_id, published_at DESC)
  WHERE published_at IS NOT NULL;

-- The document in parts of about 1 MiB, in order: written as it is produced, read back the same way.
CREATE TABLE summary_collection_parts (
  collection_id uuid NOT NULL REFERENCES summary_collections (id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 0),
  data bytea NOT NULL,
  PRIMARY KEY (collection_id, seq)
);
