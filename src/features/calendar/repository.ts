import type { Db } from '../../platform/db/database.ts';
import type { CountedDay, DayKind } from './schema.ts';

export interface HolidayRow {
  day: string;
  kind: DayKind;
  name: string;
  source: 'official' | 'organizer';
  weekday: number;
}

const HOLIDAY_COLUMNS = 'day, kind, name, source, extract(isodow FROM day)::int AS weekday';

/** The listed days, of one year or all, in date order. */
export async function listHolidayRows(db: Db, year: number | undefined): Promise<HolidayRow[]> {
  const { rows } = await db.query<HolidayRow>(
    year === undefined
      ? `SELECT ${HOLIDAY_COLUMNS} FROM holidays ORDER BY day`
      : `SELECT ${HOLIDAY_COLUMNS} FROM holidays WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
    year === undefined ? [] : [year],
  );
  return rows;
}

export async function findHolidayRow(db: Db, day: string): Promise<HolidayRow | undefined> {
  const { rows } = await db.query<HolidayRow>(`SELECT ${HOLIDAY_COLUMNS} FROM holidays WHERE day = $1`, [day]);
  return rows[0];
}

/** Adds or changes a day; an edit through the API is the organizer's, whatever it was before. */
export async function upsertHolidayRow(db: Db, day: string, kind: DayKind, name: string): Promise<HolidayRow> {
  const { rows } = await db.query<HolidayRow>(
    `INSERT INTO holidays (day, kind, name, source) VALUES ($1, $2, $3, 'organizer')
     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'organizer'
     RETURNING ${HOLIDAY_COLUMNS}`,
    [day, kind, name],
  );
  return rows[0]!;
}

export async function deleteHolidayRow(db: Db, day: string): Promise<void> {
  await db.query('DELETE FROM holidays WHERE day = $1', [day]);
}

/** The n-th working day after start, by the one SQL function that makes due dates. */
export async function queryAddWorkingDays(db: Db, start: string, n: number): Promise<string> {
  const { rows } = await db.query<{ due: string }>('SELECT openday_add_working_days($1::date, $2::int) AS due', [
    start,
    n,
  ]);
  return rows[0]!.due;
}

/**
 * Every calendar day after start up to the n-th working day, each counted or skipped and why.
 * The end is the SQL function's answer, so the walk and the due date cannot disagree.
 */
export async function queryWorkingDayWalk(db: Db, start: string, n: number): Promise<Omit<CountedDay, 'number'>[]> {
  const { rows } = await db.query<Omit<CountedDay, 'number'>>(
    `SELECT g.d::date AS day, extract(isodow FROM g.d)::int AS weekday,
            openday_is_working_day(g.d::date) AS counted,
            CASE WHEN h.kind = 'holiday' THEN 'holiday'
                 WHEN h.kind = 'workday' THEN 'adjusted_working_day'
                 WHEN extract(isodow FROM g.d) >= 6 THEN 'weekend'
                 ELSE 'working_day' END AS reason,
            h.name
     FROM generate_series($1::date + 1, openday_add_working_days($1::date, $2::int), interval '1 day') AS g(d)
     LEFT JOIN holidays h ON h.day = g.d::date
     ORDER BY g.d`,
    [start, n],
  );
  return rows;
}

export interface CalendarYearRow {
  year: number;
  source: 'official' | 'organizer';
  confirmed_at: Date;
}

export async function listCalendarYearRows(db: Db): Promise<CalendarYearRow[]> {
  const { rows } = await db.query<CalendarYearRow>(
    'SELECT year, source, confirmed_at FROM calendar_years ORDER BY year',
  );
  return rows;
}

/**
 * The years due dates count on that have no schedule: this year and the next in China's time,
 * and every year up to the latest due date of a case not closed.
 */
export async function findMissingYears(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ year: number }>(
    `WITH bounds AS (
       SELECT extract(year FROM (now() AT TIME ZONE 'Asia/Shanghai'))::int AS this_year,
              (SELECT max(extract(year FROM due_on))::int FROM cases WHERE status <> 'closed') AS last_due
     )
     SELECT y.year FROM bounds, generate_series(this_year, greatest(this_year + 1, coalesce(last_due, 0))) AS y(year)
     WHERE NOT EXISTS (SELECT 1 FROM calendar_years c WHERE c.year = y.year)
     ORDER BY y.year`,
  );
  return rows.map((r) => r.year);
}

/** The years from the day after start to end that have no schedule. */
export async function queryUnconfirmedYears(db: Db, start: string, end: string): Promise<number[]> {
  const { rows } = await db.query<{ year: number }>(
    `SELECT y.year FROM generate_series(extract(year FROM $1::date + 1)::int, extract(year FROM $2::date)::int) AS y(year)
     WHERE NOT EXISTS (SELECT 1 FROM calendar_years c WHERE c.year = y.year) ORDER BY y.year`,
    [start, end],
  );
  return rows.map((r) => r.year);
}

/** Replaces the listed days of a year with its schedule and marks the year known. */
export async function replaceYearSchedule(
  db: Db,
  year: number,
  days: readonly { day: string; kind: DayKind; name: string }[],
  userId: string | null,
): Promise<{ year: CalendarYearRow; days: HolidayRow[] }> {
  await db.query('DELETE FROM holidays WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1)', [year]);
  await db.query(
    `INSERT INTO holidays (day, kind, name, source)
     SELECT x.day, x.kind, x.name, 'organizer' FROM unnest($1::date[], $2::text[], $3::text[]) AS x(day, kind, name)`,
    [days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name)],
  );
  const { rows } = await db.query<CalendarYearRow>(
    `INSERT INTO calendar_years (year, source, confirmed_at, confirmed_by) VALUES ($1, 'organizer', now(), $2)
     ON CONFLICT (year) DO UPDATE SET source = 'organizer', confirmed_at = now(), confirmed_by = excluded.confirmed_by
     RETURNING year, source, confirmed_at`,
    [year, userId],
  );
  return { year: rows[0]!, days: await listHolidayRows(db, year) };
}
