import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { BACKUP_FILE_PATTERN, backupFileName, type BackupProgress } from './format.ts';
import { answerBackupRequests } from './requests.ts';
import { writeBackup, type BackupSummary, type BackupTrigger } from './service.ts';

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** Deletes the oldest rolling backups beyond `keep`; returns the names deleted. */
export function pruneRollingBackups(dir: string, keep: number): string[] {
  const names = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) fs.rmSync(path.join(dir, name), { force: true });
  return old;
}

/** When the newest rolling backup was taken, from its name; undefined when there is none. */
function newestBackupAt(dir: string): number | undefined {
  const newest = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_FILE_PATTERN.test(name))
    .sort()
    .at(-1);
  return newest ? fs.statSync(path.join(dir, newest)).mtimeMs : undefined;
}

export interface BackupService {
  /** Takes a rolling backup now (the timer's job), and prunes the old ones. */
  runNow(): Promise<BackupSummary>;
  /** Stops the timer and the request watcher, and waits for a backup being written. */
  stop(): Promise<void>;
}

/**
 * The embedded database's backups, taken by the server that holds it: a rolling backup every
 * BACKUP_INTERVAL_HOURS under DATA_DIR/backups (the newest BACKUP_KEEP kept), and the backups that
 * `openday backup` asks for while the server runs. One backup at a time. A server on PostgreSQL
 * does neither: any process may connect, so `openday backup` takes its own.
 */
export function startBackupService({
  db,
  config,
  log,
  intervalMs = config.backupIntervalHours * 3_600_000,
  firstDelayMs = 60_000,
  pollMs,
}: {
  db: Database;
  config: Pick<Config, 'dataDir' | 'backupKeep' | 'backupIntervalHours'>;
  log: FastifyBaseLogger;
  intervalMs?: number;
  /** The earliest a first backup is taken after start, so that starting stays quick. */
  firstDelayMs?: number;
  pollMs?: number;
}): BackupService {
  const dir = backupsDir(config.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => {});
    return run;
  };
  const take = (file: string, trigger: BackupTrigger, onProgress?: (p: BackupProgress) => void) =>
    exclusive(() => writeBackup({ db, file, trigger, onProgress }));

  const runNow = async () => {
    const summary = await take(path.join(dir, backupFileName(new Date())), 'automatic');
    const pruned = pruneRollingBackups(dir, config.backupKeep);
    log.info({ file: summary.file, rows: summary.rows, bytes: summary.bytes, pruned }, 'rolling backup written');
    return summary;
  };

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const plan = (delay: number) => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      runNow()
        .catch((error: unknown) => log.error({ err: error }, 'rolling backup failed'))
        .finally(() => plan(intervalMs));
    }, delay);
    timer.unref();
  };
  const newest = newestBackupAt(dir);
  plan(Math.max(firstDelayMs, newest === undefined ? 0 : newest + intervalMs - Date.now()));

  const stopRequests = answerBackupRequests({
    dataDir: config.dataDir,
    pollMs,
    take: async (file, onProgress) => {
      const summary = await take(file, 'cli-request', onProgress);
      log.info({ rows: summary.rows, bytes: summary.bytes }, 'backup written for `openday backup`');
      return summary;
    },
    onError: (error) => log.error({ err: error }, 'backup request failed'),
  });

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await stopRequests();
      await chain;
    },
  };
}
