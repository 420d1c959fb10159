import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import { copyCsv, type Db } from '../../platform/db/database.ts';
import type { ImportKind } from './columns.ts';
import type { Encoding } from './read-file.ts';
import { insertRow } from '../../platform/db/insert-row.ts';

/*
 * An import writes many records of other features in one transaction, set-based: one statement
 * per batch of rows instead of one command per row (and one audit entry for the import instead of
 * one per row). Like the statistics feature, it therefore writes those tables' columns directly;
 * the rules of each record are checked before (rows.ts), the same rules the features' commands
 * apply to one record.
 */

export interface ImportRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: ImportKind;
  file_name: string;
  format: 'csv' | 'xlsx';
  encoding: Encoding | null;
  file_size: number;
  file_hash: string;
  content_hash: string;
  rows_read: number;
  rows_imported: number;
  created_by: string | null;
  started_at: Date;
  created_at: Date;
}

export async function insertImportRow(db: Db, row: ImportRow): Promise<void> {
  await insertRow(db, 'imports', row, [
    'id',
    'campaign_id',
    'unit_id',
    'kind',
    'file_name',
    'format',
    'encoding',
    'file_size',
    'file_hash',
    'content_hash',
    'rows_read',
    'rows_imported',
    'created_by',
    'started_at',
    'created_at',
  ]);
}

export async function findImportRow(
  db: Db,
  id: string,
): Promise<(ImportRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<ImportRow & { path: string; region_path: string }>(
    'SELECT i.*, un.path, un.region_path FROM imports i JOIN units un ON un.id = i.unit_id WHERE i.id = $1',
    [id],
  );
  return rows[0];
}

/** The import that already brought this file (by its bytes or by its rows), if any. */
export async function findSameImport(
  db: Db,
  match: { campaignId: string; unitId: string; kind: ImportKind; fileHash?: string; contentHash?: string },
): Promise<ImportRow | undefined> {
  const { rows } = await db.query<ImportRow>(
    `SELECT * FROM imports WHERE campaign_id = $1 AND unit_id = $2 AND kind = $3
       AND (file_hash = $4 OR content_hash = $5) LIMIT 1`,
    [match.campaignId, match.unitId, match.kind, match.fileHash ?? null, match.contentHash ?? null],
  );
  return rows[0];
}

/** A page of a campaign's imports into the units the actor reaches, newest first. */
export async function listImportRows(
  db: Db,
  actor: UserActor,
  filter: { campaignId: string; unitId: string | undefined; limit: number; before: string | undefined },
): Promise<ImportRow[]> {
  const params: unknown[] = [filter.campaignId];
  const where = ['i.campaign_id = $1', visibleUnitsSql(actor, 'imports.read', 'un', params)];
  if (filter.unitId) where.push(`i.unit_id = $${params.push(filter.unitId)}`);
  if (filter.before) where.push(`i.id < $${params.push(filter.before)}::uuid`);
  const { rows } = await db.query<ImportRow>(
    `SELECT i.* FROM imports i JOIN units un ON un.id = i.unit_id WHERE ${where.join(' AND ')}
     ORDER BY i.id DESC LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}

/** The unit's desks in the campaign's plan, with their sites: what the form's 咨询台 column names. */
export async function listUnitDesks(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ id: string; name: string; site_id: string }[]> {
  const { rows } = await db.query<{ id: string; name: string; site_id: string }>(
    `SELECT d.id, d.name, d.site_id FROM desks d JOIN plans p ON p.id = d.plan_id
     WHERE p.campaign_id = $1 AND p.unit_id = $2 ORDER BY d.name, d.id`,
    [campaignId, unitId],
  );
  return rows;
}

/** The unit's staff on duty in the campaign's plan: whom the form's 接待人 column names. */
export async function listUnitStaff(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT ds.id, ds.name FROM duty_staff ds JOIN plans p ON p.id = ds.plan_id
     WHERE p.campaign_id = $1 AND p.unit_id = $2 ORDER BY ds.name, ds.id`,
    [campaignId, unitId],
  );
  return rows;
}

