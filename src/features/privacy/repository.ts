import { AUDIT_COLUMNS } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { maskPersonalData } from '../public/read.ts';

/**
 * Personal data lives in other features' tables (consultations: visitor name and phone; the
 * public channel's case_requests: e-mail and an Open311 client's account and device ids; the
 * plans' meeting_opinions: a name or number written in an opinion's text). Erasing
 * it is one concern across them, like the statistical summary reads across them, so its SQL is
 * here: it empties those columns and nothing else, leaving the anonymous record.
 */

/** Contact details of a consultation (and of its case's request) that are erased. */
const HOLDS_CONTACT = `(c.visitor_name IS NOT NULL OR c.visitor_phone IS NOT NULL)`;
const REQUEST_HOLDS_CONTACT = `(r.contact_email IS NOT NULL OR r.account_id IS NOT NULL OR r.device_id IS NOT NULL)`;

/** The retention of a campaign: its own setting, else the instance's default ($n). */
const retentionDays = (param: string) => `make_interval(days => coalesce(k.retention_days_after_close, ${param}::int))`;

/**
 * Erases, for at most `limit` records, the contact details whose time is up: a consultation's
 * when its case closed more than the retention ago, or, without a case, when it happened that long
 * ago; a case request's when its case closed that long ago. Returns the erased ids per campaign.
 */
export async function eraseExpiredBatch(
  tx: Db,
  options: { defaultDays: number; now: Date; limit: number },
): Promise<
  {
    campaignId: string;
    retentionDays: number;
    consultationIds: string[];
    caseRequestIds: string[];
    opinionIds: string[];
  }[]
> {
  const params = [options.defaultDays, options.now.toISOString(), options.limit];
  // Opinions first, while the names of the consultations they are linked to are still there.
  const opinions = await tx.query<OpinionText & { campaign_id: string; days: number }>(
    `WITH due AS (
       SELECT o.id FROM meeting_opinions o
       JOIN meetings m ON m.id = o.meeting_id
       JOIN campaigns k ON k.id = o.campaign_id
       LEFT JOIN consultations c ON c.id = o.consultation_id
       LEFT JOIN cases cs ON cs.id = coalesce(o.case_id, (SELECT x.id FROM cases x WHERE x.consultation_id = o.consultation_id))
       WHERE o.personal_data_erased_at IS NULL
         AND CASE WHEN cs.id IS NULL
               THEN coalesce(c.occurred_at, ((m.held_on + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
                      < $2::timestamptz - ${retentionDays('$1')}
               ELSE cs.status = 'closed' AND cs.closed_at < $2::timestamptz - ${retentionDays('$1')} END
       ORDER BY o.id
       LIMIT $3
       FOR UPDATE OF o SKIP LOCKED
     )
     SELECT o.id, o.campaign_id, o.text, o.response, o.created_at,
            coalesce(k.retention_days_after_close, $1::int) AS days,
            array_remove(ARRAY[c.visitor_name, cc.visitor_name], NULL) AS names
     FROM due JOIN meeting_opinions o ON o.id = due.id
     JOIN campaigns k ON k.id = o.campaign_id
     LEFT JOIN consultations c ON c.id = o.consultation_id
     LEFT JOIN cases cs ON cs.id = o.case_id
     LEFT JOIN consultations cc ON cc.id = cs.consultation_id`,
    params,
  );
  await maskOpinions(tx, opinions.rows, options.now);
  const consultations = await tx.query<{ id: string; campaign_id: string; days: number; created_at: Date }>(
    `WITH due AS (
       SELECT c.id FROM consultations c
       JOIN campaigns k ON k.id = c.campaign_id
       LEFT JOIN cases cs ON cs.consultation_id = c.id
       WHERE ${HOLDS_CONTACT}
         AND CASE WHEN cs.id IS NULL THEN c.occurred_at < $2::timestamptz - ${retentionDays('$1')}
                  ELSE cs.status = 'closed' AND cs.closed_at < $2::timestamptz - ${retentionDays('$1')} END
       ORDER BY c.id
       LIMIT $3
       FOR UPDATE OF c SKIP LOCKED
     )
     UPDATE consultations c
     SET visitor_name = NULL, visitor_phone = NULL, personal_data_erased_at = $2::timestamptz
     FROM due, campaigns k
     WHERE c.id = due.id AND k.id = c.campaign_id
     RETURNING c.id, c.campaign_id, coalesce(k.retention_days_after_close, $1::int) AS days, c.created_at`,
    params,
  );
  const requests = await tx.query<{ case_id: string; consultation_id: string; campaign_id: string; days: number }>(
    `WITH due AS (
       SELECT r.case_id FROM case_requests r
       JOIN cases cs ON cs.id = r.case_id
       JOIN campaigns k ON k.id = r.campaign_id
       WHERE ${REQUEST_HOLDS_CONTACT}
         AND cs.status = 'closed' AND cs.closed_at < $2::timestamptz - ${retentionDays('$1')}
       ORDER BY r.case_id
       LIMIT $3
       FOR UPDATE OF r SKIP LOCKED
     )
     UPDATE case_requests r SET contact_email = NULL, account_id = NULL, device_id = NULL
     FROM due, campaigns k, cases cs
     WHERE r.case_id = due.case_id AND k.id = r.campaign_id AND cs.id = r.case_id
     RETURNING r.case_id, cs.consultation_id, r.campaign_id, coalesce(k.retention_days_after_close, $1::int) AS days`,
    params,
  );
  await markErased(
    tx,
    requests.rows.map((r) => r.consultation_id),
    options.now,
  );
  await scrubStoredResponses(
    tx,
    consultations.rows.map((r) => r.id),
    consultations.rows.map((r) => r.created_at),
  );
  const byCampaign = new Map<
    string,
    { retentionDays: number; consultationIds: string[]; caseRequestIds: string[]; opinionIds: string[] }
  >();
  const entry = (campaignId: string, days: number) => {
    let found = byCampaign.get(campaignId);
    if (!found) {
      byCampaign.set(
        campaignId,
        (found = { retentionDays: days, consultationIds: [], caseRequestIds: [], opinionIds: [] }),
      );
    }
    return found;
  };
  for (const row of consultations.rows) entry(row.campaign_id, row.days).consultationIds.push(row.id);
  for (const row of requests.rows) entry(row.campaign_id, row.days).caseRequestIds.push(row.case_id);
  for (const row of opinions.rows) entry(row.campaign_id, row.days).opinionIds.push(row.id);
  return [...byCampaign].map(([campaignId, e]) => ({ campaignId, ...e }));
}

