-- Imports while they run, and those refused, for an hour after: any instance answers the poll of
-- an import that another instance (or the command line) is running. Written outside the import's
-- own transaction, which lands whole or not at all, so the progress shows while the rows are
-- being written; the rows themselves reach their tables, and the imports table, only when that
-- transaction commits. A running import's row is refreshed every few seconds: one that stops being
-- refreshed belonged to a process that stopped, and nothing of it landed.
CREATE TABLE import_progress (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  state text NOT NULL CHECK (state IN ('running', 'completed', 'rejected')),
  -- The import as GET /imports/{id} answers it (phase, bytes and rows read, the bad rows …).
  progress jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_progress_updated_idx ON import_progress (updated_at);
