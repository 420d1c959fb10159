import type { FastifyBaseLogger } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../ids.ts';

/** What a handler gets besides its payload. */
export interface JobContext {
  /** The database; a handler calls the same service commands as the routes, which own their transactions. */
  db: Database;
  log: FastifyBaseLogger;
  job: { id: string; name: string; attempt: number };
}

/**
 * A typed background job: a stable name (stored in each row, so never rename one), the payload's
 * TypeBox schema (checked when a job is queued and again when it runs), how often it is retried,
 * and the handler.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  payload: S;
  /** Retries after the first attempt; the job is failed when they are used up. */
  retryLimit: number;
  /** Delay before the first retry; each later retry waits twice as long as the one before. */
  retryDelayMs: number;
  /** Upper bound of a retry's delay. */
  retryDelayMaxMs?: number;
  /** How long a run may hold the job before another worker takes it to be lost and retries it. */
  timeoutSeconds?: number;
  handle: (payload: Static<S>, context: JobContext) => Promise<void>;
}

/** Declares a job; the identity function that lets TypeScript infer the payload's type. */
export function defineJob<S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9_.]{1,62}$/.test(definition.name)) throw new Error(`Invalid job name "${definition.name}"`);
  return definition;
}

export const JOB_STATES = ['queued', 'active', 'retry', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRow {
  id: string;
  name: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  singleton_key: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
}

/** The reasons a payload does not match its job's schema, or undefined when it does. */
export function payloadProblem(definition: JobDefinition, payload: unknown): string | undefined {
  if (Value.Check(definition.payload, payload)) return undefined;
  const reasons = [...Value.Errors(definition.payload, payload)]
    .filter((e) => e.keyword !== 'boolean')
    .map((e) => `${e.instancePath || '/'} ${e.message}`);
  return `payload of ${definition.name}: ${reasons.join('; ') || 'does not match its schema'}`;
}

/**
 * Queues a job. Given a transaction, the job is queued only if that transaction commits, so a
 * write and the work it causes stand or fall together. Works on any instance, whether or not it
 * runs a worker. With a singletonKey, a second job with the same key is not queued (null).
 */
export async function enqueue<S extends TSchema>(
  db: Db,
  definition: JobDefinition<S>,
  payload: Static<S>,
  options: { runAt?: Date; singletonKey?: string } = {},
): Promise<string | null> {
  const problem = payloadProblem(definition, payload);
  if (problem) throw new InvalidJobPayloadError(problem);
  const id = newId();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO jobs (id, name, payload, max_attempts, run_at, singleton_key)
     VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6)
     ON CONFLICT (singleton_key) DO NOTHING RETURNING id`,
    [
      id,
      definition.name,
      JSON.stringify(payload),
      definition.retryLimit + 1,
      options.runAt?.toISOString() ?? null,
      options.singletonKey ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/** Queues several jobs of one kind in one statement (e.g. an email per recipient). */
export async function enqueueMany<S extends TSchema>(
  db: Db,
  definition: JobDefinition<S>,
  payloads: readonly Static<S>[],
): Promise<string[]> {
  if (payloads.length === 0) return [];
  for (const payload of payloads) {
    const problem = payloadProblem(definition, payload);
    if (problem) throw new InvalidJobPayloadError(problem);
  }
  const ids = payloads.map(() => newId());
  await db.query(
    `INSERT INTO jobs (id, name, payload, max_attempts)
     SELECT id, $2, payload, $3 FROM unnest($1::uuid[], $4::jsonb[]) AS p (id, payload)`,
    [ids, definition.name, definition.retryLimit + 1, payloads.map((p) => JSON.stringify(p))],
  );
  return ids;
}

/**
 * Queues the run of a scheduled job for the current slot of `everySeconds`, counted on the
 * database's clock so that every instance agrees on the slot: with several instances asking at
 * once, the slot's unique key lets one job in. Returns its id, or null when the slot has its job.
 */
export async function enqueueScheduled<S extends TSchema>(
  db: Db,
  definition: JobDefinition<S>,
  payload: Static<S>,
  everySeconds: number,
): Promise<string | null> {
  const problem = payloadProblem(definition, payload);
  if (problem) throw new InvalidJobPayloadError(problem);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO jobs (id, name, payload, max_attempts, singleton_key)
     VALUES ($1, $2, $3, $4, $2 || '@' || $5::integer || ':' || floor(extract(epoch FROM now()) / $5::integer)::bigint)
     ON CONFLICT (singleton_key) DO NOTHING RETURNING id`,
    [newId(), definition.name, JSON.stringify(payload), definition.retryLimit + 1, everySeconds],
  );
  return rows[0]?.id ?? null;
}

