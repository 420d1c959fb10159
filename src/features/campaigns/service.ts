import type { UserActor } from '../../platform/auth/actor.ts';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { findUnitRow, toScope, type UnitRow } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import { deleteAudited } from '../../platform/edit.ts';
import { attachmentFileName, detectAttachmentType, MAX_ATTACHMENTS_PER_CAMPAIGN } from './attachment-file.ts';
import {
  addCampaignUnits,
  deleteAttachmentRow,
  findAttachmentContent,
  findAttachmentRow,
  insertAttachmentRow,
  listAttachmentRows,
  type AttachmentRow,
  countExistingUnits,
  countLinkedCampaignsNotAfter,
  findCampaign,
  findCampaignBySlug,
  insertCampaign,
  isCampaignUnit,
  listUnitDays,
  removeCampaignUnit,
  setUnitDays,
  updateCampaign,
} from './repository.ts';
import type { Campaign, CampaignAttachment, CampaignBody, CampaignPatch, UnitDays, UnitDaysBody } from './schema.ts';

/** The default satisfaction formula: very satisfied + satisfied + basically satisfied over all rated. */
const SATISFIED_LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied'] as const;

function checkDates(c: Pick<Campaign, 'openDay' | 'startsOn' | 'endsOn' | 'summaryDueOn' | 'plansDueOn'>): void {
  if (c.startsOn > c.openDay) throw unprocessable('startsOn', 'must be on or before openDay');
  if (c.endsOn < c.openDay) throw unprocessable('endsOn', 'must be on or after openDay');
  if (c.summaryDueOn && c.summaryDueOn < c.openDay) throw unprocessable('summaryDueOn', 'must be on or after openDay');
  // A plan is for the day: it is due before the campaign ends, and before the summaries.
  if (c.plansDueOn && c.plansDueOn > c.endsOn) throw unprocessable('plansDueOn', 'must be on or before endsOn');
  if (c.plansDueOn && c.summaryDueOn && c.plansDueOn > c.summaryDueOn)
    throw unprocessable('plansDueOn', 'must be on or before summaryDueOn');
}

/**
 * The earlier campaign a campaign is compared with must exist and open before it, and the
 * campaigns compared with this one must still open after it: the links never form a cycle.
 */
async function checkPreviousCampaign(db: Db, c: Pick<Campaign, 'id' | 'openDay' | 'previousCampaignId'>) {
  if ((await countLinkedCampaignsNotAfter(db, c.id, c.openDay)) > 0)
    throw unprocessable('openDay', 'must stay before the open day of the campaigns compared with this one');
  if (c.previousCampaignId === null) return;
  if (c.previousCampaignId === c.id) throw unprocessable('previousCampaignId', 'must be another campaign');
  const previous = await findCampaign(db, c.previousCampaignId);
  if (!previous) throw unprocessable('previousCampaignId', 'does not exist');
  if (previous.openDay >= c.openDay)
    throw unprocessable('previousCampaignId', 'must have its open day before this one');
}

export async function getCampaign(db: Db, id: string): Promise<Campaign> {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

export async function getCampaignBySlug(db: Db, slug: string): Promise<Campaign> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign) throw notFound(`Campaign "${slug}"`);
  return campaign;
}

/** Only an organizer over the campaign's coordinating office may change the campaign. */
async function authorizeCampaignWrite(db: Db, actor: UserActor | null, organizerUnitId: string): Promise<void> {
  if (!actor) return;
  const office = await getUnitRow(db, organizerUnitId);
  if (!can(actor, 'campaigns.write', toScope(office)))
    throw forbidden('Only the organizing office may change this campaign');
}

