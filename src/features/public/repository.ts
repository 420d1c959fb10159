import type { Db } from '../../platform/db/database.ts';
import { everyTermSql, gramsSql } from '../../platform/db/text-search.ts';
import type { RequestKind, RequestSource } from './schema.ts';

/** What came with a case asked through the public channel (table case_requests). */
export interface CaseRequestRow {
  case_id: string;
  /** The unit whose consultation the case is: the key its rows are kept by (ADR 38). */
  origin_unit_id: string;
  campaign_id: string;
  topic_id: string | null;
  kind: RequestKind;
  source: RequestSource;
  contact_email: string | null;
  address: string | null;
  address_id: string | null;
  lat: number | null;
  lon: number | null;
  device_id: string | null;
  account_id: string | null;
  created_at: Date;
}

export async function insertCaseRequest(db: Db, row: CaseRequestRow): Promise<void> {
  await db.query(
    `INSERT INTO case_requests (case_id, campaign_id, topic_id, kind, source, contact_email, address, address_id, lat, lon,
       device_id, account_id, created_at, origin_unit_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      row.case_id,
      row.campaign_id,
      row.topic_id,
      row.kind,
      row.source,
      row.contact_email,
      row.address,
      row.address_id,
      row.lat,
      row.lon,
      row.device_id,
      row.account_id,
      row.created_at,
      row.origin_unit_id,
    ],
  );
}

/** The e-mail a citizen left with a case, to keep it out of what is published. */
export async function findCaseRequestEmail(db: Db, caseId: string): Promise<string | null> {
  const { rows } = await db.query<{ contact_email: string | null }>(
    'SELECT contact_email FROM case_requests WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.contact_email ?? null;
}

/** Sets or clears the published texts of a case; returns the moment of publication. */
export async function updateCasePublication(
  db: Db,
  key: { id: string; origin_unit_id: string },
  publication: { question: string; answer: string; at: Date } | null,
): Promise<void> {
  await db.query(
    `UPDATE cases SET published_at = $2, public_question = $3, public_answer = $4, updated_at = now()
     WHERE id = $1 AND origin_unit_id = $5`,
    [key.id, publication?.at ?? null, publication?.question ?? null, publication?.answer ?? null, key.origin_unit_id],
  );
}

/**
 * The text the Q&A search looks in, of a published case (`k`) or a published answer given on the
 * spot (`p`). Written exactly as in the indexes cases_public_grams_idx (migration 20261128T040000)
 * and consultation_publications_grams_idx (20261205T010200), so that the index serves the search.
 */
const qaText = (alias: 'k' | 'p') => `(${alias}.public_question || ' ' || ${alias}.public_answer)`;

export interface QaRow {
  id: string;
  /** A published case, or an answer given on the spot published from the records. */
  kind: 'case' | 'on_the_spot';
  public_question: string;
  public_answer: string;
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  topic_code: string | null;
  topic_name: string | null;
  topic_name_en: string | null;
  replied_at: Date | null;
  published_at: Date;
}

/**
 * A page of the campaign's published questions and answers, newest first, by keyset: the published
 * cases and the answers given on the spot that were published. The topic is the one the request
 * was addressed to, or for a question recorded at a desk the campaign's topic of the same name.
 * Every word of q must occur in the question or the answer.
 */
export async function listQaRows(
  db: Db,
  campaignId: string,
  filter: { unitId?: string | undefined; topic?: string | undefined; terms: string[]; limit: number },
  after: [string, string] | undefined,
): Promise<QaRow[]> {
  const params: unknown[] = [campaignId];
  const unit = filter.unitId ? `$${params.push(filter.unitId)}` : undefined;
  const keyset = after ? [`$${params.push(after[0])}::timestamptz`, `$${params.push(after[1])}::uuid`] : undefined;
  // Each kind is narrowed by its own index (campaign, newest first; the grams of its text).
  const conditions = (alias: 'k' | 'p', id: string) => {
    const where = [`${alias}.campaign_id = $1`];
    if (unit) where.push(`${alias}.unit_id = ${unit}`);
    if (filter.terms.length) {
      where.push(gramsSql(qaText(alias), filter.terms, params), everyTermSql(qaText(alias), filter.terms, params));
    }
    if (keyset) where.push(`(${alias}.published_at, ${id}) < (${keyset[0]}, ${keyset[1]})`);
    return where.join(' AND ');
  };
  const cases = conditions('k', 'k.id');
  const onTheSpot = conditions('p', 'p.consultation_id');
  const topic = filter.topic ? `WHERE t.code = $${params.push(filter.topic)}` : '';
  const { rows } = await db.query<QaRow>(
    `SELECT q.id, q.kind, q.public_question, q.public_answer, q.unit_id, un.name AS unit_name, un.name_en AS unit_name_en,
       t.code AS topic_code, t.name AS topic_name, t.name_en AS topic_name_en, q.replied_at, q.published_at
     FROM (
       SELECT k.id, 'case' AS kind, k.campaign_id, k.unit_id, k.public_question, k.public_answer, k.replied_at, k.published_at,
         r.topic_id, c.topic
       FROM cases k JOIN consultations c ON c.id = k.consultation_id AND c.unit_id = k.origin_unit_id LEFT JOIN case_requests r ON r.case_id = k.id AND r.origin_unit_id = k.origin_unit_id
       WHERE k.published_at IS NOT NULL AND ${cases}
       UNION ALL
       SELECT p.consultation_id, 'on_the_spot', p.campaign_id, p.unit_id, p.public_question, p.public_answer, c.occurred_at,
         p.published_at, NULL::uuid, c.topic
       FROM consultation_publications p JOIN consultations c ON c.id = p.consultation_id
       WHERE ${onTheSpot}
     ) q
     JOIN units un ON un.id = q.unit_id
     LEFT JOIN LATERAL (
       SELECT t.code, t.name, t.name_en FROM campaign_topics t
       WHERE t.campaign_id = q.campaign_id AND (t.id = q.topic_id OR (q.topic_id IS NULL AND t.name = q.topic))
       ORDER BY t.code LIMIT 1
     ) t ON true
     ${topic}
     ORDER BY q.published_at DESC, q.id DESC
     LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}

/** An answer given on the spot as published in the Q&A (table consultation_publications). */
export interface ConsultationPublicationRow {
  consultation_id: string;
  campaign_id: string;
  unit_id: string;
  public_question: string;
  public_answer: string;
  published_at: Date;
  published_by: string | null;
}

export async function findConsultationPublication(
  db: Db,
  consultationId: string,
): Promise<ConsultationPublicationRow | undefined> {
  const { rows } = await db.query<ConsultationPublicationRow>(
    'SELECT * FROM consultation_publications WHERE consultation_id = $1 FOR UPDATE',
    [consultationId],
  );
  return rows[0];
}

/** Publishes (or publishes again, with new texts) an answer given on the spot. */
export async function upsertConsultationPublication(db: Db, row: ConsultationPublicationRow): Promise<void> {
  await db.query(
    `INSERT INTO consultation_publications
       (consultation_id, campaign_id, unit_id, public_question, public_answer, published_at, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (consultation_id, unit_id) DO UPDATE SET public_question = EXCLUDED.public_question,
       public_answer = EXCLUDED.public_answer, published_at = EXCLUDED.published_at,
       published_by = EXCLUDED.published_by`,
    [
      row.consultation_id,
      row.campaign_id,
      row.unit_id,
      row.public_question,
      row.public_answer,
      row.published_at,
      row.published_by,
    ],
  );
}

export async function deleteConsultationPublication(db: Db, consultationId: string): Promise<void> {
  await db.query('DELETE FROM consultation_publications WHERE consultation_id = $1', [consultationId]);
}
