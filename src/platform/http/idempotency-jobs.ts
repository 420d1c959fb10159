import { Type } from 'typebox';
import { defineJob } from '../jobs/queue.ts';
import { pruneIdempotencyKeys } from './idempotency.ts';

/** Daily: stored answers to retried writes are kept for a week, then deleted. */
export const pruneIdempotencyKeysJob = defineJob({
  name: 'idempotency.prune',
  payload: Type.Object({}, { additionalProperties: false }),
  retryLimit: 3,
  retryDelayMs: 60_000,
  timeoutSeconds: 600,
  async handle(_payload, { db, log }) {
    const deleted = await pruneIdempotencyKeys(db);
    if (deleted) log.info({ deleted }, 'old idempotency keys deleted');
  },
});