/**
 * A write's stored answer (idempotency_keys) may hold the contact details it was sent with, for a
 * unit admin's retry to see them again: they go with the record's. Only answers about these
 * consultations, and only their visitor fields, are changed.
 */
async function scrubStoredResponses(tx: Db, consultationIds: string[], createdAt: Date[]): Promise<void> {
  if (consultationIds.length === 0) return;
  const times = createdAt.map((d) => d.getTime());
  await tx.query(
    `UPDATE idempotency_keys
     SET response = response
       || CASE WHEN response ? 'visitorName' THEN jsonb_build_object('visitorName', NULL) ELSE '{}'::jsonb END
       || CASE WHEN response ? 'visitorPhone' THEN jsonb_build_object('visitorPhone', NULL) ELSE '{}'::jsonb END
     WHERE created_at >= $2::timestamptz - interval '1 day'
       AND response ->> 'id' = ANY($1::text[])
       AND (response ->> 'visitorName' IS NOT NULL OR response ->> 'visitorPhone' IS NOT NULL)`,
    [consultationIds, new Date(Math.min(...times)).toISOString()],
  );
}

/** What is held about the person behind a tracking code. */
export interface PersonalDataRow {
  case_id: string;
  campaign_id: string;
  unit_id: string;
  unit_path: string;
  unit_region_path: string;
  /** The unit that recorded the question. */
  origin_unit_id: string;
  origin_path: string;
  origin_region_path: string;
  consultation_id: string;
  visit_id: string;
  status: string;
  closed_at: Date | null;
  recorded_at: Date;
  visitor_name: string | null;
  visitor_phone: string | null;
  contact_consent: boolean;
  contact_email: string | null;
  personal_data_erased_at: Date | null;
  retention_days: number;
  /** Other questions of the same visit that hold contact details. */
  other_records: number;
}

/** The case by its tracking code (the citizen) or by its id (staff acting on a request). */
export type CaseKey = { trackingCode: string } | { caseId: string };

