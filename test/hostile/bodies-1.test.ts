import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileTargets, recordSummary, setupHostile, type Hostile } from './harness.ts';
import { runBodies } from './run.ts';

/**
 * Generated bodies, query strings and path parameters at every write endpoint (half 1 of 2, so
 * that the two halves run side by side), each sent by an actor the route's policy admits.
 */
const PER_ROUTE = 110;
let h: Hostile;

beforeAll(async () => {
  h = await setupHostile();
});
afterAll(() => h?.close());

describe('hostile bodies at write endpoints (1 of 2)', () => {
  it('answers every generated request with a 4xx in the error shape or a 2xx, never a 5xx, and stores nothing refused', async () => {
    const targets = hostileTargets(h.t).filter((target) => target.isWrite);
    const mine = targets.filter((_, i) => i % 2 === 1 - 1);
    expect(mine.length).toBeGreaterThan(25);
    await runBodies(h, mine, PER_ROUTE, 1 * 1000);
    recordSummary('write-bodies-1', h.stats);
    expect(h.failures).toEqual([]);
    expect(h.stats.requests).toBe(mine.length * PER_ROUTE);
    expect(h.stats.status5xx).toBe(0);
    expect(h.stats.status4xx).toBeGreaterThan(h.stats.requests / 2);
  });
});
