import type { Db } from '../../platform/db/database.ts';
import { CHANNELS } from '../../domain/vocabulary.ts';
import type { DatasetName, MeasureName } from './schema.ts';

/**
 * The open data's figures are counted straight from the records, like the statistical summary
 * (ADR: statistics reads every feature's table in one statement): one statement per table, its
 * groups and its total together (GROUPING SETS), over the consultations of the units taking part.
 */

export type FigureRow = Record<MeasureName, number> & {
  is_total: boolean;
  /** The group's key columns (unit, topic, channel or day); null on the total row. */
  keys: Record<string, string | null>;
};

const MEASURES_SQL = `
  count(DISTINCT c.visit_id)::int AS people_received,
  count(c.question)::int AS consultations,
  (count(*) FILTER (WHERE c.outcome = 'answered_on_spot'))::int AS answered_on_spot,
  (count(*) FILTER (WHERE c.outcome = 'handled_on_spot'))::int AS handled_on_spot,
  (count(*) FILTER (WHERE c.outcome = 'transferred'))::int AS transferred,
  (count(*) FILTER (WHERE c.outcome = 'follow_up'))::int AS follow_up,
  (count(*) FILTER (WHERE c.outcome = 'suggestion'))::int AS suggestions,
  (count(*) FILTER (WHERE c.outcome = 'complaint'))::int AS complaints,
  (count(*) FILTER (WHERE c.question IS NOT NULL AND c.outcome IS NULL))::int AS outcome_not_recorded,
  count(c.rating)::int AS rated,
  (count(*) FILTER (WHERE c.rating = 'very_satisfied'))::int AS very_satisfied,
  (count(*) FILTER (WHERE c.rating = 'satisfied'))::int AS satisfied,
  (count(*) FILTER (WHERE c.rating = 'basically_satisfied'))::int AS basically_satisfied,
  (count(*) FILTER (WHERE c.rating = 'dissatisfied'))::int AS dissatisfied,
  (count(*) FILTER (WHERE c.rating = 'very_dissatisfied'))::int AS very_dissatisfied`;

/** The campaign's consultations in the units taking part, with the day they happened on locally. */
const CAMPAIGN_RECORDS = `
  records AS (
    SELECT c.visit_id, c.question, c.outcome, c.rating, c.channel, c.topic,
           (c.occurred_at AT TIME ZONE k.timezone)::date AS day
    FROM consultations c JOIN campaigns k ON k.id = c.campaign_id
    WHERE c.campaign_id = $1 AND NOT c.later
      AND c.unit_id IN (SELECT unit_id FROM campaign_units WHERE campaign_id = $1)
  )`;

