import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Database, Db } from '../../platform/db/database.ts';
import {
  applyMigration,
  ensureMigrationsTable,
  listMigrations,
  lockMigrations,
  MIGRATIONS_DIR,
} from '../../platform/db/migrate.ts';
import { AppError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupProgress,
  type EndLine,
  type SequencesLine,
  type TableLine,
} from './format.ts';
import {
  beginSnapshot,
  countRows,
  createStaging,
  dropSchemaObjects,
  holdsRecords,
  insertJsonRows,
  insertSystemAudit,
  listAppliedMigrations,
  listForeignKeys,
  listSequences,
  listTables,
  moveStagedRows,
  readTableRows,
  setSequence,
  setUserTriggers,
  truncateTables,
  type ForeignKey,
  type TableInfo,
} from './repository.ts';

const FETCH_ROWS = 2000;
const INSERT_ROWS = 1000;

/** How a backup was asked for, for its audit entry. */
export type BackupTrigger = 'cli' | 'automatic' | 'cli-request';

export interface BackupSummary {
  file: string;
  createdAt: string;
  schemaVersion: string | null;
  tables: number;
  rows: number;
  bytes: number;
  sha256: string;
}

/**
 * Orders tables so that every table comes after those it refers to (references within one table
 * are handled when restoring). Ties go alphabetically, so the same schema gives the same file.
 */
export function dependencyOrder(tables: readonly TableInfo[], keys: readonly ForeignKey[]): TableInfo[] {
  const names = new Set(tables.map((t) => t.name));
  const needs = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const key of keys) {
    if (key.table !== key.references && names.has(key.table) && names.has(key.references)) {
      needs.get(key.table)!.add(key.references);
    }
  }
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find((t) => !done.has(t.name) && [...needs.get(t.name)!].every((n) => done.has(n)));
    if (!next) {
      const left = tables.filter((t) => !done.has(t.name)).map((t) => t.name);
      throw new Error(`The tables ${left.join(', ')} refer to one another in a cycle; a backup cannot order them`);
    }
    ordered.push(next);
    done.add(next.name);
  }
  return ordered;
}

/**
 * Writes a consistent backup of the whole database to `file`: every table's rows as of one
 * moment (one REPEATABLE READ, READ ONLY transaction — writers are not held up on a server), with
 * the schema version, gzip'd, streamed in constant memory. The file appears only when complete
 * (written beside it, then renamed), readable by its owner only. The backup holds personal data,
 * so it is audited.
 */
export async function writeBackup({
  db,
  file,
  trigger,
  onProgress,
}: {
  db: Database;
  file: string;
  trigger: BackupTrigger;
  onProgress?: (progress: BackupProgress) => void;
}): Promise<BackupSummary> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const gzip = zlib.createGzip();
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const written = pipeline(gzip, tap, fs.createWriteStream(partial, { mode: 0o600, flush: true }));
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  let header: BackupHeader;
  try {
    header = await db.transaction(async (tx) => {
      await beginSnapshot(tx);
      const migrations = await listAppliedMigrations(tx);
      const tables = dependencyOrder(await listTables(tx), await listForeignKeys(tx));
      const counts = new Map<string, number>();
      for (const table of tables) counts.set(table.name, await countRows(tx, table.name));
      const rowsTotal = [...counts.values()].reduce((a, b) => a + b, 0);
      const head: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        database: db.kind,
        schemaVersion: migrations.at(-1) ?? null,
        migrations,
        tables: tables.map((t) => ({ name: t.name, rows: counts.get(t.name)! })),
        rows: rowsTotal,
      };
      await write(`${JSON.stringify(head)}\n`);
      let rowsDone = 0;
      for (const table of tables) {
        const line: TableLine = { table: table.name, columns: table.columns, rows: counts.get(table.name)! };
        await write(`${JSON.stringify(line)}\n`);
        for await (const rows of readTableRows(tx, table, FETCH_ROWS)) {
          await write(`${rows.join('\n')}\n`);
          rowsDone += rows.length;
          onProgress?.({ table: table.name, rowsDone, rowsTotal });
        }
      }
      const sequences: SequencesLine = { sequences: await listSequences(tx) };
      await write(`${JSON.stringify(sequences)}\n`);
      const end: EndLine = { end: true, rows: rowsDone };
      await write(`${JSON.stringify(end)}\n`);
      return head;
    });
    gzip.end();
    await written;
    fs.renameSync(partial, target);
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    fs.rmSync(partial, { force: true });
    throw error;
  }
  const summary: BackupSummary = {
    file: target,
    createdAt: header.createdAt,
    schemaVersion: header.schemaVersion,
    tables: header.tables.length,
    rows: header.rows,
    bytes,
    sha256: hash.digest('hex'),
  };
  await insertSystemAudit(db, {
    action: 'backup',
    entity: 'database',
    entityId: newId(),
    after: {
      ...summary,
      file: path.basename(target),
      trigger,
      host: os.hostname(),
      osUser: osUser(),
      pid: process.pid,
    },
  });
  return summary;
}

