import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MeetingKind, OpinionOutcome, ParticipantCategory, PartnerKind } from './schema.ts';

export interface PlanRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  leader_name: string | null;
  leader_name_en: string | null;
  leader_title: string | null;
  staff_count: number | null;
  issued_on: string | null;
  notes: string;
  filed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface MeetingRow {
  id: string;
  campaign_id: string;
  plan_id: string;
  kind: MeetingKind;
  held_on: string;
  title: string;
  title_en: string | null;
  location: string | null;
  location_en: string | null;
  chair: string | null;
  participant_count: number | null;
  participant_categories: Partial<Record<ParticipantCategory, number>>;
  participants: string;
  decisions: string;
}

export interface OpinionRow {
  id: string;
  campaign_id: string;
  meeting_id: string;
  text: string;
  raised_by: ParticipantCategory | null;
  outcome: OpinionOutcome;
  response: string;
  case_id: string | null;
  consultation_id: string | null;
  created_at: Date;
}

/** Times are read as 'HH:MM', the API's form, whatever the driver does with `time`. */
export interface SiteRow {
  id: string;
  campaign_id: string;
  plan_id: string;
  name: string;
  name_en: string | null;
  address: string;
  region_id: string | null;
  held_on: string;
  opens_at: string;
  closes_at: string;
}

export interface DeskRow {
  id: string;
  campaign_id: string;
  plan_id: string;
  site_id: string;
  name: string;
  name_en: string | null;
  topics: string[];
  /** The partners at the desk (desk_partners), by name. */
  partner_ids: string[];
}

/** A partner organisation of a campaign; unit_id is the unit whose admin entered it. */
export interface PartnerRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  partner_unit_id: string | null;
  name: string;
  name_en: string | null;
  kind: PartnerKind;
  contact: string | null;
}

export interface DutyStaffRow {
  id: string;
  campaign_id: string;
  plan_id: string;
  desk_id: string | null;
  name: string;
  title: string | null;
  leader: boolean;
}

/** A row with the unit its plan belongs to and that unit's place in the trees, for the policy. */
export type Scoped<T> = T & { unit_id: string; path: string; region_path: string };

/** A desk's columns with its partners' ids, by partner name. */
const DESK_COLUMNS = `d.*, ARRAY(SELECT dp.partner_id::text FROM desk_partners dp JOIN partners pa ON pa.id = dp.partner_id
  WHERE dp.desk_id = d.id ORDER BY pa.name, pa.id) AS partner_ids`;

const SITE_COLUMNS = `s.id, s.campaign_id, s.plan_id, s.name, s.name_en, s.address, s.region_id, s.held_on,
  to_char(s.opens_at, 'HH24:MI') AS opens_at, to_char(s.closes_at, 'HH24:MI') AS closes_at`;

// Plans

