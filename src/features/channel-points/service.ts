import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorize, authorizeRecord } from '../../platform/auth/policy.ts';
import { deleteAudited, insertAudited, updateAudited, type ColumnMap } from '../../platform/edit.ts';
import { PG_FOREIGN_KEY_VIOLATION, type Database, type Db } from '../../platform/db/database.ts';
import { conflict, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { authorizeCampaignUnit, getCampaign } from '../campaigns/service.ts';
import { findVillageBelow } from '../regions/read.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import {
  deleteChannelPointRow,
  findChannelPointRow,
  insertChannelPointRow,
  listChannelPointRows,
  updateChannelPointRow,
  findUnitChannelPointKind,
  type ChannelPointRow,
  type ScopedChannelPointRow,
} from './repository.ts';
import type { ChannelPoint, ChannelPointBody, ChannelPointList, ChannelPointPatch } from './schema.ts';

export function toChannelPoint(row: ChannelPointRow): ChannelPoint {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    kind: row.kind,
    name: row.name,
    nameEn: row.name_en,
    regionId: row.region_id,
    address: row.address,
    number: row.number,
  };
}

const COLUMNS: ColumnMap<ChannelPointPatch, ChannelPointRow> = {
  kind: 'kind',
  name: 'name',
  nameEn: 'name_en',
  regionId: 'region_id',
  address: 'address',
  number: 'number',
};

const nameTaken = (name: string) =>
  conflict(`The unit already has a hotline or mailbox called ${name} in this campaign`, [
    { field: 'name', reason: 'is already the name of one of the unit’s hotlines or mailboxes' },
  ]);

/**
 * Rules a schema cannot say: a hotline has its number, a mailbox its place (a village or an
 * address), and the village lies under the unit's region.
 */
async function checkChannelPoint(db: Db, row: ChannelPointRow, unitRegionPath: string): Promise<void> {
  if (row.kind === 'hotline' && !row.number) throw unprocessable('number', 'is required for a hotline');
  if (row.kind === 'mailbox' && !row.region_id && !row.address)
    throw unprocessable('address', 'or regionId is required for a mailbox: where it hangs');
  if (row.region_id && !(await findVillageBelow(db, row.region_id, unitRegionPath)))
    throw unprocessable('regionId', "is not a village or community under the unit's region");
}

/** Adds a hotline or mailbox to the unit's channels of the campaign. */
export async function addChannelPoint({
  db,
  actor,
  campaignId,
  unitId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  input: ChannelPointBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<ChannelPoint>> {
  return runIdempotent(db, key, async (tx) => {
    const unit = await authorizeCampaignUnit(tx, actor, 'channels.write', campaignId, unitId);
    const row: ChannelPointRow = {
      id: newId(),
      campaign_id: campaignId,
      unit_id: unitId,
      kind: input.kind,
      name: input.name,
      name_en: input.nameEn ?? null,
      region_id: input.regionId ?? null,
      address: input.address ?? null,
      number: input.number ?? null,
    };
    await checkChannelPoint(tx, row, unit.region_path);
    const after = await insertAudited(tx, {
      actor,
      entity: 'channel_point',
      row,
      insert: async (db, r) => {
        if (!(await insertChannelPointRow(db, r))) throw nameTaken(r.name);
      },
      view: toChannelPoint,
    });
    return { statusCode: 201, body: after };
  });
}

/** The unit's hotlines and mailboxes of the campaign. */
export async function listChannelPoints({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
}): Promise<ChannelPointList> {
  await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  authorize(actor, 'channels.read', toScope(unit));
  return { items: (await listChannelPointRows(db, campaignId, unitId)).map(toChannelPoint) };
}

/** Another unit's channel point is "not found" to whoever may not read it, so ids cannot be probed. */
async function getVisibleRow(db: Db, actor: Actor, id: string): Promise<ScopedChannelPointRow> {
  return authorizeRecord(actor, await findChannelPointRow(db, id), {
    read: 'channels.read',
    action: 'channels.write',
    what: 'Channel point',
  });
}

export async function changeChannelPoint({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: ChannelPointPatch;
}): Promise<ChannelPoint> {
  return db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id);
    const after = await updateAudited(tx, {
      actor,
      entity: 'channel_point',
      before,
      patch,
      columns: COLUMNS,
      check: (row) => checkChannelPoint(tx, row, before.region_path),
      save: async (db, row) => {
        if (!(await updateChannelPointRow(db, row))) throw nameTaken(row.name);
      },
      view: toChannelPoint,
    });
    return toChannelPoint(after);
  });
}

/** Deletes a hotline or mailbox; refused while a consultation says it came through it. */
export async function removeChannelPoint({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  try {
    await db.transaction(async (tx) => {
      const before = await getVisibleRow(tx, actor, id);
      await deleteAudited(tx, {
        actor,
        entity: 'channel_point',
        before,
        remove: deleteChannelPointRow,
        view: toChannelPoint,
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === PG_FOREIGN_KEY_VIOLATION)
      throw conflict('The hotline or mailbox has consultations that came through it and cannot be deleted', [
        { field: 'id', reason: 'is referred to by consultations' },
      ]);
    throw error;
  }
}

/**
 * Why a consultation cannot name this channel point: it is not one of the unit's in the campaign,
 * or it is a mailbox named on a call (its kind is the channel). Undefined when it can.
 */
export async function channelPointRefusal(
  db: Db,
  {
    campaignId,
    unitId,
    channelPointId,
    channel,
  }: { campaignId: string; unitId: string; channelPointId: string; channel: string | undefined },
) {
  const kind = await findUnitChannelPointKind(db, campaignId, unitId, channelPointId);
  if (!kind) return unprocessable('channelPointId', "is not one of this unit's hotlines or mailboxes in this campaign");
  if (channel !== undefined && channel !== kind)
    return unprocessable('channelPointId', `is a ${kind}: the consultation's channel must be ${kind}`);
  return undefined;
}
