import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorizeRecord } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { deleteAudited, updateAudited } from '../../platform/edit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { ONLINE_MEDIA } from '../../domain/vocabulary.ts';
import { authorizeCampaignUnit } from '../campaigns/service.ts';
import { findVillageBelow } from '../regions/read.ts';
import {
  deletePublicityRow,
  findPublicityRow,
  insertPublicityRow,
  listPublicityRows,
  updatePublicityRow,
  type PublicityRow,
} from './repository.ts';
import {
  MEDIA_KINDS,
  type PublicityBody,
  type PublicityItem,
  type PublicityPatch,
  type PublicityQuery,
} from './schema.ts';

export function toPublicityItem(row: PublicityRow): PublicityItem {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    kind: row.kind,
    quantity: row.quantity,
    text: row.text,
    url: row.url,
    location: row.location,
    regionId: row.region_id,
    shownFrom: row.shown_from,
    outlet: row.outlet,
    outletEn: row.outlet_en,
    medium: row.medium,
    reach: row.reach,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

/**
 * Rules a schema cannot say: an LED slogan has its text, an online post its address, a media
 * report its outlet, medium and title; only reports and posts have an outlet, a medium and a
 * reach, and a post of the unit's own is online, not in print or on air.
 */
function checkItem(row: Pick<PublicityRow, 'kind' | 'text' | 'url' | 'outlet' | 'outlet_en' | 'medium' | 'reach'>) {
  if (row.kind === 'led_slogan' && !row.text) throw unprocessable('text', 'is required for an LED slogan');
  if (row.kind === 'online_post' && !row.url) throw unprocessable('url', 'is required for an online post');
  if (row.kind === 'media_report') {
    if (!row.outlet) throw unprocessable('outlet', 'is required for a media report');
    if (!row.medium) throw unprocessable('medium', 'is required for a media report');
    if (!row.text) throw unprocessable('text', 'is required for a media report: its title');
  }
  if (!MEDIA_KINDS.includes(row.kind)) {
    const fields = { outlet: row.outlet, outletEn: row.outlet_en, medium: row.medium, reach: row.reach };
    for (const [field, value] of Object.entries(fields))
      if (value !== null) throw unprocessable(field, 'is only for a media report or an online post');
  }
  if (row.kind === 'online_post' && row.medium && !ONLINE_MEDIA.includes(row.medium))
    throw unprocessable('medium', 'of an online post is a website or an online platform, not print or broadcast');
}

/** A publicity item names a village or community under its unit's region. */
async function checkVillage(db: Db, regionId: string | null, unitRegionPath: string): Promise<void> {
  if (regionId && !(await findVillageBelow(db, regionId, unitRegionPath)))
    throw unprocessable('regionId', "is not a village or community under the unit's region");
}

/** Records a publicity item of a unit taking part in the campaign. */
export async function recordPublicity({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  input: PublicityBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<PublicityItem>> {
  return runIdempotent(db, key, async (tx) => {
    const unit = await authorizeCampaignUnit(tx, actor, 'publicity.write', input.campaignId, input.unitId);
    const row: PublicityRow = {
      id: newId(),
      campaign_id: input.campaignId,
      unit_id: input.unitId,
      kind: input.kind,
      quantity: input.quantity ?? 1,
      text: input.text ?? null,
      url: input.url ?? null,
      location: input.location ?? null,
      region_id: input.regionId ?? null,
      shown_from: input.shownFrom ?? null,
      outlet: input.outlet ?? null,
      outlet_en: input.outletEn ?? null,
      medium: input.medium ?? null,
      reach: input.reach ?? null,
      created_at: new Date(),
      created_by: actor.userId,
    };
    checkItem(row);
    await checkVillage(tx, row.region_id, unit.region_path);
    await insertPublicityRow(tx, row);
    const after = toPublicityItem(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'publicity_item',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      after,
    });
    return { statusCode: 201, body: after };
  });
}

async function getVisibleRow(
  db: Db,
  actor: Actor,
  id: string,
  action: 'publicity.read' | 'publicity.write' | 'publicity.delete',
) {
  return authorizeRecord(actor, await findPublicityRow(db, id), {
    read: 'publicity.read',
    action,
    what: 'Publicity item',
  });
}

export async function changePublicity({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: PublicityPatch;
}): Promise<PublicityItem> {
  return db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'publicity.write');
    const after = await updateAudited(tx, {
      actor,
      entity: 'publicity_item',
      before,
      patch,
      columns: {
        kind: 'kind',
        quantity: 'quantity',
        text: 'text',
        url: 'url',
        location: 'location',
        regionId: 'region_id',
        shownFrom: 'shown_from',
        outlet: 'outlet',
        outletEn: 'outlet_en',
        medium: 'medium',
        reach: 'reach',
      },
      check: async (row) => {
        checkItem(row);
        if (row.region_id !== before.region_id) await checkVillage(tx, row.region_id, before.region_path);
      },
      save: updatePublicityRow,
      view: toPublicityItem,
    });
    return toPublicityItem(after);
  });
}

export async function removePublicity({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'publicity.delete');
    await deleteAudited(tx, {
      actor,
      entity: 'publicity_item',
      before,
      remove: deletePublicityRow,
      view: toPublicityItem,
    });
  });
}

export async function listPublicity({
  db,
  actor,
  query,
}: {
  db: Database;
  actor: UserActor;
  query: PublicityQuery;
}): Promise<{ items: PublicityItem[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const rows = await listPublicityRows(db, actor, query, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toPublicityItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}