/** The partners at the unit's desks in the campaign, with their desks: whom the form's 合作单位 column names. */
export async function listUnitPartners(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ id: string; name: string; desk_ids: string[] }[]> {
  const { rows } = await db.query<{ id: string; name: string; desk_ids: string[] }>(
    `SELECT pa.id, pa.name, array_agg(dp.desk_id::text ORDER BY dp.desk_id) AS desk_ids
     FROM partners pa JOIN desk_partners dp ON dp.partner_id = pa.id
     JOIN desks d ON d.id = dp.desk_id JOIN plans p ON p.id = d.plan_id
     WHERE p.campaign_id = $1 AND p.unit_id = $2 GROUP BY pa.id, pa.name ORDER BY pa.name, pa.id`,
    [campaignId, unitId],
  );
  return rows;
}

/** One imported consultation, with the columns of the consultations table. */
export interface ImportedConsultationRow {
  id: string;
  site_id: string | null;
  desk_id: string | null;
  visit_id: string;
  occurred_at: string;
  channel: string;
  topic: string | null;
  question: string | null;
  answer: string | null;
  outcome: string | null;
  handled_matter: string | null;
  received_by: string | null;
  partner_id: string | null;
  channel_point_id: string | null;
  rating: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
}

const CONSULTATION_INPUT = [
  'id',
  'site_id',
  'desk_id',
  'visit_id',
  'occurred_at',
  'channel',
  'topic',
  'question',
  'answer',
  'outcome',
  'handled_matter',
  'received_by',
  'partner_id',
  'channel_point_id',
  'rating',
  'visitor_name',
  'visitor_phone',
  'contact_consent',
] as const satisfies readonly (keyof ImportedConsultationRow)[];

/**
 * Inserts a batch of consultations in one statement: streamed with COPY where the driver can (about
 * a quarter less of the database's time than an INSERT of the same rows, measured on 100,000 rows),
 * otherwise as one JSON document the server expands with json_populate_recordset. One round trip
 * per batch either way; the live-figure triggers run once per statement.
 */
export async function insertConsultationBatch(
  db: Db,
  batch: { campaignId: string; unitId: string; createdBy: string | null; createdAt: Date },
  rows: readonly ImportedConsultationRow[],
): Promise<number> {
  const columns = CONSULTATION_INPUT.join(', ');
  if (db.copyFrom) {
    const { campaignId, unitId, createdBy, createdAt } = batch;
    return db.copyFrom(
      `COPY consultations (campaign_id, unit_id, created_by, created_at, ${columns}) FROM STDIN WITH (FORMAT csv)`,
      copyCsv(
        rows.map((row) => CONSULTATION_INPUT.map((c) => row[c])),
        [campaignId, unitId, createdBy, createdAt],
      ),
    );
  }
  const { rowCount } = await db.query(
    `INSERT INTO consultations (campaign_id, unit_id, created_by, created_at, ${columns})
     SELECT $1, $2, $3, $4, ${columns} FROM json_populate_recordset(NULL::consultations, $5::json)`,
    [batch.campaignId, batch.unitId, batch.createdBy, batch.createdAt, JSON.stringify(rows)],
  );
  return rowCount;
}

export interface ImportedPublicityRow {
  id: string;
  kind: string;
  quantity: number;
  text: string | null;
  url: string | null;
  location: string | null;
  shown_from: string | null;
  outlet: string | null;
  medium: string | null;
  reach: number | null;
}

