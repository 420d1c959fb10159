import type { UserActor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound, unprocessable } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { findRegion } from '../regions/read.ts';
import { findUnitRow, findUnitRowsByNameOrId, insertUnit, toScope, toUnit, type UnitRow } from './repository.ts';
import type { Unit, UnitBody } from './schema.ts';

/** Adds a unit in a region the organizer covers (or anywhere, for system set-up without actor). */
export async function createUnit({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor | null;
  input: UnitBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<Unit>> {
  return runIdempotent(db, key, async (tx) => {
    const region = await findRegion(tx, input.regionId);
    if (!region) throw unprocessable('regionId', 'does not exist');
    const parent = input.parentId ? await findUnitRow(tx, input.parentId) : undefined;
    if (input.parentId && !parent) throw unprocessable('parentId', 'does not exist');
    const id = newId();
    const row: UnitRow = {
      id,
      name: input.name,
      name_en: input.nameEn ?? null,
      kind: input.kind,
      region_id: region.id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      region_path: region.path,
    };
    if (actor && !can(actor, 'units.write', toScope(row)))
      throw forbidden('You may add units only inside your own region');
    await insertUnit(tx, row);
    if (actor)
      await writeAudit(tx, { actor, action: 'create', entity: 'unit', entityId: id, unitId: id, after: toUnit(row) });
    return { statusCode: 201, body: toUnit(row) };
  });
}

/** Finds exactly one unit by id or name, for the CLI and imports; an ambiguous name is refused. */
export async function resolveUnit(db: Db, nameOrId: string): Promise<UnitRow> {
  const rows = await findUnitRowsByNameOrId(db, nameOrId);
  if (rows.length === 0) throw notFound(`Unit "${nameOrId}"`);
  if (rows.length > 1) {
    throw new AppError(
      409,
      'ambiguous',
      `Several units are named "${nameOrId}"; give the id instead: ${rows.map((r) => r.id).join(', ')}`,
    );
  }
  return rows[0]!;
}

export async function getUnitRow(db: Db, id: string): Promise<UnitRow> {
  const row = await findUnitRow(db, id);
  if (!row) throw notFound('Unit');
  return row;
}