export async function findPersonalData(
  db: Db,
  key: CaseKey,
  defaultDays: number,
  options: { lock?: boolean } = {},
): Promise<PersonalDataRow | undefined> {
  const [column, value] = 'caseId' in key ? ['id', key.caseId] : ['tracking_code', key.trackingCode];
  if (options.lock) await db.query(`SELECT 1 FROM cases WHERE ${column} = $1 FOR UPDATE`, [value]);
  const { rows } = await db.query<PersonalDataRow>(
    `SELECT cs.id AS case_id, cs.campaign_id, cs.unit_id, u.path AS unit_path, u.region_path AS unit_region_path,
            c.unit_id AS origin_unit_id, ou.path AS origin_path, ou.region_path AS origin_region_path,
            c.id AS consultation_id, c.visit_id, cs.status, cs.closed_at,
            c.created_at AS recorded_at, c.visitor_name, c.visitor_phone, c.contact_consent, r.contact_email,
            c.personal_data_erased_at, coalesce(k.retention_days_after_close, $2::int) AS retention_days,
            (SELECT count(*)::int FROM consultations o
             WHERE o.visit_id = c.visit_id AND o.campaign_id = c.campaign_id AND o.id <> c.id
               AND (o.visitor_name IS NOT NULL OR o.visitor_phone IS NOT NULL)) AS other_records
     FROM cases cs
     JOIN consultations c ON c.id = cs.consultation_id AND c.unit_id = cs.origin_unit_id
     JOIN campaigns k ON k.id = cs.campaign_id
     JOIN units u ON u.id = cs.unit_id
     JOIN units ou ON ou.id = c.unit_id
     LEFT JOIN case_requests r ON r.case_id = cs.id
     WHERE cs.${column} = $1`,
    [value, defaultDays],
  );
  return rows[0];
}

/**
 * Erases the contact details of a visit (every question of it) and of its cases' requests, at the
 * visitor's request. Returns how many records changed.
 */
export async function eraseVisit(
  tx: Db,
  visit: { campaignId: string; visitId: string; at: Date },
): Promise<{ consultations: number; caseRequests: number; opinions: number }> {
  // The opinions linked to the visit's questions or their cases, masked with the names given.
  const opinions = await tx.query<OpinionText>(
    `WITH visit AS (
       SELECT c.id, cs.id AS case_id, c.visitor_name FROM consultations c LEFT JOIN cases cs ON cs.consultation_id = c.id
       WHERE c.campaign_id = $1 AND c.visit_id = $2
     )
     SELECT o.id, o.text, o.response, o.created_at,
            ARRAY(SELECT DISTINCT v.visitor_name FROM visit v WHERE v.visitor_name IS NOT NULL) AS names
     FROM meeting_opinions o
     WHERE o.campaign_id = $1
       AND (o.consultation_id IN (SELECT id FROM visit) OR o.case_id IN (SELECT case_id FROM visit))
     ORDER BY o.id
     FOR UPDATE OF o`,
    [visit.campaignId, visit.visitId],
  );
  const maskedOpinions = await maskOpinions(tx, opinions.rows, visit.at);
  const consultations = await tx.query<{ id: string; created_at: Date }>(
    `UPDATE consultations c SET visitor_name = NULL, visitor_phone = NULL, personal_data_erased_at = $3
     WHERE c.campaign_id = $1 AND c.visit_id = $2 AND ${HOLDS_CONTACT}
     RETURNING c.id, c.created_at`,
    [visit.campaignId, visit.visitId, visit.at.toISOString()],
  );
  const requests = await tx.query<{ consultation_id: string }>(
    `UPDATE case_requests r SET contact_email = NULL, account_id = NULL, device_id = NULL
     FROM cases cs JOIN consultations c ON c.id = cs.consultation_id AND c.unit_id = cs.origin_unit_id
     WHERE r.case_id = cs.id AND c.campaign_id = $1 AND c.visit_id = $2 AND ${REQUEST_HOLDS_CONTACT}
     RETURNING cs.consultation_id`,
    [visit.campaignId, visit.visitId],
  );
  await markErased(
    tx,
    requests.rows.map((r) => r.consultation_id),
    visit.at,
  );
  await scrubStoredResponses(
    tx,
    consultations.rows.map((r) => r.id),
    consultations.rows.map((r) => r.created_at),
  );
  return { consultations: consultations.rowCount, caseRequests: requests.rowCount, opinions: maskedOpinions };
}

/** An opinion's texts as read to be masked, with the names known to be the person's. */
interface OpinionText {
  id: string;
  text: string;
  response: string;
  created_at: Date;
  names: string[];
}

