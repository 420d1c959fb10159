-- Imports of transcribed paper records (consultations, publicity items, materials) from CSV and
-- XLSX files. One row per import that landed: an import lands whole or not at all, so a rejected
-- file leaves nothing here either. The same file (same bytes) or the same rows (same content,
-- whatever the encoding or spreadsheet program) land once per campaign, unit and kind.
CREATE TABLE imports (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('consultations', 'publicity', 'materials')),
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- How a CSV file was written: 'utf-8', 'utf-8-bom' or 'gb18030'; null for XLSX.
  encoding text CHECK (encoding IN ('utf-8', 'utf-8-bom', 'gb18030')),
  file_size bigint NOT NULL CHECK (file_size >= 0),
  -- SHA-256 of the file's bytes, and of its rows as read (hex).
  file_hash text NOT NULL,
  content_hash text NOT NULL,
  rows_read integer NOT NULL CHECK (rows_read >= 0),
  rows_imported integer NOT NULL CHECK (rows_imported >= 0),
  created_by uuid REFERENCES users (id),
  started_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX imports_file_hash_idx ON imports (campaign_id, unit_id, kind, file_hash);
CREATE UNIQUE INDEX imports_content_hash_idx ON imports (campaign_id, unit_id, kind, content_hash);
CREATE INDEX imports_unit_idx ON imports (unit_id, created_at);

-- Exports read a campaign's consultations in time order, page by page (keyset), in constant
-- memory: this index makes each page a range scan instead of a sort of the whole campaign.
CREATE INDEX consultations_campaign_time_idx ON consultations (campaign_id, occurred_at, id);
