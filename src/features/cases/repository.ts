import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import { AUDIT_COLUMNS } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { everyTermSql, searchTerms } from '../../platform/db/text-search.ts';
import { newId } from '../../platform/ids.ts';
import type { Channel, Rating } from '../../domain/vocabulary.ts';
import type { CaseEventKind, CaseQuery, CaseStatus } from './schema.ts';

/** Today on the open day's clock: due dates and overdue are days in China's time. */
export const TODAY_SQL = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const PENDING_SQL = `k.status IN ('open', 'transferred', 'reopened')`;

export interface CaseRow {
  id: string;
  campaign_id: string;
  consultation_id: string;
  tracking_code: string;
  unit_id: string;
  status: CaseStatus;
  clock_start_on: string;
  limit_days: number;
  extension_days: number | null;
  extension_reason: string | null;
  due_on: string;
  reply: string | null;
  replied_at: Date | null;
  replied_by: string | null;
  closed_at: Date | null;
  rating: Rating | null;
  rated_at: Date | null;
  published_at: Date | null;
  public_question: string | null;
  public_answer: string | null;
  created_at: Date;
  updated_at: Date;
  // Joined: the unit responsible now, the unit that recorded the consultation, the question.
  unit_name: string;
  unit_name_en: string | null;
  unit_path: string;
  unit_region_path: string;
  origin_unit_id: string;
  origin_path: string;
  origin_region_path: string;
  channel: Channel;
  topic: string | null;
  question: string;
  visitor_name: string | null;
  visitor_phone: string | null;
  opened_at: Date;
  overdue: boolean;
  replied_late: boolean | null;
  has_reopened: boolean;
  /** Working days from today to the due date while a reply is owed (negative when overdue). */
  working_days_left: number | null;
  /** The days counted reach into a year whose holiday schedule is not known. */
  due_unconfirmed: boolean;
}

const CASE_SELECT = `
  SELECT k.id, k.campaign_id, k.consultation_id, k.tracking_code, k.unit_id, k.status, k.clock_start_on, k.limit_days,
    k.extension_days, k.extension_reason, k.due_on, k.reply, k.replied_at, k.replied_by, k.closed_at, k.rating,
    k.rated_at, k.published_at, k.public_question, k.public_answer, k.created_at, k.updated_at,
    un.name AS unit_name, un.name_en AS unit_name_en, un.path AS unit_path, un.region_path AS unit_region_path,
    c.unit_id AS origin_unit_id, ou.path AS origin_path, ou.region_path AS origin_region_path,
    c.channel, c.topic, coalesce(c.question, '') AS question, c.visitor_name, c.visitor_phone,
    coalesce((SELECT min(e.at) FROM case_events e WHERE e.case_id = k.id AND e.origin_unit_id = k.origin_unit_id AND e.kind = 'opened'), k.created_at) AS opened_at,
    (${PENDING_SQL} AND k.due_on < ${TODAY_SQL}) AS overdue,
    CASE WHEN k.status IN ('replied', 'closed')
      THEN (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date > k.due_on END AS replied_late,
    EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.origin_unit_id = k.origin_unit_id AND e.kind = 'reopened') AS has_reopened,
    CASE WHEN ${PENDING_SQL} THEN
      CASE WHEN k.due_on >= ${TODAY_SQL} THEN openday_working_days_between(${TODAY_SQL}, k.due_on)
           ELSE -openday_working_days_between(k.due_on, ${TODAY_SQL}) END
    END AS working_days_left,
    openday_schedule_missing(k.clock_start_on, k.due_on) AS due_unconfirmed
  FROM cases k
  JOIN units un ON un.id = k.unit_id
  JOIN consultations c ON c.id = k.consultation_id AND c.unit_id = k.origin_unit_id
  JOIN units ou ON ou.id = c.unit_id`;

/**
 * Locks the case until the transaction ends, so that transitions of one case run one after the
 * other. A separate statement: a joined row locked FOR UPDATE would be re-checked against the
 * joins' old rows after a concurrent change and vanish.
 */
