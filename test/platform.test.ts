import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { pruneIdempotencyKeys } from '../src/platform/http/idempotency.ts';
import { openEmbedded } from '../src/platform/db/pglite.ts';
import { DataDirLockedError } from '../src/platform/db/data-dir-lock.ts';
import { openCluster } from '../src/platform/db/cluster.ts';
import { createTestApp, type TestApp } from './app.ts';
import { createTestDatabase, onPostgres } from './database.ts';
import { runOpenday } from './cli.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('health and API description', () => {
  it('answers /healthz 200 when the database answers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /healthz 503 when the database does not', async () => {
    const { db, drop } = await createTestDatabase();
    const app = await buildApp({ db, config: loadConfig({}) });
    await db.close();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable' });
    await app.close();
    await drop().catch(() => {});
  });

  it('serves an OpenAPI 3.1 document covering the API, and the interactive docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/consultations', '/api/v1/campaigns/{id}/statistics', '/api/v1/auth/login']),
    );
    const post = doc.paths['/api/v1/consultations'].post;
    expect(post.requestBody.content['application/json'].schema.properties.channel.enum).toContain('hotline');
    expect(post.responses['400']).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('idempotency keys', () => {
  it('are kept for a week and then pruned', async () => {
    await t.db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response, created_at)
       VALUES ('s', 'old-key-1', 'h', 201, '{}', now() - interval '8 days'), ('s', 'new-key-1', 'h', 201, '{}', now())`,
    );
    expect(await pruneIdempotencyKeys(t.db)).toBe(1);
    const { rows } = await t.db.query<{ key: string }>("SELECT key FROM idempotency_keys WHERE scope = 's'");
    expect(rows.map((r) => r.key)).toEqual(['new-key-1']);
  });
});

describe('migrations', () => {
  it('are forward-only and idempotent: a second run applies nothing', async () => {
    const result = await migrate(t.db);
    expect(result.applied).toEqual([]);
    expect(result.current).toMatch(/^\d{8}T\d{6}_/);
  });
});

// Each test starts processes and clusters: generous limits for a busy machine.
describe.skipIf(onPostgres)('the embedded PostgreSQL cluster under DATA_DIR/pg', { timeout: 600_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-cluster-'));
  const env = { DATA_DIR: dir, DATABASE_URL: '', EMBEDDED_DATABASE: '' };
  const postmasterPid = path.join(dir, 'pg', 'postmaster.pid');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps what was written across a stop and a start, and the last process out stops it', async () => {
    const db = await openCluster(dir, { server: false, poolSize: 2 });
    await migrate(db);
    await db.query(
      "INSERT INTO regions (id, code, name, level, path) VALUES ('0190c0de-0000-7000-8000-000000000002', 'P2', '集群省', 'province', '/P2/')",
    );
    expect(fs.existsSync(postmasterPid)).toBe(true);
    await db.close();
    expect(fs.existsSync(postmasterPid)).toBe(false);
    const again = await openCluster(dir, { server: false, poolSize: 2 });
    const { rows } = await again.query<{ name: string }>('SELECT name FROM regions');
    expect(rows.map((r) => r.name)).toEqual(['集群省']);
    await again.close();
  });

  it('serves a command while the server runs, and refuses a second server with a clear message', async () => {
    const server = await openCluster(dir, { server: true, poolSize: 2 });
    try {
      await expect(openCluster(dir, { server: true, poolSize: 2 })).rejects.toBeInstanceOf(DataDirLockedError);
      const command = await runOpenday(['calendar', 'add-working-days', '2026-02-13', '15'], env, 240_000);
      expect(command).toMatchObject({ code: 0, stdout: '2026-03-12\n' });
      const migrateCommand = await runOpenday(['migrate'], env, 240_000);
      expect(migrateCommand.code).toBe(0);
      expect(migrateCommand.stdout).toMatch(/Up to date/);
      // The commands left; the server's cluster runs on.
      expect((await server.query<{ n: number }>('SELECT count(*)::int AS n FROM regions')).rows[0]!.n).toBe(1);
      const second = await runOpenday(['serve'], { ...env, PORT: '0' }, 240_000);
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/in use by another OpenDay process \(pid \d+/);
    } finally {
      await server.close();
    }
    expect(fs.existsSync(postmasterPid)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'openday.lock'))).toBe(false);
  });
});

describe.skipIf(onPostgres)('PGlite on disk (EMBEDDED_DATABASE=pglite)', { timeout: 600_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-embedded-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps what was written across a close and reopen', async () => {
    const db = await openEmbedded(dir);
    await migrate(db);
    await db.query(
      "INSERT INTO regions (id, code, name, level, path) VALUES ('0190c0de-0000-7000-8000-000000000001', 'P1', '持久省', 'province', '/P1/')",
    );
    await db.close();
    const again = await openEmbedded(dir);
    const { rows } = await again.query<{ name: string }>('SELECT name FROM regions');
    expect(rows.map((r) => r.name)).toEqual(['持久省']);
    await again.close();
  });

  it('belongs to one process: a second opener is refused with a clear message', async () => {
    const db = await openEmbedded(dir);
    try {
      await expect(openEmbedded(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      const cli = await runOpenday(['migrate'], { DATA_DIR: dir, DATABASE_URL: '', EMBEDDED_DATABASE: 'pglite' });
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/in use by another OpenDay process/);
    } finally {
      await db.close();
    }
    const cli = await runOpenday(['migrate'], { DATA_DIR: dir, DATABASE_URL: '', EMBEDDED_DATABASE: 'pglite' });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/Up to date/);
  });

  it('takes over the lock of a process that died', async () => {
    fs.writeFileSync(path.join(dir, 'openday.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, since: 'long ago' }));
    const db = await openEmbedded(dir);
    await db.close();
    expect(fs.existsSync(path.join(dir, 'openday.lock'))).toBe(false);
  });
});
