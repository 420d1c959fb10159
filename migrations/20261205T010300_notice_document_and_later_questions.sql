-- The notice as a document (ADR 28): the issuing office, the document number (辽政办发〔2026〕12号),
-- the notice's title beside its body, and the deadline for the units' plans beside the one for
-- their summaries. Attachments (the plan template, the statistical form) are kept in the database
-- like photos, checked by their bytes before they are stored.
ALTER TABLE campaigns
  ADD COLUMN issuing_office text,
  ADD COLUMN document_number text,
  ADD COLUMN notice_title text,
  ADD COLUMN plans_due_on date;

CREATE TABLE campaign_attachments (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  file_name text NOT NULL,
  content_type text NOT NULL,
  bytes integer NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id)
);
CREATE INDEX campaign_attachments_campaign_idx ON campaign_attachments (campaign_id, created_at, id);

-- A unit that has not filed its plan is reminded before and on the plans' deadline.
ALTER TABLE reminders_sent DROP CONSTRAINT IF EXISTS reminders_sent_kind_check;
ALTER TABLE reminders_sent ADD CONSTRAINT reminders_sent_kind_check
  CHECK (kind IN ('case_due_soon', 'case_due_today', 'case_overdue', 'summary_owed', 'plan_owed'));

-- The campaign's window (ADR 28): a citizen's question asked through a public channel after the
-- campaign's last day (China's date) is accepted as a later question. It is set at insert and never
-- changes; it keeps the question out of the day's figures, which count it apart ('later.*').
ALTER TABLE consultations ADD COLUMN later boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN later boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION openday_consultation_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas')
RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
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
    ), grouped AS (
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

-- A later question's case counts only as 'later.cases' and, once answered, 'later.cases.replied'.
CREATE OR REPLACE FUNCTION openday_case_delta_sql(new_rows text, old_rows text, target text DEFAULT 'figure_deltas',
  only_figure text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    WITH signed AS (
      SELECT 1 AS sign, n.campaign_id, n.unit_id, n.status, n.due_on, n.clock_start_on, n.replied_at,
        n.rating, n.was_transferred, n.later
      FROM %1$s n
      UNION ALL
      SELECT -1, o.campaign_id, o.unit_id, o.status, o.due_on, o.clock_start_on, o.replied_at,
        o.rating, o.was_transferred, o.later
      FROM %2$s o
    ), deltas AS (
      SELECT s.campaign_id, s.unit_id, CASE WHEN s.later THEN 'later.' || f.figure ELSE f.figure END AS figure,
        f.key, sum(s.sign) AS n
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
        AND (NOT s.later OR f.figure IN ('cases', 'cases.replied'))
      GROUP BY s.campaign_id, s.unit_id, 3, f.key
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

-- The trigger functions hold the delta statements written out: write them again.
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
      EXECUTE format('CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS %L',
        format('openday_%s_%s_figures', t, op), format('BEGIN %s; RETURN NULL; END', body));
    END LOOP;
  END LOOP;
END $$;
