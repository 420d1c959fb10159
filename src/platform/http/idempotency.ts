import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db, Queryable } from '../db/database.ts';
import { AppError } from './errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** A write's idempotency key, scoped to who sent it and bound to what was sent. */
export interface IdempotencyKey {
  scope: string;
  key: string;
  requestHash: string;
}

export interface StoredResponse<T = unknown> {
  statusCode: number;
  body: T;
  /** True when this is the answer to an earlier request with the same key. */
  replayed: boolean;
}

/** Reads the Idempotency-Key header of a write, if any. */
export function idempotencyKeyOf(request: FastifyRequest): IdempotencyKey | undefined {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(raw)) {
    throw new AppError(400, 'invalid_request', 'Idempotency-Key must be 8 to 200 visible ASCII characters', [
      { field: IDEMPOTENCY_HEADER, reason: 'must be 8 to 200 visible ASCII characters' },
    ]);
  }
  const actor = request.actor;
  const who = actor.kind === 'user' ? actor.userId : `ip:${request.ip}`;
  const requestHash = crypto
    .createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
  return { scope: `${who} ${request.method} ${request.routeOptions.url}`, key: raw, requestHash };
}

const reused = () =>
  new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request', [
    { field: IDEMPOTENCY_HEADER, reason: 'was used before with a different request' },
  ]);

/** The stored answer for a key, or undefined. A different request under the same key is refused. */
export async function findStoredResponse<T>(db: Db, key: IdempotencyKey): Promise<StoredResponse<T> | undefined> {
  const { rows } = await db.query<{ request_hash: string; status_code: number; response: T }>(
    'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [key.scope, key.key],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== key.requestHash) throw reused();
  return { statusCode: row.status_code, body: row.response, replayed: true };
}

/**
 * The answer stored under a scope and key, read back by whoever holds the key (the page a
 * post/redirect/get lands on), or undefined once it is gone.
 */
export async function readStoredAnswer<T>(db: Db, scope: string, key: string): Promise<T | undefined> {
  const { rows } = await db.query<{ response: T }>(
    'SELECT response FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return rows[0]?.response;
}

class AlreadyStored extends Error {}

/**
 * Runs a write in one transaction and, when the request carries a key, stores its answer in the
 * same transaction: a retry returns the first answer and stores nothing twice, also when the
 * retry races the first attempt (the second insert of the key waits for the first and then
 * finds it).
 */
export async function runIdempotent<T>(
  db: { transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R> } & Db,
  key: IdempotencyKey | undefined,
  write: (tx: Queryable) => Promise<{ statusCode: number; body: T }>,
): Promise<StoredResponse<T>> {
  if (key) {
    const stored = await findStoredResponse<T>(db, key);
    if (stored) return stored;
  }
  try {
    return await db.transaction(async (tx) => {
      const result = await write(tx);
      if (key) {
        const inserted = await tx.query(
          `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [key.scope, key.key, key.requestHash, result.statusCode, JSON.stringify(result.body)],
        );
        if (inserted.rowCount === 0) throw new AlreadyStored();
      }
      return { ...result, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof AlreadyStored) || !key) throw error;
    const stored = await findStoredResponse<T>(db, key);
    if (!stored) throw error;
    return stored;
  }
}

/** The Idempotency-Key header of a write route, for its schema and OpenAPI entry. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Makes a retry return the first answer and store nothing twice' }),
  ),
});

/** Sends a write's answer; a replayed one says so in the idempotent-replayed header. */
export function sendStored<T>(reply: FastifyReply, result: StoredResponse<T>): FastifyReply {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.statusCode).send(result.body);
}

/** How long a stored answer serves retries: far longer than any client's retry window. */
export const IDEMPOTENCY_KEEP_DAYS = 7;

/** Deletes stored answers older than the keep period (they may hold personal data). */
export async function pruneIdempotencyKeys(db: Db, keepDays = IDEMPOTENCY_KEEP_DAYS): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => $1)`,
    [keepDays],
  );
  return rowCount;
}
