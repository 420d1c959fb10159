import type { Db } from '../../platform/db/database.ts';

export interface RegionGroupRow {
  unit_id: string;
  group_id: string;
  group_name: string;
  group_name_en: string | null;
  group_code: string;
}

/**
 * The region each unit is counted under in the statistical summary: its city (the city-level
 * region above or at the unit's region), or the unit's own region when it sits above any city
 * (a provincial office).
 */
export async function listUnitRegionGroups(db: Db, unitIds: readonly string[]): Promise<RegionGroupRow[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await db.query<RegionGroupRow>(
    `SELECT u.id AS unit_id, COALESCE(c.id, r.id) AS group_id, COALESCE(c.name, r.name) AS group_name,
            COALESCE(c.name_en, r.name_en) AS group_name_en, COALESCE(c.code, r.code) AS group_code
       FROM units u
       JOIN regions r ON r.id = u.region_id
       LEFT JOIN regions c ON c.level = 'city' AND r.path LIKE c.path || '%'
      WHERE u.id = ANY($1::uuid[])`,
    [unitIds],
  );
  return rows;
}

// The collection of summaries (总结汇编)

export type CollectionState = 'queued' | 'running' | 'completed' | 'failed';

export interface CollectionRow {
  id: string;
  campaign_id: string;
  format: 'docx' | 'pdf';
  language: 'zh-CN' | 'en-US';
  state: CollectionState;
  units_done: number;
  units_total: number;
  error: string | null;
  job_id: string | null;
  file_name: string | null;
  bytes: string | number | null;
  pages: number | null;
  published_at: Date | null;
  published_by: string | null;
  created_at: Date;
  created_by: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** The state of its job, when the job is still kept. */
  job_state: 'queued' | 'active' | 'retry' | 'completed' | 'failed' | null;
  job_error: string | null;
}

const COLLECTION_COLUMNS = `c.id, c.campaign_id, c.format, c.language, c.state, c.units_done, c.units_total, c.error,
  c.job_id, c.file_name, c.bytes, c.pages, c.published_at, c.published_by, c.created_at, c.created_by, c.started_at,
  c.finished_at, j.state AS job_state, j.last_error AS job_error`;

export async function insertCollectionRow(
  db: Db,
  row: Pick<CollectionRow, 'id' | 'campaign_id' | 'format' | 'language' | 'created_by'> & { created_at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO summary_collections (id, campaign_id, format, language, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.id, row.campaign_id, row.format, row.language, row.created_by, row.created_at],
  );
}

export async function setCollectionJob(db: Db, id: string, jobId: string): Promise<void> {
  await db.query('UPDATE summary_collections SET job_id = $2 WHERE id = $1', [id, jobId]);
}

export async function findCollectionRow(db: Db, id: string): Promise<CollectionRow | undefined> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT ${COLLECTION_COLUMNS} FROM summary_collections c LEFT JOIN jobs j ON j.id = c.job_id WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

/** The collections of a campaign, newest first. */
export async function listCollectionRows(db: Db, campaignId: string, limit: number): Promise<CollectionRow[]> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT ${COLLECTION_COLUMNS} FROM summary_collections c LEFT JOIN jobs j ON j.id = c.job_id
      WHERE c.campaign_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
    [campaignId, limit],
  );
  return rows;
}

/** The last published collection of a campaign in each format and language. */
export async function listPublishedCollectionRows(db: Db, campaignId: string): Promise<CollectionRow[]> {
  const { rows } = await db.query<CollectionRow>(
    `SELECT DISTINCT ON (c.format, c.language) ${COLLECTION_COLUMNS}
       FROM summary_collections c LEFT JOIN jobs j ON j.id = c.job_id
      WHERE c.campaign_id = $1 AND c.published_at IS NOT NULL AND c.state = 'completed'
      ORDER BY c.format, c.language, c.published_at DESC`,
    [campaignId],
  );
  return rows;
}

/** Starts a run: running, no parts yet. False when the collection is not waiting to run. */
export async function startCollectionRun(db: Db, id: string, total: number): Promise<boolean> {
  await db.query('DELETE FROM summary_collection_parts WHERE collection_id = $1', [id]);
  const { rowCount } = await db.query(
    `UPDATE summary_collections SET state = 'running', units_done = 0, units_total = $2, error = NULL,
            started_at = now(), finished_at = NULL
      WHERE id = $1 AND state IN ('queued', 'running')`,
    [id, total],
  );
  return rowCount === 1;
}

