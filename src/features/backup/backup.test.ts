import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { migrate, MIGRATIONS_DIR } from '../../platform/db/migrate.ts';
import { openEmbedded } from '../../platform/db/pglite.ts';
import { loadDemo } from '../demo/service.ts';
import { quoteIdent } from './repository.ts';
import { readBackupHeader, restoreBackup, writeBackup } from './service.ts';

/**
 * Backup → restore on the database the suite runs on (and, from PostgreSQL, into the embedded
 * one: one format for both), compared table by table, row by row.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-backup-test-'));
const drops: (() => Promise<void>)[] = [];
let source: Database;
let file: string;

async function freshDatabase(): Promise<Database> {
  const created = await createTestDatabase();
  drops.push(created.drop);
  return created.db;
}

/** Every table's rows as sorted JSON text; audit entries of the backup and restore themselves left out. */
async function dump(db: Database): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' ORDER BY 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const where = name === 'audit_log' ? "WHERE action NOT IN ('backup', 'restore')" : '';
    const { rows } = await db.query<{ j: string }>(
      `SELECT row_to_json(t)::text AS j FROM ${quoteIdent(name)} t ${where} ORDER BY 1`,
    );
    out[name] = rows.map((r) => r.j);
  }
  const versions = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY 1');
  out.schema_migrations = versions.rows.map((r) => r.version);
  return out;
}

beforeAll(async () => {
  source = await freshDatabase();
  await loadDemo(source);
  const world = await buildWorld(source);
  // Values that like to get lost: quotes, line breaks, emoji, a backslash, microseconds, arrays, jsonb.
  await source.query(
    `INSERT INTO consultations (id, campaign_id, unit_id, visit_id, occurred_at, channel, topic, question, visitor_name,
       visitor_phone, contact_consent)
     VALUES ('0190c0de-0000-7000-8000-00000000beef', $1, $2, '0190c0de-0000-7000-8000-00000000cafe',
       '2026-05-15 09:30:01.123456+08', 'hotline', '供暖', $3, '"王"芳', '13800000000', true)`,
    [world.campaign.id, world.unitA.id, '第一行\n第二行\t"引号" \\ 😀'],
  );
  await source.query(
    `INSERT INTO jobs (id, name, payload, max_attempts) VALUES ('0190c0de-0000-7000-8000-00000000f00d', 'x.y', $1, 3)`,
    [JSON.stringify({ nested: { list: [1, 2.5, null, 'ü'] } })],
  );
  file = path.join(dir, 'round-trip.jsonl.gz');
});

afterAll(async () => {
  for (const drop of drops) await drop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

// Whole databases are written and read: generous limits on a shared two-core machine.
describe('backup and restore', { timeout: 10 * 60_000 }, () => {
  it('restores every record of every table, on this database', async () => {
    const progress: number[] = [];
    const summary = await writeBackup({
      db: source,
      file,
      trigger: 'cli',
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(summary.rows).toBeGreaterThan(1000);
    expect(progress.at(-1)).toBe(summary.rows);
    const header = await readBackupHeader(file);
    // What the source database is (the test harness reaches the embedded cluster as a server).
    expect(header.database).toBe(source.kind);
    expect(header.schemaVersion).toBe(
      fs
        .readdirSync(MIGRATIONS_DIR)
        .sort()
        .at(-1)!
        .replace(/\.sql$/, ''),
    );

    const audit = await source.query<{ after: { rows: number; sha256: string; trigger: string } }>(
      "SELECT after FROM audit_log WHERE action = 'backup'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ rows: summary.rows, sha256: summary.sha256, trigger: 'cli' });

    const target = await freshDatabase();
    const restored = await restoreBackup({ db: target, file });
    expect(restored).toMatchObject({ rows: summary.rows, migrated: [] });
    const [before, after] = [await dump(source), await dump(target)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(before.consultations!.length).toBeGreaterThan(100);
    expect((await target.query("SELECT 1 FROM audit_log WHERE action = 'restore'")).rows).toHaveLength(1);
    const special = await target.query<{ question: string; occurred_at: Date }>(
      "SELECT question, occurred_at FROM consultations WHERE id = '0190c0de-0000-7000-8000-00000000beef'",
    );
    expect(special.rows[0]!.question).toBe('第一行\n第二行\t"引号" \\ 😀');
  });

  it('writes one format: a PostgreSQL backup restores into the embedded database and back', async () => {
    const embedded = await openEmbedded(undefined);
    try {
      await restoreBackup({ db: embedded, file });
      const before = await dump(source);
      const after = await dump(embedded);
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    } finally {
      await embedded.close();
    }
  });

  it('refuses to replace the records of a database unless forced', async () => {
    const target = await freshDatabase();
    await buildWorld(target);
    const refused = restoreBackup({ db: target, file });
    await expect(refused).rejects.toMatchObject({ statusCode: 409, code: 'database_not_empty' });
    const world = await dump(target);
    expect(world.units!.length).toBeLessThan(20);
    await restoreBackup({ db: target, file, force: true });
    expect((await dump(target)).consultations).toEqual((await dump(source)).consultations);
  });

  it('refuses a backup from a newer schema, and a cut-off file, leaving the database as it was', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    header.migrations.push('20991231T000000_from_the_future');
    header.schemaVersion = '20991231T000000_from_the_future';
    const newer = path.join(dir, 'newer.jsonl.gz');
    fs.writeFileSync(newer, zlib.gzipSync([JSON.stringify(header), ...lines.slice(1)].join('\n')));
    const cut = path.join(dir, 'cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));

    const target = await freshDatabase();
    const world = await buildWorld(target);
    const before = await dump(target);
    await expect(restoreBackup({ db: target, file: newer, force: true })).rejects.toMatchObject({
      statusCode: 409,
      code: 'backup_newer_schema',
    });
    await expect(restoreBackup({ db: target, file: cut, force: true })).rejects.toMatchObject({
      code: 'invalid_backup',
    });
    const notGzip = path.join(dir, 'plain.txt');
    fs.writeFileSync(notGzip, 'hello');
    await expect(restoreBackup({ db: target, file: notGzip, force: true })).rejects.toMatchObject({
      code: 'invalid_backup',
    });
    expect(await dump(target)).toEqual(before);
    expect(world.campaign.id).toBeDefined();
  });

  it('brings an older backup up to this schema: its migrations, its rows, then the later migrations', async () => {
    const migrations = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    const olderDir = fs.mkdtempSync(path.join(dir, 'older-'));
    for (const name of migrations.slice(0, -1))
      fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(olderDir, name));
    const older = await openEmbedded(undefined);
    const olderFile = path.join(dir, 'older.jsonl.gz');
    try {
      await migrate(older, olderDir);
      await buildWorld(older);
      await writeBackup({ db: older, file: olderFile, trigger: 'automatic' });
    } finally {
      await older.close();
    }
    const target = await freshDatabase();
    const restored = await restoreBackup({ db: target, file: olderFile });
    expect(restored.migrated).toEqual([migrations.at(-1)!.replace(/\.sql$/, '')]);
    const versions = (await dump(target)).schema_migrations;
    expect(versions).toEqual(migrations.map((m) => m.replace(/\.sql$/, '')));
    expect((await dump(target)).users!.length).toBe(8);
  });
});
