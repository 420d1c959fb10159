-- Channel points (渠道点): a unit's hotlines (热线) and mailboxes (意见箱) of a campaign, each with where
-- it is: a village or community of the region tree under the unit's region, an address, a number (ADR 30).
CREATE TABLE channel_points (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('hotline', 'mailbox')),
  name text NOT NULL,
  name_en text,
  region_id uuid REFERENCES regions (id),
  address text,
  number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, unit_id, name)
);
CREATE INDEX channel_points_unit_idx ON channel_points (campaign_id, unit_id);

-- The hotline or mailbox a consultation came through.
ALTER TABLE consultations ADD COLUMN channel_point_id uuid REFERENCES channel_points (id);
CREATE INDEX consultations_channel_point_idx ON consultations (channel_point_id) WHERE channel_point_id IS NOT NULL;

-- The village or community a publicity item was put up in.
ALTER TABLE publicity_items ADD COLUMN region_id uuid REFERENCES regions (id);
