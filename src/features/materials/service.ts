import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorizeRecord } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { deleteAudited, updateAudited } from '../../platform/edit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { authorizeCampaignUnit } from '../campaigns/service.ts';
import { isUnitDesk } from '../plans/service.ts';
import {
  deleteMaterialRow,
  findMaterialRow,
  insertDistributionRow,
  insertMaterialRow,
  listDistributionRows,
  listMaterialRows,
  updateMaterialRow,
  type DistributionRow,
  type MaterialRow,
} from './repository.ts';
import type {
  Distribution,
  DistributionBody,
  DistributionQuery,
  Material,
  MaterialBody,
  MaterialPatch,
  MaterialQuery,
} from './schema.ts';

type MaterialAction = 'materials.read' | 'materials.write' | 'materials.distribute';

export function toMaterial(row: MaterialRow): Material {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    title: row.title,
    titleEn: row.title_en,
    kind: row.kind,
    printRun: row.print_run,
    distributed: row.distributed,
    createdAt: row.created_at.toISOString(),
  };
}

export function toDistribution(row: DistributionRow): Distribution {
  return {
    id: row.id,
    materialId: row.material_id,
    campaignId: row.campaign_id,
    deskId: row.desk_id,
    copies: row.copies,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

/** Adds a printed material of a unit taking part in the campaign. */
export async function createMaterial({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  input: MaterialBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Material>> {
  return runIdempotent(db, key, async (tx) => {
    await authorizeCampaignUnit(tx, actor, 'materials.write', input.campaignId, input.unitId);
    const row: MaterialRow = {
      id: newId(),
      campaign_id: input.campaignId,
      unit_id: input.unitId,
      title: input.title,
      title_en: input.titleEn ?? null,
      kind: input.kind,
      print_run: input.printRun ?? null,
      created_at: new Date(),
      distributed: 0,
    };
    await insertMaterialRow(tx, row);
    const after = toMaterial(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'material',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      after,
    });
    return { statusCode: 201, body: after };
  });
}

async function getVisibleRow(db: Db, actor: Actor, id: string, action: MaterialAction, lock?: 'update' | 'key share') {
  return authorizeRecord(actor, await findMaterialRow(db, id, { lock }), {
    read: 'materials.read',
    action,
    what: 'Material',
  });
}

export async function changeMaterial({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: MaterialPatch;
}): Promise<Material> {
  return db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'materials.write', 'update');
    const after = await updateAudited(tx, {
      actor,
      entity: 'material',
      before,
      patch,
      columns: { title: 'title', titleEn: 'title_en', kind: 'kind', printRun: 'print_run' },
      save: updateMaterialRow,
      view: toMaterial,
    });
    return toMaterial(after);
  });
}

/** Deletes a material and the record of its copies handed out. */
export async function removeMaterial({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'materials.write', 'update');
    await deleteAudited(tx, { actor, entity: 'material', before, remove: deleteMaterialRow, view: toMaterial });
  });
}

export async function listMaterials({
  db,
  actor,
  query,
}: {
  db: Database;
  actor: UserActor;
  query: MaterialQuery;
}): Promise<{ items: Material[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const rows = await listMaterialRows(db, actor, query, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toMaterial),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

/** Counts copies handed out, at one of the unit's desks or without a desk: the desk's materials counter. */
export async function recordDistribution({
  db,
  actor,
  materialId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  materialId: string;
  input: DistributionBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Distribution>> {
  return runIdempotent(db, key, async (tx) => {
    const material = await getVisibleRow(tx, actor, materialId, 'materials.distribute', 'key share');
    const deskId = input.deskId ?? null;
    if (deskId && !(await isUnitDesk({ db: tx, deskId, campaignId: material.campaign_id, unitId: material.unit_id }))) {
      throw unprocessable('deskId', "is not one of this unit's desks in this campaign");
    }
    const row: DistributionRow = {
      id: newId(),
      campaign_id: material.campaign_id,
      material_id: material.id,
      desk_id: deskId,
      copies: input.copies,
      recorded_at: new Date(),
      recorded_by: actor.userId,
    };
    await insertDistributionRow(tx, row);
    const after = toDistribution(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'material_distribution',
      entityId: row.id,
      unitId: material.unit_id,
      campaignId: material.campaign_id,
      after,
    });
    return { statusCode: 201, body: after };
  });
}

export async function listDistributions({
  db,
  actor,
  materialId,
  query,
}: {
  db: Database;
  actor: UserActor;
  materialId: string;
  query: DistributionQuery;
}): Promise<{ items: Distribution[]; nextCursor: string | null }> {
  const material = await getVisibleRow(db, actor, materialId, 'materials.read');
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const rows = await listDistributionRows(db, material.id, limit, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toDistribution),
    nextCursor: rows.length > limit && last ? encodeCursor([last.recorded_at.toISOString(), last.id]) : null,
  };
}
