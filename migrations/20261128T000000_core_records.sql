-- The core records of an open day. Every table that grows with the day's records carries
-- campaign_id, so that a distributed engine can shard them by campaign later.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 行政区划: province → city → district/county → street/town → community/village.
-- path is the chain of codes from the root ('/210000/211400/211402/'), so a subtree is a prefix.
CREATE TABLE regions (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES regions (id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text,
  level text NOT NULL CHECK (level IN ('province', 'city', 'district', 'street', 'community')),
  path text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent_idx ON regions (parent_id);

-- 参与单位. path is the chain of unit ids from the top unit; region_path is copied from the
-- unit's region so that "units in this region subtree" is one indexed prefix match.
CREATE TABLE units (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  name_en text,
  kind text NOT NULL CHECK (kind IN ('office', 'bureau', 'street', 'town', 'community', 'company', 'other')),
  region_id uuid NOT NULL REFERENCES regions (id),
  parent_id uuid REFERENCES units (id),
  path text NOT NULL UNIQUE,
  region_path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, name)
);
CREATE INDEX units_region_path_idx ON units (region_path text_pattern_ops);
CREATE INDEX units_path_idx ON units (path text_pattern_ops);
CREATE INDEX units_name_idx ON units (name);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en-US')),
  email text,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  role text NOT NULL CHECK (role IN ('organizer', 'unit_admin', 'desk_staff', 'responder')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, unit_id, role)
);
CREATE INDEX memberships_unit_idx ON memberships (unit_id);

-- Sessions are rows, not process memory, so every instance accepts them. Only a hash of the
-- cookie's token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('read', 'write')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);

-- 政务公开日活动
CREATE TABLE campaigns (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  title text NOT NULL,
  title_en text,
  theme text NOT NULL,
  notice text NOT NULL DEFAULT '',
  organizer_unit_id uuid NOT NULL REFERENCES units (id),
  open_day date NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  reply_limit_days integer NOT NULL DEFAULT 15 CHECK (reply_limit_days BETWEEN 1 AND 365),
  summary_due_on date,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= open_day AND open_day <= ends_on)
);

CREATE TABLE campaign_units (
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  invited_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX campaign_units_unit_idx ON campaign_units (unit_id);

-- 活动方案: one per unit and campaign.
CREATE TABLE plans (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  leader_name text,
  leader_title text,
  -- People taking part in the unit's day (the summaries' "25 people took part").
  staff_count integer CHECK (staff_count >= 0),
  issued_on date,
  notes text NOT NULL DEFAULT '',
  filed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, unit_id)
);

CREATE TABLE meetings (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('preparation', 'symposium')),
  held_on date NOT NULL,
  title text NOT NULL,
  location text,
  participants text NOT NULL DEFAULT '',
  decisions text NOT NULL DEFAULT ''
);
CREATE INDEX meetings_plan_idx ON meetings (plan_id);

CREATE TABLE sites (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  name text NOT NULL,
  address text NOT NULL,
  region_id uuid REFERENCES regions (id),
  held_on date NOT NULL,
  opens_at time NOT NULL,
  closes_at time NOT NULL,
  CHECK (opens_at < closes_at)
);
CREATE INDEX sites_plan_idx ON sites (plan_id);

CREATE TABLE desks (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name text NOT NULL,
  topics text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX desks_site_idx ON desks (site_id);
CREATE INDEX desks_plan_idx ON desks (plan_id);

-- Staff on duty at a desk (or for the day when desk_id is null).
CREATE TABLE duty_staff (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  desk_id uuid REFERENCES desks (id) ON DELETE SET NULL,
  name text NOT NULL,
  title text
);
CREATE INDEX duty_staff_plan_idx ON duty_staff (plan_id);

-- 宣传资料: printed items, their print run, and copies handed out per desk.
CREATE TABLE materials (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('leaflet', 'brochure', 'service_guide', 'handbook', 'other')),
  print_run integer CHECK (print_run >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX materials_campaign_unit_idx ON materials (campaign_id, unit_id);

CREATE TABLE material_distributions (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  material_id uuid NOT NULL REFERENCES materials (id) ON DELETE CASCADE,
  desk_id uuid REFERENCES desks (id) ON DELETE SET NULL,
  copies integer NOT NULL CHECK (copies > 0),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users (id)
);
CREATE INDEX material_distributions_material_idx ON material_distributions (material_id);

-- 宣传: banners, panels, LED slogans, posters, newspaper windows, online posts.
CREATE TABLE publicity_items (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES units (id),
  kind text NOT NULL CHECK (kind IN ('banner', 'panel', 'led_slogan', 'poster', 'newspaper_window', 'online_post')),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  text text,
  url text,
  location text,
  shown_from date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);
CREATE INDEX publicity_items_campaign_unit_idx ON publicity_items (campaign_id, unit_id);

-- 咨询登记: one question of one visit. A visit with several questions shares visit_id and is
-- one person received. A visit with no question (a visitor who took leaflets) has question null.
CREATE TABLE consultations (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  unit_id uuid NOT NULL REFERENCES units (id),
  site_id uuid REFERENCES sites (id),
  desk_id uuid REFERENCES desks (id),
  visit_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('on_site', 'hotline', 'mailbox', 'online', 'symposium')),
  topic text,
  question text,
  answer text,
  outcome text CHECK (outcome IN ('answered_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint')),
  rating text CHECK (rating IN ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
  visitor_name text,
  visitor_phone text,
  contact_consent boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  CHECK ((visitor_name IS NULL AND visitor_phone IS NULL) OR contact_consent),
  CHECK (question IS NOT NULL OR outcome IS NULL)
);
CREATE INDEX consultations_campaign_unit_time_idx ON consultations (campaign_id, unit_id, occurred_at);
CREATE INDEX consultations_desk_idx ON consultations (desk_id);
CREATE INDEX consultations_visit_idx ON consultations (visit_id);

-- A retried write with the same Idempotency-Key returns the first answer. The key is scoped to
-- who sent it, and bound to a hash of the request so that a different body under the same key
-- is refused.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Every write, who made it and what changed. Rows are only ever inserted.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_token_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  unit_id uuid,
  campaign_id uuid,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_unit_idx ON audit_log (unit_id, occurred_at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
