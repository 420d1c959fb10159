import type { Db } from '../../platform/db/database.ts';
import type { ChannelPointKind } from './schema.ts';

export interface ChannelPointRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: ChannelPointKind;
  name: string;
  name_en: string | null;
  region_id: string | null;
  address: string | null;
  number: string | null;
}

/** A channel point with its unit's paths: the policy's scope, and the region its village must lie under. */
export type ScopedChannelPointRow = ChannelPointRow & { path: string; region_path: string };

const COLUMNS = 'cp.id, cp.campaign_id, cp.unit_id, cp.kind, cp.name, cp.name_en, cp.region_id, cp.address, cp.number';

/** Inserts the row; false when the unit already has a channel point of that name in the campaign. */
export async function insertChannelPointRow(db: Db, row: ChannelPointRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO channel_points (id, campaign_id, unit_id, kind, name, name_en, region_id, address, number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [row.id, row.campaign_id, row.unit_id, row.kind, row.name, row.name_en, row.region_id, row.address, row.number],
  );
  return rowCount === 1;
}

export async function findChannelPointRow(db: Db, id: string): Promise<ScopedChannelPointRow | undefined> {
  const { rows } = await db.query<ScopedChannelPointRow>(
    `SELECT ${COLUMNS}, un.path, un.region_path FROM channel_points cp JOIN units un ON un.id = cp.unit_id
     WHERE cp.id = $1`,
    [id],
  );
  return rows[0];
}

/** Saves the row; false when another channel point of the unit has its name. */
export async function updateChannelPointRow(db: Db, row: ChannelPointRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE channel_points SET kind = $2, name = $3, name_en = $4, region_id = $5, address = $6, number = $7
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM channel_points o
       WHERE o.campaign_id = $8 AND o.unit_id = $9 AND o.name = $3 AND o.id <> $1)`,
    [row.id, row.kind, row.name, row.name_en, row.region_id, row.address, row.number, row.campaign_id, row.unit_id],
  );
  return rowCount === 1;
}

export async function deleteChannelPointRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM channel_points WHERE id = $1', [id]);
}

/** The unit's channel points of the campaign: hotlines first, then by name. */
export async function listChannelPointRows(db: Db, campaignId: string, unitId: string): Promise<ChannelPointRow[]> {
  const { rows } = await db.query<ChannelPointRow>(
    `SELECT ${COLUMNS} FROM channel_points cp WHERE cp.campaign_id = $1 AND cp.unit_id = $2
     ORDER BY cp.kind, cp.name, cp.id`,
    [campaignId, unitId],
  );
  return rows;
}

/** The kind of a channel point of the unit in the campaign, or undefined (for intake's channel). */
export async function findUnitChannelPointKind(
  db: Db,
  campaignId: string,
  unitId: string,
  id: string,
): Promise<ChannelPointKind | undefined> {
  const { rows } = await db.query<{ kind: ChannelPointKind }>(
    'SELECT kind FROM channel_points WHERE id = $1 AND campaign_id = $2 AND unit_id = $3',
    [id, campaignId, unitId],
  );
  return rows[0]?.kind;
}