function osUser(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}

const invalid = (reason: string) =>
  new AppError(422, 'invalid_backup', `Not a usable OpenDay backup: ${reason}`, [{ field: 'file', reason }]);

/** Reads a backup file line by line (gunzipped, streamed). */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    throw invalid(`the file cannot be read as gzip (${(error as Error).message})`);
  } finally {
    lines.close();
    input.destroy();
  }
}

function parseLine<T>(line: string | undefined, what: string): T {
  if (line === undefined) throw invalid(`it ends early: expected ${what}`);
  try {
    return JSON.parse(line) as T;
  } catch {
    throw invalid(`expected ${what}, found something else`);
  }
}

/** Reads and checks the header of a backup file. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new AppError(404, 'not_found', `No backup file ${file}`);
  const lines = readLines(file);
  try {
    return checkHeader(parseLine<BackupHeader>((await lines.next()).value as string | undefined, 'the header'));
  } finally {
    await lines.return(undefined);
  }
}

function checkHeader(header: BackupHeader): BackupHeader {
  if (header?.format !== BACKUP_FORMAT) throw invalid('it does not start with an OpenDay backup header');
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new AppError(
      409,
      'backup_newer_format',
      `This backup is written in format ${header.formatVersion}; this OpenDay reads format ${BACKUP_FORMAT_VERSION}. Restore it with the OpenDay that wrote it, or a newer one.`,
      [{ field: 'file', reason: `has format ${header.formatVersion}` }],
    );
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) throw invalid('its header is incomplete');
  return header;
}

/**
 * Refuses a backup of a schema this OpenDay does not know (taken by a newer version): its rows
 * might not fit any schema this version can build.
 */
export function checkSchemaVersion(header: BackupHeader, known: readonly string[]): void {
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new AppError(
      409,
      'backup_newer_schema',
      `This backup comes from a newer OpenDay: its schema version ${header.schemaVersion} includes ${unknown.join(', ')}, ` +
        `which this version (schema ${known.at(-1) ?? 'none'}) does not know. Upgrade OpenDay, then restore.`,
      [{ field: 'file', reason: `has schema version ${header.schemaVersion}, newer than ${known.at(-1) ?? 'none'}` }],
    );
  }
}

export interface RestoreSummary {
  createdAt: string;
  schemaVersion: string | null;
  tables: number;
  rows: number;
  /** Migrations applied after the rows, to bring an older backup to this version's schema. */
  migrated: string[];
}

/**
 * Restores a backup into this database, all or nothing, in one transaction: the schema is built
 * as it was when the backup was taken (its migrations), every row is loaded in dependency order,
 * the sequences are set, the counts are checked, and this version's later migrations run over
 * the restored rows. A database that already holds records is refused unless `force`: the
 * restore replaces everything in it. A backup from a newer schema is refused.
 */
