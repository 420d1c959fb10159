import crypto from 'node:crypto';
import pg from 'pg';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openEmbedded } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';

/** Which database the suite runs on: a PostgreSQL server when DATABASE_URL is set, else embedded. */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/** What runs the SQL: PostgreSQL (a server, or the embedded cluster), or PGlite (EMBEDDED_DATABASE=pglite). */
export const engine: 'postgres' | 'pglite' =
  onPostgres || process.env.EMBEDDED_DATABASE !== 'pglite' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file (dropped again by `drop`): a new database on the
 * PostgreSQL server named by DATABASE_URL, or on the run's embedded cluster (test/global-setup.ts),
 * or an in-memory PGlite with EMBEDDED_DATABASE=pglite.
 */
export async function createTestDatabase(): Promise<{
  db: Database;
  url: string | undefined;
  /** Closes the pool (if the caller has not) and drops the database. */
  drop: () => Promise<void>;
}> {
  const adminUrl = process.env.DATABASE_URL || process.env.OPENDAY_TEST_CLUSTER_URL;
  if (!adminUrl) {
    const db = await openEmbedded(undefined);
    await migrate(db);
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `openday_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 5);
  await migrate(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      // Many callers close the pool themselves first, to leave the database to the commands they run.
      await db.close().catch((error: unknown) => {
        if (!String(error).includes('more than once')) throw error;
      });
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
