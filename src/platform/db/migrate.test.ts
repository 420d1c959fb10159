import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../../test/database.ts';
import { runOpenday } from '../../../test/cli.ts';
import type { Database } from './database.ts';
import {
  listMigrations,
  migrate,
  MigrationChangedError,
  migrationChecksum,
  MIGRATIONS_DIR,
  MIGRATIONS_LOCK,
  readMigrationsLock,
  updateMigrationsLock,
} from './migrate.ts';
import { openEmbedded } from './pglite.ts';

const LAST = listMigrations().at(-1)!;

/** A copy of migrations/ that a test may edit, with a copy of the lock file inside it. */
function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-migrations-'));
  for (const name of fs.readdirSync(MIGRATIONS_DIR))
    fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
  fs.copyFileSync(MIGRATIONS_LOCK, path.join(dir, 'migrations.lock.json'));
  return dir;
}

async function recordedChecksums(db: Database): Promise<Record<string, string | null>> {
  const { rows } = await db.query<{ version: string; checksum: string | null }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return Object.fromEntries(rows.map((r) => [r.version, r.checksum]));
}

describe('the committed lock file', () => {
  it('records every migration file, each with the sha256 the file has', () => {
    const lock = readMigrationsLock();
    const files = listMigrations();
    expect(Object.keys(lock).sort()).toEqual(files.map((v) => `${v}.sql`));
    for (const version of files)
      expect(lock[`${version}.sql`], `${version}.sql`).toBe(migrationChecksum(MIGRATIONS_DIR, version));
  });

  it('takes the checksums of new files and refuses to rewrite one already there', () => {
    const dir = copyMigrations();
    try {
      const lock = path.join(dir, 'migrations.lock.json');
      fs.writeFileSync(path.join(dir, '20991231T000000_later.sql'), 'SELECT 1;\n');
      expect(updateMigrationsLock(dir, lock).added).toEqual(['20991231T000000_later.sql']);
      expect(readMigrationsLock(lock)['20991231T000000_later.sql']).toBe(
        migrationChecksum(dir, '20991231T000000_later'),
      );
      expect(updateMigrationsLock(dir, lock).added).toEqual([]);

      fs.appendFileSync(path.join(dir, `${LAST}.sql`), '\n-- edited after it was committed\n');
      const before = fs.readFileSync(lock, 'utf8');
      expect(() => updateMigrationsLock(dir, lock)).toThrow(`${LAST}.sql`);
      expect(fs.readFileSync(lock, 'utf8')).toBe(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checksums of applied migrations', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
  });
  afterAll(() => drop?.());

  it('are stored as each migration is applied', async () => {
    const recorded = await recordedChecksums(db);
    expect(Object.keys(recorded)).toEqual(listMigrations());
    for (const version of listMigrations()) expect(recorded[version]).toBe(migrationChecksum(MIGRATIONS_DIR, version));
  });

  it('are recorded on the first start of a database migrated before they were kept', async () => {
    await db.exec('ALTER TABLE schema_migrations DROP COLUMN checksum');
    const result = await migrate(db);
    expect(result.applied).toEqual([]);
    const recorded = await recordedChecksums(db);
    for (const version of listMigrations()) expect(recorded[version]).toBe(migrationChecksum(MIGRATIONS_DIR, version));
  });

  it('refuse a migration changed after it was applied, naming the file, and change nothing', async () => {
    const dir = copyMigrations();
    try {
      fs.appendFileSync(path.join(dir, `${LAST}.sql`), '\nCREATE TABLE drifted (id int);\n');
      fs.writeFileSync(path.join(dir, '20991231T000000_later.sql'), 'CREATE TABLE later (id int);\n');
      const error = await migrate(db, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationChangedError);
      expect((error as Error).message).toContain(`migrations/${LAST}.sql`);
      const { rows } = await db.query<{ later: string | null; drifted: string | null }>(
        "SELECT to_regclass('public.later')::text AS later, to_regclass('public.drifted')::text AS drifted",
      );
      expect(rows[0]).toEqual({ later: null, drifted: null });
      expect(Object.keys(await recordedChecksums(db))).toEqual(listMigrations());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a server started over a changed applied migration', () => {
  it('stops with a message naming the file and exit code 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-drift-'));
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    if (onPostgres) {
      const { db, url, drop } = await createTestDatabase();
      await db.query("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = $1", [LAST]);
      env = { DATABASE_URL: url!, DATA_DIR: dir };
      cleanup = drop;
    } else {
      const db = await openEmbedded(dir);
      await migrate(db);
      await db.query("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = $1", [LAST]);
      await db.close();
      env = { DATABASE_URL: '', DATA_DIR: dir };
      cleanup = async () => {};
    }
    try {
      const cli = await runOpenday(['serve', '--no-demo'], { ...env, PORT: '0', HOST: '127.0.0.1' });
      expect(cli.stderr).toContain(`migrations/${LAST}.sql was changed after it was applied`);
      expect(cli.code).toBe(2);
    } finally {
      await cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
