import type { UserActor } from '../../platform/auth/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db, Queryable } from '../../platform/db/database.ts';
import { notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { checkSchedule, parseScheduleText } from './days.ts';
import {
  deleteHolidayRow,
  findHolidayRow,
  findMissingYears,
  listCalendarYearRows,
  listHolidayRows,
  replaceYearSchedule,
  upsertHolidayRow,
  type CalendarYearRow,
  type HolidayRow,
} from './repository.ts';
import type {
  CalendarDay,
  CalendarDayBody,
  CalendarEdit,
  CalendarQuery,
  CalendarYear,
  CalendarYearBody,
  CalendarYearEdit,
  CalendarYears,
} from './schema.ts';

/**
 * Moves, inside the calendar edit's transaction, the due dates the edited day moves; returns how many
 * moved. The cases feature provides it (app.ts hands it to the calendar's routes), so the calendar
 * does not import the cases that count on it.
 */
export type DueDateMover = (
  tx: Queryable,
  change: { actor: UserActor | null; day: string; lastDay?: string; reason: string },
) => Promise<{ caseId: string; reference: string; from: string; to: string }[]>;

/** How many cases a day's edit moved. */
const countMoved = async (move: DueDateMover, ...args: Parameters<DueDateMover>) => (await move(...args)).length;

export function toCalendarDay(row: HolidayRow): CalendarDay {
  return { day: row.day, kind: row.kind, name: row.name, source: row.source, weekday: row.weekday };
}

/** The days that differ from an ordinary week: public holidays and adjusted working days. */
export async function listCalendar({ db, query }: { db: Db; query: CalendarQuery }): Promise<{ items: CalendarDay[] }> {
  return { items: (await listHolidayRows(db, query.year)).map(toCalendarDay) };
}

/**
 * Marks a day as a holiday or an adjusted working day (or changes it), and in the same
 * transaction moves the due dates of the cases not closed that count across it.
 */
export async function setCalendarDay({
  db,
  actor,
  date,
  input,
  key,
  moveDueDates,
}: {
  db: Database;
  actor: UserActor;
  date: string;
  input: CalendarDayBody;
  key?: IdempotencyKey | undefined;
  moveDueDates: DueDateMover;
}): Promise<StoredResponse<CalendarEdit>> {
  return runIdempotent(db, key, async (tx) => {
    const before = await findHolidayRow(tx, date);
    const row = await upsertHolidayRow(tx, date, input.kind, input.name);
    const recomputedCases = await countMoved(moveDueDates, tx, {
      actor,
      day: date,
      reason: `${date} ${input.kind === 'holiday' ? '放假' : '上班'}：${input.name}`,
    });
    await writeAudit(tx, {
      actor,
      action: before ? 'update' : 'create',
      entity: 'holiday',
      entityId: date,
      before: before && toCalendarDay(before),
      after: { ...toCalendarDay(row), recomputedCases },
    });
    return { statusCode: before ? 200 : 201, body: { day: toCalendarDay(row), recomputedCases } };
  });
}

/** Removes a listed day (it becomes an ordinary weekday or weekend day again), moving due dates. */
export async function removeCalendarDay({
  db,
  actor,
  date,
  moveDueDates,
}: {
  db: Database;
  actor: UserActor;
  date: string;
  moveDueDates: DueDateMover;
}): Promise<CalendarEdit> {
  return db.transaction(async (tx) => {
    const before = await findHolidayRow(tx, date);
    if (!before) throw notFound(`Calendar day ${date}`);
    await deleteHolidayRow(tx, date);
    const recomputedCases = await countMoved(moveDueDates, tx, {
      actor,
      day: date,
      reason: `${date} 恢复为${before.weekday >= 6 ? '周末' : '工作日'}（原为${before.name}）`,
    });
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'holiday',
      entityId: date,
      before: toCalendarDay(before),
      after: { recomputedCases },
    });
    return { day: toCalendarDay(before), recomputedCases };
  });
}

const toCalendarYear = (row: CalendarYearRow): CalendarYear => ({
  year: row.year,
  source: row.source,
  confirmedAt: row.confirmed_at.toISOString(),
});

/** The years with a known schedule, and those due dates count on without one. */
export async function listCalendarYears({ db }: { db: Db }): Promise<CalendarYears> {
  return {
    confirmed: (await listCalendarYearRows(db)).map(toCalendarYear),
    missing: await findMissingYears(db),
  };
}

/**
 * Enters a year's schedule (the State Council's notice, as a list or as text): its listed days are
 * replaced, the year becomes known, and the due dates of the cases not closed that count across
 * it are recomputed in the same transaction. Answers with the cases that moved.
 */
export async function setYearSchedule({
  db,
  actor,
  year,
  input,
  moveDueDates,
}: {
  db: Database;
  actor: UserActor;
  year: number;
  input: CalendarYearBody;
  moveDueDates: DueDateMover;
}): Promise<CalendarYearEdit> {
  if ((input.days === undefined) === (input.text === undefined))
    throw unprocessable('days', 'give either days or text (the list written out)');
  const days = input.days ? checkSchedule(input.days, year, 'days') : parseScheduleText(input.text!, year);
  return db.transaction(async (tx) => {
    const before = await listHolidayRows(tx, year);
    const stored = await replaceYearSchedule(tx, year, days, actor.userId);
    const changes = await moveDueDates(tx, {
      actor,
      day: `${year}-01-01`,
      lastDay: `${year}-12-31`,
      reason: `${year}年节假日安排录入`,
    });
    await writeAudit(tx, {
      actor,
      action: 'set_schedule',
      entity: 'calendar_year',
      entityId: String(year),
      before: { days: before.map(toCalendarDay) },
      after: { days: stored.days.map(toCalendarDay), recomputedCases: changes.length },
    });
    return { year: toCalendarYear(stored.year), days: stored.days.map(toCalendarDay), changes };
  });
}
