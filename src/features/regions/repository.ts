import type { Db } from '../../platform/db/database.ts';
import type { Region } from './schema.ts';

interface RegionRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  level: Region['level'];
  path: string;
}

export function toRegion(row: RegionRow): Region {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    path: row.path,
  };
}

export async function findRegion(db: Db, id: string): Promise<Region | undefined> {
  const { rows } = await db.query<RegionRow>('SELECT * FROM regions WHERE id = $1', [id]);
  return rows[0] && toRegion(rows[0]);
}

export async function listRegions(
  db: Db,
  filter: { parentId?: string | undefined; level?: string | undefined; within?: string | undefined },
): Promise<Region[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.parentId) where.push(`parent_id = $${params.push(filter.parentId)}`);
  if (filter.level) where.push(`level = $${params.push(filter.level)}`);
  if (filter.within) {
    const n = params.push(filter.within);
    where.push(`path LIKE (SELECT w.path FROM regions w WHERE w.id = $${n}) || '%' AND id <> $${n}`);
  }
  const { rows } = await db.query<RegionRow>(
    `SELECT * FROM regions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY path LIMIT 5000`,
    params,
  );
  return rows.map(toRegion);
}

export async function insertRegion(db: Db, region: Region): Promise<void> {
  await db.query(
    'INSERT INTO regions (id, parent_id, code, name, name_en, level, path) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [region.id, region.parentId, region.code, region.name, region.nameEn, region.level, region.path],
  );
}

/**
 * A village or community (level community) below the region at `ancestorPath` (a unit's region), or
 * undefined when the id names none there.
 */
export async function findVillageBelow(db: Db, id: string, ancestorPath: string): Promise<Region | undefined> {
  const { rows } = await db.query<RegionRow>(
    `SELECT * FROM regions WHERE id = $1 AND level = 'community' AND path LIKE $2 || '%' AND path <> $2`,
    [id, ancestorPath],
  );
  return rows[0] && toRegion(rows[0]);
}
