import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorizeRecord } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { deleteAudited, updateAudited } from '../../platform/edit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { authorizeCampaignUnit } from '../campaigns/service.ts';
import { preparePhoto, toDocumentImage, type DocumentImage } from './image.ts';
import {
  countUnitPhotos,
  deletePhotoRow,
  findPhotoImage,
  findPhotoImageAndType,
  findPhotoRow,
  insertPhotoRow,
  listPhotoRows,
  listSummaryPhotoRows,
  updatePhotoRow,
  type PhotoRow,
} from './repository.ts';
import type { Photo, PhotoContentType, PhotoPatch, PhotoQuery, PhotoTarget } from './schema.ts';

/** How many photos one unit keeps for one campaign: a summary needs a few dozen, not a camera roll. */
export const MAX_PHOTOS_PER_UNIT = 200;

export function toPhoto(row: PhotoRow): Photo {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    kind: row.kind,
    caption: row.caption,
    inSummary: row.in_summary,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    contentType: row.content_type,
    imageUrl: `/api/v1/photos/${row.id}/image`,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

/** The campaign exists, the unit takes part in it and the actor may add its photos. */
async function checkTargetIn(db: Db, actor: UserActor, campaignId: string, unitId: string): Promise<void> {
  await authorizeCampaignUnit(db, actor, 'photos.write', campaignId, unitId);
}

/** Checks where an upload goes before its body is read, so a refused upload costs nothing. */
export async function checkPhotoTarget({
  db,
  actor,
  target,
}: {
  db: Db;
  actor: UserActor;
  target: PhotoTarget;
}): Promise<void> {
  await checkTargetIn(db, actor, target.campaignId, target.unitId);
}

/** Stores a photo of the day: resized and stripped of its metadata before anything is written. */
export async function addPhoto({
  db,
  actor,
  target,
  file,
  key,
}: {
  db: Database;
  actor: UserActor;
  target: PhotoTarget;
  file: Buffer;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Photo>> {
  const prepared = await preparePhoto(file);
  return runIdempotent(db, key, async (tx) => {
    await checkTargetIn(tx, actor, target.campaignId, target.unitId);
    if ((await countUnitPhotos(tx, target.campaignId, target.unitId)) >= MAX_PHOTOS_PER_UNIT) {
      throw unprocessable('unitId', `already keeps ${MAX_PHOTOS_PER_UNIT} photos for this campaign`);
    }
    const row: PhotoRow = {
      id: newId(),
      campaign_id: target.campaignId,
      unit_id: target.unitId,
      kind: target.kind ?? 'other',
      caption: target.caption ?? null,
      in_summary: target.inSummary ?? false,
      width: prepared.width,
      height: prepared.height,
      bytes: prepared.image.length,
      content_type: prepared.contentType,
      created_at: new Date(),
      created_by: actor.userId,
    };
    await insertPhotoRow(tx, row, prepared.image);
    const after = toPhoto(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'photo',
      entityId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      after,
    });
    return { statusCode: 201, body: after };
  });
}

async function getVisibleRow(db: Db, actor: Actor, id: string, action: 'photos.read' | 'photos.write') {
  return authorizeRecord(actor, await findPhotoRow(db, id), { read: 'photos.read', action, what: 'Photo' });
}

/** The stored image of a photo the actor may see. */
export async function getPhotoImage({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: UserActor;
  id: string;
}): Promise<{ image: Buffer; contentType: PhotoContentType }> {
  const row = await getVisibleRow(db, actor, id, 'photos.read');
  const image = await findPhotoImage(db, id);
  if (!image) throw notFound('Photo');
  return { image: Buffer.from(image), contentType: row.content_type };
}

export async function changePhoto({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: PhotoPatch;
}): Promise<Photo> {
  return db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'photos.write');
    const after = await updateAudited(tx, {
      actor,
      entity: 'photo',
      before,
      patch,
      columns: { kind: 'kind', caption: 'caption', inSummary: 'in_summary' },
      save: updatePhotoRow,
      view: toPhoto,
    });
    return toPhoto(after);
  });
}

export async function removePhoto({ db, actor, id }: { db: Database; actor: UserActor; id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'photos.write');
    await deleteAudited(tx, { actor, entity: 'photo', before, remove: deletePhotoRow, view: toPhoto });
  });
}

export async function listPhotos({
  db,
  actor,
  query,
}: {
  db: Database;
  actor: UserActor;
  query: PhotoQuery;
}): Promise<{ items: Photo[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const rows = await listPhotoRows(db, actor, query, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toPhoto),
    nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

/** A photo chosen for a unit's summary, as a document shows it (without its bytes). */
export interface SummaryPhoto {
  id: string;
  unitId: string;
  kind: PhotoRow['kind'];
  caption: string | null;
  width: number;
  height: number;
  /** The type a document embeds: JPEG stays JPEG, PNG and WebP are embedded as PNG. */
  documentType: DocumentImage['contentType'];
}

/**
 * The photos some units chose for their summaries, by unit, oldest first. The caller has already
 * checked that the reader may read those units' summaries.
 */
export async function listSummaryPhotos(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
): Promise<Map<string, SummaryPhoto[]>> {
  const byUnit = new Map<string, SummaryPhoto[]>();
  if (unitIds.length === 0) return byUnit;
  for (const r of await listSummaryPhotoRows(db, campaignId, unitIds)) {
    const list = byUnit.get(r.unit_id) ?? [];
    list.push({
      id: r.id,
      unitId: r.unit_id,
      kind: r.kind,
      caption: r.caption,
      width: r.width,
      height: r.height,
      documentType: r.content_type === 'image/jpeg' ? 'image/jpeg' : 'image/png',
    });
    byUnit.set(r.unit_id, list);
  }
  return byUnit;
}

/** The image of a summary photo as a document embeds it: JPEG or PNG (WebP turned into PNG). */
export async function loadSummaryPhotoImage(db: Db, id: string): Promise<DocumentImage> {
  const found = await findPhotoImageAndType(db, id);
  if (!found) throw notFound('Photo');
  return toDocumentImage(Buffer.from(found.image), found.content_type);
}