/** Only what identifies a person: the places opinions are about stay (an address is kept). */
const OPINION_MASKS = ['name', 'phone', 'id_number'] as const;
/** An e-mail address written in Chinese text, which has no spaces to end it: its ASCII characters only. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function maskText(text: string, names: readonly string[]): string {
  let out = text.replace(EMAIL_IN_TEXT, '***');
  // The known names first, then what looks like a name or a number whoever it is.
  for (const name of [...names, null]) {
    const masked = maskPersonalData(out, { name, phone: null, email: null }, { kinds: OPINION_MASKS });
    if (masked.found.length) out = masked.text;
  }
  return out;
}

/**
 * Masks the names, phone and ID numbers and e-mails in the opinions' text and response, marks them
 * masked, and masks them in a write's stored answer too (idempotency_keys, for retries). Returns
 * how many opinions changed or were marked for the first time.
 */
async function maskOpinions(tx: Db, rows: readonly OpinionText[], at: Date): Promise<number> {
  let changed = 0;
  for (const row of rows) {
    const text = maskText(row.text, row.names);
    const response = maskText(row.response, row.names);
    const { rowCount } = await tx.query(
      `UPDATE meeting_opinions SET text = $2, response = $3, personal_data_erased_at = coalesce(personal_data_erased_at, $4::timestamptz)
       WHERE id = $1 AND (text <> $2 OR response <> $3 OR personal_data_erased_at IS NULL)`,
      [row.id, text, response, at.toISOString()],
    );
    changed += rowCount;
    if (text !== row.text || response !== row.response) {
      await tx.query(
        `UPDATE idempotency_keys
         SET response = response || jsonb_build_object('text', $2::text, 'response', $3::text)
         WHERE created_at >= $4::timestamptz - interval '1 day' AND response ->> 'id' = $1 AND response ? 'meetingId'`,
        [row.id, text, response, row.created_at.toISOString()],
      );
    }
  }
  return changed;
}

/** A consultation whose only contact detail was its case request's is marked erased too. */
async function markErased(tx: Db, consultationIds: string[], at: Date): Promise<void> {
  if (consultationIds.length === 0) return;
  await tx.query(
    `UPDATE consultations SET personal_data_erased_at = $2::timestamptz
     WHERE id = ANY($1::uuid[]) AND personal_data_erased_at IS NULL`,
    [consultationIds, at.toISOString()],
  );
}

/** An audit entry of the system or of a citizen (no signed-in actor), in the write's transaction. */
export async function insertAnonymousAudit(
  tx: Db,
  entry: {
    action: string;
    entity: string;
    entityId: string;
    campaignId: string | null;
    unitId?: string | null;
    after: unknown;
  },
): Promise<void> {
  await tx.query(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, NULL, $7)`, [
    newId(),
    entry.action,
    entry.entity,
    entry.entityId,
    entry.unitId ?? null,
    entry.campaignId,
    JSON.stringify(entry.after),
  ]);
}

// Retention setting of a campaign

export async function findRetentionSetting(db: Db, campaignId: string): Promise<number | null | undefined> {
  const { rows } = await db.query<{ days: number | null }>(
    'SELECT retention_days_after_close AS days FROM campaigns WHERE id = $1',
    [campaignId],
  );
  return rows[0] ? rows[0].days : undefined;
}

export async function updateRetentionSetting(db: Db, campaignId: string, days: number | null): Promise<void> {
  await db.query('UPDATE campaigns SET retention_days_after_close = $2, updated_at = now() WHERE id = $1', [
    campaignId,
    days,
  ]);
}

/** Records whose contact details are still held, and of those how many are past their time now. */
export async function countHeldPersonalData(
  db: Db,
  campaignId: string,
  defaultDays: number,
): Promise<{ held: number; due: number }> {
  const { rows } = await db.query<{ held: number; due: number }>(
    `SELECT count(*)::int AS held,
            (count(*) FILTER (WHERE CASE WHEN cs.id IS NULL
               THEN c.occurred_at < now() - ${retentionDays('$2')}
               ELSE cs.status = 'closed' AND cs.closed_at < now() - ${retentionDays('$2')} END))::int AS due
     FROM consultations c JOIN campaigns k ON k.id = c.campaign_id LEFT JOIN cases cs ON cs.consultation_id = c.id
     WHERE c.campaign_id = $1 AND ${HOLDS_CONTACT}`,
    [campaignId, defaultDays],
  );
  return rows[0]!;
}
