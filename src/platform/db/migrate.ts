import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../http/errors.ts';
import type { Database, Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** The committed record of every migration's checksum (`npm run migrations:lock` adds new files). */
export const MIGRATIONS_LOCK = path.resolve(MIGRATIONS_DIR, '../migrations.lock.json');

export interface MigrationResult {
  applied: string[];
  current: string | undefined;
}

/** The migrations in a folder, as versions (file names without `.sql`), in the order they apply. */
export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{8}T\d{6}_[a-z0-9_]+\.sql$/.test(name))
    .map((name) => name.replace(/\.sql$/, ''))
    .sort();
}

/** The SHA-256 of a migration file's bytes, hex. */
export function migrationChecksum(dir: string, version: string): string {
  return crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(dir, `${version}.sql`)))
    .digest('hex');
}

/**
 * Refuses a start over a migration that was edited after it was applied: the database would keep
 * the old schema while the code expects the new one. Exit code 2 from the CLI (an AppError 409).
 */
export class MigrationChangedError extends AppError {
  constructor(version: string, recorded: string, found: string) {
    super(
      409,
      'migration_changed',
      `The migration migrations/${version}.sql was changed after it was applied to this database ` +
        `(applied sha256 ${recorded}, the file's now ${found}). Applied migrations are never edited: ` +
        `restore the file as it was and put the change in a new migration.`,
      [{ field: `migrations/${version}.sql`, reason: 'differs from the migration applied to this database' }],
    );
  }
}

/**
 * The bookkeeping table. `checksum` came later: a database migrated before it has the column
 * added here, and the checksums of its applied migrations are recorded by the next `migrate`.
 */
export async function ensureMigrationsTable(tx: Db): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  );
  ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`);
}

/** Runs one migration file and records it with its checksum, inside the caller's transaction. */
export async function applyMigration(tx: Db, dir: string, version: string): Promise<void> {
  await tx.exec(fs.readFileSync(path.join(dir, `${version}.sql`), 'utf8'));
  await tx.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [
    version,
    migrationChecksum(dir, version),
  ]);
}

/** The same lock as `migrate`: a server starting meanwhile waits. */
export async function lockMigrations(tx: Db): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(7215843)');
}

/**
 * Applies, in name order, every migration in migrations/ not yet applied. Forward only: a
 * migration once applied is never edited or reverted; a change is a new file. Each applied
 * migration's checksum is kept, and a file that no longer matches it stops the start
 * (MigrationChangedError). Several instances starting at once are serialised by an advisory lock,
 * and all pending migrations land in one transaction, so a failure leaves the schema as it was.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const versions = listMigrations(dir);
  return db.transaction(async (tx) => {
    await lockMigrations(tx);
    await ensureMigrationsTable(tx);
    const done = new Map(
      (
        await tx.query<{ version: string; checksum: string | null }>('SELECT version, checksum FROM schema_migrations')
      ).rows.map((r) => [r.version, r.checksum]),
    );
    const applied: string[] = [];
    for (const version of versions) {
      if (!done.has(version)) {
        await applyMigration(tx, dir, version);
        applied.push(version);
        continue;
      }
      const recorded = done.get(version);
      const found = migrationChecksum(dir, version);
      if (recorded == null) {
        // Applied before checksums were kept: what is there now is taken as what was applied.
        await tx.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1', [version, found]);
      } else if (recorded !== found) {
        throw new MigrationChangedError(version, recorded, found);
      }
    }
    const all = [...done.keys(), ...applied].sort();
    return { applied, current: all.at(-1) };
  });
}

/** The lock file's entries: migration file name → sha256. */
export function readMigrationsLock(file = MIGRATIONS_LOCK): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/**
 * Adds the checksums of new migration files to the lock file. An entry already there is never
 * rewritten: a file whose checksum differs from its entry is refused, naming it.
 */
export function updateMigrationsLock(dir = MIGRATIONS_DIR, file = MIGRATIONS_LOCK): { added: string[] } {
  const lock = readMigrationsLock(file);
  const added: string[] = [];
  const changed: string[] = [];
  for (const version of listMigrations(dir)) {
    const name = `${version}.sql`;
    const checksum = migrationChecksum(dir, version);
    if (lock[name] === undefined) {
      lock[name] = checksum;
      added.push(name);
    } else if (lock[name] !== checksum) {
      changed.push(name);
    }
  }
  if (changed.length)
    throw new Error(
      `Refusing to rewrite the checksums of committed migrations: ${changed.join(', ')} changed. ` +
        'Restore them and put the change in a new migration.',
    );
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return { added };
}
