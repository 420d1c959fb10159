-- A case held by a unit that does not take part in the campaign (a partner unit at a joint desk,
-- ADR 24: the Heating Office's heating companies) counts in the figures of the unit whose
-- consultation it is, so that every case of the campaign counts once in its totals and the rows of
-- the participating units add up to them (ADR 36). A case held by a participating unit counts
-- there, as before. Return visits follow their case: at the unit that made the call when it takes
-- part, else at the case's origin.

-- The unit whose consultation the case is (the consultation's unit), kept on the case so that the
-- figures can take a case out where it counted even when its consultation is deleted with it.
ALTER TABLE cases ADD COLUMN origin_unit_id uuid;
UPDATE cases k SET origin_unit_id = c.unit_id FROM consultations c WHERE c.id = k.consultation_id;
ALTER TABLE cases ALTER COLUMN origin_unit_id SET NOT NULL;

ALTER TABLE return_visits ADD COLUMN origin_unit_id uuid;
UPDATE return_visits v SET origin_unit_id = k.origin_unit_id FROM cases k WHERE k.id = v.case_id;
ALTER TABLE return_visits ALTER COLUMN origin_unit_id SET NOT NULL;

-- Set by the database when the writer leaves it out: a case's from its consultation (intake, which
-- inserts both in one statement, gives it), a return visit's from its case; a consultation moved
-- to another unit moves the origin of its case and of the case's return visits.
CREATE FUNCTION openday_case_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.origin_unit_id IS NULL OR TG_OP = 'UPDATE' THEN
    SELECT c.unit_id INTO NEW.origin_unit_id FROM consultations c WHERE c.id = NEW.consultation_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_origin BEFORE INSERT OR UPDATE OF consultation_id ON cases
  FOR EACH ROW EXECUTE FUNCTION openday_case_origin();

CREATE FUNCTION openday_return_visit_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT k.origin_unit_id INTO NEW.origin_unit_id FROM cases k WHERE k.id = NEW.case_id;
  RETURN NEW;
END $$;
CREATE TRIGGER return_visits_origin BEFORE INSERT OR UPDATE OF case_id ON return_visits
  FOR EACH ROW EXECUTE FUNCTION openday_return_visit_origin();

CREATE FUNCTION openday_consultation_unit_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET origin_unit_id = NEW.unit_id WHERE consultation_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER consultations_case_origin AFTER UPDATE OF unit_id ON consultations
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id) EXECUTE FUNCTION openday_consultation_unit_moved();

CREATE FUNCTION openday_case_origin_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE return_visits SET origin_unit_id = NEW.origin_unit_id WHERE case_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_return_visit_origin AFTER UPDATE OF origin_unit_id ON cases
  FOR EACH ROW WHEN (OLD.origin_unit_id IS DISTINCT FROM NEW.origin_unit_id)
  EXECUTE FUNCTION openday_case_origin_moved();

-- The delta statements take the campaigns' participants as a relation (`members`: campaign_units
-- by default), so that a unit joining or leaving can count its cases as they counted before the
-- change and as they count after it.
DROP FUNCTION openday_case_delta_sql(text, text, text, text);
CREATE FUNCTION openday_case_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas',
  only_figure text DEFAULT NULL, members text DEFAULT 'campaign_units') RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.origin_unit_id, n.status, n.due_on, n.clock_start_on,
        n.replied_at, n.rating, n.was_transferred, n.later
      FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.origin_unit_id, o.status, o.due_on, o.clock_start_on,
        o.replied_at, o.rating, o.was_transferred, o.later
      FROM %2$s o
    ), counted AS (
      -- At the unit responsible now when it takes part, else at the unit whose consultation it is.
      SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM %5$s m WHERE m.campaign_id = s.campaign_id AND m.unit_id = s.unit_id)
        THEN s.unit_id ELSE s.origin_unit_id END AS at_unit
      FROM signed s
    ), deltas AS (
      SELECT s.campaign_id, s.at_unit AS unit_id,
        CASE WHEN s.later THEN 'later.' || f.figure ELSE f.figure END AS figure, f.key, sum(s.sign) AS n
      FROM counted s
      CROSS JOIN LATERAL (SELECT (s.replied_at AT TIME ZONE 'Asia/Shanghai')::date AS day) r
      CROSS JOIN LATERAL (VALUES
        ('cases', ''),
        (CASE WHEN s.was_transferred THEN 'cases.transferred' END, ''),
        (CASE WHEN s.status IN ('open', 'transferred', 'reopened') THEN 'cases.open_due' END, s.due_on::text),
        (CASE WHEN s.status IN ('replied', 'closed') THEN 'cases.replied' END, ''),
        (CASE WHEN s.status IN ('replied', 'closed') AND r.day <= s.due_on THEN 'cases.replied_on_time' END, ''),
        (CASE WHEN s.status IN ('replied', 'closed') THEN 'cases.reply_days' END,
          CASE WHEN s.status IN ('replied', 'closed')
            THEN openday_working_days_between(s.clock_start_on, r.day)::text END),
        (CASE WHEN s.rating IS NOT NULL THEN 'cases.rating' END, s.rating)
      ) AS f (figure, key)
      WHERE f.figure IS NOT NULL AND (%4$L::text IS NULL OR f.figure = %4$L::text)
        AND (NOT s.later OR f.figure IN ('cases', 'cases.replied'))
      GROUP BY s.campaign_id, s.at_unit, 3, f.key
    )
    INSERT INTO %3$I (campaign_id, scope, figure, key, n)
    SELECT d.campaign_id, s.scope, d.figure, d.key, sum(d.n)
    FROM deltas d
    JOIN %5$s cu ON cu.campaign_id = d.campaign_id AND cu.unit_id = d.unit_id
    JOIN units u ON u.id = d.unit_id
    CROSS JOIN LATERAL (
      SELECT d.unit_id::text AS scope UNION ALL SELECT openday_path_scopes(u.region_path)
    ) s
    WHERE d.n <> 0
    GROUP BY d.campaign_id, s.scope, d.figure, d.key
  $q$, new_rows, old_rows, target, only_figure, members)
