import type { Db } from '../../platform/db/database.ts';
import { unprocessable } from '../../platform/http/errors.ts';
import { queryAddWorkingDays, queryWorkingDayWalk } from './repository.ts';
import type { CountedDay } from './schema.ts';

/** Working days are counted on the calendar in the database; this is the most one limit may span. */
export const MAX_WORKING_DAYS = 3650;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkInput(start: string, n: number): void {
  if (!isIsoDate(start)) throw unprocessable('start', 'must be a date written YYYY-MM-DD');
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS)
    throw unprocessable('days', `must be a whole number from 0 to ${MAX_WORKING_DAYS}`);
}

/**
 * The n-th working day after start (start itself is not counted; n = 0 gives start): weekends
 * off, public holidays off, adjusted working days (调休) on.
 */
export async function addWorkingDays(db: Db, start: string, n: number): Promise<string> {
  checkInput(start, n);
  return queryAddWorkingDays(db, start, n);
}

/** How a due date is reached: every day after start up to it, counted or skipped and why. */
export async function explainWorkingDays(db: Db, start: string, n: number): Promise<CountedDay[]> {
  checkInput(start, n);
  let counted = 0;
  return (await queryWorkingDayWalk(db, start, n)).map((day) => ({
    ...day,
    number: day.counted ? ++counted : null,
  }));
}
