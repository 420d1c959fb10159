import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runOpenday } from '../../../test/cli.ts';
import { createTestDatabase, engine, onPostgres } from '../../../test/database.ts';
import { readBackupHeader } from './service.ts';

/**
 * `openday backup` and `openday restore` as an operator runs them, next to a running server: on
 * the embedded database the server takes the backup it is asked for; on PostgreSQL the command
 * takes it itself.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-backup-cli-'));
const drops: (() => Promise<void>)[] = [];
let source: Record<string, string>;
let target: Record<string, string>;

async function scratch(name: string): Promise<Record<string, string>> {
  if (!onPostgres) return { DATABASE_URL: '', DATA_DIR: path.join(dir, name) };
  const created = await createTestDatabase();
  await created.db.close();
  drops.push(created.drop);
  return { DATABASE_URL: created.url!, DATA_DIR: path.join(dir, name) };
}

beforeAll(async () => {
  source = await scratch('source');
  target = await scratch('target');
});
afterAll(async () => {
  for (const drop of drops) await drop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BASE_URL: 'http://localhost:3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

const counts = async (file: string) =>
  Object.fromEntries(
    (await readBackupHeader(file)).tables.filter((t) => t.name !== 'audit_log').map((t) => [t.name, t.rows]),
  );

describe('openday backup and restore', () => {
  // Processes on a shared two-core machine: starting the server and the commands takes time.
  it(
    'backs up while the server runs, restores into an empty database, and refuses what it must',
    { timeout: 300_000 },
    async () => {
      const first = path.join(dir, 'first.jsonl.gz');
      const server = await startServer(source);
      try {
        const backup = await runOpenday(['backup', first], source);
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toMatch(/^Backed up \d+ tables, \d+ rows/);
        // PGlite's files are the server's alone: the command asks it; PostgreSQL serves the command too.
        if (engine === 'pglite') expect(backup.stderr).toMatch(/asking it for the backup/);
        const whileRunning = await runOpenday(['restore', first], source);
        expect(whileRunning.code).toBe(2);
        expect(whileRunning.stderr).toMatch(
          engine === 'postgres'
            ? /other OpenDay connection|already holds records/
            : /in use by another OpenDay process/,
        );
      } finally {
        expect(await server.stop()).toBe(0);
      }

      const restored = await runOpenday(['restore', first], target);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^Restored \d+ tables, \d+ rows/);
      const again = await runOpenday(['restore', first], target);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already holds records/);
      const forced = await runOpenday(['restore', '--force', first], target);
      expect(forced.code, forced.stderr).toBe(0);

      // The restored database backs up to the same rows (no server now: the command takes it).
      const second = path.join(dir, 'second.jsonl.gz');
      const backupAgain = await runOpenday(['backup', second], target);
      expect(backupAgain.code, backupAgain.stderr).toBe(0);
      expect(await counts(second)).toEqual(await counts(first));
      expect((await counts(first)).consultations).toBeGreaterThan(100);
    },
  );

  it('refuses a file that is not a backup, or is missing, with a message', { timeout: 10 * 60_000 }, async () => {
    const junk = path.join(dir, 'junk.jsonl.gz');
    fs.writeFileSync(junk, 'not gzip');
    const bad = await runOpenday(['restore', '--force', junk], target);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Not a usable OpenDay backup/);
    const missing = await runOpenday(['restore', path.join(dir, 'nope.jsonl.gz')], target);
    expect(missing.code).toBe(3);
  });
});
