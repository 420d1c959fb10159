-- Cases (办件) and the working-day calendar. A consultation not answered on the spot opens a
-- case; its due date counts working days on the calendar, and the SQL function below is the one
-- source of due dates.

-- The days that differ from "Monday to Friday works, Saturday and Sunday are off": public
-- holidays (kind 'holiday') and adjusted working days (调休, kind 'workday', a weekend day worked).
CREATE TABLE holidays (
  day date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL,
  source text NOT NULL DEFAULT 'organizer' CHECK (source IN ('official', 'organizer'))
);

-- The State Council's schedules (国务院办公厅关于部分节假日安排的通知): for 2025 the notice of
-- 12 November 2024; for 2026 the notice of 4 November 2025 (checked against Xinhua's published
-- text). Organizers may add or change days through the calendar API.
INSERT INTO holidays (day, kind, name, source) VALUES
  -- 2025
  ('2025-01-01', 'holiday', '元旦', 'official'),
  ('2025-01-26', 'workday', '春节调休上班', 'official'),
  ('2025-01-28', 'holiday', '春节', 'official'),
  ('2025-01-29', 'holiday', '春节', 'official'),
  ('2025-01-30', 'holiday', '春节', 'official'),
  ('2025-01-31', 'holiday', '春节', 'official'),
  ('2025-02-01', 'holiday', '春节', 'official'),
  ('2025-02-02', 'holiday', '春节', 'official'),
  ('2025-02-03', 'holiday', '春节', 'official'),
  ('2025-02-04', 'holiday', '春节', 'official'),
  ('2025-02-08', 'workday', '春节调休上班', 'official'),
  ('2025-04-04', 'holiday', '清明节', 'official'),
  ('2025-04-05', 'holiday', '清明节', 'official'),
  ('2025-04-06', 'holiday', '清明节', 'official'),
  ('2025-04-27', 'workday', '劳动节调休上班', 'official'),
  ('2025-05-01', 'holiday', '劳动节', 'official'),
  ('2025-05-02', 'holiday', '劳动节', 'official'),
  ('2025-05-03', 'holiday', '劳动节', 'official'),
  ('2025-05-04', 'holiday', '劳动节', 'official'),
  ('2025-05-05', 'holiday', '劳动节', 'official'),
  ('2025-05-31', 'holiday', '端午节', 'official'),
  ('2025-06-01', 'holiday', '端午节', 'official'),
  ('2025-06-02', 'holiday', '端午节', 'official'),
  ('2025-09-28', 'workday', '国庆节、中秋节调休上班', 'official'),
  ('2025-10-01', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-02', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-03', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-04', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-05', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-06', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-07', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-08', 'holiday', '国庆节、中秋节', 'official'),
  ('2025-10-11', 'workday', '国庆节、中秋节调休上班', 'official'),
  -- 2026
  ('2026-01-01', 'holiday', '元旦', 'official'),
  ('2026-01-02', 'holiday', '元旦', 'official'),
  ('2026-01-03', 'holiday', '元旦', 'official'),
  ('2026-01-04', 'workday', '元旦调休上班', 'official'),
  ('2026-02-14', 'workday', '春节调休上班', 'official'),
  ('2026-02-15', 'holiday', '春节', 'official'),
  ('2026-02-16', 'holiday', '春节', 'official'),
  ('2026-02-17', 'holiday', '春节', 'official'),
  ('2026-02-18', 'holiday', '春节', 'official'),
  ('2026-02-19', 'holiday', '春节', 'official'),
  ('2026-02-20', 'holiday', '春节', 'official'),
  ('2026-02-21', 'holiday', '春节', 'official'),
  ('2026-02-22', 'holiday', '春节', 'official'),
  ('2026-02-23', 'holiday', '春节', 'official'),
  ('2026-02-28', 'workday', '春节调休上班', 'official'),
  ('2026-04-04', 'holiday', '清明节', 'official'),
  ('2026-04-05', 'holiday', '清明节', 'official'),
  ('2026-04-06', 'holiday', '清明节', 'official'),
  ('2026-05-01', 'holiday', '劳动节', 'official'),
  ('2026-05-02', 'holiday', '劳动节', 'official'),
  ('2026-05-03', 'holiday', '劳动节', 'official'),
  ('2026-05-04', 'holiday', '劳动节', 'official'),
  ('2026-05-05', 'holiday', '劳动节', 'official'),
  ('2026-05-09', 'workday', '劳动节调休上班', 'official'),
  ('2026-06-19', 'holiday', '端午节', 'official'),
  ('2026-06-20', 'holiday', '端午节', 'official'),
  ('2026-06-21', 'holiday', '端午节', 'official'),
  ('2026-09-20', 'workday', '国庆节调休上班', 'official'),
  ('2026-09-25', 'holiday', '中秋节', 'official'),
  ('2026-09-26', 'holiday', '中秋节', 'official'),
  ('2026-09-27', 'holiday', '中秋节', 'official'),
  ('2026-10-01', 'holiday', '国庆节', 'official'),
  ('2026-10-02', 'holiday', '国庆节', 'official'),
  ('2026-10-03', 'holiday', '国庆节', 'official'),
  ('2026-10-04', 'holiday', '国庆节', 'official'),
  ('2026-10-05', 'holiday', '国庆节', 'official'),
  ('2026-10-06', 'holiday', '国庆节', 'official'),
  ('2026-10-07', 'holiday', '国庆节', 'official'),
  ('2026-10-10', 'workday', '国庆节调休上班', 'official');

-- Whether a day is worked: a listed day says so; otherwise Monday to Friday.
CREATE FUNCTION openday_is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    (SELECT h.kind = 'workday' FROM holidays h WHERE h.day = d),
    extract(isodow FROM d) < 6
  )
