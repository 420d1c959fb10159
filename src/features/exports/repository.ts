import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import { consultationFilterSql } from '../consultations/read.ts';
import type { CaseExportQuery, ConsultationExportQuery, OpinionExportQuery } from './schema.ts';

/*
 * Exports read other features' tables in one statement per page (with the names of units, sites
 * and desks), as the statistics feature does: a spreadsheet of a million rows cannot be assembled
 * from one service call per row.
 */

/** Who reads: a user (the units their grants reach) or, at the command line, the operator (all). */
export type Reader = UserActor | null;

function visible(reader: Reader, alias: string, params: unknown[]): string {
  return reader ? visibleUnitsSql(reader, 'exports.read', alias, params) : 'true';
}

export interface ConsultationExportRow {
  id: string;
  unit_id: string;
  unit_name: string;
  day: string;
  time: string;
  site_name: string | null;
  desk_name: string | null;
  channel: string;
  topic: string | null;
  question: string | null;
  answer: string | null;
  outcome: string | null;
  handled_matter: string | null;
  /** The name of the staff member on duty who received the visitor. */
  received_by_name: string | null;
  /** The partner organisation at the desk whose staff answered. */
  partner_name: string | null;
  /** The hotline or mailbox the question came through. */
  channel_point_name: string | null;
  rating: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
  visit_id: string;
  recorded_at: string;
  /** The sort key, as the server writes it (microseconds kept). */
  key: string;
}

/** The campaign's units the reader may export from (null: all of them, for the operator). */
export async function listExportUnitIds(db: Db, reader: Reader, campaignId: string): Promise<string[] | null> {
  if (!reader) return null;
  const params: unknown[] = [campaignId];
  const { rows } = await db.query<{ id: string }>(
    `SELECT un.id FROM campaign_units cu JOIN units un ON un.id = cu.unit_id
     WHERE cu.campaign_id = $1 AND ${visible(reader, 'un', params)}`,
    params,
  );
  return rows.map((r) => r.id);
}

/**
 * The conditions on consultations alone (the reader's units given as ids), so that a page is one
 * range of the (campaign_id, occurred_at, id) index read in order, whatever the table's size.
 */
function consultationWhere(unitIds: readonly string[] | null, filter: ConsultationExportQuery, params: unknown[]) {
  // The same filters as GET /consultations (campaign first: the index's leading column).
  const where = consultationFilterSql(filter, params);
  if (unitIds) where.push(`c.unit_id = ANY($${params.push(unitIds)}::uuid[])`);
  return where;
}

/** One page of the consultations to export, oldest first, after the key of the previous page. */
export async function listConsultationExportPage(
  db: Db,
  unitIds: readonly string[] | null,
  filter: ConsultationExportQuery,
  after: { key: string; id: string } | undefined,
  limit: number,
): Promise<ConsultationExportRow[]> {
  const params: unknown[] = [];
  const where = consultationWhere(unitIds, filter, params);
  if (after)
    where.push(`(c.occurred_at, c.id) > ($${params.push(after.key)}::timestamptz, $${params.push(after.id)}::uuid)`);
  const { rows } = await db.query<ConsultationExportRow>(
    `SELECT c.id, c.unit_id, un.name AS unit_name,
       to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
       to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS time,
       s.name AS site_name, d.name AS desk_name, c.channel, c.topic, c.question, c.answer, c.outcome, c.rating,
       c.handled_matter, ds.name AS received_by_name, pa.name AS partner_name, cp.name AS channel_point_name, c.visitor_name, c.visitor_phone, c.contact_consent, c.visit_id,
       to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS recorded_at,
       c.occurred_at::text AS key
     FROM (
       SELECT * FROM consultations c WHERE ${where.join(' AND ')}
       ORDER BY c.campaign_id, c.occurred_at, c.id LIMIT $${params.push(limit)}
     ) c
     JOIN units un ON un.id = c.unit_id
     LEFT JOIN sites s ON s.id = c.site_id LEFT JOIN desks d ON d.id = c.desk_id
     LEFT JOIN duty_staff ds ON ds.id = c.received_by LEFT JOIN partners pa ON pa.id = c.partner_id
     LEFT JOIN channel_points cp ON cp.id = c.channel_point_id
     ORDER BY c.occurred_at, c.id`,
    params,
  );
  return rows;
}

/** Per unit among `unitIds`: how many exported rows hold a visitor's name or phone. */
export async function countPersonalConsultations(
  db: Db,
  unitIds: readonly string[] | null,
  filter: ConsultationExportQuery,
  adminUnitIds: readonly string[],
): Promise<{ unit_id: string; rows: number }[]> {
  const params: unknown[] = [];
  const where = consultationWhere(unitIds, filter, params);
  where.push(`c.unit_id = ANY($${params.push(adminUnitIds)}::uuid[])`);
  where.push('(c.visitor_name IS NOT NULL OR c.visitor_phone IS NOT NULL)');
  const { rows } = await db.query<{ unit_id: string; rows: number }>(
    `SELECT c.unit_id, count(*)::int AS rows FROM consultations c WHERE ${where.join(' AND ')} GROUP BY c.unit_id`,
    params,
  );
  return rows;
}

