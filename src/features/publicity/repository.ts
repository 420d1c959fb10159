import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Medium } from '../../domain/vocabulary.ts';
import type { PublicityKind, PublicityQuery } from './schema.ts';
import { insertRow } from '../../platform/db/insert-row.ts';

export interface PublicityRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: PublicityKind;
  quantity: number;
  text: string | null;
  url: string | null;
  location: string | null;
  /** The village or community it was put up in. */
  region_id: string | null;
  shown_from: string | null;
  outlet: string | null;
  outlet_en: string | null;
  medium: Medium | null;
  reach: number | null;
  created_at: Date;
  created_by: string | null;
}

export async function insertPublicityRow(db: Db, row: PublicityRow): Promise<void> {
  await insertRow(db, 'publicity_items', row, [
    'id',
    'campaign_id',
    'unit_id',
    'kind',
    'quantity',
    'text',
    'url',
    'location',
    'shown_from',
    'created_at',
    'created_by',
    'outlet',
    'outlet_en',
    'medium',
    'reach',
    'region_id',
  ]);
}

export async function findPublicityRow(
  db: Db,
  id: string,
): Promise<(PublicityRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<PublicityRow & { path: string; region_path: string }>(
    'SELECT pi.*, un.path, un.region_path FROM publicity_items pi JOIN units un ON un.id = pi.unit_id WHERE pi.id = $1',
    [id],
  );
  return rows[0];
}

export async function updatePublicityRow(db: Db, row: PublicityRow): Promise<void> {
  await db.query(
    `UPDATE publicity_items SET kind = $2, quantity = $3, text = $4, url = $5, location = $6, shown_from = $7,
       outlet = $8, outlet_en = $9, medium = $10, reach = $11, region_id = $12
     WHERE id = $1`,
    [
      row.id,
      row.kind,
      row.quantity,
      row.text,
      row.url,
      row.location,
      row.shown_from,
      row.outlet,
      row.outlet_en,
      row.medium,
      row.reach,
      row.region_id,
    ],
  );
}

export async function deletePublicityRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM publicity_items WHERE id = $1', [id]);
}

/** A page of the publicity items the actor may read, newest first, by keyset. */
export async function listPublicityRows(
  db: Db,
  actor: UserActor,
  filter: PublicityQuery,
  after: [string, string] | undefined,
): Promise<PublicityRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'publicity.read', 'un', params)];
  const eq = (column: string, value: unknown) => {
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  };
  eq('pi.campaign_id', filter.campaignId);
  eq('pi.unit_id', filter.unitId);
  eq('pi.kind', filter.kind);
  eq('pi.medium', filter.medium);
  if (after)
    where.push(`(pi.created_at, pi.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<PublicityRow>(
    `SELECT pi.* FROM publicity_items pi JOIN units un ON un.id = pi.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY pi.created_at DESC, pi.id DESC LIMIT $${params.push((filter.limit ?? 50) + 1)}`,
    params,
  );
  return rows;
}