export async function findPlanRowByUnit(
  db: Db,
  campaignId: string,
  unitId: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<PlanRow | undefined> {
  const { rows } = await db.query<PlanRow>(
    `SELECT * FROM plans WHERE campaign_id = $1 AND unit_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [campaignId, unitId],
  );
  return rows[0];
}

export async function findPlanRow(db: Db, id: string): Promise<Scoped<PlanRow> | undefined> {
  const { rows } = await db.query<Scoped<PlanRow>>(
    'SELECT p.*, un.path, un.region_path FROM plans p JOIN units un ON un.id = p.unit_id WHERE p.id = $1',
    [id],
  );
  return rows[0];
}

/** Inserts the plan unless the unit already has one for the campaign; answers whether it did. */
export async function insertPlanRow(db: Db, row: PlanRow): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO plans (id, campaign_id, unit_id, leader_name, leader_title, staff_count, issued_on, notes, filed_at,
       created_at, updated_at, leader_name_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (campaign_id, unit_id) DO NOTHING RETURNING id`,
    [
      row.id,
      row.campaign_id,
      row.unit_id,
      row.leader_name,
      row.leader_title,
      row.staff_count,
      row.issued_on,
      row.notes,
      row.filed_at,
      row.created_at,
      row.updated_at,
      row.leader_name_en,
    ],
  );
  return rows.length > 0;
}

export async function updatePlanRow(db: Db, row: PlanRow): Promise<void> {
  await db.query(
    `UPDATE plans SET leader_name = $2, leader_title = $3, staff_count = $4, issued_on = $5, notes = $6, filed_at = $7,
       updated_at = $8, leader_name_en = $9 WHERE id = $1`,
    [
      row.id,
      row.leader_name,
      row.leader_title,
      row.staff_count,
      row.issued_on,
      row.notes,
      row.filed_at,
      row.updated_at,
      row.leader_name_en,
    ],
  );
}

/** Everything planned in one plan, in the order the plan is read. */
export async function listPlanChildren(db: Db, planId: string) {
  const meetings = await db.query<MeetingRow>('SELECT * FROM meetings WHERE plan_id = $1 ORDER BY held_on, id', [
    planId,
  ]);
  const opinions = await db.query<OpinionRow>(
    `SELECT o.* FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id
      WHERE m.plan_id = $1 ORDER BY o.created_at, o.id`,
    [planId],
  );
  const sites = await db.query<SiteRow>(
    `SELECT ${SITE_COLUMNS} FROM sites s WHERE s.plan_id = $1 ORDER BY s.held_on, s.opens_at, s.name, s.id`,
    [planId],
  );
  const desks = await db.query<DeskRow>(`SELECT ${DESK_COLUMNS} FROM desks d WHERE d.plan_id = $1 ORDER BY name, id`, [
    planId,
  ]);
  const staff = await db.query<DutyStaffRow>('SELECT * FROM duty_staff WHERE plan_id = $1 ORDER BY name, id', [planId]);
  return { meetings: meetings.rows, opinions: opinions.rows, sites: sites.rows, desks: desks.rows, staff: staff.rows };
}

// Meetings

/** A meeting's own columns, in the order the INSERT and UPDATE below name them. */
const meetingValues = (row: MeetingRow) => [
  row.kind,
  row.held_on,
  row.title,
  row.location,
  row.participants,
  row.decisions,
  row.title_en,
  row.location_en,
  row.chair,
  row.participant_count,
  JSON.stringify(row.participant_categories),
];

export async function insertMeetingRow(db: Db, row: MeetingRow): Promise<void> {
  await db.query(
    `INSERT INTO meetings (id, campaign_id, plan_id, kind, held_on, title, location, participants, decisions,
       title_en, location_en, chair, participant_count, participant_categories)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [row.id, row.campaign_id, row.plan_id, ...meetingValues(row)],
  );
}

export async function findMeetingRow(db: Db, id: string): Promise<Scoped<MeetingRow> | undefined> {
  const { rows } = await db.query<Scoped<MeetingRow>>(
    `SELECT m.*, p.unit_id, un.path, un.region_path FROM meetings m
     JOIN plans p ON p.id = m.plan_id JOIN units un ON un.id = p.unit_id WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateMeetingRow(db: Db, row: MeetingRow): Promise<void> {
  await db.query(
    `UPDATE meetings SET kind = $2, held_on = $3, title = $4, location = $5, participants = $6, decisions = $7,
       title_en = $8, location_en = $9, chair = $10, participant_count = $11, participant_categories = $12
     WHERE id = $1`,
    [row.id, ...meetingValues(row)],
  );
}

export async function deleteMeetingRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM meetings WHERE id = $1', [id]);
}

// Opinions raised at meetings

export async function insertOpinionRow(db: Db, row: OpinionRow): Promise<void> {
  await db.query(
    `INSERT INTO meeting_opinions (id, campaign_id, meeting_id, text, raised_by, outcome, response, case_id,
       consultation_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.campaign_id,
      row.meeting_id,
      row.text,
      row.raised_by,
      row.outcome,
      row.response,
      row.case_id,
      row.consultation_id,
      row.created_at,
    ],
  );
}

/** An opinion with the unit its meeting's plan belongs to, for the policy. */
export async function findOpinionRow(db: Db, id: string): Promise<Scoped<OpinionRow> | undefined> {
  const { rows } = await db.query<Scoped<OpinionRow>>(
    `SELECT o.*, p.unit_id, un.path, un.region_path FROM meeting_opinions o
     JOIN meetings m ON m.id = o.meeting_id JOIN plans p ON p.id = m.plan_id JOIN units un ON un.id = p.unit_id
     WHERE o.id = $1`,
    [id],
  );
  return rows[0];
}

export async function listOpinionRows(db: Db, meetingId: string): Promise<OpinionRow[]> {
  const { rows } = await db.query<OpinionRow>(
    'SELECT * FROM meeting_opinions WHERE meeting_id = $1 ORDER BY created_at, id',
    [meetingId],
  );
  return rows;
}

export async function updateOpinionRow(db: Db, row: OpinionRow): Promise<void> {
  await db.query(
    `UPDATE meeting_opinions SET text = $2, raised_by = $3, outcome = $4, response = $5, case_id = $6,
       consultation_id = $7 WHERE id = $1`,
    [row.id, row.text, row.raised_by, row.outcome, row.response, row.case_id, row.consultation_id],
  );
}

export async function deleteOpinionRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM meeting_opinions WHERE id = $1', [id]);
}

/** Is there a case (or consultation) of this id in the campaign? Opinions link only within their campaign. */
export async function isCampaignRecord(
  db: Db,
  table: 'cases' | 'consultations',
  id: string,
  campaignId: string,
): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM ${table} WHERE id = $1 AND campaign_id = $2`, [id, campaignId]);
  return rows.length > 0;
}

// Sites

export async function insertSiteRow(db: Db, row: SiteRow): Promise<void> {
  await db.query(
    `INSERT INTO sites (id, campaign_id, plan_id, name, address, region_id, held_on, opens_at, closes_at, name_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      row.id,
      row.campaign_id,
      row.plan_id,
      row.name,
      row.address,
      row.region_id,
      row.held_on,
      row.opens_at,
      row.closes_at,
      row.name_en,
    ],
  );
}

export async function findSiteRow(db: Db, id: string): Promise<Scoped<SiteRow> | undefined> {
  const { rows } = await db.query<Scoped<SiteRow>>(
    `SELECT ${SITE_COLUMNS}, p.unit_id, un.path, un.region_path FROM sites s
     JOIN plans p ON p.id = s.plan_id JOIN units un ON un.id = p.unit_id WHERE s.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateSiteRow(db: Db, row: SiteRow): Promise<void> {
  await db.query(
    `UPDATE sites SET name = $2, address = $3, region_id = $4, held_on = $5, opens_at = $6, closes_at = $7,
            name_en = $8
     WHERE id = $1`,
    [row.id, row.name, row.address, row.region_id, row.held_on, row.opens_at, row.closes_at, row.name_en],
  );
}

/** Deletes the site and, with it, its desks. */
export async function deleteSiteRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM sites WHERE id = $1', [id]);
}

export async function listSiteDeskRows(db: Db, siteId: string): Promise<DeskRow[]> {
  const { rows } = await db.query<DeskRow>(
    `SELECT ${DESK_COLUMNS} FROM desks d WHERE d.site_id = $1 ORDER BY name, id`,
    [siteId],
  );
  return rows;
}

// Desks

export async function insertDeskRow(db: Db, row: DeskRow): Promise<void> {
  await db.query(
    `INSERT INTO desks (id, campaign_id, plan_id, site_id, name, topics, name_en)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7)`,
    [row.id, row.campaign_id, row.plan_id, row.site_id, row.name, row.topics, row.name_en],
  );
  await saveDeskPartners(db, row);
}

/** Names the desk's partners: the list replaces the one before. */
async function saveDeskPartners(db: Db, row: DeskRow): Promise<void> {
  await db.query('DELETE FROM desk_partners WHERE desk_id = $1 AND NOT (partner_id = ANY($2::uuid[]))', [
    row.id,
    row.partner_ids,
  ]);
  await db.query(
    `INSERT INTO desk_partners (desk_id, partner_id, campaign_id)
     SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
    [row.id, row.partner_ids, row.campaign_id],
  );
}

export async function findDeskRow(db: Db, id: string): Promise<Scoped<DeskRow> | undefined> {
  const { rows } = await db.query<Scoped<DeskRow>>(
    `SELECT ${DESK_COLUMNS}, p.unit_id, un.path, un.region_path FROM desks d
     JOIN plans p ON p.id = d.plan_id JOIN units un ON un.id = p.unit_id WHERE d.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateDeskRow(db: Db, row: DeskRow): Promise<void> {
  await db.query('UPDATE desks SET name = $2, topics = $3::text[], name_en = $4 WHERE id = $1', [
    row.id,
    row.name,
    row.topics,
    row.name_en,
  ]);
  await saveDeskPartners(db, row);
}

export async function deleteDeskRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM desks WHERE id = $1', [id]);
}

/** Is the desk one of this plan's? */
export async function isPlanDesk(db: Db, deskId: string, planId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM desks WHERE id = $1 AND plan_id = $2', [deskId, planId]);
  return rows.length > 0;
}

/** Is the desk one of this unit's in this campaign? */
export async function isUnitDeskRow(db: Db, deskId: string, campaignId: string, unitId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM desks d JOIN plans p ON p.id = d.plan_id
     WHERE d.id = $1 AND p.campaign_id = $2 AND p.unit_id = $3`,
    [deskId, campaignId, unitId],
  );
  return rows.length > 0;
}

/** The desks of a campaign in the units the actor may read, with their sites. */
export async function listCampaignDeskRows(
  db: Db,
  actor: UserActor,
  campaignId: string,
  unitId: string | undefined,
): Promise<{ desk: DeskRow; site: SiteRow; unitId: string; partners: DeskPartnerRow[] }[]> {
  const params: unknown[] = [campaignId];
  const where = ['p.campaign_id = $1', visibleUnitsSql(actor, 'plans.read', 'un', params)];
  if (unitId) where.push(`p.unit_id = $${params.push(unitId)}`);
  const { rows } = await db.query<
    SiteRow & {
      unit_id: string;
      desk_id: string;
      desk_name: string;
      desk_name_en: string | null;
      topics: string[];
      partners: DeskPartnerRow[];
    }
  >(
    `SELECT ${SITE_COLUMNS}, p.unit_id, d.id AS desk_id, d.name AS desk_name, d.name_en AS desk_name_en, d.topics,
       coalesce((SELECT json_agg(json_build_object('id', pa.id, 'name', pa.name, 'nameEn', pa.name_en)
                                 ORDER BY pa.name, pa.id)
                 FROM desk_partners dp JOIN partners pa ON pa.id = dp.partner_id WHERE dp.desk_id = d.id),
                '[]') AS partners
     FROM desks d JOIN sites s ON s.id = d.site_id JOIN plans p ON p.id = d.plan_id JOIN units un ON un.id = p.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY un.region_path, un.name, s.held_on, s.opens_at, s.name, d.name, d.id
     LIMIT 5000`,
    params,
  );
  return rows.map(({ unit_id, desk_id, desk_name, desk_name_en, topics, partners, ...site }) => ({
    unitId: unit_id,
    site,
    partners,
    desk: {
      id: desk_id,
      campaign_id: site.campaign_id,
      plan_id: site.plan_id,
      site_id: site.id,
      name: desk_name,
      name_en: desk_name_en,
      topics,
      partner_ids: partners.map((p) => p.id),
    },
  }));
}

// Duty staff

export async function insertDutyStaffRow(db: Db, row: DutyStaffRow): Promise<void> {
  await db.query(
    `INSERT INTO duty_staff (id, campaign_id, plan_id, desk_id, name, title, leader)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.campaign_id, row.plan_id, row.desk_id, row.name, row.title, row.leader],
  );
}

export async function findDutyStaffRow(db: Db, id: string): Promise<Scoped<DutyStaffRow> | undefined> {
  const { rows } = await db.query<Scoped<DutyStaffRow>>(
    `SELECT ds.*, p.unit_id, un.path, un.region_path FROM duty_staff ds
     JOIN plans p ON p.id = ds.plan_id JOIN units un ON un.id = p.unit_id WHERE ds.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateDutyStaffRow(db: Db, row: DutyStaffRow): Promise<void> {
  await db.query('UPDATE duty_staff SET name = $2, title = $3, desk_id = $4, leader = $5 WHERE id = $1', [
    row.id,
    row.name,
    row.title,
    row.desk_id,
    row.leader,
  ]);
}

export async function deleteDutyStaffRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM duty_staff WHERE id = $1', [id]);
}

// Partners

/** A partner as a desk lists it. */
export interface DeskPartnerRow {
  id: string;
  name: string;
  nameEn: string | null;
}

export async function insertPartnerRow(db: Db, row: PartnerRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO partners (id, campaign_id, unit_id, partner_unit_id, name, name_en, kind, contact)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [row.id, row.campaign_id, row.unit_id, row.partner_unit_id, row.name, row.name_en, row.kind, row.contact],
  );
  return rowCount === 1;
}

const PARTNER_COLUMNS =
  'pa.id, pa.campaign_id, pa.unit_id, pa.partner_unit_id, pa.name, pa.name_en, pa.kind, pa.contact';

export async function findPartnerRow(db: Db, id: string): Promise<Scoped<PartnerRow> | undefined> {
  const { rows } = await db.query<Scoped<PartnerRow>>(
    `SELECT ${PARTNER_COLUMNS}, un.path, un.region_path FROM partners pa JOIN units un ON un.id = pa.unit_id
     WHERE pa.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updatePartnerRow(db: Db, row: PartnerRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE partners SET name = $2, name_en = $3, kind = $4, contact = $5 WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM partners o WHERE o.campaign_id = $6 AND o.name = $2 AND o.id <> $1)`,
    [row.id, row.name, row.name_en, row.kind, row.contact, row.campaign_id],
  );
  return rowCount === 1;
}

export async function deletePartnerRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM partners WHERE id = $1', [id]);
}

/** The campaign's partners, by name. */
export async function listCampaignPartnerRows(db: Db, campaignId: string): Promise<PartnerRow[]> {
  const { rows } = await db.query<PartnerRow>(
    `SELECT ${PARTNER_COLUMNS} FROM partners pa WHERE pa.campaign_id = $1 ORDER BY pa.name, pa.id`,
    [campaignId],
  );
  return rows;
}

/** Of these partner ids, those that are not partners of the campaign. */
export async function unknownPartnerIds(db: Db, campaignId: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text FROM unnest($2::uuid[]) AS x (id)
     WHERE NOT EXISTS (SELECT 1 FROM partners pa WHERE pa.id = x.id AND pa.campaign_id = $1)`,
    [campaignId, ids],
  );
  return rows.map((r) => r.id);
}

/**
 * The unit a partner may be: one taking part in the campaign or a sub-unit of one. Returns its
 * names, or undefined.
 */
export async function findPartnerUnit(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ name: string; name_en: string | null } | undefined> {
  const { rows } = await db.query<{ name: string; name_en: string | null }>(
    `SELECT u.name, u.name_en FROM units u WHERE u.id = $2 AND EXISTS (
       SELECT 1 FROM campaign_units cu JOIN units t ON t.id = cu.unit_id
       WHERE cu.campaign_id = $1 AND u.path LIKE t.path || '%')`,
    [campaignId, unitId],
  );
  return rows[0];
}

/** Is the unit a partner unit sitting at a desk of the campaign (so that it may receive its cases)? */
export async function isDeskPartnerUnitRow(db: Db, campaignId: string, unitId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM partners pa JOIN desk_partners dp ON dp.partner_id = pa.id
     WHERE pa.campaign_id = $1 AND pa.partner_unit_id = $2 LIMIT 1`,
    [campaignId, unitId],
  );
  return rows.length > 0;
}
