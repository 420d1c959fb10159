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