async function lockCase(db: Db, where: 'id' | 'tracking_code', value: string): Promise<void> {
  await db.query(`SELECT 1 FROM cases k WHERE ${where === 'id' ? 'k.id = $1' : BY_TRACKING_CODE} FOR UPDATE`, [value]);
}

/**
 * The case of tracking code $1, found through tracking_codes (unique in the whole country) with
 * the case's key, so that the lookup reads one shard where cases are spread over several (ADR 38).
 */
const BY_TRACKING_CODE =
  '(k.id, k.origin_unit_id) = (SELECT t.case_id, t.origin_unit_id FROM tracking_codes t WHERE t.code = $1)';

export async function findCaseRow(db: Db, id: string, options: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  if (options.lock) await lockCase(db, 'id', id);
  const { rows } = await db.query<CaseRow>(`${CASE_SELECT} WHERE k.id = $1`, [id]);
  return rows[0];
}

export async function findCaseRowByTrackingCode(
  db: Db,
  trackingCode: string,
  options: { lock?: boolean } = {},
): Promise<CaseRow | undefined> {
  if (options.lock) await lockCase(db, 'tracking_code', trackingCode);
  const { rows } = await db.query<CaseRow>(`${CASE_SELECT} WHERE ${BY_TRACKING_CODE}`, [trackingCode]);
  return rows[0];
}

export async function findCaseIdByConsultation(db: Db, consultationId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM cases WHERE consultation_id = $1', [consultationId]);
  return rows[0]?.id;
}

/**
 * A page of the cases the actor may read (those of a unit the actor reaches, now or at the
 * start), soonest due first, by keyset.
 */
