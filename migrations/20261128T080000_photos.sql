-- Photos of the day (banners, desks, crowds) a unit keeps for its summary. The image is stored
-- resized and without metadata, in the row itself: a photo is written in the same transaction as
-- its audit entry, every instance over one PostgreSQL server sees it, and backups carry it.
CREATE TABLE photos (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('banner', 'desk', 'crowd', 'other')),
  caption text CHECK (length(caption) BETWEEN 1 AND 500),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes integer NOT NULL CHECK (bytes > 0),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  image bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);

CREATE INDEX photos_unit_idx ON photos (campaign_id, unit_id, created_at DESC, id DESC);
