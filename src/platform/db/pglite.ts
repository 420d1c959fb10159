import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { mapStorageError } from './storage-errors.ts';

const parsers = {
  1082: (value: string) => value, // date stays '2026-05-15'
  20: (value: string) => Number(value), // bigint counts as numbers
  1700: (value: string) => Number(value),
};

/**
 * The embedded PostgreSQL (PGlite, compiled to WebAssembly) persisted under dataDir, or in memory
 * when dataDir is undefined (tests). The data directory is locked to this process.
 */
export async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      dataDir: dataDir ? `${dataDir}/pgdata` : undefined,
      parsers,
      extensions: { pg_trgm },
    });
  } catch (error) {
    release();
    throw error;
  }
  const wrap =
    (q: Pick<PGlite, 'query'>): Queryable['query'] =>
    async <T>(sql: string, params?: readonly unknown[]) => {
      try {
        const result = await q.query<T>(sql, params as unknown[] | undefined);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      } catch (error) {
        throw mapStorageError(error);
      }
    };
  let closed = false;
  return {
    kind: 'embedded',
    engine: 'pglite',
    query: wrap(pg),
    transaction: (fn) =>
      pg
        .transaction((tx) =>
          fn({
            query: wrap(tx),
            exec: async (sql) => {
              await tx.exec(sql);
            },
          }),
        )
        .catch((error: unknown) => {
          throw mapStorageError(error);
        }),
    async exec(sql) {
      try {
        await pg.exec(sql);
      } catch (error) {
        throw mapStorageError(error);
      }
    },
    async ping() {
      try {
        await pg.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (dataDir) await pg.query('CHECKPOINT');
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
