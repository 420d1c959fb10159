-- The years whose holiday schedule is known (the State Council's notice, or the organizer's entry).
-- In a year not listed, working days are still counted Monday to Friday, but a due date that
-- counts across such a year is shown as unconfirmed until its schedule is entered.
CREATE TABLE calendar_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
  source text NOT NULL CHECK (source IN ('official', 'organizer')),
  confirmed_at timestamptz NOT NULL DEFAULT now(),
  confirmed_by uuid REFERENCES users (id) ON DELETE SET NULL
);

INSERT INTO calendar_years (year, source)
SELECT DISTINCT extract(year FROM day)::integer, 'official' FROM holidays WHERE source = 'official';

-- Whether any day after from_day up to to_day lies in a year without a known schedule.
CREATE FUNCTION openday_schedule_missing(from_day date, to_day date) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM generate_series(extract(year FROM from_day + 1)::integer, extract(year FROM to_day)::integer) AS y(year)
    WHERE NOT EXISTS (SELECT 1 FROM calendar_years c WHERE c.year = y.year)
  )
$$;
