import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../../platform/db/data-dir-lock.ts';
import { AppError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { BackupProgress } from './format.ts';
import type { BackupSummary } from './service.ts';

/**
 * How `openday backup` reaches a running server of the embedded database (ADR 8). PGlite lets one
 * process open a data directory, and the server holds it; so the command asks the server, through
 * files in DATA_DIR/backups/requests:
 *
 *   <id>.request.json   written by the command (atomically: written aside, then renamed)
 *   <id>.claimed.json   the server took it (renamed, so that one server takes it once)
 *   <id>.progress.json  rows done so far, rewritten as the backup goes
 *   <id>.jsonl.gz       the backup, complete
 *   <id>.done.json      the outcome: the summary, or the error
 *
 * Whoever may write DATA_DIR may read the database files themselves, so being able to drop a
 * request there is the authorization; the folder is the owner's only (0700), as are the files.
 */

export const requestsDir = (dataDir: string) => path.join(dataDir, 'backups', 'requests');

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Outcome = { ok: true; summary: BackupSummary } | { ok: false; error: { code: string; message: string } };

/** Writes a small JSON file so that a reader never sees it half-written. */
function writeJsonAtomically(file: string, value: unknown): void {
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(aside, file);
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function lockHolder(dataDir: string): number | undefined {
  return readJson<{ pid?: number }>(path.join(dataDir, 'openday.lock'))?.pid;
}

function moveFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to);
    fs.rmSync(from);
  }
  fs.chmodSync(to, 0o600);
}

function removeRequestFiles(dir: string, id: string): void {
  for (const name of fs.readdirSync(dir))
    if (name.startsWith(`${id}.`)) fs.rmSync(path.join(dir, name), { force: true });
}

/**
 * The command's side: asks the server holding the data directory for a backup, waits for it
 * (reporting progress), and moves the finished file to `file`.
 */
export async function requestBackupFromServer({
  dataDir,
  file,
  onProgress,
  claimTimeoutMs = 15_000,
  pollMs = 200,
}: {
  dataDir: string;
  file: string;
  onProgress?: (progress: BackupProgress) => void;
  claimTimeoutMs?: number;
  pollMs?: number;
}): Promise<BackupSummary> {
  const dir = requestsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = newId();
  const base = path.join(dir, id);
  writeJsonAtomically(`${base}.request.json`, {
    id,
    requestedAt: new Date().toISOString(),
    pid: process.pid,
    osUser: os.userInfo().username,
  });
  try {
    const deadline = Date.now() + claimTimeoutMs;
    while (fs.existsSync(`${base}.request.json`)) {
      if (Date.now() > deadline) {
        try {
          fs.rmSync(`${base}.request.json`);
        } catch {
          break; // taken just now after all
        }
        throw new AppError(
          503,
          'server_did_not_answer',
          `The process holding ${dataDir} (pid ${lockHolder(dataDir) ?? '?'}) did not take the backup request within ` +
            `${claimTimeoutMs / 1000} s. Is it an OpenDay server? Stop it and run the backup again, or wait until it has started.`,
        );
      }
      await sleep(pollMs);
    }
    for (;;) {
      const outcome = readJson<Outcome>(`${base}.done.json`);
      if (outcome) {
        if (!outcome.ok)
          throw new AppError(500, outcome.error.code, `The server's backup failed: ${outcome.error.message}`);
        moveFile(`${base}.jsonl.gz`, path.resolve(file));
        return { ...outcome.summary, file: path.resolve(file) };
      }
      const progress = readJson<BackupProgress>(`${base}.progress.json`);
      if (progress) onProgress?.(progress);
      const holder = lockHolder(dataDir);
      if (!holder || !isAlive(holder)) {
        throw new AppError(503, 'server_stopped', 'The server stopped before the backup was finished; run it again.');
      }
      await sleep(pollMs);
    }
  } finally {
    removeRequestFiles(dir, id);
  }
}

/**
 * The server's side: looks for requests every `pollMs` (and at once when the folder changes),
 * takes each one, and answers it with `take`, which writes the backup to the path it is given.
 * Returns the function that stops looking and waits for a request being answered.
 */
export function answerBackupRequests({
  dataDir,
  take,
  pollMs = 500,
  onError,
}: {
  dataDir: string;
  take: (file: string, onProgress: (progress: BackupProgress) => void) => Promise<BackupSummary>;
  pollMs?: number;
  onError?: (error: unknown) => void;
}): () => Promise<void> {
  const dir = requestsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Requests left by a stopped server or command are dropped after a day.
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (Date.now() - fs.statSync(file).mtimeMs > 86_400_000) fs.rmSync(file, { force: true });
  }
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  let scanning = false;

  const answer = async (id: string) => {
    const base = path.join(dir, id);
    let lastWrite = 0;
    const progress = (p: BackupProgress) => {
      if (Date.now() - lastWrite < 250) return;
      lastWrite = Date.now();
      writeJsonAtomically(`${base}.progress.json`, p);
    };
    let outcome: Outcome;
    try {
      outcome = { ok: true, summary: await take(`${base}.jsonl.gz`, progress) };
    } catch (error) {
      onError?.(error);
      outcome = {
        ok: false,
        error: { code: (error as AppError).code ?? 'backup_failed', message: (error as Error).message },
      };
    }
    writeJsonAtomically(`${base}.done.json`, outcome);
    fs.rmSync(`${base}.claimed.json`, { force: true });
  };

  const scan = () => {
    if (stopped || scanning) return;
    scanning = true;
    try {
      for (const name of fs.readdirSync(dir)) {
        const id = name.replace(/\.request\.json$/, '');
        if (id === name || !ID.test(id)) continue;
        try {
          fs.renameSync(path.join(dir, name), path.join(dir, `${id}.claimed.json`));
        } catch {
          continue; // withdrawn, or taken by another scan
        }
        busy = busy.then(() => answer(id));
      }
    } catch (error) {
      onError?.(error);
    } finally {
      scanning = false;
    }
  };

  const timer = setInterval(scan, pollMs);
  timer.unref();
  let watcher: fs.FSWatcher | undefined;
  try {
    watcher = fs.watch(dir, () => scan());
    watcher.on('error', () => {});
    watcher.unref();
  } catch {
    // Polling alone still answers.
  }
  scan();
  return async () => {
    stopped = true;
    clearInterval(timer);
    watcher?.close();
    await busy;
  };
}