export async function createCampaign({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor | null;
  input: CampaignBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<Campaign>> {
  return runIdempotent(db, key, async (tx) => {
    await getUnitRow(tx, input.organizerUnitId).catch(() => {
      throw unprocessable('organizerUnitId', 'does not exist');
    });
    await authorizeCampaignWrite(tx, actor, input.organizerUnitId);
    if (await findCampaignBySlug(tx, input.slug))
      throw conflict('The slug is taken', [{ field: 'slug', reason: 'is taken' }]);
    const now = new Date().toISOString();
    const campaign: Campaign = {
      id: newId(),
      slug: input.slug,
      title: input.title,
      titleEn: input.titleEn ?? null,
      theme: input.theme,
      themeEn: input.themeEn ?? null,
      notice: input.notice ?? '',
      issuingOffice: input.issuingOffice ?? null,
      documentNumber: input.documentNumber ?? null,
      noticeTitle: input.noticeTitle ?? null,
      organizerUnitId: input.organizerUnitId,
      openDay: input.openDay,
      startsOn: input.startsOn ?? input.openDay,
      endsOn: input.endsOn ?? input.openDay,
      replyLimitDays: input.replyLimitDays ?? 15,
      reopenLimitDays: input.reopenLimitDays ?? 15,
      satisfactionLevels: input.satisfactionLevels ?? [...SATISFIED_LEVELS],
      plansDueOn: input.plansDueOn ?? null,
      summaryDueOn: input.summaryDueOn ?? null,
      previousCampaignId: input.previousCampaignId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    checkDates(campaign);
    await checkPreviousCampaign(tx, campaign);
    const unitIds = input.unitIds ?? [];
    if (unitIds.length && (await countExistingUnits(tx, unitIds)) !== unitIds.length) {
      throw unprocessable('unitIds', 'names a unit that does not exist');
    }
    await insertCampaign(tx, campaign);
    await addCampaignUnits(tx, campaign.id, unitIds);
    if (actor)
      await writeAudit(tx, {
        actor,
        action: 'create',
        entity: 'campaign',
        entityId: campaign.id,
        campaignId: campaign.id,
        after: { ...campaign, unitIds },
      });
    return { statusCode: 201, body: campaign };
  });
}

export async function changeCampaign({
  db,
  actor,
  id,
  patch,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: CampaignPatch;
}): Promise<Campaign> {
  const before = await getCampaign(db, id);
  await authorizeCampaignWrite(db, actor, before.organizerUnitId);
  const after: Campaign = { ...before, ...(patch as Partial<Campaign>), updatedAt: new Date().toISOString() };
  checkDates(after);
  await checkPreviousCampaign(db, after);
  await db.transaction(async (tx) => {
    await updateCampaign(tx, after);
    await writeAudit(tx, { actor, action: 'update', entity: 'campaign', entityId: id, campaignId: id, before, after });
  });
  return after;
}

export async function inviteUnit({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
}) {
  const campaign = await getCampaign(db, campaignId);
  await authorizeCampaignWrite(db, actor, campaign.organizerUnitId);
  await getUnitRow(db, unitId);
  await db.transaction(async (tx) => {
    await addCampaignUnits(tx, campaignId, [unitId]);
    await writeAudit(tx, {
      actor,
      action: 'invite',
      entity: 'campaign_unit',
      entityId: `${campaignId}/${unitId}`,
      campaignId,
      unitId,
    });
  });
}

export async function uninviteUnit({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
}) {
  const campaign = await getCampaign(db, campaignId);
  await authorizeCampaignWrite(db, actor, campaign.organizerUnitId);
  await db.transaction(async (tx) => {
    if ((await removeCampaignUnit(tx, campaignId, unitId)) === 0) throw notFound('Participating unit');
    await writeAudit(tx, {
      actor,
      action: 'uninvite',
      entity: 'campaign_unit',
      entityId: `${campaignId}/${unitId}`,
      campaignId,
      unitId,
    });
  });
}

/**
 * 另定活动日期: the organizer agrees that a unit of the campaign holds its open day on other
 * dates (null withdraws the agreement). Audited with the dates before and after.
 */
export async function agreeUnitDays({
  db,
  actor,
  campaignId,
  unitId,
  days,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  days: UnitDaysBody | null;
}): Promise<UnitDays | null> {
  const campaign = await getCampaign(db, campaignId);
  await authorizeCampaignWrite(db, actor, campaign.organizerUnitId);
  if (days && days.to < days.from) throw unprocessable('to', 'must not be before from');
  if (days && daysBetween(days.from, days.to) > MAX_UNIT_DAYS)
    throw unprocessable('to', `must be at most ${MAX_UNIT_DAYS} days after from`);
  return db.transaction(async (tx) => {
    const [before] = await listUnitDays(tx, campaignId, unitId);
    const after = days ? { unitId, from: days.from, to: days.to, reason: days.reason.trim() } : null;
    if (!(await setUnitDays(tx, campaignId, unitId, after))) throw notFound('Participating unit');
    await writeAudit(tx, {
      actor,
      action: days ? 'agree_days' : 'withdraw_days',
      entity: 'campaign_unit',
      entityId: `${campaignId}/${unitId}`,
      campaignId,
      unitId,
      before: before ?? null,
      after,
    });
    return after;
  });
}

/** The longest stretch of other dates an organizer can agree for one unit. */
const MAX_UNIT_DAYS = 31;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * The check before a unit's record is added to a campaign: the campaign exists, the unit exists
 * and takes part in it, and the actor may take the action for that unit. Returns the unit.
 */
export async function authorizeCampaignUnit(
  db: Db,
  actor: UserActor,
  action: Action,
  campaignId: string,
  unitId: string,
): Promise<UnitRow> {
  if (!(await findCampaign(db, campaignId))) throw unprocessable('campaignId', 'does not exist');
  const unit = await findUnitRow(db, unitId);
  if (!unit) throw unprocessable('unitId', 'does not exist');
  authorize(actor, action, toScope(unit));
  if (!(await isCampaignUnit(db, campaignId, unitId))) {
    throw unprocessable('unitId', 'does not take part in this campaign');
  }
  return unit;
}

// The notice's attachments

export function toAttachment(row: AttachmentRow): CampaignAttachment {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    fileName: row.file_name,
    contentType: row.content_type,
    bytes: row.bytes,
    downloadUrl: `/api/v1/public/attachments/${row.id}`,
    createdAt: row.created_at.toISOString(),
  };
}

/** The files of a campaign's notice, oldest first: public, as the notice is. */
export async function listAttachments(db: Db, campaignId: string): Promise<CampaignAttachment[]> {
  return (await listAttachmentRows(db, campaignId)).map(toAttachment);
}

/** Checks the campaign and the organizer before an upload's body is read, so a refused upload costs nothing. */
export async function checkAttachmentTarget({
  db,
  actor,
  campaignId,
}: {
  db: Db;
  actor: UserActor;
  campaignId: string;
}): Promise<void> {
  const campaign = await getCampaign(db, campaignId);
  await authorizeCampaignWrite(db, actor, campaign.organizerUnitId);
}

/** Attaches a file to the notice: its type is read from its bytes before anything is stored. */
export async function addAttachment({
  db,
  actor,
  campaignId,
  fileName,
  file,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  fileName: string | undefined;
  file: Buffer;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<CampaignAttachment>> {
  const contentType = await detectAttachmentType(file);
  return runIdempotent(db, key, async (tx) => {
    await checkAttachmentTarget({ db: tx, actor, campaignId });
    if ((await listAttachmentRows(tx, campaignId)).length >= MAX_ATTACHMENTS_PER_CAMPAIGN)
      throw unprocessable('file', `the notice already has ${MAX_ATTACHMENTS_PER_CAMPAIGN} attachments`);
    const row: AttachmentRow = {
      id: newId(),
      campaign_id: campaignId,
      file_name: attachmentFileName(fileName, contentType),
      content_type: contentType,
      bytes: file.length,
      created_at: new Date(),
      created_by: actor.userId,
    };
    await insertAttachmentRow(tx, row, file);
    const after = toAttachment(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'campaign_attachment',
      entityId: row.id,
      campaignId,
      after,
    });
    return { statusCode: 201, body: after };
  });
}

export async function removeAttachment({
  db,
  actor,
  campaignId,
  attachmentId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  attachmentId: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await findAttachmentRow(tx, attachmentId);
    if (!before || before.campaign_id !== campaignId) throw notFound('Attachment');
    await checkAttachmentTarget({ db: tx, actor, campaignId });
    await deleteAudited(tx, {
      actor,
      entity: 'campaign_attachment',
      before,
      remove: deleteAttachmentRow,
      view: toAttachment,
    });
  });
}

/** An attachment's file, for anyone: the notice it belongs to is public. */
export async function getAttachmentFile(
  db: Db,
  id: string,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const row = await findAttachmentRow(db, id);
  const content = row && (await findAttachmentContent(db, id));
  if (!row || !content) throw notFound('Attachment');
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(content) };
}
