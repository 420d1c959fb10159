import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import { newId } from '../../platform/ids.ts';
import { AUDIT_COLUMNS, type AuditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { everyTermSql, searchTerms } from '../../platform/db/text-search.ts';
import type { IdempotencyKey } from '../../platform/http/idempotency.ts';
import { openCasesSql } from '../cases/service.ts';
import type { Channel, ConsultationQuery, Outcome, Rating } from './schema.ts';

export interface ConsultationRow {
  id: string;
  campaign_id: string;
  unit_id: string;
  site_id: string | null;
  desk_id: string | null;
  visit_id: string;
  occurred_at: Date;
  channel: Channel;
  topic: string | null;
  question: string | null;
  answer: string | null;
  outcome: Outcome | null;
  /** With handled_on_spot: the service completed at the desk. */
  handled_matter: string | null;
  /** The staff member on duty (duty_staff of the unit's plan) who received the visitor. */
  received_by: string | null;
  /** The partner organisation (partners, 联合设台) whose staff answered at the desk. */
  partner_id: string | null;
  /** The unit's hotline or mailbox (channel_points) the question came through; its kind is the channel. */
  channel_point_id: string | null;
  rating: Rating | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
  created_at: Date;
  created_by: string | null;
  /** Read with the row when it has a case (not a column of consultations). */
  case_id?: string | null;
  /** Read with the row: when its answer given on the spot was published in the Q&A. */
  published_at?: Date | null;
}

/** The columns of consultations in insert order, each with its type in the intake statement's arrays. */
const CONSULTATION_COLUMN_TYPES = {
  id: 'uuid',
  campaign_id: 'uuid',
  unit_id: 'uuid',
  site_id: 'uuid',
  desk_id: 'uuid',
  visit_id: 'uuid',
  occurred_at: 'timestamptz',
  channel: 'text',
  topic: 'text',
  question: 'text',
  answer: 'text',
  outcome: 'text',
  handled_matter: 'text',
  received_by: 'uuid',
  partner_id: 'uuid',
  channel_point_id: 'uuid',
  rating: 'text',
  visitor_name: 'text',
  visitor_phone: 'text',
  contact_consent: 'bool',
  created_at: 'timestamptz',
  created_by: 'uuid',
} as const satisfies Partial<Record<keyof ConsultationRow, string>>;

/** Columns in insert order; the bare benchmark route inserts the same list. */
export const CONSULTATION_COLUMNS = Object.keys(
  CONSULTATION_COLUMN_TYPES,
) as readonly (keyof typeof CONSULTATION_COLUMN_TYPES)[];

export function consultationValues(row: ConsultationRow): unknown[] {
  return CONSULTATION_COLUMNS.map((column) => row[column]);
}

export interface PendingInsert {
  row: ConsultationRow;
  /** LIKE patterns of the unit paths and region paths the recording actor reaches. */
  reach: { unitPrefixes: string[]; regionPrefixes: string[] };
  key: IdempotencyKey | undefined;
  /** The answer to store with the key (its siteId is filled in by the statement). */
  response: unknown;
  audit: AuditEntry;
  /**
   * For an outcome that needs a reply (transferred, follow_up): the ids and tracking code of the
   * case the statement opens with the consultation.
   */
  caseDraft?: CaseDraft | null;
}

export interface CaseDraft {
  id: string;
  trackingCode: string;
  eventId: string;
  auditId: string;
  /** The desk's 转办: the unit the case is transferred to once opened (by the caller, same transaction). */
  transfer?: { toUnitId: string; reason: string | null } | undefined;
}

/** Outcomes after which the unit owes a reply: recording one opens a case (办件). */
export const CASE_OUTCOMES: readonly Outcome[] = ['transferred', 'follow_up'];

export interface InsertOutcome {
  /** The target unit takes part in the campaign, the actor reaches it, and the desk is the unit's. */
  accepted: boolean;
  /** False when the idempotency key had already been stored: nothing was written. */
  inserted: boolean;
  siteId: string | null;
  /** The due date of the case the statement opened, if it opened one. */
  dueOn: string | null;
}

/**
 * The intake statement's input, one column a line: its name, its array type and its value for a
 * row. The statement's parameters, their types and the names they take are all made from it.
 */
const INTAKE_COLUMNS: readonly (readonly [name: string, type: string, value: (item: PendingInsert) => unknown])[] = [
  ...CONSULTATION_COLUMNS.map(
    (column) => [column, CONSULTATION_COLUMN_TYPES[column], (item: PendingInsert) => item.row[column]] as const,
  ),
  // reach: unit path patterns, region path patterns ('|'-separated)
  ['unit_prefixes', 'text', (item) => item.reach.unitPrefixes.join('|')],
  ['region_prefixes', 'text', (item) => item.reach.regionPrefixes.join('|')],
  ['key_scope', 'text', (item) => item.key?.scope ?? null],
  ['key', 'text', (item) => item.key?.key ?? null],
  ['request_hash', 'text', (item) => item.key?.requestHash ?? null],
  ['response', 'jsonb', (item) => JSON.stringify(item.response)],
  ['audit_id', 'uuid', () => newId()],
  ['token_id', 'uuid', (item) => item.audit.actor.tokenId],
  ['audit_after', 'jsonb', (item) => JSON.stringify(item.audit.after ?? null)],
  // the case a question needing a reply opens: its id, tracking code, 'opened' event id, audit id
  ['case_id', 'uuid', (item) => item.caseDraft?.id ?? null],
  ['tracking_code', 'text', (item) => item.caseDraft?.trackingCode ?? null],
  ['case_event_id', 'uuid', (item) => item.caseDraft?.eventId ?? null],
  ['case_audit_id', 'uuid', (item) => item.caseDraft?.auditId ?? null],
];

/**
 * SQL: the partner sits at the desk (or, without a desk, at one of the unit's desks in the campaign).
 * The intake statement and the refusal's diagnosis ask the same.
 */
const PARTNER_AT_DESK = (partner: string, campaign: string, unit: string, desk: string) => `EXISTS (
        SELECT 1 FROM desk_partners dp JOIN desks pd ON pd.id = dp.desk_id JOIN plans pp ON pp.id = pd.plan_id
        WHERE dp.partner_id = ${partner} AND pp.campaign_id = ${campaign} AND pp.unit_id = ${unit}
          AND (${desk} IS NULL OR dp.desk_id = ${desk}))`;

/** SQL: the channel point is one of the unit's in the campaign, of the consultation's channel. */
const CHANNEL_POINT_OF_UNIT = (point: string, campaign: string, unit: string, channel: string) => `EXISTS (
        SELECT 1 FROM channel_points cp WHERE cp.id = ${point} AND cp.campaign_id = ${campaign}
          AND cp.unit_id = ${unit} AND cp.kind = ${channel})`;

/** The intake statement; with `withCases` it also opens the cases of rows that need a reply. */
const insertBatchSql = (withCases: boolean) => `
  WITH input AS (
    SELECT * FROM unnest(${INTAKE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
      WITH ORDINALITY AS r(${INTAKE_COLUMNS.map(([name]) => name).join(', ')}, n)
  ), ok AS (
    SELECT input.*, coalesce(d.site_id, input.site_id) AS resolved_site_id
    FROM input
    JOIN units un ON un.id = input.unit_id
    JOIN campaign_units cu ON cu.campaign_id = input.campaign_id AND cu.unit_id = input.unit_id
    LEFT JOIN LATERAL (
      SELECT d.site_id FROM desks d JOIN plans p ON p.id = d.plan_id
      WHERE d.id = input.desk_id AND p.campaign_id = input.campaign_id AND p.unit_id = input.unit_id
    ) d ON true
    WHERE (un.path LIKE ANY (string_to_array(input.unit_prefixes, '|'))
           OR un.region_path LIKE ANY (string_to_array(input.region_prefixes, '|')))
      AND (input.desk_id IS NULL OR d.site_id IS NOT NULL)
      AND (input.received_by IS NULL OR EXISTS (
        SELECT 1 FROM duty_staff ds JOIN plans p ON p.id = ds.plan_id
        WHERE ds.id = input.received_by AND p.campaign_id = input.campaign_id AND p.unit_id = input.unit_id))
      AND (input.partner_id IS NULL OR ${PARTNER_AT_DESK('input.partner_id', 'input.campaign_id', 'input.unit_id', 'input.desk_id')})
      AND (input.channel_point_id IS NULL OR ${CHANNEL_POINT_OF_UNIT('input.channel_point_id', 'input.campaign_id', 'input.unit_id', 'input.channel')})
      AND (input.site_id IS NULL OR input.desk_id IS NOT NULL OR EXISTS (
        SELECT 1 FROM sites s JOIN plans p ON p.id = s.plan_id
        WHERE s.id = input.site_id AND p.campaign_id = input.campaign_id AND p.unit_id = input.unit_id))
  ), idem AS (
    INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response)
    SELECT key_scope, key, request_hash, 201, response || jsonb_build_object('siteId', resolved_site_id)
    FROM ok WHERE key IS NOT NULL
    ON CONFLICT DO NOTHING
    RETURNING scope, key
  ), ins AS (
    INSERT INTO consultations (${CONSULTATION_COLUMNS.join(', ')})
    SELECT ${CONSULTATION_COLUMNS.map((c) => (c === 'site_id' ? 'resolved_site_id' : c)).join(', ')} FROM ok
    WHERE ok.key IS NULL OR EXISTS (SELECT 1 FROM idem WHERE idem.scope = ok.key_scope AND idem.key = ok.key)
    RETURNING id, site_id
  ), aud AS (
    INSERT INTO audit_log (${AUDIT_COLUMNS})
    SELECT ok.audit_id, ok.created_by, ok.token_id, 'create', 'consultation', ok.id::text, ok.unit_id, ok.campaign_id,
           NULL, ok.audit_after || jsonb_build_object('siteId', ok.resolved_site_id)
    FROM ok JOIN ins ON ins.id = ok.id
  )${withCases ? CASE_CTES : ''}
  SELECT input.n, ok.id IS NOT NULL AS accepted, ins.id IS NOT NULL AS inserted, ok.resolved_site_id AS site_id,
    ${withCases ? '(SELECT c.due_on::text FROM opened_cases c WHERE c.id = input.case_id)' : 'NULL::text'} AS due_on
  FROM input LEFT JOIN ok ON ok.n = input.n LEFT JOIN ins ON ins.id = input.id
  ORDER BY input.n`;

/**
 * A question that needs a reply opens its case, the one way cases are opened (cases' openCasesSql):
 * due on the campaign's reply limit in working days after the consultation's day in China's time.
 * A desk records the day's work, never a later question (ADR 28).
 */
const CASE_CTES = `, ${openCasesSql({
  select: {
    case_id: 'ok.case_id',
    campaign_id: 'ok.campaign_id',
    consultation_id: 'ok.id',
    unit_id: 'ok.unit_id',
    tracking_code: 'ok.tracking_code',
    opened_at: 'ok.occurred_at',
    later: 'false',
    actor_user_id: 'ok.created_by',
    token_id: 'ok.token_id',
    event_id: 'ok.case_event_id',
    audit_id: 'ok.case_audit_id',
    created_at: 'ok.created_at',
  },
  from: 'ok JOIN ins ON ins.id = ok.id',
  where: `ok.case_id IS NOT NULL AND ok.outcome IN (${CASE_OUTCOMES.map((o) => `'${o}'`).join(', ')})`,
})}`;
const INSERT_BATCH_SQL = insertBatchSql(false);
const INSERT_BATCH_WITH_CASES_SQL = insertBatchSql(true);

/**
 * Records consultations in one statement: per row it checks the actor's reach, the unit's part in
 * the campaign and the desk, and stores the idempotency key, the row and the audit entry
 * together, and for a question that needs a reply its case with the case's first event. One statement is atomic on both drivers; many rows in one statement is what lets
 * intake keep up under load (see GroupCommit). Keys must be distinct within one call.
 */
export async function insertConsultations(db: Db, items: readonly PendingInsert[]): Promise<InsertOutcome[]> {
  const columns = INTAKE_COLUMNS.map(([, , value]) => items.map(value));
  // Most questions are answered on the spot: their batches skip the case part of the statement.
  const withCases = items.some((item) => item.caseDraft);
  const { rows } = await db.query<{
    n: number;
    accepted: boolean;
    inserted: boolean;
    site_id: string | null;
    due_on: string | null;
  }>(withCases ? INSERT_BATCH_WITH_CASES_SQL : INSERT_BATCH_SQL, columns, {
    name: withCases ? 'insert_consultations_with_cases' : 'insert_consultations',
  });
  return rows.map((r) => ({ accepted: r.accepted, inserted: r.inserted, siteId: r.site_id, dueOn: r.due_on }));
}

export async function findConsultationRow(
  db: Db,
  id: string,
): Promise<(ConsultationRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<ConsultationRow & { path: string; region_path: string }>(
    `SELECT c.*, un.path, un.region_path, k.id AS case_id, cp.published_at
     FROM consultations c JOIN units un ON un.id = c.unit_id LEFT JOIN cases k ON k.consultation_id = c.id
       LEFT JOIN consultation_publications cp ON cp.consultation_id = c.id
     WHERE c.id = $1`,
    [id],
  );
  return rows[0];
}

export async function updateConsultationRow(db: Db, row: ConsultationRow): Promise<void> {
  await db.query(
    `UPDATE consultations SET occurred_at = $2, channel = $3, topic = $4, question = $5, answer = $6, outcome = $7,
       rating = $8, visitor_name = $9, visitor_phone = $10, contact_consent = $11, handled_matter = $12,
       received_by = $13, partner_id = $14, channel_point_id = $15 WHERE id = $1`,
    [
      row.id,
      row.occurred_at,
      row.channel,
      row.topic,
      row.question,
      row.answer,
      row.outcome,
      row.rating,
      row.visitor_name,
      row.visitor_phone,
      row.contact_consent,
      row.handled_matter,
      row.received_by,
      row.partner_id,
      row.channel_point_id,
    ],
  );
}

/**
 * Deletes a consultation, its case going with it (a foreign key's cascade). An opinion raised at a
 * meeting that named either keeps its text and loses the link: a link that may cross shards, so no
 * foreign key clears it (ADR 38).
 */
export async function deleteConsultationRow(db: Db, row: { id: string; unit_id: string }): Promise<void> {
  await db.query(`UPDATE meeting_opinions SET consultation_id = NULL WHERE consultation_id = $1`, [row.id]);
  await db.query(
    `UPDATE meeting_opinions SET case_id = NULL
     WHERE case_id IN (SELECT k.id FROM cases k WHERE k.consultation_id = $1 AND k.origin_unit_id = $2)`,
    [row.id, row.unit_id],
  );
  await db.query('DELETE FROM consultations WHERE id = $1 AND unit_id = $2', [row.id, row.unit_id]);
}

/** The text a records search looks in. */
const RECORD_TEXT = `concat_ws(' ', c.question, c.answer, c.handled_matter)`;

/** The filters of a consultation list, as conditions on `c` (consultations); adds their parameters. */
export function consultationFilterSql(
  filter: Pick<
    ConsultationQuery,
    'campaignId' | 'unitId' | 'deskId' | 'topic' | 'channel' | 'outcome' | 'from' | 'to' | 'q'
  >,
  params: unknown[],
): string[] {
  const where: string[] = [];
  const eq = (column: string, value: unknown) => {
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  };
  eq('c.campaign_id', filter.campaignId);
  eq('c.unit_id', filter.unitId);
  eq('c.desk_id', filter.deskId);
  eq('c.topic', filter.topic);
  eq('c.channel', filter.channel);
  eq('c.outcome', filter.outcome);
  // Dates are days in China's time (the open day's own clock).
  if (filter.from)
    where.push(`c.occurred_at >= ($${params.push(filter.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filter.to)
    where.push(`c.occurred_at < (($${params.push(filter.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  // Read within the unit's or campaign's rows the other filters and the index pick out: no text
  // index on the intake path, which must stay near a bare insert.
  const terms = searchTerms(filter.q);
  if (terms.length) where.push(everyTermSql(RECORD_TEXT, terms, params));
  return where;
}

/** A page of the consultations the actor may read, newest first, by keyset. */
export async function listConsultationRows(
  db: Db,
  actor: UserActor,
  filter: ConsultationQuery,
  after: [string, string] | undefined,
): Promise<ConsultationRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'consultations.read', 'un', params), ...consultationFilterSql(filter, params)];
  if (after)
    where.push(`(c.occurred_at, c.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<ConsultationRow>(
    `SELECT c.*, k.id AS case_id, cp.published_at
     FROM consultations c JOIN units un ON un.id = c.unit_id LEFT JOIN cases k ON k.consultation_id = c.id
       LEFT JOIN consultation_publications cp ON cp.consultation_id = c.id
     WHERE ${where.join(' AND ')}
     ORDER BY c.occurred_at DESC, c.id DESC LIMIT $${params.push((filter.limit ?? 50) + 1)}`,
    params,
  );
  return rows;
}

export async function findScopeDiagnosis(
  db: Db,
  campaignId: string,
  unitId: string,
  deskId: string | null,
  siteId: string | null,
  receivedBy: string | null = null,
  partnerId: string | null = null,
) {
  const { rows } = await db.query<{
    campaign: boolean;
    unit: boolean;
    participates: boolean;
    desk: boolean;
    site: boolean;
    received_by: boolean;
    partner: boolean;
    path: string | null;
    region_path: string | null;
  }>(
    `SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = $1) AS campaign,
            EXISTS (SELECT 1 FROM units WHERE id = $2) AS unit,
            EXISTS (SELECT 1 FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2) AS participates,
            ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM desks d JOIN plans p ON p.id = d.plan_id
               WHERE d.id = $3 AND p.campaign_id = $1 AND p.unit_id = $2)) AS desk,
            ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM sites s JOIN plans p ON p.id = s.plan_id
               WHERE s.id = $4 AND p.campaign_id = $1 AND p.unit_id = $2)) AS site,
            ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM duty_staff ds JOIN plans p ON p.id = ds.plan_id
               WHERE ds.id = $5 AND p.campaign_id = $1 AND p.unit_id = $2)) AS received_by,
            ($6::uuid IS NULL OR ${PARTNER_AT_DESK('$6', '$1', '$2', '$3::uuid')}) AS partner,
            (SELECT path FROM units WHERE id = $2) AS path,
            (SELECT region_path FROM units WHERE id = $2) AS region_path`,
    [campaignId, unitId, deskId, siteId, receivedBy, partnerId],
  );
  return rows[0]!;
}

/**
 * Stores the consultation of a public request with its audit entry, whose actor is the staff
 * member or API client who entered it, or nobody for a citizen asking online.
 */
export async function insertRequestConsultation(
  db: Db,
  row: ConsultationRow,
  audit: { actor: UserActor | null; after: unknown },
  /** Asked after the campaign's last day: counted apart from the day's figures (ADR 28). */
  later = false,
): Promise<void> {
  const n = CONSULTATION_COLUMNS.length;
  await db.query(
    `WITH ins AS (
       INSERT INTO consultations (${CONSULTATION_COLUMNS.join(', ')}, later)
       VALUES (${CONSULTATION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 6})
     )
     INSERT INTO audit_log (${AUDIT_COLUMNS})
     VALUES ($${n + 1}, $${n + 2}, $${n + 3}, 'create', 'consultation', $${n + 5}, $3, $2, NULL, $${n + 4})`,
    [
      ...consultationValues(row),
      newId(),
      audit.actor?.userId ?? null,
      audit.actor?.tokenId ?? null,
      JSON.stringify(audit.after),
      row.id,
      later,
    ],
  );
}
