-- 公开事项: what a participating unit publishes for its campaign — its functions, service matters
-- and their procedures, the service guide, and phone numbers — shown on the unit's portal page.
CREATE TABLE disclosures (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('functions', 'service_matter', 'service_guide', 'phone')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
  -- Order within the unit's page: lower first, then by title.
  sort integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX disclosures_unit_idx ON disclosures (campaign_id, unit_id, kind, sort);
