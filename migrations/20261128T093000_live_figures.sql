-- Live figures: counts of consultations and cases kept up to date by the statements that change
-- the records, so that the dashboard and the statistics read a few rows instead of counting
-- millions. A count is the sum of its rows in live_figures (figure_counts, folded, plus
-- figure_deltas, not yet folded), per campaign, scope, figure and key:
--   scope  a unit's id (the unit's own records) or a region path ('/', '/21/', '/21/2101/': the
--          records of every unit in that region's subtree);
--   figure what is counted, e.g. 'all.people' (people received: distinct visits),
--          'topic.consultations' (questions per topic), 'cases.open_due' (open cases per due date);
--   key    the group within the figure ('' when there is none; a NULL topic or outcome is '').
-- Statement-level triggers with transition tables append one delta per statement (a group-
-- committed batch of intake is one statement) to figure_deltas, in the same transaction as the
-- records, so the figures always equal a direct count over them (statistics/verify checks that).
-- Appending never waits for another writer, where updating a campaign's few shared rows would
-- make every batch wait for the one before; about every second a fold moves the deltas into
-- figure_counts, one row per count.

CREATE TABLE figure_counts (
  campaign_id uuid NOT NULL,
  scope text NOT NULL,
  figure text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (campaign_id, scope, figure, key)
)
-- Each fold updates the same rows: room on each page for their new versions.
WITH (fillfactor = 50);
-- One figure of every unit, read from the index alone: the dashboard's busiest units, the
-- statistics' rows. (The count in it makes the fold's updates non-HOT; the fold is one writer.)
CREATE INDEX figure_counts_figure_idx ON figure_counts (campaign_id, figure, key, scope) INCLUDE (n);

CREATE TABLE figure_deltas (
  campaign_id uuid NOT NULL,
  scope text NOT NULL,
  figure text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL
)
-- Rows live about a second: vacuum often rather than after a fifth of the table is dead.
WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0);
CREATE INDEX figure_deltas_scope_idx ON figure_deltas (campaign_id, scope);

CREATE VIEW live_figures AS
  SELECT campaign_id, scope, figure, key, n FROM figure_counts
  UNION ALL
  SELECT campaign_id, scope, figure, key, n FROM figure_deltas;

-- Moves every delta visible now into figure_counts, in one statement: a reader sees each delta
-- either still in figure_deltas or already in figure_counts, never both nor neither. One fold at
-- a time (the others return at once); returns the counts changed.
CREATE FUNCTION openday_fold_figures() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  changed bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('openday_fold_figures')) THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM figure_deltas RETURNING campaign_id, scope, figure, key, n
  )
  INSERT INTO figure_counts AS f (campaign_id, scope, figure, key, n)
  SELECT campaign_id, scope, figure, key, sum(n) FROM moved
  GROUP BY campaign_id, scope, figure, key HAVING sum(n) <> 0
  ORDER BY campaign_id, scope, figure, key
  ON CONFLICT (campaign_id, scope, figure, key) DO UPDATE SET n = f.n + excluded.n;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;

-- A case counts as transferred once any transfer happened, wherever it is now.
ALTER TABLE cases ADD COLUMN was_transferred boolean NOT NULL DEFAULT false;
UPDATE cases k SET was_transferred = true
WHERE EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transferred');

CREATE FUNCTION openday_mark_transferred() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases k SET was_transferred = true
  FROM (SELECT DISTINCT case_id FROM inserted_events WHERE kind = 'transferred') e
  WHERE k.id = e.case_id AND NOT k.was_transferred;
  RETURN NULL;
END $$;
-- Only inserts: case events are never changed.
CREATE TRIGGER case_events_mark_transferred AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS inserted_events
  FOR EACH STATEMENT EXECUTE FUNCTION openday_mark_transferred();

