import type { Db } from '../../platform/db/database.ts';
import { unprocessable } from '../../platform/http/errors.ts';
import { queryAddWorkingDays, queryUnconfirmedYears, queryWorkingDayWalk } from './repository.ts';
import type { CountedDay, DayKind } from './schema.ts';

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

/** The years between the day after start and end whose holiday schedule is not known. */
export async function findUnconfirmedYears(db: Db, start: string, end: string): Promise<number[]> {
  return queryUnconfirmedYears(db, start, end);
}

const KIND_WORDS: Record<string, DayKind> = {
  休: 'holiday',
  放假: 'holiday',
  holiday: 'holiday',
  off: 'holiday',
  班: 'workday',
  上班: 'workday',
  workday: 'workday',
  work: 'workday',
};
const SCHEDULE_LINE = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至|到|\.\.|–|—)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)\s+(.+)$/u;

/**
 * Reads a year's schedule written as text, one line a day or a span of days:
 * "2027-02-06~2027-02-13 休 春节", "2027-02-14 班 春节调休上班" (休/holiday, 班/workday);
 * empty lines and lines starting with # are skipped. A line that cannot be read is refused with
 * its number.
 */
export function parseScheduleText(text: string, year: number): { day: string; kind: DayKind; name: string }[] {
  const days: { day: string; kind: DayKind; name: string }[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = raw.normalize('NFKC').trim();
    if (!line || line.startsWith('#')) return;
    const where = `line ${index + 1}`;
    const match = SCHEDULE_LINE.exec(line);
    if (!match) throw unprocessable('text', `${where}: write "YYYY-MM-DD[~YYYY-MM-DD] 休|班 name"`);
    const [, first, last = first, word, name] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
      string,
    ];
    const kind = KIND_WORDS[word.toLowerCase()];
    if (!kind) throw unprocessable('text', `${where}: "${word}" is neither 休 (holiday) nor 班 (workday)`);
    if (!isIsoDate(first) || !isIsoDate(last!) || last! < first)
      throw unprocessable('text', `${where}: is not a date or a span of dates`);
    for (
      let d = new Date(`${first}T00:00:00Z`);
      d.toISOString().slice(0, 10) <= last!;
      d.setUTCDate(d.getUTCDate() + 1)
    )
      days.push({ day: d.toISOString().slice(0, 10), kind, name: name.trim().slice(0, 100) });
  });
  return checkSchedule(days, year, 'text');
}

/** Every day in the year, none twice; the list's field is named in the refusal. */
export function checkSchedule<T extends { day: string }>(days: T[], year: number, field: string): T[] {
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const at = field === 'text' ? `${field}` : `${field}[${i}].day`;
    if (!d.day.startsWith(`${year}-`)) throw unprocessable(at, `${d.day} is not in ${year}`);
    if (seen.has(d.day)) throw unprocessable(at, `${d.day} is listed twice`);
    seen.add(d.day);
  });
  return days;
}
