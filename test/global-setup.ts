import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { joinCluster } from '../src/platform/db/cluster.ts';

/**
 * One embedded PostgreSQL cluster for the whole test run (a database per test file is made on
 * it by test/database.ts), unless the run is on a PostgreSQL server (DATABASE_URL) or on PGlite
 * (EMBEDDED_DATABASE=pglite: an in-memory PGlite per file).
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL || process.env.EMBEDDED_DATABASE === 'pglite') return async () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-test-cluster-'));
  const cluster = await joinCluster(dataDir, { server: false });
  process.env.OPENDAY_TEST_CLUSTER_URL = cluster.url;
  return async () => {
    await cluster.leave();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
