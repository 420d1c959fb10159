import pg from 'pg';
import { DatabaseUnavailableError, isConnectionError, type Database, type Queryable } from './database.ts';

// Dates stay strings ('2026-05-15'); timestamps come back as Date; bigint counts as numbers.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

function wrap(error: unknown): unknown {
  return isConnectionError(error) ? new DatabaseUnavailableError((error as Error).message) : error;
}

/** A PostgreSQL server reached through a connection pool. */
export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Fail fast when the server is gone instead of queueing requests behind dead sockets.
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    application_name: 'openday',
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

  const db: Database = {
    kind: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options?.name),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw wrap(error);
      }
      const tx: Queryable = {
        query: (sql, params, options) => run(client, sql, params, options?.name),
        exec: async (sql) => {
          await run(client, sql);
        },
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
        client.release(broken);
      }
    },
    async exec(sql) {
      await run(pool, sql);
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
  await db.query('SELECT 1');
  return db;
}