export async function setCollectionProgress(db: Db, id: string, done: number): Promise<void> {
  await db.query(`UPDATE summary_collections SET units_done = $2 WHERE id = $1 AND state = 'running'`, [id, done]);
}

export async function completeCollectionRow(
  db: Db,
  id: string,
  result: { fileName: string; bytes: number; pages: number | null; done: number },
): Promise<void> {
  await db.query(
    `UPDATE summary_collections SET state = 'completed', units_done = $5, file_name = $2, bytes = $3, pages = $4,
            finished_at = now()
      WHERE id = $1`,
    [id, result.fileName, result.bytes, result.pages, result.done],
  );
}

/** Records why a run failed and drops what it had written. */
export async function failCollectionRow(db: Db, id: string, error: string): Promise<void> {
  await db.query('DELETE FROM summary_collection_parts WHERE collection_id = $1', [id]);
  await db.query(`UPDATE summary_collections SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
    id,
    error.slice(0, 4000),
  ]);
}

export async function publishCollectionRow(db: Db, id: string, userId: string, at: Date): Promise<void> {
  await db.query('UPDATE summary_collections SET published_at = $3, published_by = $2 WHERE id = $1', [id, userId, at]);
}

export async function insertCollectionPart(db: Db, id: string, seq: number, data: Buffer): Promise<void> {
  await db.query('INSERT INTO summary_collection_parts (collection_id, seq, data) VALUES ($1, $2, $3)', [
    id,
    seq,
    data,
  ]);
}

export async function findCollectionPart(db: Db, id: string, seq: number): Promise<Uint8Array | undefined> {
  const { rows } = await db.query<{ data: Uint8Array }>(
    'SELECT data FROM summary_collection_parts WHERE collection_id = $1 AND seq = $2',
    [id, seq],
  );
  return rows[0]?.data;
}

/** An approved summary's unit, in the order of the collection. */
export interface CollectionUnitRow {
  unit_id: string;
  name: string;
  name_en: string | null;
  group_name: string;
  group_name_en: string | null;
  /** null: no summary; else its status. */
  status: 'draft' | 'submitted' | 'approved' | 'returned' | null;
  current_version: number;
}

/**
 * The units of a campaign the reader reaches, in region order (city by code, then the unit's
 * region and name) — the order of the statistical summary — each with its summary's status.
 */
export async function listCollectionUnitRows(
  db: Db,
  campaignId: string,
  reach: (params: unknown[]) => string,
): Promise<CollectionUnitRow[]> {
  const params: unknown[] = [campaignId];
  const visible = reach(params);
  const { rows } = await db.query<CollectionUnitRow>(
    `SELECT u.id AS unit_id, u.name, u.name_en, COALESCE(c.name, r.name) AS group_name,
            COALESCE(c.name_en, r.name_en) AS group_name_en,
            CASE WHEN s.current_version > 0 THEN s.status END AS status, COALESCE(s.current_version, 0) AS current_version
       FROM campaign_units cu
       JOIN units u ON u.id = cu.unit_id
       JOIN regions r ON r.id = u.region_id
       LEFT JOIN regions c ON c.level = 'city' AND r.path LIKE c.path || '%'
       LEFT JOIN unit_summaries s ON s.campaign_id = cu.campaign_id AND s.unit_id = cu.unit_id
      WHERE cu.campaign_id = $1 AND ${visible}
      ORDER BY COALESCE(c.code, r.code), u.region_path, u.name, u.id`,
    params,
  );
  return rows;
}

/** The stored documents (one language) and the unit's own paragraphs of some approved summaries. */
export async function listApprovedDocumentRows(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
  language: string,
): Promise<{ unit_id: string; document: unknown; own_text: unknown }[]> {
  const { rows } = await db.query<{ unit_id: string; document: unknown; own_text: unknown }>(
    `SELECT v.unit_id, v.document -> $3::text AS document, v.own_text
       FROM unit_summaries s
       JOIN unit_summary_versions v
         ON v.campaign_id = s.campaign_id AND v.unit_id = s.unit_id AND v.version = s.current_version
      WHERE s.campaign_id = $1 AND s.unit_id = ANY($2::uuid[]) AND s.status = 'approved'`,
    [campaignId, unitIds, language],
  );
  return rows;
}
