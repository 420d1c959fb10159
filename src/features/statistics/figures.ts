import { MEDIA, type Medium, type Rating } from '../../domain/vocabulary.ts';

/** Ratings that count as satisfied in the default satisfaction rate. */
export const SATISFIED_LEVELS: readonly Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied'];

/** Below this many ratings a satisfaction rate is marked as a small sample. */
export const SMALL_SAMPLE = 10;

/** part / whole rounded to 4 decimals (99.2% is 0.992), or null when there is no whole. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export type SatisfactionCounts = Record<Rating, number>;

/**
 * The levels that count as satisfied (the campaign's formula; by default very satisfied +
 * satisfied + basically satisfied) over all rated, always with the number rated.
 */
export function satisfactionRate(
  counts: SatisfactionCounts,
  levels: readonly Rating[] = SATISFIED_LEVELS,
): {
  rate: number | null;
  rated: number;
  smallSample: boolean;
} {
  const rated = Object.values(counts).reduce((a, b) => a + b, 0);
  const satisfied = levels.reduce((sum, level) => sum + counts[level], 0);
  return { rate: rate(satisfied, rated), rated, smallSample: rated < SMALL_SAMPLE };
}

/** The mean rounded to 2 decimals, or null when there is nothing to average. */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** The middle value (the mean of the two middle ones for an even count), or null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Values with how often each occurs: [value, count] pairs, as the live figures keep reply times. */
export type Histogram = readonly (readonly [value: number, count: number])[];

/** Adds histograms up. */
export function mergeHistograms(...histograms: Histogram[]): Histogram {
  const counts = new Map<number, number>();
  for (const histogram of histograms) {
    for (const [value, count] of histogram) counts.set(value, (counts.get(value) ?? 0) + count);
  }
  return [...counts].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
}

/** `average` over the values a histogram holds. */
export function histogramAverage(histogram: Histogram): number | null {
  let count = 0;
  let total = 0;
  for (const [value, n] of histogram) {
    count += n;
    total += value * n;
  }
  return count === 0 ? null : Math.round((total / count) * 100) / 100;
}

/** `median` over the values a histogram holds. */
export function histogramMedian(histogram: Histogram): number | null {
  const sorted = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return null;
  /** The value at a 0-based position in the sorted values. */
  const at = (position: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (position < seen) return value;
    }
    throw new RangeError(`position ${position} is beyond ${count} values`);
  };
  const middle = Math.floor(count / 2);
  return count % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

/** The figures by medium of a unit with no media report and no online post. */
export const NO_MEDIA = Object.fromEntries(MEDIA.map((m) => [m, { reports: 0, posts: 0, reach: 0 }])) as Record<
  Medium,
  { reports: number; posts: number; reach: number }
>;
