/**
 * How OpenDay's tables are spread where one machine is not enough (ADR 38, docs/deployment.md):
 * the day's records are distributed by the unit that owns them (Citus shards, or PostgreSQL's hash
 * partitions on one machine), the small tables everybody reads are reference tables (a copy on
 * every node), and the rest stays on the coordinator. Every table of the schema is named here
 * once; `distributionProblems` checks the schema against it from the catalog, and
 * `partitionByHash` turns the distributed tables of a database into hash-partitioned ones, the
 * closest thing to shards one PostgreSQL has.
 */
import type { Queryable } from './database.ts';

/**
 * The distributed tables and their distribution column. The tables distributed by a unit form one
 * co-location group (a unit's rows of all of them on one shard); tracking codes are spread by the
 * code, the figures by their scope.
 */
export const DISTRIBUTED: Readonly<Record<string, string>> = {
  consultations: 'unit_id',
  consultation_publications: 'unit_id',
  cases: 'origin_unit_id',
  case_events: 'origin_unit_id',
  case_requests: 'origin_unit_id',
  return_visits: 'origin_unit_id',
  photos: 'unit_id',
  publicity_items: 'unit_id',
  disclosures: 'unit_id',
  imports: 'unit_id',
  import_progress: 'unit_id',
  unit_summaries: 'unit_id',
  unit_summary_versions: 'unit_id',
  tracking_codes: 'code',
  figure_counts: 'scope',
  figure_deltas: 'scope',
  idempotency_keys: 'scope',
};

/**
 * Reference tables: small, read by every shard's joins, written seldom (the directory, the
 * campaign and its plans). A copy on every node.
 */
export const REFERENCE: readonly string[] = [
  'regions',
  'units',
  'users',
  'memberships',
  'campaigns',
  'campaign_units',
  'campaign_topics',
  'campaign_attachments',
  'holidays',
  'calendar_years',
  'plans',
  'sites',
  'desks',
  'duty_staff',
  'desk_partners',
  'meetings',
  'meeting_opinions',
  'partners',
  'channel_points',
  'materials',
  'material_distributions',
];

/** Tables of the coordinator alone: sign-in, jobs, the audit trail, notices, compiled documents. */
export const LOCAL: readonly string[] = [
  'schema_migrations',
  'sessions',
  'api_tokens',
  'login_failures',
  'proof_failures',
  'setup_codes',
  'jobs',
  'audit_log',
  'notifications',
  'reminders_sent',
  'summary_collections',
  'summary_collection_parts',
];

type Placement = 'distributed' | 'reference' | 'local';

function placementOf(table: string): Placement | undefined {
  if (table in DISTRIBUTED) return 'distributed';
  if (REFERENCE.includes(table)) return 'reference';
  if (LOCAL.includes(table)) return 'local';
  return undefined;
}

interface KeyRow {
  table: string;
  name: string;
  kind: 'p' | 'u' | 'f' | 'i';
  columns: string[];
  parent: string | null;
  parent_columns: string[] | null;
}

/**
 * What in the schema of the current database breaks the rules a distributed database sets (empty
 * when nothing does): every table placed; a distributed table's column present and NOT NULL; every
 * primary key, unique constraint and unique index of a distributed table including its column; a
 * foreign key between distributed tables only within one co-location group and matching the
 * distribution columns; no foreign key from a reference or local table to a distributed one, nor
 * from a distributed or reference table to a local one; no sequence (ids are made by the app).
 */
