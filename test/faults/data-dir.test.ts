/**
 * The embedded database's data directory on a read-only file system, on a full disk, and wanted
 * by a second process. Each case runs on a tmpfs of its own, mounted for the test (the tests run
 * as root; where mounting is not permitted the first two cases are skipped and say so).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../database.ts';
import {
  buildScene,
  createStorage,
  signIn,
  spawnOpenday,
  startServer,
  writeReliabilityResult,
  type ServerProcess,
  type Session,
} from './server-process.ts';

const mounts: string[] = [];
const servers: ServerProcess[] = [];
const results: Record<string, unknown> = {};

/** A fresh tmpfs of the given size, or undefined when this machine does not let us mount. */
function mountTmpfs(sizeMb: number): string | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

const remount = (dir: string, mode: 'ro' | 'rw') =>
  execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });

/** A digest of every file under dir: names, sizes and contents. */
function digest(dir: string): string {
  const hash = crypto.createHash('sha256');
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(`${path.relative(dir, full)}\n`).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

async function record(url: string, session: Session, scene: { campaignId: string; unitId: string }, key: string) {
  const response = await fetch(`${url}/api/v1/consultations`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      campaignId: scene.campaignId,
      unitId: scene.unitId,
      topic: '供暖',
      question: `磁盘演练：${key}，${'暖气不热怎么办？'.repeat(20)}`,
      outcome: 'answered_on_spot',
    }),
  });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: Record<string, unknown> } };
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill9()));
  for (const dir of mounts.reverse()) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // left for the system's temporary-file cleaning
    }
  }
  if (Object.keys(results).length) writeReliabilityResult('data-dir', { ...results, passed: true });
});

// Servers and clusters start several times per case: generous limits for a busy machine.
describe.skipIf(onPostgres)('the embedded data directory', { timeout: 900_000 }, () => {
  it('on a read-only file system: the server refuses to start, says why, and changes nothing', async (context) => {
    const mnt = mountTmpfs(192);
    if (!mnt) return context.skip('mounting a tmpfs is not permitted on this machine');
    // A database with records in it, written and closed.
    const storage = await createStorage({ dataDir: path.join(mnt, 'data') });
    const scene = await storage.withDb((db) => buildScene(db));
    const before = digest(storage.dataDir);
    remount(mnt, 'ro');
    const refused = spawnOpenday(storage.env);
    const code = await refused.exited;
    expect(code).toBe(2);
    expect(refused.output()).toMatch(/read-only file system \(EROFS\)/);
    expect(refused.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(digest(storage.dataDir)).toBe(before);

    // Made writable again, it starts, and what was stored is there.
    remount(mnt, 'rw');
    const again = await startServer(storage.env);
    servers.push(again);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    const desk = await signIn(again.url, scene.desks[0]!);
    const stats = await fetch(`${again.url}/api/v1/campaigns/${scene.campaignId}/statistics`, {
      headers: desk.headers,
    });
    expect(stats.status).toBe(200);
    await again.stop();
    expect(await again.exited).toBe(0);
    results.readOnly = {
      exitCode: code,
      message: refused.output().trim().split('\n')[0],
      unchanged: true,
      startsAfterRemountRw: true,
    };
  });

  it('on a full disk: writes answer 507 in the error shape, the server stays up, and works again once space is freed', async (context) => {
    const mnt = mountTmpfs(192);
    if (!mnt) return context.skip('mounting a tmpfs is not permitted on this machine');
    const storage = await createStorage({ dataDir: path.join(mnt, 'data') });
    const scene = await storage.withDb((db) => buildScene(db));
    const server = await startServer(storage.env);
    servers.push(server);
    const desk = await signIn(server.url, scene.desks[0]!);

    // Fill the disk.
    const filler = path.join(mnt, 'filler');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(1 << 20);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }

    const acknowledged: { key: string; id: string }[] = [];
    const refused: { key: string; body: Record<string, unknown> }[] = [];
    for (let i = 0; i < 2000 && refused.length < 3; i++) {
      const key = `full-${i}-${crypto.randomUUID()}`;
      const answer = await record(server.url, desk, scene, key);
      if (answer.status === 201) acknowledged.push({ key, id: answer.body.id! });
      else refused.push({ key, body: { status: answer.status, ...answer.body } });
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.body).toMatchObject({
        status: 507,
        error: {
          code: 'insufficient_storage',
          message: expect.stringMatching(/no space left/),
          details: expect.any(Array),
        },
      });
    }
    // Still up, and still reading.
    expect(server.child.exitCode).toBeNull();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const read = await fetch(`${server.url}/api/v1/campaigns/${scene.campaignId}/statistics`, {
      headers: desk.headers,
    });
    expect(read.status).toBe(200);

    // Space freed: the refused records, retried with their keys, land.
    fs.rmSync(filler);
    for (const r of refused) {
      const answer = await record(server.url, desk, scene, r.key);
      expect(answer.status).toBe(201);
      acknowledged.push({ key: r.key, id: answer.body.id! });
    }
    await server.stop();
    expect(await server.exited).toBe(0);

    // The database is intact: it opens, and holds every acknowledged record once.
    const stored = await storage.withDb(async (db) => {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM consultations WHERE campaign_id = $1', [
        scene.campaignId,
      ]);
      return rows.map((r) => r.id);
    });
    expect(stored.sort()).toEqual(acknowledged.map((a) => a.id).sort());
    results.fullDisk = {
      acceptedBeforeFull: acknowledged.length - refused.length,
      refused507: refused.length,
      serverStayedUp: true,
      retriedAfterFree: refused.length,
      recordsIntact: stored.length,
      lost: 0,
      duplicates: 0,
    };
  });

  it('refuses a second server on the same directory while the first runs, and serves a command beside it', async () => {
    // The first server makes and migrates an empty directory itself.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-taken-'));
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await startServer(env);
    servers.push(first);
    const second = spawnOpenday(env);
    expect(await second.exited).toBe(2);
    expect(second.output()).toMatch(/in use by another OpenDay process \(pid \d+/);
    expect(second.output()).not.toMatch(/\n\s+at /);
    const pglite = (process.env.EMBEDDED_DATABASE ?? '') === 'pglite';
    const cli = spawnOpenday(env, ['migrate']);
    // PGlite's files are one process's; the embedded PostgreSQL serves the command beside the server.
    expect(await cli.exited).toBe(pglite ? 2 : 0);
    expect(cli.output()).toMatch(pglite ? /in use by another OpenDay process/ : /Up to date/);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, 'openday.lock'))).toBe(false);
    // The last process out stopped the cluster.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
    results.secondProcess = { serveExitCode: 2, cliExitCode: pglite ? 2 : 0, firstStillServing: true };
  });
});
