/**
 * The backup file, one format for both databases: gzip'd JSON lines. The first line is the
 * header (schema version, tables and their row counts); then each table as a line naming it and
 * its columns followed by one line per row (the row as PostgreSQL's row_to_json wrote it); then
 * the sequences; then an end line, so that a cut-off file is recognised.
 */

export const BACKUP_FORMAT = 'openday-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Where it was taken: the embedded database or a PostgreSQL server. */
  database: 'embedded' | 'postgres';
  /** The last migration applied: the schema the rows fit. */
  schemaVersion: string | null;
  /** Every migration applied, in order. */
  migrations: string[];
  tables: { name: string; rows: number }[];
  rows: number;
}

export interface TableLine {
  table: string;
  columns: string[];
  rows: number;
}

export interface SequencesLine {
  sequences: { name: string; value: number; isCalled: boolean }[];
}

export interface EndLine {
  end: true;
  rows: number;
}

/** The rolling backups' names under DATA_DIR/backups. */
export const BACKUP_FILE_PATTERN = /^openday-backup-\d{8}T\d{6}\.\d{3}Z\.jsonl\.gz$/;

/** openday-backup-20261128T030405.123Z.jsonl.gz: names sort in time order. */
export function backupFileName(at: Date): string {
  return `openday-backup-${at.toISOString().replace(/[-:]/g, '')}.jsonl.gz`;
}

/** Progress of a backup or a restore, for a progress line. */
export interface BackupProgress {
  table: string;
  rowsDone: number;
  rowsTotal: number;
}
