import type { Medium } from '../../domain/vocabulary.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MeetingKind, OpinionOutcome, ParticipantCategory } from '../../domain/vocabulary.ts';

/**
 * The records a summary states beyond the figures of the statistics feature: the plan, its
 * meetings, sites and desks, the LED slogans, the materials, topics and channels. Like the
 * statistics, it reads the records' tables directly so that one generation is one consistent read.
 */

export interface PlanFactsRow {
  leader_name: string | null;
  leader_name_en?: string | null;
  leader_title: string | null;
  staff_count: number | null;
  issued_on: string | null;
}

export interface OpinionFactsRow {
  text: string;
  raised_by: ParticipantCategory | null;
  outcome: OpinionOutcome;
}

export interface MeetingFactsRow {
  id: string;
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
  /** The opinions raised there, in the order they were recorded. */
  opinions: OpinionFactsRow[];
}

export interface DeskFactsRow {
  id: string;
  name: string;
  name_en?: string | null;
  site_name: string;
  site_name_en?: string | null;
  region_name: string | null;
  region_name_en: string | null;
  held_on: string;
  people: number;
  consultations: number;
}

/** A site of the unit's plan: its day is the unit's day. */
export interface SiteFactsRow {
  name: string;
  name_en?: string | null;
  held_on: string;
}

/** A publicity item with the day it was first shown. */
export interface PublicityDateRow {
  kind: string;
  text: string | null;
  shown_from: string;
}

/** A media report (媒体报道): an outside outlet's report on the unit's day. */
export interface MediaReportRow {
  id: string;
  outlet: string;
  outlet_en: string | null;
  medium: Medium;
  text: string;
  shown_from: string | null;
  reach: number | null;
}

/** Cases that crossed between the unit and another unit, by direction and unit. */
export interface CaseExchangeRow {
  /** received: another unit's consultation the unit now answers; sent: the unit's consultation another unit answers. */
  direction: 'received' | 'sent';
  unit_name: string;
  unit_name_en: string | null;
  count: number;
}

export interface TopicFactsRow {
  topic: string;
  /** The English name of the campaign's topic of that name, if it has one. */
  topic_en?: string | null;
  consultations: number;
  answered_on_spot: number;
  very_satisfied: number;
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  very_dissatisfied: number;
}

/** Services handled on the spot, by what was handled, most first. */
export interface HandledMatterRow {
  matter: string;
  count: number;
}

/** A leader on duty who received visitors, with the visits received (person-times). */
export interface LeaderReceptionRow {
  name: string;
  title: string | null;
  visits: number;
}

export interface MaterialFactsRow {
  id: string;
  title: string;
  title_en?: string | null;
  print_run: number | null;
  distributed: number;
}

export interface SummaryRow {
  campaign_id: string;
  unit_id: string;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  current_version: number;
  submitted_at: Date | null;
  review_comment: string | null;
  reviewed_at: Date | null;
  approved_at: Date | null;
  updated_at: Date;
}

export interface VersionRow {
  version: number;
  kind: 'generated' | 'edited';
  document: unknown;
  figures: Record<string, number | null>;
  /** As stored; read through own-text.ts readOwnText. */
  own_text: unknown;
  created_at: Date;
  created_by: string | null;
}

export async function findPlanFacts(db: Db, campaignId: string, unitId: string): Promise<PlanFactsRow | undefined> {
  const { rows } = await db.query<PlanFactsRow>(
    `SELECT leader_name, leader_name_en, leader_title, staff_count, to_char(issued_on, 'YYYY-MM-DD') AS issued_on
       FROM plans WHERE campaign_id = $1 AND unit_id = $2`,
    [campaignId, unitId],
  );
  return rows[0];
}

