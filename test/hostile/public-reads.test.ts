import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileTargets, recordSummary, setupHostile, type Hostile } from './harness.ts';
import { runBodies } from './run.ts';

/**
 * Generated query strings and path parameters at every endpoint that answers without sign-in: the
 * public channel, Open311, open data, iCalendar feeds, the portal's pages, health.
 */
const PER_ROUTE = 70;
let h: Hostile;

beforeAll(async () => {
  h = await setupHostile();
});
afterAll(() => h?.close());

describe('hostile query strings and path parameters at public endpoints', () => {
  it('answers every generated request with a 4xx in the error shape or a 2xx, never a 5xx, and stores nothing refused', async () => {
    const reads = hostileTargets(h.t).filter((target) => target.isPublic && !target.isWrite);
    expect(reads.length).toBeGreaterThan(10);
    await runBodies(h, reads, PER_ROUTE, 7000);
    recordSummary('public-reads', h.stats);
    if (process.env.HOSTILE_TIMING) console.log([...h.timing].sort((a, b) => b[1] - a[1]).slice(0, 15));
    expect(h.failures).toEqual([]);
    expect(h.stats.requests).toBe(reads.length * PER_ROUTE);
    expect(h.stats.status5xx).toBe(0);
  });
});