export async function listCaseRows(
  db: Db,
  actor: UserActor,
  filter: CaseQuery,
  after: [string, string] | undefined,
): Promise<CaseRow[]> {
  const params: unknown[] = [];
  const where = [
    `(${visibleUnitsSql(actor, 'cases.read', 'un', params)} OR ${visibleUnitsSql(actor, 'cases.read', 'ou', params)})`,
  ];
  const eq = (column: string, value: unknown) => {
    if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
  };
  eq('k.campaign_id', filter.campaignId);
  eq('k.unit_id', filter.unitId);
  // As the statistics count it (ADR 36): the summary's figures link here.
  eq(
    `CASE WHEN EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = k.campaign_id AND cu.unit_id = k.unit_id)
       THEN k.unit_id ELSE k.origin_unit_id END`,
    filter.countedUnitId,
  );
  eq('k.consultation_id', filter.consultationId);
  eq('k.status', filter.status);
  if (filter.overdue !== undefined)
    where.push(`${filter.overdue ? '' : 'NOT '}(${PENDING_SQL} AND k.due_on < ${TODAY_SQL})`);
  const words = (filter.q ?? '').trim();
  const reference = /^K-?([0-9A-F]{1,8})$/i.exec(words);
  if (reference) {
    // The reference is the last eight hex digits of the id (caseReference).
    where.push(`upper(right(replace(k.id::text, '-', ''), 8)) LIKE $${params.push(`${reference[1]!.toUpperCase()}%`)}`);
  } else if (words) {
    where.push(everyTermSql(`(coalesce(c.question, '') || ' ' || coalesce(k.reply, ''))`, searchTerms(words), params));
  }
  if (after) where.push(`(k.due_on, k.id) > ($${params.push(after[0])}::date, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<CaseRow>(
    `${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY k.due_on, k.id LIMIT $${params.push((filter.limit ?? 50) + 1)}`,
    params,
  );
  return rows;
}

export interface CaseEventRow {
  id: string;
  campaign_id: string;
  case_id: string;
  kind: CaseEventKind;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  from_unit_id: string | null;
  from_unit_name: string | null;
  from_unit_name_en: string | null;
  to_unit_id: string | null;
  to_unit_name: string | null;
  to_unit_name_en: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** The chain of a case, oldest first. */
export async function listCaseEventRows(db: Db, caseId: string): Promise<CaseEventRow[]> {
  const { rows } = await db.query<CaseEventRow>(
    `SELECT e.*, u.display_name AS actor_name,
       fu.name AS from_unit_name, fu.name_en AS from_unit_name_en, tu.name AS to_unit_name, tu.name_en AS to_unit_name_en
     FROM case_events e
     LEFT JOIN users u ON u.id = e.actor_user_id
     LEFT JOIN units fu ON fu.id = e.from_unit_id
     LEFT JOIN units tu ON tu.id = e.to_unit_id
     WHERE e.case_id = $1 ORDER BY e.at, e.id`,
    [caseId],
  );
  return rows;
}

export interface NewCaseEvent {
  campaignId: string;
  caseId: string;
  /** The case's origin: the key its rows are kept by (ADR 38). */
  originUnitId: string;
  kind: CaseEventKind;
  at: Date;
  actorUserId: string | null;
  fromUnitId?: string | null;
  toUnitId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertCaseEvent(db: Db, event: NewCaseEvent): Promise<void> {
  await db.query(
    `INSERT INTO case_events (id, campaign_id, case_id, origin_unit_id, kind, at, actor_user_id, from_unit_id, to_unit_id,
       reason, details)
     VALUES ($1, $2, $3, $11, $4, $5, $6, $7, $8, $9, $10)`,
    [
      newId(),
      event.campaignId,
      event.caseId,
      event.kind,
      event.at,
      event.actorUserId,
      event.fromUnitId ?? null,
      event.toUnitId ?? null,
      event.reason ?? null,
      event.details ? JSON.stringify(event.details) : null,
      event.originUnitId,
    ],
  );
}

/** An audit entry whose actor may be nobody signed in: the citizen holding the tracking code. */
export async function insertCaseAudit(
  db: Db,
  entry: {
    actor: UserActor | null;
    action: string;
    caseId: string;
    unitId: string;
    campaignId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, 'case', $5, $6, $7, $8, $9)`, [
    newId(),
    entry.actor?.userId ?? null,
    entry.actor?.tokenId ?? null,
    entry.action,
    entry.caseId,
    entry.unitId,
    entry.campaignId,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ]);
}

/**
 * What opening a case takes, one column a line with its SQL type: the case's id and tracking code,
 * the consultation it answers, the unit that owes the reply, when the question was asked (the
 * limit counts from that day in China's time), whether it is a later question (ADR 28), who opened
 * it, the ids of its 'opened' event and audit entry, and when the row is written.
 */
export const OPEN_CASE_INPUT = {
  case_id: 'uuid',
  campaign_id: 'uuid',
  consultation_id: 'uuid',
  unit_id: 'uuid',
  tracking_code: 'text',
  opened_at: 'timestamptz',
  later: 'boolean',
  actor_user_id: 'uuid',
  token_id: 'uuid',
  event_id: 'uuid',
  audit_id: 'uuid',
  created_at: 'timestamptz',
} as const;
export type OpenCaseInputColumn = keyof typeof OPEN_CASE_INPUT;

/**
 * The one way a case is opened (ADR 34), as common table expressions for a statement of the
 * caller's (`WITH …, ${openCasesSql(…)} SELECT …`): for each row of the source it inserts the case,
 * due on the campaign's reply limit in working days after the day the question was asked in
 * China's time (openday_add_working_days, the calendar's rule), its 'opened' event and its audit
 * entry. A row whose unit does not take part in its campaign opens nothing. The source gives every
 * column of OPEN_CASE_INPUT as an SQL expression over `from` (and `where`, if given; the compiler
 * checks that no column is missing). The statement may read `opened_cases` (id, campaign_id, consultation_id, unit_id,
 * tracking_code, due_on); the intake statement opens the cases of a whole batch this way.
 */
export function openCasesSql(source: {
  select: Record<OpenCaseInputColumn, string>;
  from: string;
  where?: string;
}): string {
  const select = (Object.keys(OPEN_CASE_INPUT) as OpenCaseInputColumn[])
    .map((column) => `${source.select[column]} AS ${column}`)
    .join(', ');
  return `case_input AS (
    SELECT ${select} FROM ${source.from}${source.where ? ` WHERE ${source.where}` : ''}
  ), opened_cases AS (
    INSERT INTO cases (id, campaign_id, consultation_id, tracking_code, unit_id, origin_unit_id, status,
      clock_start_on, limit_days, due_on, later, created_at, updated_at)
    SELECT i.case_id, i.campaign_id, i.consultation_id, i.tracking_code, i.unit_id,
      -- The unit whose consultation it is (ADR 36); the intake's consultation, inserted by the same
      -- statement, is not visible to it yet: its unit is the case's.
      coalesce((SELECT q.unit_id FROM consultations q WHERE q.id = i.consultation_id), i.unit_id), 'open', d.day,
      k.reply_limit_days, openday_add_working_days(d.day, k.reply_limit_days), i.later, i.created_at, i.created_at
    FROM case_input i JOIN campaigns k ON k.id = i.campaign_id
    CROSS JOIN LATERAL (SELECT (i.opened_at AT TIME ZONE 'Asia/Shanghai')::date AS day) d
    WHERE EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = i.campaign_id AND cu.unit_id = i.unit_id)
    RETURNING id, campaign_id, consultation_id, unit_id, origin_unit_id, tracking_code, due_on
  ), opened_case_events AS (
    INSERT INTO case_events (id, campaign_id, case_id, origin_unit_id, kind, at, actor_user_id, to_unit_id, details)
    SELECT i.event_id, c.campaign_id, c.id, c.origin_unit_id, 'opened', i.opened_at, i.actor_user_id, c.unit_id,
      jsonb_build_object('dueOn', c.due_on)
    FROM case_input i JOIN opened_cases c ON c.id = i.case_id
  ), opened_case_audit AS (
    INSERT INTO audit_log (${AUDIT_COLUMNS})
    SELECT i.audit_id, i.actor_user_id, i.token_id, 'open', 'case', c.id::text, c.unit_id, c.campaign_id, NULL,
      jsonb_build_object('consultationId', c.consultation_id, 'unitId', c.unit_id, 'status', 'open', 'dueOn', c.due_on)
    FROM case_input i JOIN opened_cases c ON c.id = i.case_id
  )`;
}

/** A case to open by insertCaseRows. */
export interface CaseOpening {
  id: string;
  campaignId: string;
  consultationId: string;
  trackingCode: string;
  unitId: string;
  openedAt: Date;
  actorUserId: string | null;
  actorTokenId: string | null;
}

/** The parameters of insertCaseRows, one a line: the input column, and its value for an opening. */
const OPENING_PARAMETERS: readonly (readonly [
  name: Exclude<OpenCaseInputColumn, 'later' | 'created_at'>,
  value: (opening: CaseOpening) => unknown,
])[] = [
  ['case_id', (o) => o.id],
  ['campaign_id', (o) => o.campaignId],
  ['consultation_id', (o) => o.consultationId],
  ['unit_id', (o) => o.unitId],
  ['tracking_code', (o) => o.trackingCode],
  ['opened_at', (o) => o.openedAt],
  ['actor_user_id', (o) => o.actorUserId],
  ['token_id', (o) => o.actorTokenId],
  ['event_id', () => newId()],
  ['audit_id', () => newId()],
];

const INSERT_CASE_ROWS_SQL = `WITH r AS (
    SELECT * FROM unnest(${OPENING_PARAMETERS.map(([name], i) => `$${i + 1}::${OPEN_CASE_INPUT[name]}[]`).join(', ')})
      AS r(${OPENING_PARAMETERS.map(([name]) => name).join(', ')})
  ), ${openCasesSql({
    select: {
      ...(Object.fromEntries(OPENING_PARAMETERS.map(([name]) => [name, `r.${name}`])) as Record<
        (typeof OPENING_PARAMETERS)[number][0],
        string
      >),
      // A later question's case is a later case: both stay out of the day's figures (ADR 28).
      later: 'coalesce((SELECT q.later FROM consultations q WHERE q.id = r.consultation_id), false)',
      created_at: 'now()',
    },
    from: 'r',
  })}
  SELECT id, consultation_id, tracking_code, due_on::text AS due_on FROM opened_cases`;

/**
 * Opens the cases of consultations stored before, in one statement (openCasesSql). Returns the
 * cases opened, by consultation; a case is missing when its campaign does not exist or its unit
 * does not take part in it.
 */
export async function insertCaseRows(
  db: Db,
  openings: readonly CaseOpening[],
): Promise<Map<string, { id: string; tracking_code: string; due_on: string }>> {
  if (!openings.length) return new Map();
  const { rows } = await db.query<{ id: string; consultation_id: string; tracking_code: string; due_on: string }>(
    INSERT_CASE_ROWS_SQL,
    OPENING_PARAMETERS.map(([, value]) => openings.map(value)),
  );
  return new Map(rows.map((row) => [row.consultation_id, row]));
}

/**
 * A case's key: what a statement that changes a case names, so that it reaches the one shard the
 * case is on where cases are spread by their origin (ADR 38).
 */
export type CaseKey = Pick<CaseRow, 'id' | 'origin_unit_id'>;

export async function updateCaseUnit(db: Db, key: CaseKey, toUnitId: string): Promise<void> {
  await db.query(
    `UPDATE cases SET unit_id = $3, status = 'transferred', updated_at = now() WHERE id = $1 AND origin_unit_id = $2`,
    [key.id, key.origin_unit_id, toUnitId],
  );
}

/** Adds the extension and moves the due date by the same SQL function; returns the new date. */
export async function updateCaseExtension(db: Db, key: CaseKey, days: number, reason: string): Promise<string> {
  const { rows } = await db.query<{ due_on: string }>(
    `UPDATE cases SET extension_days = $2, extension_reason = $3,
       due_on = openday_add_working_days(clock_start_on, limit_days + $2), updated_at = now()
     WHERE id = $1 AND origin_unit_id = $4 RETURNING due_on`,
    [key.id, days, reason, key.origin_unit_id],
  );
  return rows[0]!.due_on;
}

export async function updateCaseReply(db: Db, key: CaseKey, reply: string, userId: string, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET status = 'replied', reply = $2, replied_by = $3, replied_at = $4, updated_at = now()
     WHERE id = $1 AND origin_unit_id = $5`,
    [key.id, reply, userId, at, key.origin_unit_id],
  );
}

export async function updateCaseClosed(db: Db, key: CaseKey, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET status = 'closed', closed_at = $2, updated_at = now() WHERE id = $1 AND origin_unit_id = $3`,
    [key.id, at, key.origin_unit_id],
  );
}

