import type { UserActor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { authorizeCampaignUnit } from '../campaigns/service.ts';
import { getCampaign } from '../campaigns/service.ts';
import {
  deleteDisclosureRow,
  findDisclosureRow,
  insertDisclosureRow,
  insertDisclosureRows,
  listDisclosureRows,
  updateDisclosureRow,
  type DisclosureRow,
  type ScopedDisclosureRow,
} from './repository.ts';
import type { Disclosure, DisclosureBody, DisclosureList, DisclosurePatch, DisclosureQuery } from './schema.ts';

export function toDisclosure(row: DisclosureRow): Disclosure {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    sort: row.sort,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const scopeOf = (row: ScopedDisclosureRow) => ({
  unitId: row.unit_id,
  unitPath: row.path,
  regionPath: row.region_path,
});

/**
 * A campaign's disclosures, of one unit or all. Disclosures are public by nature (the portal shows
 * them to anyone), so every signed-in user reads them all.
 */
export async function listDisclosures({ db, query }: { db: Db; query: DisclosureQuery }): Promise<DisclosureList> {
  await getCampaign(db, query.campaignId);
  const rows = await listDisclosureRows(db, { ...query, limit: query.limit ?? 500 });
  return { items: rows.map(toDisclosure) };
}

/** What the portal shows on a participating unit's page. */
export async function listUnitDisclosures(db: Db, campaignId: string, unitId: string): Promise<Disclosure[]> {
  return (await listDisclosureRows(db, { campaignId, unitId, limit: 500 })).map(toDisclosure);
}

/** Adds a disclosure to a participating unit's page: its own admin, audited. */
export async function createDisclosure({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  input: DisclosureBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Disclosure>> {
  if (!input.title.trim()) throw unprocessable('title', 'must not be blank');
  return runIdempotent(db, key, async (tx) => {
    await authorizeCampaignUnit(tx, actor, 'disclosures.write', input.campaignId, input.unitId);
    const now = new Date();
    const row: DisclosureRow = {
      id: newId(),
      campaign_id: input.campaignId,
      unit_id: input.unitId,
      kind: input.kind,
      title: input.title.trim(),
      body: input.body ?? '',
      sort: input.sort ?? 0,
      created_at: now,
      updated_at: now,
    };
    await insertDisclosureRow(tx, row);
    const body = toDisclosure(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'disclosure',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      after: body,
    });
    return { statusCode: 201, body };
  });
}

/** Changes a disclosure of the admin's unit, audited with before and after. */
export async function changeDisclosure({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: DisclosurePatch;
}): Promise<Disclosure> {
  if (patch.title !== undefined && !patch.title.trim()) throw unprocessable('title', 'must not be blank');
  return db.transaction(async (tx) => {
    const found = await findDisclosureRow(tx, id, { lock: true });
    if (!found) throw notFound('Disclosure');
    authorize(actor, 'disclosures.write', scopeOf(found));
    const { path: _path, region_path: _regionPath, ...before } = found;
    const row: DisclosureRow = {
      ...before,
      kind: patch.kind ?? before.kind,
      title: patch.title?.trim() ?? before.title,
      body: patch.body ?? before.body,
      sort: patch.sort ?? before.sort,
      updated_at: new Date(),
    };
    await updateDisclosureRow(tx, row);
    const after = toDisclosure(row);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'disclosure',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: toDisclosure(before),
      after,
    });
    return after;
  });
}

/** Removes a disclosure of the admin's unit, audited. */
export async function removeDisclosure({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const found = await findDisclosureRow(tx, id, { lock: true });
    if (!found) throw notFound('Disclosure');
    authorize(actor, 'disclosures.write', scopeOf(found));
    await deleteDisclosureRow(tx, id);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'disclosure',
      entityId: id,
      unitId: found.unit_id,
      campaignId: found.campaign_id,
      before: toDisclosure(found),
    });
  });
}

/** A disclosure as seeded (the demo): inserted as given, inside the caller's transaction. */
export interface DisclosureSeed {
  campaignId: string;
  unitId: string;
  kind: Disclosure['kind'];
  title: string;
  body: string;
  sort: number;
}

/** Inserts seeded disclosures in one statement; no audit entry (nobody wrote them). */
export async function seedDisclosures(tx: Db, seeds: readonly DisclosureSeed[]): Promise<number> {
  const now = new Date();
  await insertDisclosureRows(
    tx,
    seeds.map((s) => ({
      id: newId(),
      campaign_id: s.campaignId,
      unit_id: s.unitId,
      kind: s.kind,
      title: s.title,
      body: s.body,
      sort: s.sort,
      created_at: now,
      updated_at: now,
    })),
  );
  return seeds.length;
}
