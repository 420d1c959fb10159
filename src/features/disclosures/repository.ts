import type { Db } from '../../platform/db/database.ts';
import type { DisclosureKind } from './schema.ts';

export interface DisclosureRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: DisclosureKind;
  title: string;
  body: string;
  sort: number;
  created_at: Date;
  updated_at: Date;
}

/** A disclosure with its unit's place in the unit and region trees, for the policy. */
export type ScopedDisclosureRow = DisclosureRow & { path: string; region_path: string };

export async function insertDisclosureRow(db: Db, row: DisclosureRow): Promise<void> {
  await db.query(
    `INSERT INTO disclosures (id, campaign_id, unit_id, kind, title, body, sort, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.id, row.campaign_id, row.unit_id, row.kind, row.title, row.body, row.sort, row.created_at, row.updated_at],
  );
}

/** Inserts many disclosures in one statement (the demo). */
export async function insertDisclosureRows(db: Db, rows: readonly DisclosureRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO disclosures (id, campaign_id, unit_id, kind, title, body, sort, created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[],
       $8::timestamptz[], $9::timestamptz[])`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.campaign_id),
      rows.map((r) => r.unit_id),
      rows.map((r) => r.kind),
      rows.map((r) => r.title),
      rows.map((r) => r.body),
      rows.map((r) => r.sort),
      rows.map((r) => r.created_at.toISOString()),
      rows.map((r) => r.updated_at.toISOString()),
    ],
  );
}

export async function findDisclosureRow(
  db: Db,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<ScopedDisclosureRow | undefined> {
  const { rows } = await db.query<ScopedDisclosureRow>(
    `SELECT d.*, un.path, un.region_path FROM disclosures d JOIN units un ON un.id = d.unit_id
     WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`,
    [id],
  );
  return rows[0];
}

export async function updateDisclosureRow(db: Db, row: DisclosureRow): Promise<void> {
  await db.query('UPDATE disclosures SET kind = $2, title = $3, body = $4, sort = $5, updated_at = $6 WHERE id = $1', [
    row.id,
    row.kind,
    row.title,
    row.body,
    row.sort,
    row.updated_at,
  ]);
}

export async function deleteDisclosureRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM disclosures WHERE id = $1', [id]);
}

/** A campaign's disclosures, of one unit or all, in page order. */
export async function listDisclosureRows(
  db: Db,
  filter: { campaignId: string; unitId?: string | undefined; kind?: DisclosureKind | undefined; limit: number },
): Promise<DisclosureRow[]> {
  const { rows } = await db.query<DisclosureRow>(
    `SELECT * FROM disclosures
     WHERE campaign_id = $1 AND ($2::uuid IS NULL OR unit_id = $2::uuid) AND ($3::text IS NULL OR kind = $3::text)
     ORDER BY unit_id, sort, title, id
     LIMIT $4`,
    [filter.campaignId, filter.unitId ?? null, filter.kind ?? null, filter.limit],
  );
  return rows;
}
