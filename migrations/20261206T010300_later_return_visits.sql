-- A return visit (回访) on a later question's case (ADR 28) is counted apart like the later
-- question itself: 'later.return_visits' (key 'reached' / 'not_reached'), never in the day's
-- return visits or their ratings. The flag is the case's, copied when the visit is recorded and
-- never changed afterwards, so that the statement triggers need no join (and a deleted case's
-- visits are still counted off the figure they were counted in).
ALTER TABLE return_visits ADD COLUMN later boolean NOT NULL DEFAULT false;

CREATE FUNCTION openday_return_visit_later() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.later := coalesce((SELECT k.later FROM cases k WHERE k.id = NEW.case_id), false);
  ELSE
    NEW.later := OLD.later;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER return_visits_later BEFORE INSERT OR UPDATE ON return_visits
  FOR EACH ROW EXECUTE FUNCTION openday_return_visit_later();

CREATE OR REPLACE FUNCTION openday_return_visit_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas')
RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.reached, n.rating, n.later FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.reached, o.rating, o.later FROM %2$s o
    ), deltas AS (
      SELECT s.campaign_id, s.unit_id, f.figure, f.key, sum(s.sign) AS n
      FROM signed s
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN s.later THEN 'later.return_visits' ELSE 'return_visits' END,
          CASE WHEN s.reached THEN 'reached' ELSE 'not_reached' END),
        (CASE WHEN s.rating IS NOT NULL AND NOT s.later THEN 'return_visits.rating' END, s.rating)
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

-- The trigger functions hold the delta statement written out: write them again.
DO $$
DECLARE
  op text;
  none text := '(SELECT * FROM return_visits WHERE false)';
BEGIN
  FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
    EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
      format('openday_return_visits_%s_figures', op),
      format('BEGIN %s; RETURN NULL; END', openday_return_visit_delta_sql(
        CASE WHEN op = 'delete' THEN none ELSE 'new_rows' END, CASE WHEN op = 'insert' THEN none ELSE 'old_rows' END)));
  END LOOP;
END $$;

-- Visits already recorded on later cases are flagged now (the row trigger, which keeps the flag
-- as it was, is off for this one statement); the statement triggers move their figures to 'later.*'.
ALTER TABLE return_visits DISABLE TRIGGER return_visits_later;
UPDATE return_visits v SET later = true FROM cases k WHERE k.id = v.case_id AND k.later AND NOT v.later;
ALTER TABLE return_visits ENABLE TRIGGER return_visits_later;