export async function distributionProblems(db: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY 1`,
  );
  const present = new Set(tables.map((t) => t.name));
  for (const { name } of tables) {
    if (!placementOf(name)) problems.push(`${name}: not placed (distributed, reference or local)`);
  }
  for (const name of [...Object.keys(DISTRIBUTED), ...REFERENCE, ...LOCAL]) {
    if (!present.has(name)) problems.push(`${name}: placed but not in the schema`);
  }

  const { rows: columns } = await db.query<{ table: string; column: string; type: string; not_null: boolean }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND a.attnum > 0
       AND NOT a.attisdropped`,
    [Object.keys(DISTRIBUTED)],
  );
  const typeOf = new Map(columns.map((c) => [`${c.table}.${c.column}`, c]));
  for (const [table, column] of Object.entries(DISTRIBUTED)) {
    if (!present.has(table)) continue;
    const found = typeOf.get(`${table}.${column}`);
    if (!found) problems.push(`${table}: no distribution column ${column}`);
    else if (!found.not_null) problems.push(`${table}.${column}: the distribution column may be NULL`);
  }

  // Keys: constraints (primary, unique, foreign) and unique indexes that are no constraint's.
  const { rows: keys } = await db.query<KeyRow>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS kind,
       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
       c.confrelid::regclass::text AS parent,
       array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS parent_columns
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f') AND c.conparentid = 0
       AND NOT t.relispartition
     UNION ALL
     SELECT t.relname, x.relname, 'i',
       array(SELECT coalesce(a.attname, '(expression)') FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)::text[],
       NULL, NULL
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND i.indisunique AND NOT t.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1, 2`,
  );
  for (const key of keys) {
    const column = DISTRIBUTED[key.table];
    if (key.kind !== 'f') {
      if (column && !key.columns.includes(column)) {
        problems.push(`${key.table}: ${key.name} (${key.columns.join(', ')}) does not include ${column}`);
      }
      continue;
    }
    const from = placementOf(key.table);
    const to = placementOf(key.parent!);
    if (!from || !to) continue;
    if (from !== 'distributed' && to === 'distributed') {
      problems.push(`${key.table}: ${key.name}, a ${from} table's key to the distributed ${key.parent}`);
    } else if (to === 'local' && from !== 'local') {
      problems.push(`${key.table}: ${key.name}, a ${from} table's key to the local ${key.parent}`);
    } else if (from === 'distributed' && to === 'distributed') {
      const parentColumn = DISTRIBUTED[key.parent!]!;
      const at = key.columns.indexOf(column!);
      const sameType = typeOf.get(`${key.table}.${column}`)?.type === typeOf.get(`${key.parent}.${parentColumn}`)?.type;
      if (!sameType || at < 0 || key.parent_columns![at] !== parentColumn) {
        problems.push(
          `${key.table}: ${key.name} (${key.columns.join(', ')}) → ${key.parent} (${key.parent_columns!.join(', ')}) ` +
            `does not match ${column} to ${parentColumn}`,
        );
      }
    }
  }

  const { rows: sequences } = await db.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S'`,
  );
  for (const { name } of sequences) problems.push(`${name}: a sequence (ids are made by the application)`);
  return problems;
}

/**
 * Turns each distributed table of the current database into a table hash-partitioned by its
 * distribution column into `partitions` partitions, rows and all: its keys, indexes and triggers
 * are made again on the partitioned table (a key without the column fails here, as it would on
 * Citus), and the foreign keys and views that name it are dropped first and made again after.
 * One transaction; for a check on a copy, not for a live database.
 */
export async function partitionByHash(db: Queryable, partitions: number): Promise<void> {
  const tables = Object.keys(DISTRIBUTED);
  const { rows: views } = await db.query<{ name: string; definition: string }>(
    `SELECT viewname AS name, definition FROM pg_views WHERE schemaname = current_schema()`,
  );
  const { rows: foreignKeys } = await db.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND conparentid = 0
       AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1))`,
    [tables],
  );
  for (const view of views) await db.exec(`DROP VIEW ${ident(view.name)}`);
  for (const key of foreignKeys) await db.exec(`ALTER TABLE ${ident(key.table)} DROP CONSTRAINT ${ident(key.name)}`);

  for (const table of tables) {
    const column = DISTRIBUTED[table]!;
    const { rows: keys } = await db.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1::regclass AND contype IN ('p', 'u') ORDER BY contype, conname`,
      [table],
    );
    const { rows: indexes } = await db.query<{ definition: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
       WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [table],
    );
    const { rows: triggers } = await db.query<{ definition: string }>(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
      [table],
    );
    const { rows: stored } = await db.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute
       WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [table],
    );
    const list = stored.map((c) => ident(c.name)).join(', ');
    const old = `${table}_unpartitioned`;
    await db.exec(`ALTER TABLE ${ident(table)} RENAME TO ${ident(old)}`);
    await db.exec(
      `CREATE TABLE ${ident(table)} (LIKE ${ident(old)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED
         INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY HASH (${ident(column)})`,
    );
    for (let i = 0; i < partitions; i++) {
      await db.exec(
        `CREATE TABLE ${ident(`${table}_p${i}`)} PARTITION OF ${ident(table)}
           FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${i})`,
      );
    }
    await db.exec(`INSERT INTO ${ident(table)} (${list}) SELECT ${list} FROM ${ident(old)}`);
    await db.exec(`DROP TABLE ${ident(old)}`);
    for (const key of keys) {
      await db.exec(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(key.name)} ${key.definition}`);
    }
    for (const index of indexes) await db.exec(index.definition);
    for (const trigger of triggers) await db.exec(trigger.definition);
  }

  for (const key of foreignKeys) {
    await db.exec(`ALTER TABLE ${ident(key.table)} ADD CONSTRAINT ${ident(key.name)} ${key.definition}`);
  }
  for (const view of views) await db.exec(`CREATE VIEW ${ident(view.name)} AS ${view.definition}`);
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