$f$;

DROP FUNCTION openday_return_visit_delta_sql(text, text, text);
CREATE FUNCTION openday_return_visit_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas',
  members text DEFAULT 'campaign_units') RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.origin_unit_id, n.reached, n.rating, n.later FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.origin_unit_id, o.reached, o.rating, o.later FROM %2$s o
    ), counted AS (
      -- At the unit that made the call when it takes part, else at the unit whose consultation it is.
      SELECT s.*, CASE WHEN EXISTS (SELECT 1 FROM %4$s m WHERE m.campaign_id = s.campaign_id AND m.unit_id = s.unit_id)
        THEN s.unit_id ELSE s.origin_unit_id END AS at_unit
      FROM signed s
    ), deltas AS (
      SELECT s.campaign_id, s.at_unit AS unit_id, f.figure, f.key, sum(s.sign) AS n
      FROM counted s
      -- A return visit on a later question's case counts apart (later.return_visits), unrated.
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN s.later THEN 'later.return_visits' ELSE 'return_visits' END,
          CASE WHEN s.reached THEN 'reached' ELSE 'not_reached' END),
        (CASE WHEN s.rating IS NOT NULL AND NOT s.later THEN 'return_visits.rating' END, s.rating)
      ) AS f (figure, key)
      WHERE f.figure IS NOT NULL
      GROUP BY s.campaign_id, s.at_unit, f.figure, f.key
    )
    INSERT INTO %3$I (campaign_id, scope, figure, key, n)
    SELECT d.campaign_id, s.scope, d.figure, d.key, sum(d.n)
    FROM deltas d
    JOIN %4$s cu ON cu.campaign_id = d.campaign_id AND cu.unit_id = d.unit_id
    JOIN units u ON u.id = d.unit_id
    CROSS JOIN LATERAL (
      SELECT d.unit_id::text AS scope UNION ALL SELECT openday_path_scopes(u.region_path)
    ) s
    WHERE d.n <> 0
    GROUP BY d.campaign_id, s.scope, d.figure, d.key
  $q$, new_rows, old_rows, target, members)
$f$;

-- The trigger functions hold the delta statements written out: write them again.
DO $$
DECLARE
  op text;
  body text;
BEGIN
  FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
    body := openday_case_delta_sql(
      CASE WHEN op = 'delete' THEN '(SELECT * FROM cases WHERE false)' ELSE 'new_rows' END,
      CASE WHEN op = 'insert' THEN '(SELECT * FROM cases WHERE false)' ELSE 'old_rows' END);
    EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
      format('openday_cases_%s_figures', op), format('BEGIN %s; RETURN NULL; END', body));
    body := openday_return_visit_delta_sql(
      CASE WHEN op = 'delete' THEN '(SELECT * FROM return_visits WHERE false)' ELSE 'new_rows' END,
      CASE WHEN op = 'insert' THEN '(SELECT * FROM return_visits WHERE false)' ELSE 'old_rows' END);
    EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
      format('openday_return_visits_%s_figures', op), format('BEGIN %s; RETURN NULL; END', body));
  END LOOP;
END $$;

