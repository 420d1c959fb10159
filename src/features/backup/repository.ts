import { AUDIT_COLUMNS } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/**
 * A backup reads and a restore writes every table of the schema, whoever owns it, so this
 * repository speaks to the catalog rather than to one feature's tables. Row values never pass
 * through JavaScript: PostgreSQL writes each row as JSON text (row_to_json) and reads it back with
 * json_populate_recordset, so every type (timestamps with their microseconds, numerics, arrays,
 * jsonb) comes back exactly as it was.
 */

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Extension members (pg_trgm's functions, say) belong to the extension, not to OpenDay. */
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

export interface TableInfo {
  name: string;
  /** Stored columns in order; generated columns are left out (they are computed again). */
  columns: string[];
  /** Has a GENERATED ALWAYS identity column: inserts must override it. */
  identityAlways: boolean;
  hasUserTriggers: boolean;
}

/** The application's tables (schema_migrations apart: the schema version travels in the header). */
export async function listTables(db: Db): Promise<TableInfo[]> {
  const { rows } = await db.query<{
    name: string;
    columns: string[];
    identity_always: boolean;
    has_user_triggers: boolean;
  }>(
    `SELECT c.relname AS name,
       array(SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
             ORDER BY a.attnum) AS columns,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attidentity = 'a') AS identity_always,
       EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal) AS has_user_triggers
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
       AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
     ORDER BY c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    columns: r.columns,
    identityAlways: r.identity_always,
    hasUserTriggers: r.has_user_triggers,
  }));
}

export interface ForeignKey {
  table: string;
  references: string;
  columns: string[];
  referencedColumns: string[];
}

export async function listForeignKeys(db: Db): Promise<ForeignKey[]> {
  const { rows } = await db.query<{ table: string; references: string; columns: string[]; referenced: string[] }>(
    `SELECT child.relname AS table, parent.relname AS references,
       array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u (attnum, n)
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.n) AS columns,
       array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u (attnum, n)
             JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.n) AS referenced
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'
     ORDER BY 1, 2, k.conname`,
  );
  return rows.map((r) => ({
    table: r.table,
    references: r.references,
    columns: r.columns,
    referencedColumns: r.referenced,
  }));
}

export async function listSequences(db: Db): Promise<{ name: string; value: number; isCalled: boolean }[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S' AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
     ORDER BY c.relname`,
  );
  const sequences = [];
  for (const { name } of rows) {
    const value = await db.query<{ last_value: number; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${quoteIdent(name)}`,
    );
    sequences.push({ name, value: Number(value.rows[0]!.last_value), isCalled: value.rows[0]!.is_called });
  }
  return sequences;
}

export async function setSequence(db: Db, sequence: { name: string; value: number; isCalled: boolean }): Promise<void> {
  await db.query('SELECT setval($1::regclass, $2, $3)', [quoteIdent(sequence.name), sequence.value, sequence.isCalled]);
}

/** The migrations applied to this database, in order; empty when it was never migrated. */
export async function listAppliedMigrations(db: Db): Promise<string[]> {
  const { rows: exists } = await db.query<{ found: boolean }>(
    "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS found",
  );
  if (!exists[0]?.found) return [];
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

export async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${quoteIdent(table)}`);
  return Number(rows[0]!.n);
}

const CURSOR = 'openday_backup_rows';

/** Reads a table's rows as JSON text, `batch` at a time, inside the caller's transaction. */
export async function* readTableRows(tx: Db, table: TableInfo, batch: number): AsyncGenerator<string[]> {
  const columns = table.columns.map(quoteIdent).join(', ');
  await tx.query(
    `DECLARE ${CURSOR} NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM (SELECT ${columns} FROM ${quoteIdent(table.name)}) x`,
  );
  try {
    for (;;) {
      const { rows } = await tx.query<{ j: string }>(`FETCH ${batch} FROM ${CURSOR}`);
      if (rows.length === 0) return;
      yield rows.map((r) => r.j);
    }
  } finally {
    await tx.query(`CLOSE ${CURSOR}`);
  }
}

/** Inserts rows given as JSON objects of the table's columns; returns how many went in. */
export async function insertJsonRows(
  db: Db,
  table: TableInfo,
  rows: readonly string[],
  into?: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = table.columns.map(quoteIdent).join(', ');
  const { rowCount } = await db.query(
    `INSERT INTO ${into ?? quoteIdent(table.name)} (${columns}) ${into || !table.identityAlways ? '' : 'OVERRIDING SYSTEM VALUE'}
     SELECT ${columns} FROM json_populate_recordset(NULL::${quoteIdent(table.name)}, $1::json)`,
    [`[${rows.join(',')}]`],
  );
  return rowCount;
}

const STAGING = 'openday_restore_staging';

