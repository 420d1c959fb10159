import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { openPostgres } from '../db/postgres.ts';
import type { App } from '../http/app-types.ts';
import { login } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { createTestDatabase, onPostgres } from '../../../test/database.ts';
import {
  backoffMs,
  defineJob,
  enqueue,
  enqueueScheduled,
  InvalidJobPayloadError,
  releaseExpiredLeases,
  type JobRow,
} from './queue.ts';
import { schedule, startWorker, type Worker } from './worker.ts';

let app: App;
let db: Database;
let url: string | undefined;
let drop: () => Promise<void>;
let world: Awaited<ReturnType<typeof buildWorld>>;
const extraPools: Database[] = [];
const workers: Worker[] = [];

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  app = await buildApp({ db, config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }) });
  world = await buildWorld(db);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await app?.close();
  await Promise.all(extraPools.map((p) => p.close()));
  await drop?.();
});

/** Another app instance's database: its own pool on PostgreSQL; the one embedded database otherwise. */
async function secondInstance(): Promise<Database> {
  if (!onPostgres) return db;
  const pool = await openPostgres(url!, 4);
  extraPools.push(pool);
  return pool;
}

function work(options: Omit<Parameters<typeof startWorker>[0], 'log'>): Worker {
  const worker = startWorker({ log: app.log, pollIntervalMs: 50, ...options });
  workers.push(worker);
  return worker;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const jobRow = async (id: string) => (await db.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id])).rows[0];

