import type { Db } from '../../platform/db/database.ts';
import { toUnit, type UnitRow } from '../units/read.ts';
import type { Unit } from '../units/schema.ts';
import type { Rating } from '../../domain/vocabulary.ts';
import type { Campaign } from './schema.ts';

interface CampaignRow {
  id: string;
  slug: string;
  title: string;
  title_en: string | null;
  theme_en: string | null;
  theme: string;
  notice: string;
  issuing_office: string | null;
  document_number: string | null;
  notice_title: string | null;
  plans_due_on: string | null;
  organizer_unit_id: string;
  open_day: string;
  starts_on: string;
  ends_on: string;
  reply_limit_days: number;
  reopen_limit_days: number;
  satisfaction_levels: Rating[];
  summary_due_on: string | null;
  previous_campaign_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    titleEn: row.title_en,
    themeEn: row.theme_en,
    theme: row.theme,
    notice: row.notice,
    issuingOffice: row.issuing_office,
    documentNumber: row.document_number,
    noticeTitle: row.notice_title,
    organizerUnitId: row.organizer_unit_id,
    openDay: row.open_day,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    replyLimitDays: row.reply_limit_days,
    reopenLimitDays: row.reopen_limit_days,
    satisfactionLevels: row.satisfaction_levels,
    plansDueOn: row.plans_due_on,
    summaryDueOn: row.summary_due_on,
    previousCampaignId: row.previous_campaign_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findCampaign(db: Db, id: string): Promise<Campaign | undefined> {
  const { rows } = await db.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
  return rows[0] && toCampaign(rows[0]);
}

export async function findCampaignBySlug(db: Db, slug: string): Promise<Campaign | undefined> {
  const { rows } = await db.query<CampaignRow>('SELECT * FROM campaigns WHERE slug = $1', [slug]);
  return rows[0] && toCampaign(rows[0]);
}

export async function listCampaigns(db: Db): Promise<Campaign[]> {
  const { rows } = await db.query<CampaignRow>('SELECT * FROM campaigns ORDER BY open_day DESC, slug LIMIT 1000');
  return rows.map(toCampaign);
}

/** Campaigns compared with this one (their previous campaign) whose open day is on or before the day given. */
export async function countLinkedCampaignsNotAfter(db: Db, id: string, openDay: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM campaigns WHERE previous_campaign_id = $1 AND open_day <= $2',
    [id, openDay],
  );
  return rows[0]!.n;
}

export async function insertCampaign(db: Db, c: Campaign): Promise<void> {
  await db.query(
    `INSERT INTO campaigns (id, slug, title, title_en, theme, notice, organizer_unit_id, open_day, starts_on, ends_on,
       reply_limit_days, summary_due_on, created_at, updated_at, reopen_limit_days, satisfaction_levels,
       previous_campaign_id, issuing_office, document_number, notice_title, plans_due_on, theme_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
    [
      c.id,
      c.slug,
      c.title,
      c.titleEn,
      c.theme,
      c.notice,
      c.organizerUnitId,
      c.openDay,
      c.startsOn,
      c.endsOn,
      c.replyLimitDays,
      c.summaryDueOn,
      c.createdAt,
      c.updatedAt,
      c.reopenLimitDays,
      c.satisfactionLevels,
      c.previousCampaignId,
      c.issuingOffice,
      c.documentNumber,
      c.noticeTitle,
      c.plansDueOn,
      c.themeEn,
    ],
  );
}

export async function updateCampaign(db: Db, c: Campaign): Promise<void> {
  await db.query(
    `UPDATE campaigns SET title = $2, title_en = $3, theme = $4, notice = $5, open_day = $6, starts_on = $7, ends_on = $8,
       reply_limit_days = $9, summary_due_on = $10, reopen_limit_days = $11, satisfaction_levels = $12,
       previous_campaign_id = $13, issuing_office = $14, document_number = $15, notice_title = $16,
       plans_due_on = $17, theme_en = $18, updated_at = now() WHERE id = $1`,
    [
      c.id,
      c.title,
      c.titleEn,
      c.theme,
      c.notice,
      c.openDay,
      c.startsOn,
      c.endsOn,
      c.replyLimitDays,
      c.summaryDueOn,
      c.reopenLimitDays,
      c.satisfactionLevels,
      c.previousCampaignId,
      c.issuingOffice,
      c.documentNumber,
      c.noticeTitle,
      c.plansDueOn,
      c.themeEn,
    ],
  );
}

export async function addCampaignUnits(db: Db, campaignId: string, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await db.query(
    `INSERT INTO campaign_units (campaign_id, unit_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [campaignId, unitIds],
  );
}

export async function removeCampaignUnit(db: Db, campaignId: string, unitId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2', [
    campaignId,
    unitId,
  ]);
  return rowCount;
}