-- A unit joining or leaving a campaign changes where the cases it holds, and the cases of its
-- consultations held by a unit that does not take part, count: those cases (and their return
-- visits) are counted as they count now and taken out as they counted before the change.
CREATE OR REPLACE FUNCTION openday_campaign_units_joined() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cases_touched text := '(SELECT k.* FROM cases k WHERE k.id IN (
    SELECT k.id FROM cases k JOIN joined j ON j.campaign_id = k.campaign_id AND j.unit_id = k.unit_id
    UNION SELECT k.id FROM cases k JOIN joined j ON j.campaign_id = k.campaign_id AND j.unit_id = k.origin_unit_id))';
  visits_touched text := '(SELECT v.* FROM return_visits v WHERE v.id IN (
    SELECT v.id FROM return_visits v JOIN joined j ON j.campaign_id = v.campaign_id AND j.unit_id = v.unit_id
    UNION SELECT v.id FROM return_visits v JOIN joined j ON j.campaign_id = v.campaign_id AND j.unit_id = v.origin_unit_id))';
  members_before text := '(SELECT campaign_id, unit_id FROM campaign_units
    EXCEPT SELECT campaign_id, unit_id FROM joined)';
BEGIN
  LOCK TABLE consultations, cases, return_visits IN SHARE MODE;
  EXECUTE openday_consultation_delta_sql(
    '(SELECT c.* FROM consultations c JOIN joined j ON j.campaign_id = c.campaign_id AND j.unit_id = c.unit_id)',
    '(SELECT * FROM consultations WHERE false)');
  EXECUTE openday_case_delta_sql(cases_touched, '(SELECT * FROM cases WHERE false)');
  EXECUTE openday_case_delta_sql('(SELECT * FROM cases WHERE false)', cases_touched, 'figure_deltas', NULL,
    members_before);
  EXECUTE openday_return_visit_delta_sql(visits_touched, '(SELECT * FROM return_visits WHERE false)');
  EXECUTE openday_return_visit_delta_sql('(SELECT * FROM return_visits WHERE false)', visits_touched,
    'figure_deltas', members_before);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION openday_campaign_units_left() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cases_touched text := '(SELECT k.* FROM cases k WHERE k.id IN (
    SELECT k.id FROM cases k JOIN left_units l ON l.campaign_id = k.campaign_id AND l.unit_id = k.unit_id
    UNION SELECT k.id FROM cases k JOIN left_units l ON l.campaign_id = k.campaign_id AND l.unit_id = k.origin_unit_id))';
  visits_touched text := '(SELECT v.* FROM return_visits v WHERE v.id IN (
    SELECT v.id FROM return_visits v JOIN left_units l ON l.campaign_id = v.campaign_id AND l.unit_id = v.unit_id
    UNION SELECT v.id FROM return_visits v JOIN left_units l
      ON l.campaign_id = v.campaign_id AND l.unit_id = v.origin_unit_id))';
  members_before text := '(SELECT campaign_id, unit_id FROM campaign_units
    UNION SELECT campaign_id, unit_id FROM left_units)';
BEGIN
  LOCK TABLE consultations, cases, return_visits IN SHARE MODE;
  EXECUTE openday_case_delta_sql(cases_touched, '(SELECT * FROM cases WHERE false)');
  EXECUTE openday_case_delta_sql('(SELECT * FROM cases WHERE false)', cases_touched, 'figure_deltas', NULL,
    members_before);
  EXECUTE openday_return_visit_delta_sql(visits_touched, '(SELECT * FROM return_visits WHERE false)');
  EXECUTE openday_return_visit_delta_sql('(SELECT * FROM return_visits WHERE false)', visits_touched,
    'figure_deltas', members_before);
  -- What is left at the units' own scopes (their consultations) leaves every region above them.
  INSERT INTO figure_deltas (campaign_id, scope, figure, key, n)
  SELECT c.campaign_id, s.scope, c.figure, c.key, -sum(c.n)
  FROM live_figures c
  JOIN left_units l ON l.campaign_id = c.campaign_id AND l.unit_id::text = c.scope
  JOIN units u ON u.id = l.unit_id
  CROSS JOIN LATERAL openday_path_scopes(u.region_path) AS s (scope)
  GROUP BY c.campaign_id, s.scope, c.figure, c.key
  HAVING sum(c.n) <> 0;
  DELETE FROM figure_deltas c USING left_units l WHERE l.campaign_id = c.campaign_id AND l.unit_id::text = c.scope;
  DELETE FROM figure_counts c USING left_units l WHERE l.campaign_id = c.campaign_id AND l.unit_id::text = c.scope;
  RETURN NULL;
END $$;

-- Figures of the records already there.
SELECT openday_rebuild_figures(id) FROM campaigns;