describe('job definitions', () => {
  const echo = defineJob({
    name: 'test.echo',
    payload: Type.Object({ text: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
    retryLimit: 0,
    retryDelayMs: 10,
    handle: async () => {},
  });

  it('checks the payload when a job is queued, and stores nothing that does not match', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n;
    await expect(enqueue(db, echo, { text: 'far too long a text' })).rejects.toThrow(InvalidJobPayloadError);
    // @ts-expect-error the payload's type is checked by the compiler too
    await expect(enqueue(db, echo, { text: 'ok', extra: 1 })).rejects.toThrow(/extra|additional/);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).rows[0]!.n).toBe(before);
  });

  it('queues a job inside a transaction only when the transaction commits', async () => {
    let id: string | null = null;
    await expect(
      db.transaction(async (tx) => {
        id = await enqueue(tx, echo, { text: 'gone' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(id).not.toBeNull();
    expect(await jobRow(id!)).toBeUndefined();
  });

  it('doubles the delay before each retry, up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs({ retryDelayMs: 100 }, n))).toEqual([100, 200, 400, 800]);
    expect(backoffMs({ retryDelayMs: 100, retryDelayMaxMs: 250 }, 3)).toBe(250);
  });
});

describe('a job that keeps failing', () => {
  it('is retried with exponential backoff, ends failed, and organizers see it with its error', async () => {
    const attempts: number[] = [];
    const flaky = defineJob({
      name: 'test.flaky',
      payload: Type.Object({ n: Type.Integer() }),
      retryLimit: 2,
      retryDelayMs: 400,
      handle: async (_payload, { job }) => {
        attempts.push(Date.now());
        throw new Error(`boom ${job.attempt}`);
      },
    });
    const id = (await enqueue(db, flaky, { n: 1 }))!;
    work({ db, jobs: [flaky] });

    // Between attempts it waits in state "retry" with its last error.
    const retrying = await waitFor('the first retry', async () => {
      const row = await jobRow(id);
      return row?.state === 'retry' ? row : undefined;
    });
    expect(retrying.last_error).toBe('Error: boom 1');

    const failed = await waitFor('the job to fail', async () => {
      const row = await jobRow(id);
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed).toMatchObject({ attempts: 3, max_attempts: 3, last_error: 'Error: boom 3' });
    expect(attempts).toHaveLength(3);
    const [first, second, third] = attempts as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(380);
    expect(third - second).toBeGreaterThanOrEqual(780);

    const organizer = await login(app, world.users.organizer);
    const listed = await organizer.request({ method: 'GET', url: '/api/v1/jobs?state=failed' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toContainEqual(
      expect.objectContaining({
        id,
        name: 'test.flaky',
        state: 'failed',
        attempts: 3,
        maxAttempts: 3,
        lastError: 'Error: boom 3',
      }),
    );
    expect(listed.json().items[0]).not.toHaveProperty('payload');

    const admin = await login(app, world.users.adminA);
    const refused = await admin.request({ method: 'GET', url: '/api/v1/jobs?state=failed' });
    expect(refused.statusCode).toBe(403);
    const bad = await organizer.request({ method: 'GET', url: '/api/v1/jobs?state=broken' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.state');
  });

  it('fails at once, without retries, when a stored payload no longer matches its schema', async () => {
    const strict = defineJob({
      name: 'test.strict',
      payload: Type.Object({ n: Type.Integer() }),
      retryLimit: 5,
      retryDelayMs: 10,
      handle: async () => {},
    });
    const id = (await enqueue(db, strict, { n: 1 }))!;
    await db.query(`UPDATE jobs SET payload = '{"n":"one"}' WHERE id = $1`, [id]);
    work({ db, jobs: [strict] });
    const row = await waitFor('the job to fail', async () => {
      const r = await jobRow(id);
      return r?.state === 'failed' ? r : undefined;
    });
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/payload of test.strict/);
  });
});

describe('several instances sharing the queue', () => {
  it('runs each job exactly once', async () => {
    // The same job as each instance knows it, counting what each one ran.
    const ranBy: [string[], string[]] = [[], []];
    const counted = (instance: 0 | 1) =>
      defineJob({
        name: 'test.counted',
        payload: Type.Object({ i: Type.Integer() }),
        retryLimit: 0,
        retryDelayMs: 10,
        handle: async (_p, { job }) => {
          ranBy[instance].push(job.id);
          await new Promise((r) => setTimeout(r, 5));
        },
      });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await enqueue(db, counted(0), { i }))!);
    const other = await secondInstance();
    work({ db, jobs: [counted(0)], concurrency: 3 });
    work({ db: other, jobs: [counted(1)], concurrency: 3 });
    await waitFor('all jobs to complete', async () => {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs WHERE name = 'test.counted' AND state = 'completed'`,
      );
      return rows[0]!.n === 60 ? true : undefined;
    });
    expect([...ranBy[0], ...ranBy[1]].sort()).toEqual(ids.sort());
    // Both took part (on PostgreSQL: two pools, as two app instances have).
    expect(ranBy[0].length).toBeGreaterThan(0);
    expect(ranBy[1].length).toBeGreaterThan(0);
  });

  it('queues a scheduled job once per slot, however many instances schedule it', async () => {
    let runs = 0;
    const tick = defineJob({
      name: 'test.tick',
      payload: Type.Object({}),
      retryLimit: 0,
      retryDelayMs: 10,
      handle: async () => {
        runs++;
      },
    });
    // Both instances ask for the same slot at the same moment: one job.
    const other = await secondInstance();
    const queued = await Promise.all([
      enqueueScheduled(db, tick, {}, 3600),
      enqueueScheduled(other, tick, {}, 3600),
      enqueueScheduled(db, tick, {}, 3600),
    ]);
    expect(queued.filter(Boolean)).toHaveLength(1);

    // Two workers scheduling every second for a while: one run per slot.
    const started = Date.now();
    const a = work({ db, jobs: [tick], schedules: [schedule(tick, {}, 1)] });
    const b = work({ db: other, jobs: [tick], schedules: [schedule(tick, {}, 1)] });
    await new Promise((r) => setTimeout(r, 3200));
    await Promise.all([a.stop(), b.stop()]);
    const seconds = (Date.now() - started) / 1000;
    const { rows } = await db.query<{ singleton_key: string; state: string }>(
      `SELECT singleton_key, state FROM jobs WHERE name = 'test.tick' AND singleton_key LIKE 'test.tick@1:%'`,
    );
    const slots = new Set(rows.map((r) => r.singleton_key));
    expect(slots.size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    // The hourly job queued above ran too, and each queued job ran once.
    expect(runs).toBe(rows.filter((r) => r.state === 'completed').length + 1);
  });
});

describe('stopping and lost workers', () => {
  it('lets a running job finish before stop() returns', async () => {
    let finished = false;
    const slow = defineJob({
      name: 'test.slow',
      payload: Type.Object({}),
      retryLimit: 0,
      retryDelayMs: 10,
      handle: async () => {
        await new Promise((r) => setTimeout(r, 400));
        finished = true;
      },
    });
    const id = (await enqueue(db, slow, {}))!;
    const worker = work({ db, jobs: [slow] });
    await waitFor('the job to start', async () => ((await jobRow(id))?.state === 'active' ? true : undefined));
    await worker.stop();
    expect(finished).toBe(true);
    expect((await jobRow(id))!.state).toBe('completed');
  });

  it('retries a job whose worker vanished once its lease runs out, and fails it when attempts are used up', async () => {
    const lost = defineJob({
      name: 'test.lost',
      payload: Type.Object({}),
      retryLimit: 1,
      retryDelayMs: 10,
      handle: async () => {},
    });
    const a = (await enqueue(db, lost, {}))!;
    const b = (await enqueue(db, lost, {}))!;
    await db.query(
      `UPDATE jobs SET state = 'active', attempts = CASE WHEN id = $1 THEN 1 ELSE 2 END,
         locked_until = now() - interval '1 second' WHERE id IN ($1, $2)`,
      [a, b],
    );
    expect(await releaseExpiredLeases(db)).toBe(2);
    expect((await jobRow(a))!.state).toBe('retry');
    expect((await jobRow(b))!).toMatchObject({ state: 'failed', last_error: expect.stringMatching(/lease expired/) });
  });
});
