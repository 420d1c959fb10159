import type { UnitScope } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Unit, UnitQuery } from './schema.ts';

export interface UnitRow {
  id: string;
  name: string;
  name_en: string | null;
  kind: Unit['kind'];
  region_id: string;
  parent_id: string | null;
  path: string;
  region_path: string;
}

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    regionId: row.region_id,
    parentId: row.parent_id,
  };
}

export function toScope(row: Pick<UnitRow, 'id' | 'path' | 'region_path'>): UnitScope {
  return { unitId: row.id, unitPath: row.path, regionPath: row.region_path };
}

export async function findUnitRow(db: Db, id: string): Promise<UnitRow | undefined> {
  const { rows } = await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [id]);
  return rows[0];
}

/** A unit by id, or by exact name (Chinese or English) when that name is unique. */
export async function findUnitRowsByNameOrId(db: Db, nameOrId: string): Promise<UnitRow[]> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const { rows } = await db.query<UnitRow>(
    isUuid ? 'SELECT * FROM units WHERE id = $1' : 'SELECT * FROM units WHERE name = $1 OR name_en = $1 ORDER BY path',
    [nameOrId],
  );
  return rows;
}

export async function listUnits(db: Db, filter: UnitQuery): Promise<Unit[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.regionId) where.push(`region_id = $${params.push(filter.regionId)}`);
  if (filter.parentId) where.push(`parent_id = $${params.push(filter.parentId)}`);
  if (filter.q)
    where.push(
      `(strpos(name, $${params.push(filter.q)}) > 0 OR strpos(lower(coalesce(name_en, '')), lower($${params.length})) > 0)`,
    );
  const { rows } = await db.query<UnitRow>(
    `SELECT * FROM units ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY region_path, name LIMIT 5000`,
    params,
  );
  return rows.map(toUnit);
}

export async function insertUnit(db: Db, row: UnitRow): Promise<void> {
  await db.query(
    `INSERT INTO units (id, name, name_en, kind, region_id, parent_id, path, region_path)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.name, row.name_en, row.kind, row.region_id, row.parent_id, row.path, row.region_path],
  );
}