export async function updateCaseRating(db: Db, key: CaseKey, rating: Rating, at: Date): Promise<void> {
  await db.query(
    `UPDATE cases SET rating = $2, rated_at = $3, updated_at = now() WHERE id = $1 AND origin_unit_id = $4`,
    [key.id, rating, at, key.origin_unit_id],
  );
}

/**
 * Reopens a case after a poor rating: its own limit (the campaign's reopen limit) counted from
 * today, without the earlier extension. Returns the new due date.
 */
export interface ReturnVisitRow {
  id: string;
  case_id: string;
  unit_id: string;
  visited_on: string;
  reached: boolean;
  rating: Rating | null;
  words: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  created_at: Date;
}

export async function insertReturnVisit(
  db: Db,
  visit: Omit<ReturnVisitRow, 'recorded_by_name' | 'created_at'> & { campaign_id: string },
): Promise<void> {
  await db.query(
    `INSERT INTO return_visits (id, campaign_id, case_id, unit_id, visited_on, reached, rating, words, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      visit.id,
      visit.campaign_id,
      visit.case_id,
      visit.unit_id,
      visit.visited_on,
      visit.reached,
      visit.rating,
      visit.words,
      visit.recorded_by,
    ],
  );
}

export async function listReturnVisitRows(db: Db, caseId: string): Promise<ReturnVisitRow[]> {
  const { rows } = await db.query<ReturnVisitRow>(
    `SELECT v.id, v.case_id, v.unit_id, v.visited_on::text AS visited_on, v.reached, v.rating, v.words, v.recorded_by,
       u.display_name AS recorded_by_name, v.created_at
     FROM return_visits v LEFT JOIN users u ON u.id = v.recorded_by
     WHERE v.case_id = $1 ORDER BY v.created_at, v.id`,
    [caseId],
  );
  return rows;
}

/** Whether a day (YYYY-MM-DD) is after today in China. */
export async function isAfterToday(db: Db, day: string): Promise<boolean> {
  const { rows } = await db.query<{ after: boolean }>(`SELECT $1::date > ${TODAY_SQL} AS after`, [day]);
  return rows[0]!.after;
}

export async function updateCaseReopened(db: Db, key: CaseKey): Promise<{ due_on: string; limit_days: number }> {
  const { rows } = await db.query<{ due_on: string; limit_days: number }>(
    `UPDATE cases k SET status = 'reopened', clock_start_on = ${TODAY_SQL}, limit_days = cp.reopen_limit_days,
       extension_days = NULL, extension_reason = NULL, closed_at = NULL,
       due_on = openday_add_working_days(${TODAY_SQL}, cp.reopen_limit_days), updated_at = now()
     FROM campaigns cp WHERE k.id = $1 AND k.origin_unit_id = $2 AND cp.id = k.campaign_id
     RETURNING k.due_on, k.limit_days`,
    [key.id, key.origin_unit_id],
  );
  return rows[0]!;
}

export interface DueChange {
  id: string;
  campaign_id: string;
  unit_id: string;
  origin_unit_id: string;
  old_due: string;
  new_due: string;
}

/**
 * Cases not closed whose due date an edit of this day (or of the days from `day` to `lastDay`)
 * moves. Only a case counting across the days can move: its clock started before the last of
 * them and its due date is on or after the first.
 */
export async function findDueChanges(db: Db, day: string, lastDay = day): Promise<DueChange[]> {
  const { rows } = await db.query<DueChange>(
    `SELECT id, campaign_id, unit_id, origin_unit_id, old_due, new_due FROM (
       SELECT id, campaign_id, unit_id, origin_unit_id, due_on AS old_due,
         openday_add_working_days(clock_start_on, limit_days + coalesce(extension_days, 0)) AS new_due
       FROM cases WHERE status <> 'closed' AND clock_start_on < $2::date AND due_on >= $1::date
       FOR UPDATE
     ) x WHERE new_due <> old_due ORDER BY id`,
    [day, lastDay],
  );
  return rows;
}

/** Stores recomputed due dates with a 'due_recomputed' event each, in two statements. */
export async function applyDueChanges(
  db: Db,
  changes: readonly DueChange[],
  event: { at: Date; actorUserId: string | null; reason: string; day: string },
): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `UPDATE cases k SET due_on = x.due, updated_at = now()
     FROM unnest($1::uuid[], $2::date[]) AS x(id, due) WHERE k.id = x.id`,
    [changes.map((c) => c.id), changes.map((c) => c.new_due)],
  );
  await db.query(
    `INSERT INTO case_events (id, campaign_id, case_id, origin_unit_id, kind, at, actor_user_id, reason, details)
     SELECT x.id, x.campaign_id, x.case_id, x.origin_unit_id, 'due_recomputed', $5, $6, $7,
       jsonb_build_object('from', x.old_due, 'to', x.new_due, 'dueOn', x.new_due, 'day', $8::text)
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $9::date[], $10::uuid[])
       AS x(id, campaign_id, case_id, new_due, old_due, origin_unit_id)`,
    [
      changes.map(() => newId()),
      changes.map((c) => c.campaign_id),
      changes.map((c) => c.id),
      changes.map((c) => c.new_due),
      event.at,
      event.actorUserId,
      event.reason,
      event.day,
      changes.map((c) => c.old_due),
      changes.map((c) => c.origin_unit_id),
    ],
  );
}

/**
 * Has the case moved on since the desk recorded it: replied, closed, extended, transferred again —
 * any event but its opening and the desk's own transfer at intake? Call it in the transaction that
 * changes the record: the case stays locked until it commits.
 */
export async function hasCaseMovedOn(db: Db, caseId: string): Promise<boolean> {
  // Locked first, as the case's own commands lock it: a reply in flight finishes before we look
  // (a statement of its own, so that it sees what that reply wrote), and none starts until we commit.
  await db.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  const { rows } = await db.query<{ moved: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM case_events
       WHERE case_id = $1 AND kind <> 'opened' AND NOT coalesce((details ->> 'atIntake')::boolean, false)
     ) AS moved`,
    [caseId],
  );
  return rows[0]!.moved;
}
