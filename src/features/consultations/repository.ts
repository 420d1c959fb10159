import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import { AUDIT_COLUMNS, auditParams, type AuditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IdempotencyKey } from '../../platform/http/idempotency.ts';
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
  rating: Rating | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
  created_at: Date;
  created_by: string | null;
}

/** Columns in insert order; the bare benchmark route inserts the same list. */
export const CONSULTATION_COLUMNS = [
  'id',
  'campaign_id',
  'unit_id',
  'site_id',
  'desk_id',
  'visit_id',
  'occurred_at',
  'channel',
  'topic',
  'question',
  'answer',
  'outcome',
  'rating',
  'visitor_name',
  'visitor_phone',
  'contact_consent',
  'created_at',
  'created_by',
] as const;

export function consultationValues(row: ConsultationRow): unknown[] {
  return CONSULTATION_COLUMNS.map((column) => row[column]);
}

export interface InsertOutcome {
  /** The target unit takes part in the campaign, the actor reaches it, and the desk is the unit's. */
  accepted: boolean;
  /** False when the idempotency key had already been stored: nothing was written. */
  inserted: boolean;
  siteId: string | null;
}

/**
 * Records a consultation in one statement: checks the actor's reach, the unit's part in the
 * campaign and the desk; stores the idempotency key, the row and the audit entry together. One
 * round trip keeps intake fast, and a single statement is atomic on both drivers.
 */
export async function insertConsultation(
  db: Db,
  args: {
    row: ConsultationRow;
    actor: UserActor;
    key: IdempotencyKey | undefined;
    response: unknown;
    audit: AuditEntry;
  },
): Promise<InsertOutcome> {
  const { row, actor, key } = args;
  const params: unknown[] = consultationValues(row); // $1 … $18
  const visible = visibleUnitsSql(actor, 'consultations.create', 'un', params);
  const keyParams = [key?.scope ?? null, key?.key ?? null, key?.requestHash ?? null, JSON.stringify(args.response)];
  const k = params.length;
  params.push(...keyParams);
  const a = params.length;
  params.push(...auditParams(args.audit));
  const auditValues = Array.from({ length: 10 }, (_, i) => `$${a + i + 1}`);
  const { rows } = await db.query<{ accepted: number; inserted: number; site_id: string | null }>(
    `WITH target AS (
       SELECT un.id FROM units un
       JOIN campaign_units cu ON cu.unit_id = un.id AND cu.campaign_id = $2
       WHERE un.id = $3 AND ${visible}
     ), desk AS (
       SELECT d.site_id FROM desks d JOIN plans p ON p.id = d.plan_id
       WHERE d.id = $5 AND p.campaign_id = $2 AND p.unit_id = $3
     ), site AS (
       SELECT s.id FROM sites s JOIN plans p ON p.id = s.plan_id
       WHERE s.id = $4 AND p.campaign_id = $2 AND p.unit_id = $3
     ), ok AS (
       SELECT coalesce((SELECT site_id FROM desk), $4::uuid) AS site_id FROM target
       WHERE ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM desk))
         AND ($4::uuid IS NULL OR $5::uuid IS NOT NULL OR EXISTS (SELECT 1 FROM site))
     ), idem AS (
       INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response)
       SELECT $${k + 1}, $${k + 2}, $${k + 3}, 201, $${k + 4}::jsonb || jsonb_build_object('siteId', ok.site_id)
       FROM ok WHERE $${k + 2}::text IS NOT NULL
       ON CONFLICT DO NOTHING RETURNING 1
     ), ins AS (
       INSERT INTO consultations (${CONSULTATION_COLUMNS.join(', ')})
       SELECT $1, $2, $3, ok.site_id, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18 FROM ok
       WHERE $${k + 2}::text IS NULL OR EXISTS (SELECT 1 FROM idem)
       RETURNING id, site_id
     ), aud AS (
       INSERT INTO audit_log (${AUDIT_COLUMNS}) SELECT ${auditValues.join(', ')} FROM ins
     )
     SELECT (SELECT count(*) FROM ok)::int AS accepted, (SELECT count(*) FROM ins)::int AS inserted,
            (SELECT site_id FROM ok) AS site_id`,
    params,
  );
  const result = rows[0]!;
  return { accepted: result.accepted > 0, inserted: result.inserted > 0, siteId: result.site_id };
}

export async function findConsultationRow(
  db: Db,
  id: string,
): Promise<(ConsultationRow & { path: string; region_path: string }) | undefined> {
  const { rows } = await db.query<ConsultationRow & { path: string; region_path: string }>(
    'SELECT c.*, un.path, un.region_path FROM consultations c JOIN units un ON un.id = c.unit_id WHERE c.id = $1',
    [id],
  );
  return rows[0];
}

export async function updateConsultationRow(db: Db, row: ConsultationRow): Promise<void> {
  await db.query(
    `UPDATE consultations SET occurred_at = $2, channel = $3, topic = $4, question = $5, answer = $6, outcome = $7,
       rating = $8, visitor_name = $9, visitor_phone = $10, contact_consent = $11 WHERE id = $1`,
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
    ],
  );
}

export async function deleteConsultationRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM consultations WHERE id = $1', [id]);
}

/** A page of the consultations the actor may read, newest first, by keyset. */
export async function listConsultationRows(
  db: Db,
  actor: UserActor,
  filter: ConsultationQuery,
  after: [string, string] | undefined,
): Promise<ConsultationRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'consultations.read', 'un', params)];
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
  if (after)
    where.push(`(c.occurred_at, c.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  const { rows } = await db.query<ConsultationRow>(
    `SELECT c.* FROM consultations c JOIN units un ON un.id = c.unit_id
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
) {
  const { rows } = await db.query<{
    campaign: boolean;
    unit: boolean;
    participates: boolean;
    desk: boolean;
    site: boolean;
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
            (SELECT path FROM units WHERE id = $2) AS path,
            (SELECT region_path FROM units WHERE id = $2) AS region_path`,
    [campaignId, unitId, deskId, siteId],
  );
  return rows[0]!;
}
