import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { PhotoContentType, PhotoKind, PhotoQuery } from './schema.ts';

export interface PhotoRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: PhotoKind;
  caption: string | null;
  in_summary: boolean;
  width: number;
  height: number;
  bytes: number;
  content_type: PhotoContentType;
  created_at: Date;
  created_by: string | null;
}

// The image bytes are read only by findPhotoImage: lists and checks never load them.
const COLUMNS =
  'p.id, p.campaign_id, p.unit_id, p.kind, p.caption, p.in_summary, p.width, p.height, p.bytes, p.content_type, p.created_at, p.created_by';

export async function insertPhotoRow(db: Db, row: PhotoRow, image: Uint8Array): Promise<void> {
  await db.query(
    `INSERT INTO photos (id, campaign_id, unit_id, kind, caption, width, height, bytes, content_type, image, created_at,
       created_by, in_summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.id,
      row.campaign_id,
      row.unit_id,
      row.kind,
      row.caption,
      row.width,
      row.height,
      row.bytes,
      row.content_type,
      image,
      row.created_at,
      row.created_by,
      row.in_summary,
    ],
  );
}

/** How many photos a unit keeps for a campaign, for the per-unit limit. */
export async function countUnitPhotos(db: Db, campaignId: string, unitId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM photos WHERE campaign_id = $1 AND unit_id = $2',
    [campaignId, unitId],
  );
  return rows[0]?.n ?? 0;
}

export async function findPhotoRow(
  db: Db,
  id: string,
): Promise<(PhotoRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<PhotoRow & { path: string; region_path: string }>(
    `SELECT ${COLUMNS}, un.path, un.region_path FROM photos p JOIN units un ON un.id = p.unit_id WHERE p.id = $1`,
    [id],
  );
  return rows[0];
}

export async function findPhotoImage(db: Db, id: string): Promise<Uint8Array | undefined> {
  const { rows } = await db.query<{ image: Uint8Array }>('SELECT image FROM photos WHERE id = $1', [id]);
  return rows[0]?.image;
}

export async function updatePhotoRow(db: Db, row: PhotoRow): Promise<void> {
  await db.query('UPDATE photos SET kind = $2, caption = $3, in_summary = $4 WHERE id = $1', [
    row.id,
    row.kind,
    row.caption,
    row.in_summary,
  ]);
}

export async function deletePhotoRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM photos WHERE id = $1', [id]);
}

/** The stored image with its type, for a document that embeds it. */
export async function findPhotoImageAndType(
  db: Db,
  id: string,
): Promise<{ image: Uint8Array; content_type: PhotoContentType } | undefined> {
  const { rows } = await db.query<{ image: Uint8Array; content_type: PhotoContentType }>(
    'SELECT image, content_type FROM photos WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** A page of the photos the actor may see, newest first, by keyset. */
export async function listPhotoRows(
  db: Db,
  actor: UserActor,
  filter: PhotoQuery,
  after: [string, string] | undefined,
): Promise<PhotoRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'photos.read', 'un', params)];
  const eq = (column: string, value: unknown) => {
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  };
  eq('p.campaign_id', filter.campaignId);
  eq('p.unit_id', filter.unitId);
  eq('p.kind', filter.kind);
  eq('p.in_summary', filter.inSummary);
  if (after)
    where.push(`(p.created_at, p.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${COLUMNS} FROM photos p JOIN units un ON un.id = p.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.push((filter.limit ?? 50) + 1)}`,
    params,
  );
  return rows;
}

/** The photos some units chose for their summaries in a campaign, each unit's in the order they were uploaded. */
export async function listSummaryPhotoRows(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
): Promise<PhotoRow[]> {
  const { rows } = await db.query<PhotoRow>(
    `SELECT ${COLUMNS} FROM photos p
      WHERE p.campaign_id = $1 AND p.unit_id = ANY($2::uuid[]) AND p.in_summary
      ORDER BY p.unit_id, p.created_at, p.id`,
    [campaignId, unitIds],
  );
  return rows;
}
