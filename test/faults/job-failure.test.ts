/**
 * A background job that keeps throwing, while the instance running it goes away between attempts:
 * the retry waits in the queue (in the database, not in the process), another instance's worker
 * picks it up after the backoff, and when its attempts are used up it ends failed with its error,
 * listed for organizers — never lost silently.
 */
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { openPostgres } from '../../src/platform/db/postgres.ts';
import type { App } from '../../src/platform/http/app-types.ts';
import { defineJob, enqueue, type JobRow } from '../../src/platform/jobs/queue.ts';
import { startWorker, type Worker } from '../../src/platform/jobs/worker.ts';
import { login } from '../app.ts';
import { buildWorld } from '../builders.ts';
import { createTestDatabase, onPostgres } from '../database.ts';
import { dbKind, writeReliabilityResult } from './server-process.ts';

let app: App;
let db: Database;
let url: string | undefined;
let drop: () => Promise<void>;
let organizer: string;
const others: Database[] = [];
const workers: Worker[] = [];

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  app = await buildApp({ db, config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }) });
  organizer = (await buildWorld(db)).users.organizer;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await app?.close();
  await Promise.all(others.map((o) => o.close()));
  await drop?.();
});

const RETRY_DELAY_MS = 300;
const jobRow = async (id: string) => (await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id])).rows[0];

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`a job that throws, across instances (${dbKind})`, () => {
  it('is retried with backoff by another instance after the first goes away, and ends failed and visible', async () => {
    const attempts: { at: number; worker: string }[] = [];
    const failing = defineJob({
      name: 'test.fault_always_throws',
      payload: Type.Object({ mailbox: Type.String() }),
      retryLimit: 2,
      retryDelayMs: RETRY_DELAY_MS,
      handle: async (_payload, { job }) => {
        attempts.push({ at: Date.now(), worker: current });
        throw new Error(`mail server refused the message (attempt ${job.attempt})`);
      },
    });
    const id = (await enqueue(db, failing, { mailbox: 'office@example.gov.cn' }))!;

    // The first instance runs attempt 1, then stops (its process is going away).
    let current = 'first';
    const first = startWorker({ db, log: app.log, jobs: [failing], pollIntervalMs: 25 });
    workers.push(first);
    const retrying = await waitFor('the first failure', async () => {
      const row = await jobRow(id);
      return row?.state === 'retry' ? row : undefined;
    });
    await first.stop();
    expect(retrying).toMatchObject({ attempts: 1, last_error: 'Error: mail server refused the message (attempt 1)' });
    expect(retrying.run_at.getTime()).toBeGreaterThan(Date.now() - 1000);

    // Another instance (its own connections on PostgreSQL) takes the retries from the queue.
    current = 'second';
    let second = db;
    if (onPostgres) {
      second = await openPostgres(url!, 4);
      others.push(second);
    }
    workers.push(startWorker({ db: second, log: app.log, jobs: [failing], pollIntervalMs: 25 }));
    const failed = await waitFor('the job to fail for good', async () => {
      const row = await jobRow(id);
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed).toMatchObject({
      attempts: 3,
      max_attempts: 3,
      last_error: 'Error: mail server refused the message (attempt 3)',
    });
    expect(attempts.map((a) => a.worker)).toEqual(['first', 'second', 'second']);
    const delays = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    // Exponential backoff: about 300 ms, then about 600 ms.
    expect(delays[0]).toBeGreaterThanOrEqual(RETRY_DELAY_MS - 20);
    expect(delays[1]).toBeGreaterThanOrEqual(2 * RETRY_DELAY_MS - 20);

    // Not lost silently: organizers see it failed, with its error.
    const session = await login(app, organizer);
    const listed = await session.request({ method: 'GET', url: '/api/v1/jobs?state=failed' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual(
      expect.objectContaining({ id, state: 'failed', attempts: 3, lastError: failed.last_error }),
    );

    writeReliabilityResult('job-failure', {
      fault: 'a job that always throws; the instance running it stops after the first attempt',
      attempts: attempts.length,
      workers: [...new Set(attempts.map((a) => a.worker))].length,
      retryDelayMs: RETRY_DELAY_MS,
      delaysMs: delays,
      finalState: failed.state,
      lastError: failed.last_error,
      listedForOrganizers: true,
      lost: 0,
      duplicates: 0,
      passed: true,
    });
  });
});
