import type { Db } from '../../platform/db/database.ts';

/**
 * Bulk writes of the demo records: one INSERT per table, whatever the number of rows. The rows
 * travel as one JSON parameter expanded by jsonb_to_recordset, which both drivers pass the same
 * way and which also fills array columns (desk topics), where unnest cannot take ragged arrays.
 */

export interface RegionRecord {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string;
  level: string;
  path: string;
}

export interface UnitRecord {
  id: string;
  name: string;
  name_en: string;
  kind: string;
  region_id: string;
  parent_id: string | null;
  path: string;
  region_path: string;
}

export interface UserRecord {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  language: 'zh-CN' | 'en-US';
}

export interface MembershipRecord {
  user_id: string;
  unit_id: string;
  role: string;
}

export interface CampaignRecord {
  id: string;
  slug: string;
  title: string;
  title_en: string;
  theme: string;
  theme_en: string;
  notice: string;
  organizer_unit_id: string;
  open_day: string;
  starts_on: string;
  ends_on: string;
  reply_limit_days: number;
  summary_due_on: string;
  plans_due_on: string;
  issuing_office: string;
  document_number: string;
  notice_title: string;
  retention_days_after_close: number;
}

export interface CampaignUnitRecord {
  campaign_id: string;
  unit_id: string;
  invited_at: string;
}

export interface PlanRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  leader_name: string;
  leader_name_en: string | null;
  leader_title: string;
  staff_count: number | null;
  issued_on: string;
  notes: string;
  filed_at: string;
}

export interface MeetingRecord {
  id: string;
  campaign_id: string;
  plan_id: string;
  kind: string;
  held_on: string;
  title: string;
  title_en: string | null;
  location: string;
  location_en: string | null;
  chair: string | null;
  participant_count: number | null;
  participant_categories: Record<string, number>;
  participants: string;
  decisions: string;
}

export interface OpinionRecord {
  id: string;
  campaign_id: string;
  meeting_id: string;
  text: string;
  raised_by: string | null;
  outcome: string;
  response: string;
  case_id: string | null;
  consultation_id: string | null;
  created_at: string;
}

export interface SiteRecord {
  id: string;
  campaign_id: string;
  plan_id: string;
  name: string;
  name_en: string | null;
  address: string;
  region_id: string;
  held_on: string;
  opens_at: string;
  closes_at: string;
}

export interface DeskRecord {
  id: string;
  campaign_id: string;
  plan_id: string;
  site_id: string;
  name: string;
  name_en: string | null;
  topics: string[];
}

export interface DutyStaffRecord {
  id: string;
  campaign_id: string;
  plan_id: string;
  desk_id: string | null;
  name: string;
  title: string;
  leader: boolean;
}

export interface MaterialRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  title: string;
  title_en: string | null;
  kind: string;
  print_run: number | null;
}

export interface DistributionRecord {
  id: string;
  campaign_id: string;
  material_id: string;
  desk_id: string;
  copies: number;
  recorded_at: string;
  recorded_by: string | null;
}

export interface PublicityRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: string;
  quantity: number;
  text: string;
  url: string | null;
  location: string | null;
  shown_from: string | null;
  outlet: string | null;
  outlet_en: string | null;
  medium: string | null;
  reach: number | null;
  /** The village or community it was put up in. */
  region_id: string | null;
}

/** A unit's hotline or mailbox (channel point) with its village, address or number. */
export interface ChannelPointRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  kind: 'hotline' | 'mailbox';
  name: string;
  name_en: string | null;
  region_id: string | null;
  address: string | null;
  number: string | null;
}

export interface ConsultationRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  site_id: string | null;
  desk_id: string | null;
  visit_id: string;
  /** ISO 8601 with the +08:00 offset of the open day's clock. */
  occurred_at: string;
  channel: string;
  topic: string | null;
  question: string | null;
  answer: string | null;
  outcome: string | null;
  handled_matter: string | null;
  /** The staff member on duty who received the visitor. */
  received_by: string | null;
  /** The partner organisation at the desk whose staff answered. */
  partner_id: string | null;
  /** The hotline or mailbox the question came through. */
  channel_point_id: string | null;
  rating: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
  created_at: string;
  created_by: string | null;
}

