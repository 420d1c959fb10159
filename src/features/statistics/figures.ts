import type { Rating } from '../consultations/schema.ts';

/** Ratings that count as satisfied in the default satisfaction rate. */
export const SATISFIED_LEVELS: readonly Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];

/** Below this many ratings a satisfaction rate is marked as a small sample. */
export const SMALL_SAMPLE = 10;

/** part / whole rounded to 4 decimals (99.2% is 0.992), or null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export type SatisfactionCounts = Record<Rating, number>;

/** Satisfied (very satisfied + satisfied + basically satisfied) over all rated. */
export function satisfactionRate(counts: SatisfactionCounts): {
  rate: number | null;
  rated: number;
  smallSample: boolean;
} {
  const rated = Object.values(counts).reduce((a, b) => a + b, 0);
  const satisfied = SATISFIED_LEVELS.reduce((sum, level) => sum + counts[level], 0);
  return { rate: rate(satisfied, rated), rated, smallSample: rated < SMALL_SAMPLE };
}
