/**
 * The real server in its own process, for fault tests: `bin/openday.js serve` on a database the
 * test prepares (a fresh embedded DATA_DIR, or a fresh PostgreSQL database when DATABASE_URL is
 * set), which the test can kill with any signal and start again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/open.ts';
import { buildCampaign, buildRegion, buildUnit, buildUser, TEST_PASSWORD } from '../builders.ts';
import { ROOT } from '../cli.ts';

export const dbKind: 'embedded' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'embedded';

/** Where the server's data lives: a DATA_DIR (always; the embedded database's home) and, on PostgreSQL, a database. */
export interface Storage {
  kind: 'embedded' | 'postgres';
  dataDir: string;
  databaseUrl: string | undefined;
  env: Record<string, string>;
  /**
   * Runs fn on the database from the test process, while the server runs or not (with
   * EMBEDDED_DATABASE=pglite: only while it is stopped; the data directory is one process's).
   */
  withDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
  remove: () => Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createStorage(options: { dataDir?: string } = {}): Promise<Storage> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'openday-fault-'));
  const adminUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `openday_fault_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    };
  }
  const withDb = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase(
      loadConfig({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, EMBEDDED_DATABASE: process.env.EMBEDDED_DATABASE }),
    );
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  await withDb((db) => migrate(db));
  return {
    kind: databaseUrl ? 'postgres' : 'embedded',
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '' },
    withDb,
    remove: async () => {
      await dropDatabase();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A unit taking part in a campaign, with desk staff and an organizer to act as. */
export interface Scene {
  campaignId: string;
  unitId: string;
  desks: string[];
  admin: string;
  organizer: string;
}

export async function buildScene(db: Database, deskCount = 1): Promise<Scene> {
  const region = await buildRegion(db, { level: 'province', name: '故障演练省' });
  const office = await buildUnit(db, { regionId: region.id, kind: 'office', name: `故障演练公开办${Date.now()}` });
  const unit = await buildUnit(db, { regionId: region.id, name: `故障演练供热办${Date.now()}` });
  const campaign = await buildCampaign(db, { organizerUnitId: office.id, unitIds: [unit.id] });
  const desks: string[] = [];
  for (let i = 0; i < deskCount; i++) desks.push(await buildUser(db, 'desk_staff', unit.id));
  return {
    campaignId: campaign.id,
    unitId: unit.id,
    desks,
    admin: await buildUser(db, 'unit_admin', unit.id),
    organizer: await buildUser(db, 'organizer', office.id),
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output: () => string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string | null>;
  /**
   * SIGKILL: no shutdown, no checkpoint, no lock released — and the embedded cluster's postmaster
   * killed too, as when the machine loses power: PostgreSQL recovers from its WAL at the next start.
   */
  kill9: () => Promise<void>;
  /** SIGTERM: the orderly shutdown. */
  stop: () => Promise<void>;
}

/** Spawns `openday serve` (or another command); the promise settles once it listens, or rejects when it exits first. */
export function spawnOpenday(
  env: Record<string, string>,
  args: string[] = ['serve', '--no-demo'],
): { child: ChildProcess; output: () => string; exited: Promise<number | string | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BASE_URL: 'http://localhost:3000',
      BACKUP_INTERVAL_HOURS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

export async function startServer(env: Record<string, string>, timeoutMs = 5 * 60_000): Promise<ServerProcess> {
  const { child, output, exited } = spawnOpenday(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output()}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  const kill9 = async () => {
    await signal('SIGKILL');
    if (!env.DATA_DIR || env.DATABASE_URL) return;
    try {
      const postmaster = Number(
        fs.readFileSync(path.join(env.DATA_DIR, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      process.kill(postmaster, 'SIGKILL');
    } catch {
      // no cluster running (PGlite, or already stopped)
    }
  };
  return { url, child, output, exited, kill9, stop: () => signal('SIGTERM') };
}

/** A signed-in desk: the headers every write sends. */
export interface Session {
  username: string;
  headers: Record<string, string>;
}

export async function signIn(url: string, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = /openday_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { username, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Runs tasks with at most `limit` at once. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

/** Writes what a fault test did and saw, for bench/reliability-report.ts. */
export function writeReliabilityResult(name: string, result: Record<string, unknown>): void {
  const dir = path.join(ROOT, 'test-results', 'reliability');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}-${dbKind}.json`),
    `${JSON.stringify({ name, database: dbKind, date: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
}