export async function listMeetingFacts(db: Db, campaignId: string, unitId: string): Promise<MeetingFactsRow[]> {
  const { rows } = await db.query<MeetingFactsRow>(
    `SELECT m.id, m.kind, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.title, m.title_en, m.location, m.location_en,
            m.chair, m.participant_count, m.participant_categories, m.participants, m.decisions,
            coalesce((SELECT json_agg(json_build_object('text', o.text, 'raised_by', o.raised_by, 'outcome', o.outcome)
                                ORDER BY o.created_at, o.id)
                        FROM meeting_opinions o WHERE o.meeting_id = m.id), '[]'::json) AS opinions
       FROM meetings m JOIN plans p ON p.id = m.plan_id
      WHERE p.campaign_id = $1 AND p.unit_id = $2 ORDER BY m.held_on, m.id`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listDeskFacts(db: Db, campaignId: string, unitId: string): Promise<DeskFactsRow[]> {
  const { rows } = await db.query<DeskFactsRow>(
    `SELECT d.id, d.name, d.name_en, s.name AS site_name, s.name_en AS site_name_en, r.name AS region_name, r.name_en AS region_name_en,
            to_char(s.held_on, 'YYYY-MM-DD') AS held_on,
            (SELECT count(DISTINCT c.visit_id)::int FROM consultations c WHERE c.desk_id = d.id) AS people,
            (SELECT count(*)::int FROM consultations c WHERE c.desk_id = d.id AND c.question IS NOT NULL) AS consultations
       FROM desks d JOIN sites s ON s.id = d.site_id JOIN plans p ON p.id = d.plan_id
       LEFT JOIN regions r ON r.id = s.region_id
      WHERE p.campaign_id = $1 AND p.unit_id = $2 ORDER BY s.held_on, s.name, d.name, d.id`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listSiteFacts(db: Db, campaignId: string, unitId: string): Promise<SiteFactsRow[]> {
  const { rows } = await db.query<SiteFactsRow>(
    `SELECT s.name, s.name_en, to_char(s.held_on, 'YYYY-MM-DD') AS held_on
       FROM sites s JOIN plans p ON p.id = s.plan_id
      WHERE p.campaign_id = $1 AND p.unit_id = $2 ORDER BY s.held_on, s.name, s.id`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listPublicityDates(db: Db, campaignId: string, unitId: string): Promise<PublicityDateRow[]> {
  const { rows } = await db.query<PublicityDateRow>(
    `SELECT kind, text, to_char(shown_from, 'YYYY-MM-DD') AS shown_from FROM publicity_items
      WHERE campaign_id = $1 AND unit_id = $2 AND shown_from IS NOT NULL AND kind <> 'media_report'
      ORDER BY shown_from, kind, id`,
    [campaignId, unitId],
  );
  return rows;
}

/** The media reports on the unit's day, by date (undated last), in the order recorded. */
export async function listMediaReports(db: Db, campaignId: string, unitId: string): Promise<MediaReportRow[]> {
  const { rows } = await db.query<MediaReportRow>(
    `SELECT id, outlet, outlet_en, medium, text, to_char(shown_from, 'YYYY-MM-DD') AS shown_from, reach
       FROM publicity_items
      WHERE campaign_id = $1 AND unit_id = $2 AND kind = 'media_report'
      ORDER BY shown_from NULLS LAST, created_at, id`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listCaseExchanges(db: Db, campaignId: string, unitId: string): Promise<CaseExchangeRow[]> {
  const { rows } = await db.query<CaseExchangeRow>(
    // Two branches, each read through its own index (the unit's cases; the unit's consultations),
    // rather than one OR across the join, which reads every case of the campaign.
    `SELECT x.direction, u.name AS unit_name, u.name_en AS unit_name_en, count(*)::int AS count
       FROM (SELECT 'received' AS direction, c.unit_id AS other_id
               FROM cases k JOIN consultations c ON c.id = k.consultation_id AND c.unit_id = k.origin_unit_id
              WHERE k.campaign_id = $1 AND k.unit_id = $2 AND c.unit_id <> $2 AND NOT k.later
             UNION ALL
             SELECT 'sent', k.unit_id
               FROM consultations c JOIN cases k ON k.consultation_id = c.id
              WHERE c.campaign_id = $1 AND c.unit_id = $2 AND k.unit_id <> $2 AND NOT k.later) x
       JOIN units u ON u.id = x.other_id
      GROUP BY x.direction, u.name, u.name_en ORDER BY x.direction, count(*) DESC, u.name`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listLedSlogans(db: Db, campaignId: string, unitId: string): Promise<string[]> {
  const { rows } = await db.query<{ text: string }>(
    `SELECT DISTINCT text FROM publicity_items
      WHERE campaign_id = $1 AND unit_id = $2 AND kind = 'led_slogan' AND text IS NOT NULL AND text <> ''
      ORDER BY text`,
    [campaignId, unitId],
  );
  return rows.map((r) => r.text);
}

export async function listMaterialFacts(db: Db, campaignId: string, unitId: string): Promise<MaterialFactsRow[]> {
  const { rows } = await db.query<MaterialFactsRow>(
    `SELECT m.id, m.title, m.title_en, m.print_run,
            COALESCE((SELECT sum(d.copies)::int FROM material_distributions d WHERE d.material_id = m.id), 0) AS distributed
       FROM materials m WHERE m.campaign_id = $1 AND m.unit_id = $2 ORDER BY m.created_at, m.id`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listHandledMatters(db: Db, campaignId: string, unitId: string): Promise<HandledMatterRow[]> {
  const { rows } = await db.query<HandledMatterRow>(
    `SELECT handled_matter AS matter, count(*)::int AS count FROM consultations
      WHERE campaign_id = $1 AND unit_id = $2 AND outcome = 'handled_on_spot' AND handled_matter IS NOT NULL
      GROUP BY handled_matter ORDER BY count(*) DESC, handled_matter`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listLeaderReceptions(db: Db, campaignId: string, unitId: string): Promise<LeaderReceptionRow[]> {
  const { rows } = await db.query<LeaderReceptionRow>(
    `SELECT ds.name, ds.title, count(DISTINCT c.visit_id)::int AS visits
       FROM consultations c JOIN duty_staff ds ON ds.id = c.received_by
      WHERE c.campaign_id = $1 AND c.unit_id = $2 AND c.received_by IS NOT NULL AND ds.leader
      GROUP BY ds.id, ds.name, ds.title ORDER BY count(DISTINCT c.visit_id) DESC, ds.name`,
    [campaignId, unitId],
  );
  return rows;
}

const TOPIC_COLUMNS = `count(*) FILTER (WHERE question IS NOT NULL)::int AS consultations,
  count(*) FILTER (WHERE outcome = 'answered_on_spot')::int AS answered_on_spot,
  count(*) FILTER (WHERE rating = 'very_satisfied')::int AS very_satisfied,
  count(*) FILTER (WHERE rating = 'satisfied')::int AS satisfied,
  count(*) FILTER (WHERE rating = 'basically_satisfied')::int AS basically_satisfied,
  count(*) FILTER (WHERE rating = 'dissatisfied')::int AS dissatisfied,
  count(*) FILTER (WHERE rating = 'very_dissatisfied')::int AS very_dissatisfied`;

/** Consultations by topic of the unit, most asked first. */
export async function listTopicFacts(db: Db, campaignId: string, unitId: string): Promise<TopicFactsRow[]> {
  const { rows } = await db.query<TopicFactsRow>(
    `SELECT topic,
            (SELECT min(t.name_en) FROM campaign_topics t WHERE t.campaign_id = $1 AND t.name = c.topic) AS topic_en,
            ${TOPIC_COLUMNS}
       FROM consultations c
      WHERE campaign_id = $1 AND unit_id = $2 AND topic IS NOT NULL AND NOT later
      GROUP BY topic ORDER BY count(*) FILTER (WHERE question IS NOT NULL) DESC, topic`,
    [campaignId, unitId],
  );
  return rows;
}

export async function listChannelFacts(
  db: Db,
  campaignId: string,
  unitId: string,
): Promise<{ channel: string; consultations: number }[]> {
  const { rows } = await db.query<{ channel: string; consultations: number }>(
    `SELECT channel, count(*)::int AS consultations FROM consultations
      WHERE campaign_id = $1 AND unit_id = $2 AND question IS NOT NULL AND NOT later GROUP BY channel ORDER BY count(*) DESC, channel`,
    [campaignId, unitId],
  );
  return rows;
}

// The summary and its versions

const SUMMARY_COLUMNS = `campaign_id, unit_id, status, current_version, submitted_at, review_comment, reviewed_at,
  approved_at, updated_at`;

export async function findSummaryRow(
  db: Db,
  campaignId: string,
  unitId: string,
  options: { lock?: boolean } = {},
): Promise<SummaryRow | undefined> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM unit_summaries WHERE campaign_id = $1 AND unit_id = $2${options.lock ? ' FOR UPDATE' : ''}`,
    [campaignId, unitId],
  );
  return rows[0];
}

/** Creates the summary's row when it has none; returns it locked. */
export async function lockOrCreateSummaryRow(db: Db, campaignId: string, unitId: string): Promise<SummaryRow> {
  await db.query(
    `INSERT INTO unit_summaries (campaign_id, unit_id) VALUES ($1, $2) ON CONFLICT (campaign_id, unit_id) DO NOTHING`,
    [campaignId, unitId],
  );
  return (await findSummaryRow(db, campaignId, unitId, { lock: true }))!;
}

export async function updateSummaryRow(db: Db, row: SummaryRow, reviewedBy?: string | null): Promise<void> {
  await db.query(
    `UPDATE unit_summaries SET status = $3, current_version = $4, submitted_at = $5, review_comment = $6,
            reviewed_at = $7, approved_at = $8, updated_at = $9,
            reviewed_by = CASE WHEN $10::uuid IS NULL THEN reviewed_by ELSE $10::uuid END
      WHERE campaign_id = $1 AND unit_id = $2`,
    [
      row.campaign_id,
      row.unit_id,
      row.status,
      row.current_version,
      row.submitted_at,
      row.review_comment,
      row.reviewed_at,
      row.approved_at,
      row.updated_at,
      reviewedBy ?? null,
    ],
  );
}

export async function insertVersionRow(db: Db, campaignId: string, unitId: string, row: VersionRow): Promise<void> {
  await db.query(
    `INSERT INTO unit_summary_versions (campaign_id, unit_id, version, kind, document, figures, own_text, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      campaignId,
      unitId,
      row.version,
      row.kind,
      JSON.stringify(row.document),
      JSON.stringify(row.figures),
      JSON.stringify(row.own_text),
      row.created_at,
      row.created_by,
    ],
  );
}

export async function findVersionRow(
  db: Db,
  campaignId: string,
  unitId: string,
  version: number,
): Promise<VersionRow | undefined> {
  const { rows } = await db.query<VersionRow>(
    `SELECT version, kind, document, figures, own_text, created_at, created_by FROM unit_summary_versions
      WHERE campaign_id = $1 AND unit_id = $2 AND version = $3`,
    [campaignId, unitId, version],
  );
  return rows[0];
}

export async function listVersionRows(db: Db, campaignId: string, unitId: string): Promise<VersionRow[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT version, kind, '{}'::jsonb AS document, figures, own_text, created_at, created_by FROM unit_summary_versions
      WHERE campaign_id = $1 AND unit_id = $2 ORDER BY version DESC`,
    [campaignId, unitId],
  );
  return rows;
}