/** A table whose rows point at rows of the same table (a tree) is loaded parents first. */
export async function createStaging(tx: Db, table: TableInfo): Promise<string> {
  const columns = table.columns.map(quoteIdent).join(', ');
  await tx.query(`DROP TABLE IF EXISTS ${STAGING}`);
  await tx.query(`CREATE TEMP TABLE ${STAGING} AS SELECT ${columns} FROM ${quoteIdent(table.name)} WITH NO DATA`);
  return STAGING;
}

/**
 * Moves staged rows into the table in waves: each wave takes the rows whose references within the
 * table are null or already present, so parents always precede their children. Returns the rows
 * moved; rows left over (a reference to nothing) make the restore fail.
 */
export async function moveStagedRows(tx: Db, table: TableInfo, selfKeys: readonly ForeignKey[]): Promise<number> {
  const columns = table.columns.map(quoteIdent).join(', ');
  const ready = selfKeys
    .map((key) => {
      const anyNull = key.columns.map((c) => `s.${quoteIdent(c)} IS NULL`).join(' OR ');
      const match = key.columns
        .map((c, i) => `p.${quoteIdent(key.referencedColumns[i]!)} = s.${quoteIdent(c)}`)
        .join(' AND ');
      return `(${anyNull} OR EXISTS (SELECT 1 FROM ${quoteIdent(table.name)} p WHERE ${match}))`;
    })
    .join(' AND ');
  let moved = 0;
  for (;;) {
    const { rowCount } = await tx.query(
      `WITH wave AS (DELETE FROM ${STAGING} s WHERE ${ready || 'true'} RETURNING s.*)
       INSERT INTO ${quoteIdent(table.name)} (${columns}) ${table.identityAlways ? 'OVERRIDING SYSTEM VALUE' : ''}
       SELECT ${columns} FROM wave`,
    );
    moved += rowCount;
    if (rowCount === 0) break;
  }
  await tx.query(`DROP TABLE ${STAGING}`);
  return moved;
}

export async function setUserTriggers(tx: Db, table: string, enabled: boolean): Promise<void> {
  await tx.query(`ALTER TABLE ${quoteIdent(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

export async function truncateTables(tx: Db, tables: readonly string[]): Promise<void> {
  if (tables.length) await tx.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
}

/** Whether the database holds an instance's records (anything beyond what migrations seed). */
export async function holdsRecords(db: Db): Promise<boolean> {
  const present = (await listTables(db)).map((t) => t.name);
  for (const table of ['users', 'regions', 'units', 'campaigns', 'consultations']) {
    if (!present.includes(table)) continue;
    const { rows } = await db.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
    if (rows.length) return true;
  }
  return false;
}

/**
 * Drops every object of the schema that is OpenDay's (tables, views, sequences, functions, types),
 * leaving extensions installed: the restore then builds the schema of the backup's version. The
 * caller's transaction makes it all or nothing.
 */
export async function dropSchemaObjects(tx: Db): Promise<void> {
  const { rows: relations } = await tx.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
       AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}`,
  );
  const drop = { r: 'TABLE', p: 'TABLE', f: 'FOREIGN TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', S: 'SEQUENCE' };
  for (const kind of ['m', 'v', 'f', 'p', 'r', 'S'] as const) {
    const names = relations.filter((r) => r.kind === kind).map((r) => quoteIdent(r.name));
    if (names.length) await tx.query(`DROP ${drop[kind]} IF EXISTS ${names.join(', ')} CASCADE`);
  }
  const { rows: routines } = await tx.query<{ signature: string; kind: string }>(
    `SELECT p.oid::regprocedure::text AS signature, p.prokind::text AS kind
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}`,
  );
  for (const routine of routines) {
    const what = routine.kind === 'a' ? 'AGGREGATE' : routine.kind === 'p' ? 'PROCEDURE' : 'FUNCTION';
    await tx.query(`DROP ${what} IF EXISTS ${routine.signature} CASCADE`);
  }
  const { rows: types } = await tx.query<{ name: string; kind: string }>(
    `SELECT t.typname AS name, t.typtype::text AS kind FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c')
       AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
       AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}`,
  );
  for (const type of types) {
    await tx.query(`DROP ${type.kind === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${quoteIdent(type.name)} CASCADE`);
  }
}

/** Other OpenDay connections to this PostgreSQL database (servers that a restore would pull the rug from). */
export async function countOtherSessions(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'openday'`,
  );
  return rows[0]!.n;
}

/** An audit entry with no signed-in actor (the command line, or the server itself). */
export async function insertSystemAudit(
  db: Db,
  entry: { action: string; entity: string; entityId: string; after: unknown },
): Promise<void> {
  await db.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, NULL, NULL, $2, $3, $4, NULL, NULL, NULL, $5)`, [
    newId(),
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.after),
  ]);
}

/** Makes the snapshot of a backup: every table as of one moment, read only. */
export async function beginSnapshot(tx: Db): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}
