import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { DataDirLockedError } from '../../platform/db/data-dir-lock.ts';
import type { Database } from '../../platform/db/database.ts';
import { openDatabase } from '../../platform/db/open.ts';
import { openEmbedded } from '../../platform/db/pglite.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BackupProgress } from './format.ts';
import { countOtherSessions } from './repository.ts';
import { requestBackupFromServer } from './requests.ts';
import { restoreBackup, writeBackup, type BackupSummary } from './service.ts';

/** A progress line on a terminal (rewritten in place); nothing when output goes to a file. */
function progressLine(verb: string): { update: (p: BackupProgress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let shown = false;
  return {
    update: (p) => {
      const percent = p.rowsTotal ? Math.floor((p.rowsDone / p.rowsTotal) * 100) : 100;
      process.stderr.write(
        `\r${verb} ${p.rowsDone.toLocaleString('en')} / ${p.rowsTotal.toLocaleString('en')} rows (${percent}%) ${p.table}\x1b[K`,
      );
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;

/** PGlite's backup: taken by this command, or asked of the server that holds the data directory. */
async function backupPglite(dataDir: string, file: string, onProgress: (p: BackupProgress) => void) {
  if (!fs.existsSync(path.join(dataDir, 'pgdata'))) {
    throw new AppError(404, 'not_found', `There is no embedded database in ${dataDir} (set DATA_DIR, or DATABASE_URL)`);
  }
  let db: Database;
  try {
    db = await openEmbedded(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // A server holds the data directory: it takes the backup for us.
    process.stderr.write('A server holds the embedded database; asking it for the backup…\n');
    return requestBackupFromServer({ dataDir, file, onProgress });
  }
  try {
    return await writeBackup({ db, file, trigger: 'cli', onProgress });
  } finally {
    await db.close();
  }
}

/** `openday backup FILE` and `openday restore FILE`, for the embedded database and PostgreSQL. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      "Write a consistent backup of the whole database to FILE (gzip'd JSON lines); works while the server runs",
    )
    .argument('<file>', 'where to write it, e.g. openday-2026-05-15.jsonl.gz')
    .action(async (file: string) => {
      const config = loadConfig();
      const progress = progressLine('backup');
      let summary: BackupSummary;
      try {
        if (config.databaseUrl || config.embeddedDatabase === 'postgres') {
          // PostgreSQL, embedded or not, serves this command beside a running server.
          const db = await openDatabase(config);
          try {
            summary = await writeBackup({ db, file, trigger: 'cli', onProgress: progress.update });
          } finally {
            await db.close();
          }
        } else {
          summary = await backupPglite(config.dataDir, file, progress.update);
        }
      } finally {
        progress.done();
      }
      process.stdout.write(
        `Backed up ${summary.tables} tables, ${summary.rows} rows (schema ${summary.schemaVersion}) to ${summary.file}, ` +
          `${size(summary.bytes)}, sha256 ${summary.sha256}\n` +
          'It holds personal data: keep it where only the people who run OpenDay can read it.\n',
      );
    });

  program
    .command('restore')
    .description(
      'Restore a backup into the configured database, all or nothing (stop the server first); refuses a backup from a newer OpenDay',
    )
    .argument('<file>', 'a file written by `openday backup` or a rolling backup under DATA_DIR/backups')
    .option(
      '--force',
      'replace the records of a database that already holds some, and restore while other OpenDay connections are open',
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig();
      if (!fs.existsSync(file)) throw new AppError(404, 'not_found', `No backup file ${file}`);
      const db = await openDatabase(config);
      const progress = progressLine('restore');
      try {
        if (db.engine === 'postgres' && !options.force) {
          const others = await countOtherSessions(db);
          if (others > 0) {
            throw new AppError(
              409,
              'database_in_use',
              `${others} other OpenDay connection(s) are open on this database: stop the servers before restoring (or pass --force).`,
            );
          }
        }
        const summary = await restoreBackup({ db, file, force: options.force, onProgress: progress.update });
        progress.done();
        process.stdout.write(
          `Restored ${summary.tables} tables, ${summary.rows} rows from the backup of ${summary.createdAt} ` +
            `(schema ${summary.schemaVersion})` +
            (summary.migrated.length ? `, then applied ${summary.migrated.join(', ')}` : '') +
            '\n',
        );
      } finally {
        progress.done();
        await db.close();
      }
    });
}
