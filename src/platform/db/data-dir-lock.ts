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
function writing<T>(dataDir: string, fn: () => T): T {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's directory for this process alone. PGlite has no lock of its own,
 * and two processes writing one data directory corrupt it, so a second server or CLI is refused
 * while the holder lives; a lock left by a killed process is taken over.
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  writing(dataDir, () => fs.mkdirSync(dataDir, { recursive: true }));
  const lockPath = path.join(dataDir, 'openday.lock');
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
        try {
          const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number; since?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // unreadable or half-written: treated as stale below only if old enough
        const age = Date.now() - fs.statSync(lockPath).mtimeMs;
        if (age < 2000) continue;
      }
      if (holder.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by another OpenDay process (pid ${holder.pid}, since ${holder.since}). ` +
            'Stop that process first, or run this command against the running server, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      writing(dataDir, () => fs.rmSync(lockPath, { force: true }));
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${lockPath}`);
}
