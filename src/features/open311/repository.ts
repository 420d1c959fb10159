import type { Db } from '../../platform/db/database.ts';
import type { CaseStatus } from '../../domain/vocabulary.ts';

/** A case as Open311 shows it, with its unit, topic and where it was asked about. */
export interface RequestRow {
  id: string;
  status: CaseStatus;
  reply: string | null;
  due_on: string;
  updated_at: Date;
  published_at: Date | null;
  public_question: string | null;
  public_answer: string | null;
  occurred_at: Date;
  question: string | null;
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  unit_path: string;
  unit_region_path: string;
  topic_code: string | null;
  topic_name: string | null;
  topic_name_en: string | null;
  address: string | null;
  address_id: string | null;
  lat: number | null;
  lon: number | null;
}

export interface RequestFilter {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  statuses?: CaseStatus[] | undefined;
  limit: number;
}

/**
 * The campaign's cases as service requests, newest first. The service is the topic the request
 * was addressed to, or for a question recorded at a desk the campaign's topic of the same name.
 */
export async function listRequestRows(db: Db, campaignId: string, filter: RequestFilter): Promise<RequestRow[]> {
  const params: unknown[] = [campaignId];
  const where = ['k.campaign_id = $1'];
  if (filter.ids) where.push(`k.id = ANY($${params.push(filter.ids)}::uuid[])`);
  if (filter.serviceCodes) where.push(`t.code = ANY($${params.push(filter.serviceCodes)}::text[])`);
  if (filter.from) where.push(`c.occurred_at >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`c.occurred_at <= $${params.push(filter.to)}`);
  if (filter.statuses) where.push(`k.status = ANY($${params.push(filter.statuses)}::text[])`);
  const { rows } = await db.query<RequestRow>(
    `SELECT k.id, k.status, k.reply, k.due_on, k.updated_at, k.published_at, k.public_question, k.public_answer,
       c.occurred_at, c.question, un.id AS unit_id, un.name AS unit_name, un.name_en AS unit_name_en,
       un.path AS unit_path, un.region_path AS unit_region_path,
       t.code AS topic_code, t.name AS topic_name, t.name_en AS topic_name_en,
       r.address, r.address_id, r.lat, r.lon
     FROM cases k
     JOIN consultations c ON c.id = k.consultation_id AND c.unit_id = k.origin_unit_id
     JOIN units un ON un.id = k.unit_id
     LEFT JOIN case_requests r ON r.case_id = k.id AND r.origin_unit_id = k.origin_unit_id
     LEFT JOIN LATERAL (
       SELECT t.code, t.name, t.name_en FROM campaign_topics t
       WHERE t.campaign_id = k.campaign_id AND (t.id = r.topic_id OR (r.topic_id IS NULL AND t.name = c.topic))
       ORDER BY t.code LIMIT 1
     ) t ON true
     WHERE ${where.join(' AND ')}
     ORDER BY c.occurred_at DESC, k.id DESC
     LIMIT $${params.push(filter.limit)}`,
    params,
  );
  return rows;
}
