import type { Config } from '../../config.ts';
import { openCluster } from './cluster.ts';
import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';

/**
 * Opens the database the configuration names: a PostgreSQL server, or the embedded one — a
 * PostgreSQL cluster under DATA_DIR/pg (ADR 16), or PGlite under DATA_DIR/pgdata when
 * EMBEDDED_DATABASE=pglite. `server` marks the one process that may serve this DATA_DIR.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir' | 'embeddedDatabase'>,
  options: { server?: boolean } = {},
): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize);
  // Loaded only when chosen: PGlite's WebAssembly takes seconds to load.
  if (config.embeddedDatabase === 'pglite') return (await import('./pglite.ts')).openEmbedded(config.dataDir);
  return openCluster(config.dataDir, { server: options.server ?? false, poolSize: config.databasePoolSize });
}
