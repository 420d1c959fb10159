-- The live figures of a campaign counted again from its records in batches of units, through the
-- deltas, then folded into the counts at once. Counted in one statement, a national campaign's
-- 50,000,000 consultations made every visit of the day a row of a sort five times over (hour,
-- topic, channel, outcome, all) and filled the disk with its temporary files; 200 units' records
-- at a time are a few hundred thousand rows, sorted in memory. No fold runs meanwhile (the fold's
-- own lock is held), and the records cannot change (SHARE locks), so what is folded at the end is
-- exactly the campaign's figures.
--
-- A batch's consultations are counted as they are (old_rows NULL below): every consultation of
-- each visit at each of its units is in the batch, so the machinery that finds the rows before a
-- change (the visits touched, the rows of those visits, the ones not in the change) has nothing to
-- find, and is skipped.
CREATE OR REPLACE FUNCTION openday_consultation_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas')
RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN old_rows IS NULL THEN format($q$
    -- No rows before: new_rows hold every consultation of each visit at each unit they touch (a
    -- campaign's records counted again), so they are the rows after, as they are.
    WITH signed AS (
      SELECT 1 AS sign, c.id, c.campaign_id, c.unit_id, c.visit_id, c.occurred_at, c.channel, c.topic, c.question,
        c.outcome, c.rating, c.later
      FROM %1$s c
    $q$, new_rows) ELSE format($q$
    WITH visits AS (
      SELECT visit_id FROM %1$s nv UNION SELECT visit_id FROM %2$s ov
    ), after AS (
      SELECT c.id, c.campaign_id, c.unit_id, c.visit_id, c.occurred_at, c.channel, c.topic, c.question,
        c.outcome, c.rating, c.later
      -- An array, so that the visits are looked up by index whatever the planner guesses of the
      -- transition table's size.
      FROM consultations c WHERE c.visit_id = ANY (ARRAY(SELECT visit_id FROM visits))
    ), before AS (
      SELECT a.* FROM after a WHERE NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.id = a.id)
      UNION ALL
      SELECT o.id, o.campaign_id, o.unit_id, o.visit_id, o.occurred_at, o.channel, o.topic, o.question,
        o.outcome, o.rating, o.later
      FROM %2$s o
    ), signed AS (
      SELECT 1 AS sign, * FROM after UNION ALL SELECT -1, * FROM before
    $q$, new_rows, old_rows) END || format($q$), grouped AS (
      -- A later question counts only as 'later.people' and 'later.consultations'.
      SELECT s.sign, s.campaign_id, s.unit_id, s.visit_id, s.question IS NOT NULL AS asked, d.dim, d.key
      FROM signed s CROSS JOIN LATERAL (VALUES
        (CASE WHEN s.later THEN 'later' ELSE 'all' END, ''),
        (CASE WHEN NOT s.later THEN 'hour' END, to_char(s.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:00')),
        (CASE WHEN NOT s.later THEN 'topic' END, coalesce(s.topic, '')),
        (CASE WHEN NOT s.later THEN 'channel' END, s.channel),
        (CASE WHEN NOT s.later THEN 'outcome' END, coalesce(s.outcome, ''))
      ) AS d (dim, key)
      WHERE d.dim IS NOT NULL
    ), per_visit AS (
      SELECT campaign_id, unit_id, dim, key,
        max(CASE WHEN sign = 1 THEN 1 ELSE 0 END) - max(CASE WHEN sign = -1 THEN 1 ELSE 0 END) AS people,
        coalesce(sum(sign) FILTER (WHERE asked), 0) AS consultations
      FROM grouped GROUP BY campaign_id, unit_id, dim, key, visit_id
    ), deltas AS (
      SELECT campaign_id, unit_id, dim || '.people' AS figure, key, sum(people) AS n
      FROM per_visit GROUP BY campaign_id, unit_id, dim, key
      UNION ALL
      SELECT campaign_id, unit_id, dim || '.consultations', key, sum(consultations)
      FROM per_visit GROUP BY campaign_id, unit_id, dim, key
      UNION ALL
      SELECT campaign_id, unit_id, 'rating', rating, sum(sign)
      FROM signed WHERE rating IS NOT NULL AND NOT later GROUP BY campaign_id, unit_id, rating
    )
    INSERT INTO %1$I (campaign_id, scope, figure, key, n)
    SELECT d.campaign_id, s.scope, d.figure, d.key, sum(d.n)
    FROM deltas d
    JOIN campaign_units cu ON cu.campaign_id = d.campaign_id AND cu.unit_id = d.unit_id
    JOIN units u ON u.id = d.unit_id
    CROSS JOIN LATERAL (
      SELECT d.unit_id::text AS scope UNION ALL SELECT openday_path_scopes(u.region_path)
    ) s
    WHERE d.n <> 0
    GROUP BY d.campaign_id, s.scope, d.figure, d.key
  $q$, target)
$f$;

CREATE OR REPLACE FUNCTION openday_rebuild_figures(campaign uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
  batch uuid[];
BEGIN
  LOCK TABLE consultations, cases, return_visits IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(hashtext('openday_fold_figures'));
  DELETE FROM figure_deltas WHERE campaign_id = campaign;
  DELETE FROM figure_counts WHERE campaign_id = campaign;
  -- Only the consultations of units taking part count (the delta joins campaign_units).
  FOR batch IN
    SELECT array_agg(unit_id) FROM (
      SELECT unit_id, (row_number() OVER (ORDER BY unit_id) - 1) / 200 AS n
      FROM campaign_units WHERE campaign_id = campaign
    ) u GROUP BY n
  LOOP
    EXECUTE openday_consultation_delta_sql(
      format('(SELECT * FROM consultations WHERE campaign_id = %L AND unit_id = ANY (%L::uuid[]))', campaign, batch),
      NULL);
  END LOOP;
  -- A case counts where it is held or at its origin (ADR 36): all of them at once, a row each.
  EXECUTE openday_case_delta_sql(
    format('(SELECT * FROM cases WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM cases WHERE false)');
  EXECUTE openday_return_visit_delta_sql(
    format('(SELECT * FROM return_visits WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM return_visits WHERE false)');
  WITH moved AS (
    DELETE FROM figure_deltas WHERE campaign_id = campaign RETURNING campaign_id, scope, figure, key, n
  )
  INSERT INTO figure_counts (campaign_id, scope, figure, key, n)
  SELECT campaign_id, scope, figure, key, sum(n) FROM moved
  GROUP BY campaign_id, scope, figure, key HAVING sum(n) <> 0;
  SELECT count(*) INTO written FROM figure_counts WHERE campaign_id = campaign;
  RETURN written;
END $$;