export async function restoreBackup({
  db,
  file,
  force = false,
  onProgress,
  migrationsDir = MIGRATIONS_DIR,
}: {
  db: Database;
  file: string;
  force?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  migrationsDir?: string;
}): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  const known = listMigrations(migrationsDir);
  checkSchemaVersion(header, known);
  const lines = readLines(file);
  await lines.next(); // the header, read above
  const next = async () => (await lines.next()).value as string | undefined;
  try {
    const migrated = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      if (!force && (await holdsRecords(tx))) {
        throw new AppError(
          409,
          'database_not_empty',
          'This database already holds records; a restore replaces all of them. Restore into an empty database, or pass --force.',
          [{ field: 'force', reason: 'is needed to replace the records of this database' }],
        );
      }
      await dropSchemaObjects(tx);
      await ensureMigrationsTable(tx);
      for (const version of header.migrations) await applyMigration(tx, migrationsDir, version);
      const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
      // Migrations seed some rows (the holiday calendar): the backup's rows replace them.
      await truncateTables(tx, [...tables.keys()]);
      const keys = await listForeignKeys(tx);
      await loadRows(tx, header, tables, keys, next, onProgress);
      const later = known.filter((m) => !header.migrations.includes(m));
      for (const version of later) await applyMigration(tx, migrationsDir, version);
      await insertSystemAudit(tx, {
        action: 'restore',
        entity: 'database',
        entityId: newId(),
        after: {
          file: path.basename(file),
          backupCreatedAt: header.createdAt,
          schemaVersion: header.schemaVersion,
          tables: header.tables.length,
          rows: header.rows,
          migrated: later,
          host: os.hostname(),
          osUser: osUser(),
        },
      });
      return later;
    });
    await db.exec('ANALYZE');
    return {
      createdAt: header.createdAt,
      schemaVersion: header.schemaVersion,
      tables: header.tables.length,
      rows: header.rows,
      migrated,
    };
  } finally {
    await lines.return(undefined);
  }
}

/** Loads the table sections and the sequences, checking every count against the header. */
async function loadRows(
  tx: Db,
  header: BackupHeader,
  tables: Map<string, TableInfo>,
  keys: readonly ForeignKey[],
  next: () => Promise<string | undefined>,
  onProgress?: (progress: BackupProgress) => void,
): Promise<void> {
  let rowsDone = 0;
  for (const expected of header.tables) {
    const section = parseLine<TableLine>(await next(), `the rows of ${expected.name}`);
    if (section.table !== expected.name || section.rows !== expected.rows) {
      throw invalid(`the section of ${expected.name} does not match the header`);
    }
    const target = tables.get(section.table);
    if (!target) throw invalid(`its table ${section.table} is not in the schema it names`);
    const missing = section.columns.filter((c) => !target.columns.includes(c));
    if (missing.length) throw invalid(`its table ${section.table} has columns the schema lacks: ${missing.join(', ')}`);
    const table: TableInfo = { ...target, columns: section.columns };
    const selfKeys = keys.filter((k) => k.table === table.name && k.references === table.name);
    const staging = selfKeys.length ? await createStaging(tx, table) : undefined;
    if (table.hasUserTriggers) await setUserTriggers(tx, table.name, false);
    let loaded = 0;
    let batch: string[] = [];
    const flush = async () => {
      loaded += await insertJsonRows(tx, table, batch, staging);
      rowsDone += batch.length;
      batch = [];
      onProgress?.({ table: table.name, rowsDone, rowsTotal: header.rows });
    };
    for (let i = 0; i < section.rows; i++) {
      const line = await next();
      if (line === undefined) throw invalid(`it ends early, in the rows of ${table.name}`);
      batch.push(line);
      if (batch.length >= INSERT_ROWS) await flush();
    }
    await flush();
    if (staging) loaded = await moveStagedRows(tx, table, selfKeys);
    if (table.hasUserTriggers) await setUserTriggers(tx, table.name, true);
    if (loaded !== section.rows) {
      throw invalid(`${section.rows} rows of ${table.name} were expected, ${loaded} could be loaded`);
    }
  }
  const { sequences } = parseLine<SequencesLine>(await next(), 'the sequences');
  if (!Array.isArray(sequences)) throw invalid('expected the sequences');
  for (const sequence of sequences) await setSequence(tx, sequence);
  const end = parseLine<EndLine>(await next(), 'the end');
  if (end.end !== true || end.rows !== header.rows) throw invalid('its end does not match its header');
  if ((await next()) !== undefined) throw invalid('something follows its end');
}