const QUERIES: Record<DatasetName, { sql: string; params: (campaignId: string) => unknown[]; keys: string[] }> = {
  'figures-by-unit': {
    keys: ['unit_id', 'unit_name', 'unit_name_en', 'region_code', 'region_name'],
    params: (id) => [id],
    sql: `
      WITH u AS (
        SELECT un.id, un.name, un.name_en, un.region_path, r.code AS region_code, r.name AS region_name
        FROM campaign_units cu JOIN units un ON un.id = cu.unit_id JOIN regions r ON r.id = un.region_id
        WHERE cu.campaign_id = $1
      )
      SELECT grouping(u.id) = 1 AS is_total, u.id AS unit_id, min(u.name) AS unit_name, min(u.name_en) AS unit_name_en,
             min(u.region_code) AS region_code, min(u.region_name) AS region_name, ${MEASURES_SQL}
      FROM u LEFT JOIN consultations c ON c.campaign_id = $1 AND c.unit_id = u.id AND NOT c.later
      GROUP BY GROUPING SETS ((u.id), ())
      ORDER BY grouping(u.id), min(u.region_path), min(u.name), u.id`,
  },
  'figures-by-topic': {
    keys: ['topic', 'topic_kind'],
    params: (id) => [id],
    sql: `
      WITH ${CAMPAIGN_RECORDS},
      listed AS (
        SELECT unnest(d.topics) AS topic FROM desks d WHERE d.campaign_id = $1
        UNION SELECT t.name FROM campaign_topics t WHERE t.campaign_id = $1
      ),
      c AS (
        SELECT records.*, l.topic AS listed_topic,
               CASE WHEN records.topic IS NULL THEN 'unspecified' WHEN l.topic IS NOT NULL THEN 'listed' ELSE 'other' END
                 AS topic_kind
        FROM records LEFT JOIN listed l ON l.topic = records.topic
      )
      SELECT grouping(c.topic_kind) = 1 AS is_total, c.listed_topic AS topic, c.topic_kind, ${MEASURES_SQL}
      FROM c
      GROUP BY GROUPING SETS ((c.topic_kind, c.listed_topic), ())
      ORDER BY grouping(c.topic_kind), array_position(ARRAY['listed', 'other', 'unspecified'], c.topic_kind), c.listed_topic`,
  },
  'figures-by-channel': {
    keys: ['channel'],
    params: (id) => [id, CHANNELS],
    sql: `
      WITH ${CAMPAIGN_RECORDS}
      SELECT grouping(ch.channel) = 1 AS is_total, ch.channel, ${MEASURES_SQL}
      FROM unnest($2::text[]) WITH ORDINALITY AS ch (channel, n)
      LEFT JOIN records c ON c.channel = ch.channel
      GROUP BY GROUPING SETS ((ch.channel), ())
      ORDER BY grouping(ch.channel), min(ch.n)`,
  },
  'figures-by-day': {
    keys: ['day'],
    params: (id) => [id],
    sql: `
      WITH ${CAMPAIGN_RECORDS},
      days AS (
        SELECT g.d::date AS day FROM campaigns k, generate_series(k.starts_on, k.ends_on, interval '1 day') AS g (d)
        WHERE k.id = $1
        UNION SELECT day FROM records
      )
      SELECT grouping(days.day) = 1 AS is_total, to_char(days.day, 'YYYY-MM-DD') AS day, ${MEASURES_SQL}
      FROM days LEFT JOIN records c ON c.day = days.day
      GROUP BY GROUPING SETS ((days.day), ())
      ORDER BY grouping(days.day), days.day`,
  },
  'figures-by-village': {
    keys: ['region_code', 'region_name', 'region_name_en'],
    params: (id) => [id],
    sql: `
      WITH points AS (
        SELECT cp.id, cp.region_id FROM channel_points cp
        WHERE cp.campaign_id = $1 AND cp.region_id IS NOT NULL
          AND cp.unit_id IN (SELECT unit_id FROM campaign_units WHERE campaign_id = $1)
      ), v AS (SELECT DISTINCT r.id, r.code, r.name, r.name_en, r.path FROM points JOIN regions r ON r.id = points.region_id)
      SELECT grouping(v.id) = 1 AS is_total, min(v.code) AS region_code, min(v.name) AS region_name,
             min(v.name_en) AS region_name_en, ${MEASURES_SQL}
      FROM v JOIN points ON points.region_id = v.id
      LEFT JOIN consultations c ON c.campaign_id = $1 AND c.channel_point_id = points.id
      GROUP BY GROUPING SETS ((v.id), ())
      ORDER BY grouping(v.id), min(v.path)`,
  },
};

/** The groups of one open-data table with their figures, and the total row last. */
export async function queryFigures(db: Db, dataset: DatasetName, campaignId: string): Promise<FigureRow[]> {
  const query = QUERIES[dataset];
  const { rows } = await db.query<Record<string, unknown>>(query.sql, query.params(campaignId));
  return rows.map((row) => {
    const keys = Object.fromEntries(query.keys.map((k) => [k, (row[k] as string | null) ?? null]));
    return { ...(row as Record<MeasureName, number>), is_total: Boolean(row.is_total), keys };
  });
}
