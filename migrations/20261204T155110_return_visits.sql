-- 回访: a responder or organizer calls the citizen back about a case's reply and records the call:
-- the day, whether the citizen was reached, and the rating and words they gave. A poor rating
-- reopens the case as the citizen's own rating does; the ratings are counted apart from those the
-- citizen gave by tracking code ('return_visits.rating', never 'cases.rating').
CREATE TABLE return_visits (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- The unit responsible for the case at the call: its figures count the call.
  unit_id uuid NOT NULL REFERENCES units (id),
  visited_on date NOT NULL,
  reached boolean NOT NULL,
  rating text CHECK (rating IN ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
  words text,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A citizen not reached gave no rating.
  CHECK (reached OR rating IS NULL)
);
CREATE INDEX return_visits_case_idx ON return_visits (case_id, created_at);
CREATE INDEX return_visits_campaign_idx ON return_visits (campaign_id, unit_id);

ALTER TABLE case_events DROP CONSTRAINT IF EXISTS case_events_kind_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_kind_check CHECK (kind IN ('opened', 'transferred', 'extended',
  'replied', 'closed', 'rated', 'reopened', 'published', 'due_recomputed', 'return_visit'));

-- The figures of return visits, as for consultations and cases (ADR 10): calls per reached or not
-- ('return_visits', key 'reached' / 'not_reached') and their ratings ('return_visits.rating').
CREATE FUNCTION openday_return_visit_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas')
RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.reached, n.rating FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.reached, o.rating FROM %2$s o
    ), deltas AS (
      SELECT s.campaign_id, s.unit_id, f.figure, f.key, sum(s.sign) AS n
      FROM signed s
      CROSS JOIN LATERAL (VALUES
        ('return_visits', CASE WHEN s.reached THEN 'reached' ELSE 'not_reached' END),
        (CASE WHEN s.rating IS NOT NULL THEN 'return_visits.rating' END, s.rating)
      ) AS f (figure, key)
      WHERE f.figure IS NOT NULL
      GROUP BY s.campaign_id, s.unit_id, f.figure, f.key
    )
    INSERT INTO %3$I (campaign_id, scope, figure, key, n)
    SELECT d.campaign_id, s.scope, d.figure, d.key, sum(d.n)
    FROM deltas d
    JOIN campaign_units cu ON cu.campaign_id = d.campaign_id AND cu.unit_id = d.unit_id
    JOIN units u ON u.id = d.unit_id
    CROSS JOIN LATERAL (
      SELECT d.unit_id::text AS scope UNION ALL SELECT openday_path_scopes(u.region_path)
    ) s
    WHERE d.n <> 0
    GROUP BY d.campaign_id, s.scope, d.figure, d.key
  $q$, new_rows, old_rows, target)
$f$;

DO $$
DECLARE
  op text;
  none text := '(SELECT * FROM return_visits WHERE false)';
BEGIN
  FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
    EXECUTE format('CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
      format('openday_return_visits_%s_figures', op),
      format('BEGIN %s; RETURN NULL; END', openday_return_visit_delta_sql(
        CASE WHEN op = 'delete' THEN none ELSE 'new_rows' END, CASE WHEN op = 'insert' THEN none ELSE 'old_rows' END)));
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON return_visits REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      format('return_visits_figures_%s', op), upper(op),
      CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
        ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      format('openday_return_visits_%s_figures', op));
  END LOOP;
END $$;

-- Rebuilding and a unit joining a campaign count return visits too.
CREATE OR REPLACE FUNCTION openday_rebuild_figures(campaign uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  LOCK TABLE consultations, cases, return_visits IN SHARE MODE;
  DELETE FROM figure_deltas WHERE campaign_id = campaign;
  DELETE FROM figure_counts WHERE campaign_id = campaign;
  EXECUTE openday_consultation_delta_sql(
    format('(SELECT * FROM consultations WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM consultations WHERE false)', 'figure_counts');
  EXECUTE openday_case_delta_sql(
    format('(SELECT * FROM cases WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM cases WHERE false)', 'figure_counts');
  EXECUTE openday_return_visit_delta_sql(
    format('(SELECT * FROM return_visits WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM return_visits WHERE false)', 'figure_counts');
  SELECT count(*) INTO written FROM figure_counts WHERE campaign_id = campaign;
  RETURN written;
END $$;

CREATE OR REPLACE FUNCTION openday_campaign_units_joined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE consultations, cases, return_visits IN SHARE MODE;
  EXECUTE openday_consultation_delta_sql(
    '(SELECT c.* FROM consultations c JOIN joined j ON j.campaign_id = c.campaign_id AND j.unit_id = c.unit_id)',
    '(SELECT * FROM consultations WHERE false)');
  EXECUTE openday_case_delta_sql(
    '(SELECT k.* FROM cases k JOIN joined j ON j.campaign_id = k.campaign_id AND j.unit_id = k.unit_id)',
    '(SELECT * FROM cases WHERE false)');
  EXECUTE openday_return_visit_delta_sql(
    '(SELECT v.* FROM return_visits v JOIN joined j ON j.campaign_id = v.campaign_id AND j.unit_id = v.unit_id)',
    '(SELECT * FROM return_visits WHERE false)');
  RETURN NULL;
END $$;