/**
 * Claims up to `limit` due jobs of the given names for one worker: queued and retrying jobs whose
 * time has come, oldest first. SKIP LOCKED lets several workers claim at once without waiting on
 * one another or taking the same job.
 */
export async function claimJobs(
  db: Db,
  claim: { names: readonly string[]; limit: number; claimId: string; leaseSeconds: Record<string, number> },
): Promise<JobRow[]> {
  const { rows } = await db.query<JobRow>(
    `WITH next AS (
       SELECT id FROM jobs
       WHERE state IN ('queued', 'retry') AND run_at <= now() AND name = ANY($1::text[])
       ORDER BY run_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE jobs j
     SET state = 'active', attempts = j.attempts + 1, started_at = now(), locked_by = $3,
         locked_until = now() + make_interval(secs => coalesce(($4::jsonb ->> j.name)::float8, 600))
     FROM next WHERE j.id = next.id
     RETURNING j.*`,
    [claim.names, claim.limit, claim.claimId, JSON.stringify(claim.leaseSeconds)],
  );
  return rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime());
}

/** Marks a claimed job done; a no-op when the claim was lost (the lease ran out and another took it). */
export async function completeJob(db: Db, job: { id: string; claimId: string }): Promise<void> {
  await db.query(
    `UPDATE jobs SET state = 'completed', finished_at = now(), locked_until = NULL, last_error = NULL
     WHERE id = $1 AND locked_by = $2 AND state = 'active'`,
    [job.id, job.claimId],
  );
}

/**
 * Records a failed attempt: the job is retried after `retryInMs`, or failed for good when its
 * attempts are used up (or `final` says retrying cannot help).
 */
export async function failJob(
  db: Db,
  job: { id: string; claimId: string; error: string; retryInMs: number; final?: boolean },
): Promise<JobState | undefined> {
  const { rows } = await db.query<{ state: JobState }>(
    `UPDATE jobs
     SET state = CASE WHEN $5 OR attempts >= max_attempts THEN 'failed' ELSE 'retry' END,
         run_at = CASE WHEN $5 OR attempts >= max_attempts THEN run_at
                       ELSE now() + make_interval(secs => $4::float8 / 1000) END,
         finished_at = CASE WHEN $5 OR attempts >= max_attempts THEN now() END,
         locked_until = NULL, last_error = $3
     WHERE id = $1 AND locked_by = $2 AND state = 'active'
     RETURNING state`,
    [job.id, job.claimId, job.error.slice(0, 4000), job.retryInMs, job.final ?? false],
  );
  return rows[0]?.state;
}

/**
 * Active jobs whose lease ran out (their worker stopped or hung): retried when attempts remain,
 * failed otherwise. Any instance may run this; a job is moved once.
 */
export async function releaseExpiredLeases(db: Db): Promise<number> {
  const { rowCount } = await db.query(
    `WITH expired AS (SELECT id FROM jobs WHERE state = 'active' AND locked_until < now() FOR UPDATE SKIP LOCKED)
     UPDATE jobs j
     SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'retry' END,
         finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
         run_at = now(), locked_until = NULL,
         last_error = coalesce(last_error || E'\\n', '') || 'lease expired: the worker stopped or took too long'
     FROM expired WHERE j.id = expired.id`,
  );
  return rowCount;
}

/** Forgets completed jobs after a week and failed ones after 30 days. */
export async function pruneJobs(db: Db): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM jobs
     WHERE (state = 'completed' AND finished_at < now() - interval '7 days')
        OR (state = 'failed' AND finished_at < now() - interval '30 days')`,
  );
  return rowCount;
}

/** Recent jobs, newest first, for the organizer's view of what ran and what failed. */
export async function listJobRows(
  db: Db,
  filter: { state?: JobState | undefined; name?: string | undefined; before?: string | undefined; limit: number },
): Promise<JobRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.state) where.push(`state = $${params.push(filter.state)}`);
  if (filter.name) where.push(`name = $${params.push(filter.name)}`);
  if (filter.before) where.push(`id < $${params.push(filter.before)}::uuid`);
  const { rows } = await db.query<JobRow>(
    `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}

/** Exponential backoff: the delay before retry n (1-based) is base × 2^(n−1), capped. */
export function backoffMs(
  definition: Pick<JobDefinition, 'retryDelayMs' | 'retryDelayMaxMs'>,
  attempt: number,
): number {
  const max = definition.retryDelayMaxMs ?? 3_600_000;
  return Math.min(max, definition.retryDelayMs * 2 ** Math.max(0, attempt - 1));
}
