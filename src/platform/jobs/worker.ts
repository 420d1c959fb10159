import type { FastifyBaseLogger } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../db/database.ts';
import { newId } from '../ids.ts';
import {
  backoffMs,
  claimJobs,
  completeJob,
  enqueueScheduled,
  failJob,
  payloadProblem,
  pruneJobs,
  releaseExpiredLeases,
  type JobDefinition,
  type JobRow,
} from './queue.ts';

/** A job queued by every instance once per interval; the slot's unique key lets one run. */
export interface Schedule<S extends TSchema = TSchema> {
  job: JobDefinition<S>;
  payload: Static<S>;
  everySeconds: number;
}

/** Declares a schedule with the payload type of its job. */
export function schedule<S extends TSchema>(job: JobDefinition<S>, payload: Static<S>, everySeconds: number): Schedule {
  return { job, payload, everySeconds } as Schedule;
}

export interface WorkerOptions {
  db: Database;
  log: FastifyBaseLogger;
  // The handlers' payload types differ; each is checked against its own schema before it runs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs: readonly JobDefinition<any>[];
  schedules?: readonly Schedule[];
  /** How often to look for due jobs when the last look found none. */
  pollIntervalMs?: number;
  /** Jobs run at once by this worker. */
  concurrency?: number;
}

export interface Worker {
  /** A name for this worker in logs. */
  readonly id: string;
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
  /**
   * Stops claiming jobs and waits for the running ones to finish (at most timeoutMs; a job still
   * running then keeps its lease and is retried elsewhere when the lease runs out).
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

const MAINTENANCE_EVERY_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Runs jobs from the queue in this process, on either database: claims due jobs (several
 * instances share the queue, each job runs once), runs their handlers, retries failures with
 * exponential backoff, and queues the scheduled jobs once per slot.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { db, log, schedules = [] } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const concurrency = options.concurrency ?? (db.kind === 'embedded' ? 1 : 4);
  const definitions = new Map<string, JobDefinition>(options.jobs.map((j) => [j.name, j]));
  for (const s of schedules) if (!definitions.has(s.job.name)) definitions.set(s.job.name, s.job);
  const names = [...definitions.keys()];
  const leaseSeconds = Object.fromEntries([...definitions].map(([name, d]) => [name, d.timeoutSeconds ?? 600]));
  const id = newId();
  const logger = log.child({ worker: id.slice(-8) });

  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let again = false;
  const running = new Set<Promise<void>>();
  const scheduleTimers = new Set<NodeJS.Timeout>();
  const ticking = new Set<Promise<void>>();
  let lastMaintenance = 0;
  let lastPrune = Date.now();

  async function run(row: JobRow, claimId: string): Promise<void> {
    const definition = definitions.get(row.name)!;
    const problem = payloadProblem(definition, row.payload);
    if (problem) {
      // Retrying cannot make a payload valid: fail it at once, visibly.
      await failJob(db, { id: row.id, claimId, error: problem, retryInMs: 0, final: true });
      logger.error({ job: row.name, jobId: row.id }, problem);
      return;
    }
    try {
      await definition.handle(row.payload, {
        db,
        log: logger.child({ job: row.name, jobId: row.id }),
        job: { id: row.id, name: row.name, attempt: row.attempts },
      });
      await completeJob(db, { id: row.id, claimId });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const state = await failJob(db, {
        id: row.id,
        claimId,
        error: message,
        retryInMs: backoffMs(definition, row.attempts),
      }).catch((failure: unknown) => {
        logger.error({ err: failure, jobId: row.id }, 'could not record a failed job');
        return undefined;
      });
      const level = state === 'failed' ? 'error' : 'warn';
      logger[level]({ job: row.name, jobId: row.id, attempt: row.attempts, state, err: error }, 'job failed');
    }
  }

  async function maintain(): Promise<void> {
    const now = Date.now();
    if (now - lastMaintenance < MAINTENANCE_EVERY_MS) return;
    lastMaintenance = now;
    const released = await releaseExpiredLeases(db);
    if (released) logger.warn({ released }, 'jobs whose lease ran out were released');
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now;
      await pruneJobs(db);
    }
  }

  async function poll(): Promise<void> {
    if (stopping) return;
    await maintain();
    while (!stopping && running.size < concurrency) {
      const claimId = newId();
      const rows = await claimJobs(db, { names, limit: concurrency - running.size, claimId, leaseSeconds });
      if (rows.length === 0) break;
      for (const row of rows) {
        const task = run(row, claimId).finally(() => {
          running.delete(task);
          // A finished job frees a slot: look again at once rather than at the next poll.
          if (!stopping) wake();
        });
        running.add(task);
      }
    }
  }

  function loop(): void {
    if (stopping) return;
    if (polling) {
      again = true;
      return;
    }
    clearTimeout(timer);
    polling = poll()
      .catch((error: unknown) => logger.error({ err: error }, 'job poll failed'))
      .finally(() => {
        polling = undefined;
        if (stopping) return;
        if (again) {
          again = false;
          setImmediate(loop);
        } else {
          timer = setTimeout(loop, pollIntervalMs);
        }
      });
  }

  function wake(): void {
    loop();
  }

  function planSchedule(s: Schedule): void {
    const tick = async () => {
      if (stopping) return;
      try {
        const queued = await enqueueScheduled(db, s.job, s.payload, s.everySeconds);
        if (queued) wake();
      } catch (error) {
        logger.error({ err: error, job: s.job.name }, 'could not queue a scheduled job');
      }
      if (stopping) return;
      // Next slot boundary on this machine's clock, a little after it so the database agrees.
      const everyMs = s.everySeconds * 1000;
      const delay = everyMs - (Date.now() % everyMs) + 250;
      const t = setTimeout(() => {
        scheduleTimers.delete(t);
        start();
      }, delay);
      scheduleTimers.add(t);
    };
    const start = () => {
      const p = tick().finally(() => ticking.delete(p));
      ticking.add(p);
    };
    start();
  }

  loop();
  for (const s of schedules) planSchedule(s);
  logger.info({ jobs: names, concurrency, schedules: schedules.map((s) => s.job.name) }, 'job worker started');

  return {
    id,
    wake,
    async stop({ timeoutMs = 10_000 } = {}) {
      if (stopping) return;
      stopping = true;
      clearTimeout(timer);
      for (const t of scheduleTimers) clearTimeout(t);
      scheduleTimers.clear();
      await Promise.allSettled([polling, ...ticking]);
      let timeout: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled([...running]).then(() => true),
        new Promise<boolean>((resolve) => {
          timeout = setTimeout(() => resolve(false), timeoutMs);
        }),
      ]);
      clearTimeout(timeout);
      if (!drained) logger.warn({ running: running.size }, 'jobs still running at stop; they will be retried');
      logger.info('job worker stopped');
    },
  };
}
