import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MaterialKind, MaterialQuery } from './schema.ts';

export interface MaterialRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  title: string;
  title_en: string | null;
  kind: MaterialKind;
  print_run: number | null;
  created_at: Date;
  /** Copies handed out so far: the sum of the material's distributions. */
  distributed: number;
}

export interface DistributionRow {
  id: string;
  campaign_id: string;
  material_id: string;
  desk_id: string | null;
  copies: number;
  recorded_at: Date;
  recorded_by: string | null;
}

const DISTRIBUTED = 'coalesce((SELECT sum(md.copies) FROM material_distributions md WHERE md.material_id = m.id), 0)';

export async function insertMaterialRow(db: Db, row: MaterialRow): Promise<void> {
  await db.query(
    `INSERT INTO materials (id, campaign_id, unit_id, title, kind, print_run, created_at, title_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.campaign_id, row.unit_id, row.title, row.kind, row.print_run, row.created_at, row.title_en],
  );
}

/**
 * The material with its distributed total. `lock` holds the row for the transaction: 'update'
 * against a concurrent change or delete, 'key share' only against a delete, so that desks
 * recording at once do not wait for each other.
 */
export async function findMaterialRow(
  db: Db,
  id: string,
  { lock }: { lock?: 'update' | 'key share' } = {},
): Promise<(MaterialRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<MaterialRow & { path: string; region_path: string }>(
    `SELECT m.*, ${DISTRIBUTED}::bigint AS distributed, un.path, un.region_path
     FROM materials m JOIN units un ON un.id = m.unit_id WHERE m.id = $1${lock ? ` FOR ${lock.toUpperCase()} OF m` : ''}`,
    [id],
  );
  return rows[0];
}

export async function updateMaterialRow(db: Db, row: MaterialRow): Promise<void> {
  await db.query('UPDATE materials SET title = $2, kind = $3, print_run = $4, title_en = $5 WHERE id = $1', [
    row.id,
    row.title,
    row.kind,
    row.print_run,
    row.title_en,
  ]);
}

/** Deletes the material and, with it, its distributions. */
export async function deleteMaterialRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM materials WHERE id = $1', [id]);
}

/** A page of the materials the actor may read, newest first, by keyset. */
export async function listMaterialRows(
  db: Db,
  actor: UserActor,
  filter: MaterialQuery,
  after: [string, string] | undefined,
): Promise<MaterialRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'materials.read', 'un', params)];
  if (filter.campaignId !== undefined) where.push(`m.campaign_id = $${params.push(filter.campaignId)}`);
  if (filter.unitId !== undefined) where.push(`m.unit_id = $${params.push(filter.unitId)}`);
  if (after)
    where.push(`(m.created_at, m.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<MaterialRow>(
    `SELECT m.*, ${DISTRIBUTED}::bigint AS distributed FROM materials m JOIN units un ON un.id = m.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.push((filter.limit ?? 50) + 1)}`,
    params,
  );
  return rows;
}

export async function insertDistributionRow(db: Db, row: DistributionRow): Promise<void> {
  await db.query(
    `INSERT INTO material_distributions (id, campaign_id, material_id, desk_id, copies, recorded_at, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.campaign_id, row.material_id, row.desk_id, row.copies, row.recorded_at, row.recorded_by],
  );
}

/** A page of a material's distributions, newest first, by keyset. */
export async function listDistributionRows(
  db: Db,
  materialId: string,
  limit: number,
  after: [string, string] | undefined,
): Promise<DistributionRow[]> {
  const params: unknown[] = [materialId];
  const where = ['material_id = $1'];
  if (after)
    where.push(`(recorded_at, id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<DistributionRow>(
    `SELECT * FROM material_distributions WHERE ${where.join(' AND ')}
     ORDER BY recorded_at DESC, id DESC LIMIT $${params.push(limit + 1)}`,
    params,
  );
  return rows;
}
