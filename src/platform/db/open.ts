import type { Config } from '../../config.ts';
import type { Database } from './database.ts';
import { openEmbedded } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Opens the database the configuration names: a PostgreSQL server, or the embedded one. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databasePoolSize) : openEmbedded(config.dataDir);
}
