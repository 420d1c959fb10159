import type { Db } from '../../platform/db/database.ts';
import type { Topic } from './schema.ts';

export interface TopicRow {
  id: string;
  campaign_id: string;
  code: string;
  name: string;
  name_en: string | null;
  description: string;
  keywords: string[];
  group_name: string | null;
  unit_id: string;
  created_at: Date;
  updated_at: Date;
}

export function toTopic(row: TopicRow): Topic {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    keywords: row.keywords,
    group: row.group_name,
    unitId: row.unit_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listTopicRows(db: Db, campaignId: string): Promise<TopicRow[]> {
  const { rows } = await db.query<TopicRow>(
    'SELECT * FROM campaign_topics WHERE campaign_id = $1 ORDER BY group_name NULLS LAST, code',
    [campaignId],
  );
  return rows;
}

export async function findTopicRow(db: Db, campaignId: string, id: string): Promise<TopicRow | undefined> {
  const { rows } = await db.query<TopicRow>('SELECT * FROM campaign_topics WHERE campaign_id = $1 AND id = $2', [
    campaignId,
    id,
  ]);
  return rows[0];
}

export async function findTopicRowByCode(db: Db, campaignId: string, code: string): Promise<TopicRow | undefined> {
  const { rows } = await db.query<TopicRow>('SELECT * FROM campaign_topics WHERE campaign_id = $1 AND code = $2', [
    campaignId,
    code,
  ]);
  return rows[0];
}

const COLUMNS =
  'id, campaign_id, code, name, name_en, description, keywords, group_name, unit_id, created_at, updated_at';

/** Inserts topics, one statement whatever their number; a code already taken in the campaign is skipped. */
export async function insertTopicRows(db: Db, rows: readonly TopicRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO campaign_topics (${COLUMNS})
     SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, campaign_id uuid, code text, name text,
       name_en text, description text, keywords text[], group_name text, unit_id uuid, created_at timestamptz,
       updated_at timestamptz)
     ON CONFLICT (campaign_id, code) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return rowCount;
}

export async function updateTopicRow(db: Db, row: TopicRow): Promise<void> {
  await db.query(
    `UPDATE campaign_topics SET name = $2, name_en = $3, description = $4, keywords = $5, group_name = $6,
       unit_id = $7, updated_at = $8 WHERE id = $1`,
    [row.id, row.name, row.name_en, row.description, row.keywords, row.group_name, row.unit_id, row.updated_at],
  );
}

export async function deleteTopicRow(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM campaign_topics WHERE id = $1', [id]);
}
