import type { Breakdown } from '../../api/types.ts';
import type { Datum } from './chart.tsx';

type Item = Breakdown['items'][number];

/** How many topics a chart names; the rest are one bar, 其他 / Other. */
export const TOP_TOPICS = 12;

/**
 * The `max - 1` largest rows and one "other" row with the rest's count (its people are not
 * summed: one visit may ask about two topics), or all rows when there are no more than `max`.
 */
export function topWithOther(data: readonly Datum[], max: number, other: string): Datum[] {
  const sorted = [...data].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  if (sorted.length <= max) return sorted;
  // A topic that is itself called 其他 goes into the one "other" bar.
  const named = sorted.filter((d) => d.name !== other);
  const rest = [...named.slice(max - 1), ...sorted.filter((d) => d.name === other)];
  return [...named.slice(0, max - 1), { name: other, value: rest.reduce((sum, d) => sum + d.value, 0) }];
}

/** Beyond this many hours from the first record to the last, the axis counts days. */
export const MAX_HOURS = 48;

const HOUR = 3_600_000;
/** '2026-05-15T09:00' (China time) as an instant on a clock that only adds hours. */
const instant = (key: string) => Date.parse(`${key}:00Z`);
const keyOf = (time: number) => new Date(time).toISOString().slice(0, 16);

/**
 * A real time axis: every hour from the first record's to the last's, empty hours as 0 (a day
 * with a quiet lunch hour shows it); over more than MAX_HOURS, every day instead. Keys stay
 * China's wall-clock time ('2026-05-15T09:00', or '2026-05-15' per day); rows without an hour
 * are left out.
 */
export function timeAxis(items: readonly Item[]): { unit: 'hour' | 'day'; items: Item[] } {
  const timed = items.filter((item): item is Item & { key: string } => item.key !== null);
  if (timed.length === 0) return { unit: 'hour', items: [] };
  const times = timed.map((item) => instant(item.key));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const byDay = (last - first) / HOUR > MAX_HOURS;
  const step = byDay ? 24 * HOUR : HOUR;
  const bucket = (key: string) => (byDay ? key.slice(0, 10) : key);
  const sums = new Map<string, Item>();
  for (const item of timed) {
    const key = bucket(item.key);
    const sum = sums.get(key);
    sums.set(key, {
      ...item,
      key,
      consultations: (sum?.consultations ?? 0) + item.consultations,
      peopleReceived: (sum?.peopleReceived ?? 0) + item.peopleReceived,
    });
  }
  const start = byDay ? Date.parse(`${keyOf(first).slice(0, 10)}T00:00Z`) : first;
  const axis: Item[] = [];
  for (let time = start; time <= last; time += step) {
    const key = bucket(keyOf(time));
    axis.push(sums.get(key) ?? { ...timed[0]!, key, consultations: 0, peopleReceived: 0 });
  }
  return { unit: byDay ? 'day' : 'hour', items: axis };
}
