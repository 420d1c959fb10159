-- The earlier edition of an open day a campaign is compared with (the statistical summary's change
-- against an earlier campaign): set by the organizer, null when there is none. It must be earlier,
-- which the service checks (open day before this one's), so the link never forms a cycle.
ALTER TABLE campaigns
  ADD COLUMN previous_campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
  ADD CONSTRAINT campaigns_previous_not_self CHECK (previous_campaign_id <> id);
CREATE INDEX campaigns_previous_campaign_idx ON campaigns (previous_campaign_id) WHERE previous_campaign_id IS NOT NULL;
