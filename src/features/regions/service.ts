import type { UserActor } from '../../platform/auth/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { forbidden, unprocessable } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { findRegion, insertRegion } from './repository.ts';
import type { Region, RegionBody } from './schema.ts';

/** Adds a region under a parent the organizer covers (or a root, for system set-up without actor). */
export async function createRegion({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor | null;
  input: RegionBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<Region>> {
  return runIdempotent(db, key, async (tx) => {
    const parent = input.parentId ? await findRegion(tx, input.parentId) : undefined;
    if (input.parentId && !parent) throw unprocessable('parentId', 'does not exist');
    if (actor) {
      const covers = actor.grants.some((g) => g.role === 'organizer' && parent && parent.path.startsWith(g.regionPath));
      if (!covers) throw forbidden('You may add regions only inside your own region');
    }
    const region: Region = {
      id: newId(),
      parentId: parent?.id ?? null,
      code: input.code,
      name: input.name,
      nameEn: input.nameEn ?? null,
      level: input.level,
      path: `${parent?.path ?? '/'}${input.code}/`,
    };
    await insertRegion(tx, region);
    if (actor) await writeAudit(tx, { actor, action: 'create', entity: 'region', entityId: region.id, after: region });
    return { statusCode: 201, body: region };
  });
}
