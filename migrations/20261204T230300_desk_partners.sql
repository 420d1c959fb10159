-- 联合设台: a desk run with partner organisations. A partner is entered once per campaign (ADR 24):
-- either a unit (a sub-unit of a participating unit, such as a heating company under the Heating
-- Office) or an outside organisation with no account of its own. unit_id is the unit whose admin
-- entered it (the policy's scope and the audit's unit); partner_unit_id the unit the partner is.
CREATE TABLE partners (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  partner_unit_id uuid REFERENCES units (id),
  name text NOT NULL,
  name_en text,
  kind text NOT NULL CHECK (kind IN ('government_agency', 'public_institution', 'enterprise', 'social_organisation', 'other')),
  contact text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, name)
);
CREATE UNIQUE INDEX partners_campaign_unit_idx ON partners (campaign_id, partner_unit_id)
  WHERE partner_unit_id IS NOT NULL;

-- Which partners sit at which desk. A partner named at a desk stays while it is named there.
CREATE TABLE desk_partners (
  desk_id uuid NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id),
  campaign_id uuid NOT NULL,
  PRIMARY KEY (desk_id, partner_id)
);
CREATE INDEX desk_partners_partner_idx ON desk_partners (partner_id);

-- The partner whose staff answered the question at the desk.
ALTER TABLE consultations ADD COLUMN partner_id uuid REFERENCES partners (id);
CREATE INDEX consultations_partner_idx ON consultations (campaign_id, unit_id, partner_id)
  WHERE partner_id IS NOT NULL;

-- The cases transferred to a partner unit are counted per partner from their transfers.
CREATE INDEX case_events_transferred_to_idx ON case_events (to_unit_id) WHERE kind = 'transferred';
