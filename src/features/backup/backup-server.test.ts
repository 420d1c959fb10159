import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { BACKUP_FILE_PATTERN } from './format.ts';
import { requestBackupFromServer, requestsDir } from './requests.ts';
import { startBackupService, type BackupService } from './server.ts';
import { readBackupHeader } from './service.ts';

const silent = { info: () => {}, error: () => {}, warn: () => {} } as never;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-backup-server-'));
let db: Database;
let drop: () => Promise<void>;
let service: BackupService | undefined;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await buildWorld(db);
  // This process plays the server that holds the data directory.
  fs.writeFileSync(path.join(dataDir, 'openday.lock'), JSON.stringify({ pid: process.pid }));
});
afterAll(async () => {
  await service?.stop();
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const auditCount = async (trigger: string) =>
  (await db.query("SELECT 1 FROM audit_log WHERE action = 'backup' AND after ->> 'trigger' = $1", [trigger])).rows
    .length;

describe('the server keeps backups', () => {
  it('takes rolling backups at its interval and keeps the newest BACKUP_KEEP', async () => {
    service = startBackupService({
      db,
      config: { dataDir, backupKeep: 2, backupIntervalHours: 24 },
      log: silent,
      intervalMs: 150,
      firstDelayMs: 0,
      pollMs: 50,
    });
    const deadline = Date.now() + 5 * 60_000; // a safety net: the loop waits for a state
    while ((await auditCount('automatic')) < 4 && Date.now() < deadline) await sleep(100);
    await service.stop();
    service = undefined;
    expect(await auditCount('automatic')).toBeGreaterThanOrEqual(4);
    const kept = fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => BACKUP_FILE_PATTERN.test(f));
    expect(kept).toHaveLength(2);
    const header = await readBackupHeader(path.join(dataDir, 'backups', kept.at(-1)!));
    expect(header.tables.find((t) => t.name === 'users')!.rows).toBe(8);
  });

  it('answers `openday backup` through a request file while it holds the data directory', async () => {
    service = startBackupService({
      db,
      config: { dataDir, backupKeep: 2, backupIntervalHours: 0 },
      log: silent,
      pollMs: 50,
    });
    const file = path.join(dataDir, 'elsewhere', 'asked.jsonl.gz');
    const progress: number[] = [];
    const summary = await requestBackupFromServer({
      dataDir,
      file,
      pollMs: 20,
      onProgress: (p) => progress.push(p.rowsDone),
    });
    expect(summary.file).toBe(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await readBackupHeader(file)).rows).toBe(summary.rows);
    expect(await auditCount('cli-request')).toBe(1);
    // Nothing of the request is left behind.
    expect(fs.readdirSync(requestsDir(dataDir))).toEqual([]);
  });

  it('tells the command when nobody answers', async () => {
    await service?.stop();
    service = undefined;
    const asked = requestBackupFromServer({
      dataDir,
      file: path.join(dataDir, 'never.jsonl.gz'),
      claimTimeoutMs: 300,
      pollMs: 20,
    });
    await expect(asked).rejects.toMatchObject({ code: 'server_did_not_answer' });
    expect(fs.readdirSync(requestsDir(dataDir))).toEqual([]);
  });
});