$$;

-- The n-th working day after start (start itself is day 0 and is not counted): a case opened on
-- Friday with a limit of 1 is due on the next working day. n = 0 gives start.
CREATE FUNCTION openday_add_working_days(start date, n integer) RETURNS date
LANGUAGE plpgsql STABLE AS $$
DECLARE
  d date := start;
  left_to_count integer := n;
BEGIN
  IF start IS NULL OR n IS NULL THEN
    RETURN NULL;
  END IF;
  IF n < 0 THEN
    RAISE EXCEPTION 'openday_add_working_days: n must not be negative (got %)', n USING ERRCODE = '22023';
  END IF;
  WHILE left_to_count > 0 LOOP
    d := d + 1;
    IF openday_is_working_day(d) THEN
      left_to_count := left_to_count - 1;
    END IF;
  END LOOP;
  RETURN d;
END
$$;

-- How many working days lie after `from` up to and including `to` (0 when `to` is not after
-- `from`): the reply time of a case in working days.
CREATE FUNCTION openday_working_days_between(from_day date, to_day date) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer FROM generate_series(from_day + 1, to_day, interval '1 day') AS g(d)
  WHERE openday_is_working_day(g.d::date)
$$;

-- Per campaign: the limit of a case reopened after a poor rating (差评), and which rating levels
-- count as satisfied in the satisfaction rate.
ALTER TABLE campaigns
  ADD COLUMN reopen_limit_days integer NOT NULL DEFAULT 15 CHECK (reopen_limit_days BETWEEN 1 AND 365),
  ADD COLUMN satisfaction_levels text[] NOT NULL DEFAULT '{very_satisfied,satisfied,basically_satisfied}'
    CHECK (
      cardinality(satisfaction_levels) >= 1
      AND satisfaction_levels <@ '{very_satisfied,satisfied,basically_satisfied,dissatisfied,very_dissatisfied}'::text[]
    );

-- 办件: the follow-up of one consultation. unit_id is the unit responsible now; the chain of
-- transfers is in case_events. due_on = openday_add_working_days(clock_start_on,
-- limit_days + coalesce(extension_days, 0)), recomputed when the calendar changes.
CREATE TABLE cases (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id),
  consultation_id uuid NOT NULL UNIQUE REFERENCES consultations (id) ON DELETE CASCADE,
  -- Public and not enumerable: 12 Crockford base32 characters from 60 random bits, XXXX-XXXX-XXXX.
  tracking_code text NOT NULL UNIQUE CHECK (tracking_code ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  unit_id uuid NOT NULL REFERENCES units (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'transferred', 'replied', 'closed', 'reopened')),
  -- The day the current limit counts from: the consultation's day, or the day of a poor rating.
  clock_start_on date NOT NULL,
  limit_days integer NOT NULL CHECK (limit_days BETWEEN 1 AND 365),
  extension_days integer CHECK (extension_days BETWEEN 1 AND 365),
  extension_reason text,
  due_on date NOT NULL,
  reply text,
  replied_at timestamptz,
  replied_by uuid REFERENCES users (id),
  closed_at timestamptz,
  rating text CHECK (rating IN ('very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied')),
  rated_at timestamptz,
  published_at timestamptz,
  public_question text,
  public_answer text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((extension_days IS NULL) = (extension_reason IS NULL)),
  CHECK (status NOT IN ('replied', 'closed') OR (reply IS NOT NULL AND replied_at IS NOT NULL)),
  CHECK (status <> 'closed' OR closed_at IS NOT NULL)
);
CREATE INDEX cases_campaign_unit_idx ON cases (campaign_id, unit_id, status);
CREATE INDEX cases_unit_due_idx ON cases (unit_id, due_on) WHERE status IN ('open', 'transferred', 'reopened');
CREATE INDEX cases_due_idx ON cases (due_on) WHERE status IN ('open', 'transferred', 'reopened');

-- Every transition of a case: who, when, why. Rows are only ever inserted.
CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('opened', 'transferred', 'extended', 'replied', 'closed', 'rated', 'reopened', 'published', 'due_recomputed')),
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  from_unit_id uuid REFERENCES units (id),
  to_unit_id uuid REFERENCES units (id),
  reason text,
  details jsonb
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at, id);