export interface CaseExportRow {
  id: string;
  unit_id: string;
  unit_name: string;
  origin_unit_id: string;
  status: string;
  day: string;
  topic: string | null;
  question: string | null;
  due_on: string;
  replied_at: string | null;
  on_time: boolean | null;
  reply: string | null;
  rating: string | null;
  closed_at: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
}

function caseWhere(reader: Reader, filter: CaseExportQuery, params: unknown[]): string[] {
  // A case is seen by the unit answering it now and by the unit that took the question.
  const where = [
    `k.campaign_id = $${params.push(filter.campaignId)}`,
    `(${visible(reader, 'un', params)} OR ${visible(reader, 'origin', params)})`,
  ];
  if (filter.unitId) where.push(`k.unit_id = $${params.push(filter.unitId)}`);
  if (filter.status) where.push(`k.status = $${params.push(filter.status)}`);
  if (filter.from)
    where.push(`c.occurred_at >= ($${params.push(filter.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filter.to)
    where.push(`c.occurred_at < (($${params.push(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  return where;
}

const CASE_FROM = `FROM cases k JOIN consultations c ON c.id = k.consultation_id AND c.unit_id = k.origin_unit_id
  JOIN units un ON un.id = k.unit_id JOIN units origin ON origin.id = c.unit_id`;

/** One page of the campaign's cases, in the order they were opened. */
export async function listCaseExportPage(
  db: Db,
  reader: Reader,
  filter: CaseExportQuery,
  afterId: string | undefined,
  limit: number,
): Promise<CaseExportRow[]> {
  const params: unknown[] = [];
  const where = caseWhere(reader, filter, params);
  if (afterId) where.push(`k.id > $${params.push(afterId)}::uuid`);
  const { rows } = await db.query<CaseExportRow>(
    `SELECT k.id, k.unit_id, un.name AS unit_name, c.unit_id AS origin_unit_id, k.status,
       to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, c.topic, c.question,
       k.due_on::text AS due_on,
       to_char(k.replied_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS replied_at,
       CASE WHEN k.replied_at IS NULL THEN NULL
            ELSE (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date <= k.due_on END AS on_time,
       k.reply, k.rating, to_char(k.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS closed_at,
       c.visitor_name, c.visitor_phone
     ${CASE_FROM}
     WHERE ${where.join(' AND ')}
     ORDER BY k.id LIMIT $${params.push(limit)}`,
    params,
  );
  return rows;
}

/** Per unit among `unitIds` (answering or taking the question): cases whose visitor left a name or phone. */
export async function countPersonalCases(
  db: Db,
  reader: Reader,
  filter: CaseExportQuery,
  unitIds: readonly string[],
): Promise<{ unit_id: string; rows: number }[]> {
  const params: unknown[] = [];
  const where = caseWhere(reader, filter, params);
  const ids = `$${params.push(unitIds)}::uuid[]`;
  where.push(`(k.unit_id = ANY(${ids}) OR c.unit_id = ANY(${ids}))`);
  where.push('(c.visitor_name IS NOT NULL OR c.visitor_phone IS NOT NULL)');
  const { rows } = await db.query<{ unit_id: string; rows: number }>(
    `SELECT CASE WHEN k.unit_id = ANY(${ids}) THEN k.unit_id ELSE c.unit_id END AS unit_id, count(*)::int AS rows
     ${CASE_FROM} WHERE ${where.join(' AND ')} GROUP BY 1`,
    params,
  );
  return rows;
}

export interface OpinionExportRow {
  id: string;
  unit_name: string;
  held_on: string;
  meeting_kind: string;
  meeting_title: string;
  location: string | null;
  text: string;
  raised_by: string | null;
  outcome: string;
  response: string;
  case_id: string | null;
}

/** The opinions raised at the campaign's meetings in the units the reader may see, meeting by meeting. */
export async function listOpinionExportRows(
  db: Db,
  reader: Reader,
  filter: OpinionExportQuery,
): Promise<OpinionExportRow[]> {
  const params: unknown[] = [];
  const where = [`o.campaign_id = $${params.push(filter.campaignId)}`, visible(reader, 'un', params)];
  if (filter.unitId) where.push(`p.unit_id = $${params.push(filter.unitId)}`);
  const { rows } = await db.query<OpinionExportRow>(
    `SELECT o.id, un.name AS unit_name, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.kind AS meeting_kind,
       m.title AS meeting_title, m.location, o.text, o.raised_by, o.outcome, o.response, o.case_id
     FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id JOIN plans p ON p.id = m.plan_id
     JOIN units un ON un.id = p.unit_id
     WHERE ${where.join(' AND ')}
     ORDER BY un.name, m.held_on, m.id, o.created_at, o.id`,
    params,
  );
  return rows;
}