export interface CaseRecord {
  id: string;
  campaign_id: string;
  consultation_id: string;
  tracking_code: string;
  unit_id: string;
  status: 'open' | 'transferred' | 'replied' | 'closed' | 'reopened';
  clock_start_on: string;
  limit_days: number;
  extension_days: number | null;
  extension_reason: string | null;
  /** From openday_add_working_days, like every due date. */
  due_on: string;
  reply: string | null;
  replied_at: string | null;
  replied_by: string | null;
  closed_at: string | null;
  rating: string | null;
  rated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseEventRecord {
  id: string;
  campaign_id: string;
  case_id: string;
  kind: string;
  at: string;
  actor_user_id: string | null;
  from_unit_id: string | null;
  to_unit_id: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** A partner organisation of the campaign (联合设台), entered by the unit whose desks it sits at. */
export interface PartnerRecord {
  id: string;
  campaign_id: string;
  unit_id: string;
  partner_unit_id: string | null;
  name: string;
  name_en: string | null;
  kind: string;
  contact: string | null;
}

export interface DeskPartnerRecord {
  desk_id: string;
  partner_id: string;
  campaign_id: string;
}

/** 回访: a follow-up call on a case's reply. */
export interface ReturnVisitRecord {
  id: string;
  campaign_id: string;
  case_id: string;
  unit_id: string;
  visited_on: string;
  reached: boolean;
  rating: string | null;
  words: string | null;
  recorded_by: string | null;
  created_at: string;
}

export interface DemoRecords {
  regions: RegionRecord[];
  units: UnitRecord[];
  users: UserRecord[];
  memberships: MembershipRecord[];
  campaign: CampaignRecord;
  campaignUnits: CampaignUnitRecord[];
  plans: PlanRecord[];
  meetings: MeetingRecord[];
  /** Opinions raised at meetings: written after the cases, which transferred ones link to. */
  opinions: OpinionRecord[];
  sites: SiteRecord[];
  desks: DeskRecord[];
  dutyStaff: DutyStaffRecord[];
  partners: PartnerRecord[];
  deskPartners: DeskPartnerRecord[];
  materials: MaterialRecord[];
  distributions: DistributionRecord[];
  publicity: PublicityRecord[];
  channelPoints: ChannelPointRecord[];
  consultations: ConsultationRecord[];
}

/** Column definitions in jsonb_to_recordset's form; the records above carry the same keys. */
const COLUMNS = {
  regions: 'id uuid, parent_id uuid, code text, name text, name_en text, level text, path text',
  units: 'id uuid, name text, name_en text, kind text, region_id uuid, parent_id uuid, path text, region_path text',
  users: 'id uuid, username text, display_name text, password_hash text, language text',
  memberships: 'user_id uuid, unit_id uuid, role text',
  campaigns:
    'id uuid, slug text, title text, title_en text, theme text, notice text, organizer_unit_id uuid, open_day date, ' +
    'starts_on date, ends_on date, reply_limit_days integer, summary_due_on date, retention_days_after_close integer, ' +
    'plans_due_on date, issuing_office text, document_number text, notice_title text, theme_en text',
  campaign_units: 'campaign_id uuid, unit_id uuid, invited_at timestamptz',
  plans:
    'id uuid, campaign_id uuid, unit_id uuid, leader_name text, leader_name_en text, leader_title text, staff_count integer, ' +
    'issued_on date, notes text, filed_at timestamptz',
  meetings:
    'id uuid, campaign_id uuid, plan_id uuid, kind text, held_on date, title text, location text, participants text, ' +
    'decisions text, title_en text, location_en text, chair text, participant_count integer, participant_categories jsonb',
  meeting_opinions:
    'id uuid, campaign_id uuid, meeting_id uuid, text text, raised_by text, outcome text, response text, case_id uuid, ' +
    'consultation_id uuid, created_at timestamptz',
  sites:
    'id uuid, campaign_id uuid, plan_id uuid, name text, name_en text, address text, region_id uuid, held_on date, opens_at time, ' +
    'closes_at time',
  desks: 'id uuid, campaign_id uuid, plan_id uuid, site_id uuid, name text, name_en text, topics text[]',
  duty_staff: 'id uuid, campaign_id uuid, plan_id uuid, desk_id uuid, name text, title text, leader boolean',
  partners:
    'id uuid, campaign_id uuid, unit_id uuid, partner_unit_id uuid, name text, name_en text, kind text, contact text',
  desk_partners: 'desk_id uuid, partner_id uuid, campaign_id uuid',
  materials: 'id uuid, campaign_id uuid, unit_id uuid, title text, title_en text, kind text, print_run integer',
  material_distributions:
    'id uuid, campaign_id uuid, material_id uuid, desk_id uuid, copies integer, recorded_at timestamptz, recorded_by uuid',
  publicity_items:
    'id uuid, campaign_id uuid, unit_id uuid, kind text, quantity integer, text text, url text, location text, ' +
    'shown_from date, outlet text, outlet_en text, medium text, reach integer, region_id uuid',
  channel_points:
    'id uuid, campaign_id uuid, unit_id uuid, kind text, name text, name_en text, region_id uuid, address text, ' +
    'number text',
  consultations:
    'id uuid, campaign_id uuid, unit_id uuid, site_id uuid, desk_id uuid, visit_id uuid, occurred_at timestamptz, ' +
    'channel text, topic text, question text, answer text, outcome text, handled_matter text, received_by uuid, ' +
    'partner_id uuid, channel_point_id uuid, ' +
    'rating text, visitor_name text, ' +
    'visitor_phone text, contact_consent boolean, created_at timestamptz, created_by uuid',
  cases:
    'id uuid, campaign_id uuid, consultation_id uuid, tracking_code text, unit_id uuid, status text, ' +
    'clock_start_on date, limit_days integer, extension_days integer, extension_reason text, due_on date, ' +
    'reply text, replied_at timestamptz, replied_by uuid, closed_at timestamptz, rating text, rated_at timestamptz, ' +
    'created_at timestamptz, updated_at timestamptz',
  case_events:
    'id uuid, campaign_id uuid, case_id uuid, kind text, at timestamptz, actor_user_id uuid, from_unit_id uuid, ' +
    'to_unit_id uuid, reason text, details jsonb',
  return_visits:
    'id uuid, campaign_id uuid, case_id uuid, unit_id uuid, visited_on date, reached boolean, rating text, words text, ' +
    'recorded_by uuid, created_at timestamptz',
} as const;

type Table = keyof typeof COLUMNS;

async function insertAll(db: Db, table: Table, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const definition = COLUMNS[table];
  const names = definition
    .split(',')
    .map((column) => column.trim().split(' ')[0])
    .join(', ');
  await db.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${definition})`,
    [JSON.stringify(rows)],
  );
}

/** Writes every record of the demo, parents before children. */
export async function insertDemoRecords(db: Db, records: DemoRecords): Promise<void> {
  await insertAll(db, 'regions', records.regions);
  await insertAll(db, 'units', records.units);
  await insertAll(db, 'users', records.users);
  await insertAll(db, 'memberships', records.memberships);
  await insertAll(db, 'campaigns', [records.campaign]);
  await insertAll(db, 'campaign_units', records.campaignUnits);
  await insertAll(db, 'plans', records.plans);
  await insertAll(db, 'meetings', records.meetings);
  await insertAll(db, 'sites', records.sites);
  await insertAll(db, 'desks', records.desks);
  await insertAll(db, 'duty_staff', records.dutyStaff);
  await insertAll(db, 'partners', records.partners);
  await insertAll(db, 'desk_partners', records.deskPartners);
  await insertAll(db, 'materials', records.materials);
  await insertAll(db, 'material_distributions', records.distributions);
  await insertAll(db, 'publicity_items', records.publicity);
  await insertAll(db, 'channel_points', records.channelPoints);
  await insertAll(db, 'consultations', records.consultations);
}

/** The demo's cases and their chains, after the consultations they follow. */
export async function insertDemoCases(
  db: Db,
  cases: readonly CaseRecord[],
  events: readonly CaseEventRecord[],
  returnVisits: readonly ReturnVisitRecord[] = [],
): Promise<void> {
  await insertAll(db, 'cases', cases);
  await insertAll(db, 'case_events', events);
  await insertAll(db, 'return_visits', returnVisits);
}

/** The opinions raised at the demo's meetings, a transferred one linked to the case of its consultation. */
export async function insertDemoOpinions(
  db: Db,
  opinions: readonly OpinionRecord[],
  cases: readonly CaseRecord[],
): Promise<void> {
  await insertAll(
    db,
    'meeting_opinions',
    opinions.map((o) => ({
      ...o,
      case_id:
        o.outcome === 'transferred' ? (cases.find((c) => c.consultation_id === o.consultation_id)?.id ?? null) : null,
    })),
  );
}

/** The n-th working day after each start, by the calendar function due dates come from. */
export async function queryWorkingDays(
  db: Db,
  queries: readonly { start: string; days: number }[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ start: string; days: number; due: string }>(
    `SELECT q.start, q.days, openday_add_working_days(q.start, q.days) AS due
     FROM unnest($1::date[], $2::int[]) AS q(start, days)`,
    [queries.map((q) => q.start), queries.map((q) => q.days)],
  );
  return new Map(rows.map((r) => [`${r.start}+${r.days}`, r.due]));
}

/** Today on the open day's clock. */
export async function queryToday(db: Db): Promise<string> {
  const { rows } = await db.query<{ today: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS today`);
  return rows[0]!.today;
}

/**
 * Serialises demo loads across processes (several instances starting on one empty PostgreSQL):
 * held until the transaction ends, so the second loader sees what the first committed.
 */
export async function lockDemoLoading(db: Db): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(7215844)');
}

export async function campaignSlugExists(db: Db, slug: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM campaigns WHERE slug = $1) AS found',
    [slug],
  );
  return rows[0]!.found;
}

/** A fresh install: no campaign, and no user either (set-up under way is not fresh). */
export async function isFreshInstall(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ fresh: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM campaigns) AND NOT EXISTS (SELECT 1 FROM users) AS fresh',
  );
  return rows[0]!.fresh;
}

export async function findTakenUsernames(db: Db, usernames: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ username: string }>(
    'SELECT username FROM users WHERE lower(username) = ANY($1::text[]) ORDER BY username',
    [usernames.map((u) => u.toLowerCase())],
  );
  return rows.map((r) => r.username);
}

export async function findTakenRegionCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT code FROM regions WHERE code = ANY($1::text[]) ORDER BY code',
    [codes],
  );
  return rows.map((r) => r.code);
}
