import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config.ts';

/** Thrown when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * Thrown when the data directory cannot be written (read-only, not ours, or full): a setting to
 * correct before the server can start, reported like any other configuration error.
 */
export class DataDirUnwritableError extends ConfigError {
  override name = 'DataDirUnwritableError';
}

const UNWRITABLE: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable by this user',
  ENOSPC: 'is on a full disk',
  EDQUOT: 'is over its disk quota',
};

/** Runs fn; a failure because the directory cannot be written becomes a message saying so. */
export function writing<T>(dataDir: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!(code in UNWRITABLE)) throw error;
    throw new DataDirUnwritableError(
      `The data directory ${dataDir} ${UNWRITABLE[code]} (${code}): the embedded database cannot be opened there, ` +
        'and nothing in it was changed. Make it writable, free space, or set DATA_DIR to a writable directory ' +
        '(or DATABASE_URL to use a PostgreSQL server).',
    );
  }
}

/** Whether a process with this pid lives (perhaps another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process that nobody has reaped yet (an orphan whose new parent does not wait for its
  // children) still answers signals, but it is dead: Linux shows it as a zombie (state Z).
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

interface Holder {
  pid?: number;
  since?: string;
}

/**
 * Takes dataDir/name for this process, or answers who holds it (a live process). A lock left by a
 * dead process is taken over. The release function is also run at exit.
 */
function tryLock(dataDir: string, name: string): { release: () => void } | { holder: Holder } {
  writing(dataDir, () => fs.mkdirSync(dataDir, { recursive: true }));
  const lockPath = path.join(dataDir, name);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writing(dataDir, () => {
        const fd = fs.openSync(lockPath, 'wx');
        try {
          fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
        } catch (error) {
          fs.closeSync(fd);
          fs.rmSync(lockPath, { force: true });
          throw error;
        }
        fs.closeSync(fd);
      });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: Holder = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Holder;
      } catch {
        // unreadable or half-written: treated as stale below only if old enough
        const age = Date.now() - fs.statSync(lockPath).mtimeMs;
        if (age < 2000) continue;
      }
      if (holder.pid && isAlive(holder.pid)) return { holder };
      writing(dataDir, () => fs.rmSync(lockPath, { force: true }));
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockPath}`);
}

/**
 * Takes the data directory for this process alone: a second server on one DATA_DIR is refused
 * while the holder lives (with PGlite, a CLI command too: two processes on its files corrupt them).
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const taken = tryLock(dataDir, 'openday.lock');
  if ('release' in taken) return taken.release;
  throw new DataDirLockedError(
    `The embedded database in ${dataDir} is in use by another OpenDay process (pid ${taken.holder.pid}, since ${taken.holder.since}). ` +
      'Stop that process first, or run this command against the running server, or set DATABASE_URL to use a PostgreSQL server.',
  );
}

/** Waits (up to a minute) for dataDir/name, held by one process at a time for a short step. */
export async function waitForLock(dataDir: string, name: string): Promise<() => void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const taken = tryLock(dataDir, name);
    if ('release' in taken) return taken.release;
    if (Date.now() > deadline) {
      throw new DataDirLockedError(
        `${path.join(dataDir, name)} has been held for a minute by pid ${taken.holder.pid}: is that process stuck?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