-- '/21/2101/' → '/', '/21/', '/21/2101/': the region scopes a unit's records count in.
CREATE FUNCTION openday_path_scopes(path text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(path, 1, i) FROM generate_series(1, length(path)) AS i WHERE substr(path, i, 1) = '/'
$$;

-- The statement that adds the change from the rows in `before_rows` to those in `after_rows`
-- (both with the columns of a consultation) to the figures. People are distinct visits: for each
-- visit touched, all its rows are read before and after, so a person counts once per group
-- whatever the statement did.
CREATE FUNCTION openday_consultation_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas')
RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH visits AS (
      SELECT visit_id FROM %1$s nv UNION SELECT visit_id FROM %2$s ov
    ), after AS (
      SELECT c.id, c.campaign_id, c.unit_id, c.visit_id, c.occurred_at, c.channel, c.topic, c.question,
        c.outcome, c.rating
      -- An array, so that the visits are looked up by index whatever the planner guesses of the
      -- transition table's size.
      FROM consultations c WHERE c.visit_id = ANY (ARRAY(SELECT visit_id FROM visits))
    ), before AS (
      SELECT a.* FROM after a WHERE NOT EXISTS (SELECT 1 FROM %1$s n WHERE n.id = a.id)
      UNION ALL
      SELECT o.id, o.campaign_id, o.unit_id, o.visit_id, o.occurred_at, o.channel, o.topic, o.question,
        o.outcome, o.rating
      FROM %2$s o
    ), signed AS (
      SELECT 1 AS sign, * FROM after UNION ALL SELECT -1, * FROM before
    ), grouped AS (
      SELECT s.sign, s.campaign_id, s.unit_id, s.visit_id, s.question IS NOT NULL AS asked, d.dim, d.key
      FROM signed s CROSS JOIN LATERAL (VALUES
        ('all', ''),
        ('hour', to_char(s.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:00')),
        ('topic', coalesce(s.topic, '')),
        ('channel', s.channel),
        ('outcome', coalesce(s.outcome, ''))
      ) AS d (dim, key)
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
      FROM signed WHERE rating IS NOT NULL GROUP BY campaign_id, unit_id, rating
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

-- The same for cases, counted at the unit responsible now. Every figure of a case is its own row's,
-- so the change is the new rows' figures minus the old rows'. Open cases are counted per due date,
-- so that overdue (due before today) is exact on any day; reply times per number of working days.
CREATE FUNCTION openday_case_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas',
  only_figure text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.status, n.due_on, n.clock_start_on, n.replied_at,
        n.rating, n.was_transferred
      FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.status, o.due_on, o.clock_start_on, o.replied_at,
        o.rating, o.was_transferred
      FROM %2$s o
    ), deltas AS (
      SELECT s.campaign_id, s.unit_id, f.figure, f.key, sum(s.sign) AS n
      FROM signed s
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
  $q$, new_rows, old_rows, target, only_figure)
$f$;

-- The triggers: for each table and each of INSERT, UPDATE and DELETE, a function whose body is
-- the delta statement above written out for that case (the statement's rows before in old_rows,
-- after in new_rows, an empty set for the side an INSERT or a DELETE does not have), so that the
-- statement is planned once per connection rather than on every call.
DO $$
DECLARE
  t text;
  op text;
  none text;
  body text;
BEGIN
  FOREACH t IN ARRAY ARRAY['consultations', 'cases'] LOOP
    none := format('(SELECT * FROM %I WHERE false)', t);
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      body := CASE t
        WHEN 'consultations' THEN openday_consultation_delta_sql(
          CASE WHEN op = 'delete' THEN none ELSE 'new_rows' END, CASE WHEN op = 'insert' THEN none ELSE 'old_rows' END)
        ELSE openday_case_delta_sql(
          CASE WHEN op = 'delete' THEN none ELSE 'new_rows' END, CASE WHEN op = 'insert' THEN none ELSE 'old_rows' END)
      END;
      EXECUTE format('CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
        format('openday_%s_%s_figures', t, op), format('BEGIN %s; RETURN NULL; END', body));
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        format('%s_figures_%s', t, op), upper(op), t,
        CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
          ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        format('openday_%s_%s_figures', t, op));
    END LOOP;
  END LOOP;
END $$;

-- Counts a campaign's figures again from its records: after a bulk load that bypassed the
-- triggers (session_replication_role = replica), or to repair. Writers of the records wait
-- meanwhile, so that no change is counted twice or not at all. Returns the counts written.
CREATE FUNCTION openday_rebuild_figures(campaign uuid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  written bigint;
BEGIN
  LOCK TABLE consultations, cases IN SHARE MODE;
  DELETE FROM figure_deltas WHERE campaign_id = campaign;
  DELETE FROM figure_counts WHERE campaign_id = campaign;
  EXECUTE openday_consultation_delta_sql(
    format('(SELECT * FROM consultations WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM consultations WHERE false)', 'figure_counts');
  EXECUTE openday_case_delta_sql(
    format('(SELECT * FROM cases WHERE campaign_id = %L)', campaign),
    '(SELECT * FROM cases WHERE false)', 'figure_counts');
  SELECT count(*) INTO written FROM figure_counts WHERE campaign_id = campaign;
  RETURN written;
END $$;

-- Reply times count working days on the calendar as it is now: a change to the calendar counts
-- the replied cases' reply times again (open cases' due dates are recomputed by the calendar
-- service, whose updates go through the case triggers).
CREATE FUNCTION openday_calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE cases IN SHARE MODE;
  DELETE FROM figure_deltas WHERE figure = 'cases.reply_days';
  DELETE FROM figure_counts WHERE figure = 'cases.reply_days';
  EXECUTE openday_case_delta_sql(
    '(SELECT * FROM cases WHERE status IN (''replied'', ''closed''))',
    '(SELECT * FROM cases WHERE false)',
    'figure_counts',
    'cases.reply_days');
  RETURN NULL;
END $$;
CREATE TRIGGER holidays_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays
  FOR EACH STATEMENT EXECUTE FUNCTION openday_calendar_changed();

-- Only the records of a campaign's units count. A unit joining a campaign brings the records it
-- already has there; a unit leaving takes its counts out of every region above it.
CREATE FUNCTION openday_campaign_units_joined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE consultations, cases IN SHARE MODE;
  EXECUTE openday_consultation_delta_sql(
    '(SELECT c.* FROM consultations c JOIN joined j ON j.campaign_id = c.campaign_id AND j.unit_id = c.unit_id)',
    '(SELECT * FROM consultations WHERE false)');
  EXECUTE openday_case_delta_sql(
    '(SELECT k.* FROM cases k JOIN joined j ON j.campaign_id = k.campaign_id AND j.unit_id = k.unit_id)',
    '(SELECT * FROM cases WHERE false)');
  RETURN NULL;
END $$;
CREATE TRIGGER campaign_units_figures_joined AFTER INSERT ON campaign_units
  REFERENCING NEW TABLE AS joined FOR EACH STATEMENT EXECUTE FUNCTION openday_campaign_units_joined();

CREATE FUNCTION openday_campaign_units_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE consultations, cases IN SHARE MODE;
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
CREATE TRIGGER campaign_units_figures_left AFTER DELETE ON campaign_units
  REFERENCING OLD TABLE AS left_units FOR EACH STATEMENT EXECUTE FUNCTION openday_campaign_units_left();

-- A unit moved to another region moves its figures with it.
CREATE FUNCTION openday_unit_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM openday_rebuild_figures(cu.campaign_id)
  FROM campaign_units cu
  WHERE cu.unit_id IN (SELECT n.id FROM moved_new n JOIN moved_old o ON o.id = n.id WHERE n.region_path <> o.region_path);
  RETURN NULL;
END $$;
CREATE TRIGGER units_figures_moved AFTER UPDATE ON units
  REFERENCING OLD TABLE AS moved_old NEW TABLE AS moved_new
  FOR EACH STATEMENT EXECUTE FUNCTION openday_unit_moved();

-- Figures of the records already there.
SELECT openday_rebuild_figures(id) FROM campaigns;