export async function insertPublicityBatch(
  db: Db,
  batch: { campaignId: string; unitId: string; createdBy: string | null; createdAt: Date },
  rows: readonly ImportedPublicityRow[],
): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO publicity_items (campaign_id, unit_id, created_by, created_at, id, kind, quantity, text, url, location,
       shown_from, outlet, medium, reach)
     SELECT $1, $2, $3, $4, id, kind, quantity, text, url, location, shown_from, outlet, medium, reach
     FROM json_populate_recordset(NULL::publicity_items, $5::json)`,
    [batch.campaignId, batch.unitId, batch.createdBy, batch.createdAt, JSON.stringify(rows)],
  );
  return rowCount;
}

export interface ImportedMaterialRow {
  id: string;
  title: string;
  kind: string;
  print_run: number | null;
  /** Copies handed out, recorded as one distribution without a desk. */
  distributed: number | null;
  distribution_id: string;
}

export async function insertMaterialBatch(
  db: Db,
  batch: { campaignId: string; unitId: string; createdBy: string | null; createdAt: Date },
  rows: readonly ImportedMaterialRow[],
): Promise<number> {
  await db.query(
    `WITH input AS (
       SELECT * FROM json_to_recordset($5::json)
         AS r(id uuid, title text, kind text, print_run integer, distributed integer, distribution_id uuid)
     ), ins AS (
       INSERT INTO materials (campaign_id, unit_id, created_at, id, title, kind, print_run)
       SELECT $1, $2, $4, id, title, kind, print_run FROM input
       RETURNING id
     )
     INSERT INTO material_distributions (id, campaign_id, material_id, desk_id, copies, recorded_at, recorded_by)
     SELECT input.distribution_id, $1, ins.id, NULL, input.distributed, $4, $3
     FROM input JOIN ins ON ins.id = input.id WHERE input.distributed > 0`,
    [batch.campaignId, batch.unitId, batch.createdBy, batch.createdAt, JSON.stringify(rows)],
  );
  return rows.length;
}

const TABLES: Record<ImportKind, string> = {
  consultations: 'consultations',
  publicity: 'publicity_items',
  materials: 'materials',
};

/**
 * Refreshes the planner's statistics of the table an import filled. A bulk load changes them at
 * once; the embedded database has no autovacuum to notice, and a server's comes round only later,
 * so until then queries on the table (an export's pages, say) would be planned for the table as it
 * was.
 */
export async function analyzeImportedTable(db: Db, kind: ImportKind): Promise<void> {
  await db.query(`ANALYZE ${TABLES[kind]}`);
}

/** The progress of an import as stored for every instance to read (see the import_progress migration). */
export interface ImportProgressRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  state: 'running' | 'completed' | 'rejected';
  progress: unknown;
  /** Seconds since the row was last written, on the database's clock. */
  age_seconds: number;
  path: string;
  region_path: string;
}

/** Writes an import's progress (the first time, or again), stamped with the database's clock. */
export async function saveImportProgress(
  db: Db,
  row: { id: string; campaignId: string; unitId: string; state: ImportProgressRow['state']; progress: unknown },
): Promise<void> {
  await db.query(
    `INSERT INTO import_progress (id, campaign_id, unit_id, state, progress, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, now())
     ON CONFLICT (id, unit_id) DO UPDATE SET state = excluded.state, progress = excluded.progress, updated_at = now()`,
    [row.id, row.campaignId, row.unitId, row.state, JSON.stringify(row.progress)],
  );
}

export async function findImportProgress(db: Db, id: string): Promise<ImportProgressRow | undefined> {
  const { rows } = await db.query<ImportProgressRow>(
    `SELECT p.id, p.campaign_id, p.unit_id, p.state, p.progress,
       extract(epoch FROM now() - p.updated_at)::float8 AS age_seconds, un.path, un.region_path
     FROM import_progress p JOIN units un ON un.id = p.unit_id WHERE p.id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Forgets finished imports' progress after `keepSeconds` (what landed stays in imports), and
 * running ones not refreshed for a day (their process stopped long ago).
 */
export async function pruneImportProgress(db: Db, keepSeconds: number): Promise<void> {
  await db.query(
    `DELETE FROM import_progress
     WHERE (state <> 'running' AND updated_at < now() - make_interval(secs => $1))
        OR updated_at < now() - interval '1 day'`,
    [keepSeconds],
  );
}
