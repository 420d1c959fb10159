import type { Db } from '../../platform/db/database.ts';
import type { RequestKind, RequestSource } from './schema.ts';

/** What came with a case asked through the public channel (table case_requests). */
export interface CaseRequestRow {
  case_id: string;
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
       device_id, account_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
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
  caseId: string,
  publication: { question: string; answer: string; at: Date } | null,
): Promise<void> {
  await db.query(
    `UPDATE cases SET published_at = $2, public_question = $3, public_answer = $4, updated_at = now() WHERE id = $1`,
    [caseId, publication?.at ?? null, publication?.question ?? null, publication?.answer ?? null],
  );
}

/**
 * The text the Q&A search looks in. Written exactly as in the index cases_public_grams_idx
 * (migration 20261128T040000) so that the index serves the search.
 */
const QA_TEXT = `(k.public_question || ' ' || k.public_answer)`;

export interface QaRow {
  id: string;
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
 * A page of the campaign's published questions and answers, newest first, by keyset. The topic
 * is the one the request was addressed to, or for a question recorded at a desk the campaign's
 * topic of the same name. Every word of q must occur in the question or the answer.
 */
export async function listQaRows(
  db: Db,
  campaignId: string,
  filter: { unitId?: string | undefined; topic?: string | undefined; terms: string[]; limit: number },
  after: [string, string] | undefined,
): Promise<QaRow[]> {
  const params: unknown[] = [campaignId];
  const where = ['k.campaign_id = $1', 'k.published_at IS NOT NULL'];
  if (filter.unitId) where.push(`k.unit_id = $${params.push(filter.unitId)}`);
  if (filter.topic) where.push(`t.code = $${params.push(filter.topic)}`);
  if (filter.terms.length) {
    // The index finds the candidates (their texts hold every character pair of the words), the
    // exact check keeps those where each word occurs.
    where.push(`openday_search_grams(${QA_TEXT}) @> openday_query_grams($${params.push(filter.terms.join(' '))})`);
    where.push(
      `(SELECT bool_and(strpos(lower(${QA_TEXT}), lower(term)) > 0) FROM unnest($${params.push(filter.terms)}::text[]) AS term)`,
    );
  }
  if (after) {
    where.push(`(k.published_at, k.id) < ($${params.push(after[0])}::timestamptz, $${params.push(after[1])}::uuid)`);
  }
  const { rows } = await db.query<QaRow>(
    `SELECT k.id, k.public_question, k.public_answer, k.unit_id, un.name AS unit_name, un.name_en AS unit_name_en,
       t.code AS topic_code, t.name AS topic_name, t.name_en AS topic_name_en, k.replied_at, k.published_at
     FROM cases k
     JOIN units un ON un.id = k.unit_id
     JOIN consultations c ON c.id = k.consultation_id
     LEFT JOIN case_requests r ON r.case_id = k.id
     LEFT JOIN LATERAL (
       SELECT t.code, t.name, t.name_en FROM campaign_topics t
       WHERE t.campaign_id = k.campaign_id AND (t.id = r.topic_id OR (r.topic_id IS NULL AND t.name = c.topic))
       ORDER BY t.code LIMIT 1
     ) t ON true
     WHERE ${where.join(' AND ')}
     ORDER BY k.published_at DESC, k.id DESC
     LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}