export async function listCampaignUnits(db: Db, campaignId: string): Promise<Unit[]> {
  const { rows } = await db.query<UnitRow>(
    `SELECT un.* FROM campaign_units cu JOIN units un ON un.id = cu.unit_id WHERE cu.campaign_id = $1 ORDER BY un.region_path, un.name`,
    [campaignId],
  );
  return rows.map(toUnit);
}

export async function isCampaignUnit(db: Db, campaignId: string, unitId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2', [
    campaignId,
    unitId,
  ]);
  return rows.length > 0;
}

export async function countExistingUnits(db: Db, unitIds: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units WHERE id = ANY($1::uuid[])', [
    unitIds,
  ]);
  return rows[0]!.n;
}

interface UnitDaysRow {
  unit_id: string;
  days_from: string;
  days_to: string;
  days_reason: string;
}

const toUnitDays = (row: UnitDaysRow) => ({
  unitId: row.unit_id,
  from: row.days_from,
  to: row.days_to,
  reason: row.days_reason,
});

/** The other dates the organizer agreed for units of the campaign (all of them, or one). */
export async function listUnitDays(
  db: Db,
  campaignId: string,
  unitId?: string,
): Promise<{ unitId: string; from: string; to: string; reason: string }[]> {
  const { rows } = await db.query<UnitDaysRow>(
    `SELECT unit_id, to_char(days_from, 'YYYY-MM-DD') AS days_from, to_char(days_to, 'YYYY-MM-DD') AS days_to, days_reason
     FROM campaign_units
     WHERE campaign_id = $1 AND days_from IS NOT NULL AND ($2::uuid IS NULL OR unit_id = $2::uuid)
     ORDER BY days_from, unit_id`,
    [campaignId, unitId ?? null],
  );
  return rows.map(toUnitDays);
}

/** Sets (or, with null, clears) a unit's agreed dates; false when the unit does not take part. */
export async function setUnitDays(
  db: Db,
  campaignId: string,
  unitId: string,
  days: { from: string; to: string; reason: string } | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE campaign_units SET days_from = $3, days_to = $4, days_reason = $5 WHERE campaign_id = $1 AND unit_id = $2`,
    [campaignId, unitId, days?.from ?? null, days?.to ?? null, days?.reason ?? null],
  );
  return rowCount > 0;
}

export interface AttachmentRow {
  id: string;
  campaign_id: string;
  file_name: string;
  content_type: string;
  bytes: number;
  created_at: Date;
  created_by: string | null;
}

// The bytes are read only by findAttachmentContent: lists never load them.
const ATTACHMENT_COLUMNS = 'id, campaign_id, file_name, content_type, bytes, created_at, created_by';

export async function insertAttachmentRow(db: Db, row: AttachmentRow, content: Uint8Array): Promise<void> {
  await db.query(
    `INSERT INTO campaign_attachments (id, campaign_id, file_name, content_type, bytes, content, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.campaign_id, row.file_name, row.content_type, row.bytes, content, row.created_at, row.created_by],
  );
}

export async function listAttachmentRows(db: Db, campaignId: string): Promise<AttachmentRow[]> {
  const { rows } = await db.query<AttachmentRow>(
    `SELECT ${ATTACHMENT_COLUMNS} FROM campaign_attachments WHERE campaign_id = $1 ORDER BY created_at, id LIMIT 1000`,
    [campaignId],
  );
  return rows;
}

export async function findAttachmentRow(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const { rows } = await db.query<AttachmentRow>(
    `SELECT ${ATTACHMENT_COLUMNS} FROM campaign_attachments WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export async function findAttachmentContent(db: Db, id: string): Promise<Uint8Array | undefined> {
  const { rows } = await db.query<{ content: Uint8Array }>('SELECT content FROM campaign_attachments WHERE id = $1', [
    id,
  ]);
  return rows[0]?.content;
}

export async function deleteAttachmentRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM campaign_attachments WHERE id = $1', [id]);
}
