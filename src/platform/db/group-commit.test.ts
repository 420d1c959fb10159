import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('writes a lone item at once and items arriving together in one batch', async () => {
    const batches: number[][] = [];
    const queue = new GroupCommit<number, number>(async (batch) => (batches.push(batch), batch.map((n) => n * 2)), {
      maxBatch: 10,
      concurrency: 1,
    });
    expect(await queue.submit(1)).toBe(2);
    expect(await Promise.all([2, 3, 4].map((n) => queue.submit(n)))).toEqual([4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps items with the same key apart and respects the batch size', async () => {
    const batches: string[][] = [];
    const queue = new GroupCommit<string, string>(async (batch) => (batches.push(batch), batch), {
      maxBatch: 2,
      concurrency: 1,
      keyOf: (s) => s[0],
    });
    await Promise.all(['a1', 'a2', 'b1', 'c1'].map((s) => queue.submit(s)));
    expect(batches.flat().sort()).toEqual(['a1', 'a2', 'b1', 'c1']);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(2);
      expect(new Set(batch.map((s) => s[0])).size).toBe(batch.length);
    }
  });

  it('retries a failed batch item by item so that only the bad one fails', async () => {
    const queue = new GroupCommit<number, number>(
      async (batch) => {
        if (batch.includes(13)) throw new Error('unlucky');
        return batch;
      },
      { maxBatch: 10, concurrency: 1 },
    );
    const results = await Promise.allSettled([11, 12, 13, 14].map((n) => queue.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
