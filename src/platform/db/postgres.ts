import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DatabaseUnavailableError, isConnectionError, type Database, type Queryable } from './database.ts';
import { mapStorageError } from './storage-errors.ts';

// Dates stay strings ('2026-05-15'); timestamps come back as Date; bigint counts as numbers.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

/** The pool's own error when no connection could be had within connectionTimeoutMillis. */
const POOL_TIMEOUT = /timeout exceeded when trying to connect/i;

function wrap(error: unknown): unknown {
  const unavailable = isConnectionError(error) || (error instanceof Error && POOL_TIMEOUT.test(error.message));
  return unavailable ? new DatabaseUnavailableError((error as Error).message) : mapStorageError(error);
}

/** How long a health check waits for the server's answer. */
const PING_TIMEOUT_MS = 2000;

/** How long a lost listening connection waits before it tries again. */
const LISTEN_RETRY_MS = 500;

/**
 * LISTEN on a connection outside the pool (a pooled one would be handed to queries). When the
 * connection is lost it is opened again until `stop`; each change is told to `onState`, so the
 * listener knows it may have missed announcements in between.
 */
function listenOn(
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onState: (listening: boolean) => void,
): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'openday-listen' });
    client = next;
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      onState(false);
      next.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), LISTEN_RETRY_MS);
    };
    next.on('error', onLost);
    next.on('end', onLost);
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (!stopped && !lost) onState(true);
    } catch {
      onLost();
    }
  };
  void connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/**
 * A PostgreSQL server reached through a connection pool. `connectTimeoutMs` is how long a request
 * may wait for a connection — a new one, or a free one when all are in use: a few seconds for a
 * server (a server that is gone refuses at once, so that is answered 503 without the wait; a
 * crowd of sign-ins on a busy machine waits its turn instead of getting 503 after 2 s), longer for
 * the embedded cluster on this machine, which a busy machine may be slow to fork a backend for.
 */
export async function openPostgres(url: string, poolSize: number, connectTimeoutMs = 5000): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Bounded: a request never queues without end behind dead sockets or a full pool.
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A server that vanished without closing the connection is noticed by TCP keepalive.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'openday',
    // No JIT compilation: OpenDay's statements read at most some hundred thousand index entries,
    // and compiling them took longer than it saved (the campaign's statistics on the province data
    // set: 0.36–0.55 s without, 0.85–0.93 s with). A setting of the connection, given when it opens.
    options: '-c jit=off',
  });
  // An idle client that loses its server emits here; the pool replaces it.
  pool.on('error', () => {});

  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[], name?: string) => {
    try {
      const values = params as unknown[] | undefined;
      const result = await (name ? client.query({ name, text: sql, values }) : client.query(sql, values));
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw wrap(error);
    }
  };

  const connect = async () => {
    try {
      return await pool.connect();
    } catch (error) {
      throw wrap(error);
    }
  };

  const copy = async (client: pg.PoolClient, sql: string, data: string) => {
    try {
      const stream = client.query(copyFrom(sql));
      await pipeline(Readable.from([data]), stream);
      return stream.rowCount;
    } catch (error) {
      throw wrap(error);
    }
  };

  const db: Database = {
    kind: 'postgres',
    engine: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options?.name),
    async transaction(fn) {
      const client = await connect();
      // A checked-out client has no error listener of the pool's: a connection lost between two
      // statements of this transaction would otherwise be an uncaught 'error' that ends the
      // process. The next statement fails instead, and the client is discarded on release.
      let lost = false;
      const onLost = () => {
        lost = true;
      };
      client.on('error', onLost);
      const tx: Queryable = {
        query: (sql, params, options) => run(client, sql, params, options?.name),
        exec: async (sql) => {
          await run(client, sql);
        },
        copyFrom: (sql, data) => copy(client, sql, data),
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw wrap(error);
      } finally {
        client.off('error', onLost);
        client.release(broken || lost);
      }
    },
    async exec(sql) {
      await run(pool, sql);
    },
    async copyFrom(sql, data) {
      const client = await connect();
      let failed = false;
      try {
        return await copy(client, sql, data);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        client.release(failed);
      }
    },
    async ping() {
      // Answers within PING_TIMEOUT_MS even when the server neither answers nor hangs up.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
      try {
        return await Promise.race([pool.query('SELECT 1').then(() => true), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await pool.end();
    },
    async listen(channel, onMessage, onState) {
      return listenOn(url, channel, onMessage, onState);
    },
  };
  await db.query('SELECT 1');
  return db;
}
