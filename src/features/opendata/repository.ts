import type { Db } from '../../platform/db/database.ts';
import { CHANNELS, MEDIA } from '../../domain/vocabulary.ts';
import { DATASETS, type DatasetName } from './schema.ts';

/**
 * The open data's figures are counted straight from the records, like the statistical summary
 * (ADR: statistics reads every feature's table in one statement): one statement per table, its
 * groups and its total together (GROUPING SETS), over the consultations, meetings and publicity
 * of the units taking part.
 */

export interface FigureRow {
  is_total: boolean;
  /** The group's key columns (unit, topic, channel, day, village, medium); null on the total row. */
  keys: Record<string, string | null>;
  /** The dataset's figures by column name; null where not recorded (meeting participants). */
  figures: Record<string, number | null>;
}

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

/** The participating units with their region, as the per-unit tables name them. */
const CAMPAIGN_UNITS = `
  u AS (
    SELECT un.id, un.name, un.name_en, un.region_path, r.code AS region_code, r.name AS region_name
    FROM campaign_units cu JOIN units un ON un.id = cu.unit_id JOIN regions r ON r.id = un.region_id
    WHERE cu.campaign_id = $1
  )`;
const UNIT_KEYS_SQL = `u.id AS unit_id, min(u.name) AS unit_name, min(u.name_en) AS unit_name_en,
  min(u.region_code) AS region_code, min(u.region_name) AS region_name`;

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
      WITH ${CAMPAIGN_UNITS}
      SELECT grouping(u.id) = 1 AS is_total, ${UNIT_KEYS_SQL}, ${MEASURES_SQL}
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
  'meetings-by-unit': {
    keys: ['unit_id', 'unit_name', 'unit_name_en', 'region_code', 'region_name'],
    params: (id) => [id],
    // As the statistics count them (meetings of the unit's plan, the opinions raised there).
    sql: `
      WITH ${CAMPAIGN_UNITS},
      mt AS (
        SELECT p.unit_id, count(*) AS meetings, count(*) FILTER (WHERE m.kind = 'symposium') AS symposiums,
          sum(m.participant_count) AS participants
        FROM meetings m JOIN plans p ON p.id = m.plan_id WHERE p.campaign_id = $1 GROUP BY p.unit_id
      ), op AS (
        SELECT p.unit_id, count(*) AS opinions,
          count(*) FILTER (WHERE o.outcome = 'answered_on_spot') AS answered_on_spot,
          count(*) FILTER (WHERE o.outcome = 'transferred') AS transferred,
          count(*) FILTER (WHERE o.outcome = 'adopted') AS adopted,
          count(*) FILTER (WHERE o.outcome = 'under_study') AS under_study,
          count(*) FILTER (WHERE o.outcome = 'noted') AS noted
        FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id JOIN plans p ON p.id = m.plan_id
        WHERE o.campaign_id = $1 GROUP BY p.unit_id
      )
      SELECT grouping(u.id) = 1 AS is_total, ${UNIT_KEYS_SQL},
        coalesce(sum(mt.meetings), 0)::int AS meetings, coalesce(sum(mt.symposiums), 0)::int AS symposiums,
        sum(mt.participants)::int AS participants,
        coalesce(sum(op.opinions), 0)::int AS opinions,
        coalesce(sum(op.answered_on_spot), 0)::int AS opinions_answered_on_spot,
        coalesce(sum(op.transferred), 0)::int AS opinions_transferred,
        coalesce(sum(op.adopted), 0)::int AS opinions_adopted,
        coalesce(sum(op.under_study), 0)::int AS opinions_under_study,
        coalesce(sum(op.noted), 0)::int AS opinions_noted
      FROM u LEFT JOIN mt ON mt.unit_id = u.id LEFT JOIN op ON op.unit_id = u.id
      GROUP BY GROUPING SETS ((u.id), ())
      ORDER BY grouping(u.id), min(u.region_path), min(u.name), u.id`,
  },
  'media-by-unit': {
    keys: ['unit_id', 'unit_name', 'unit_name_en', 'region_code', 'region_name', 'medium'],
    params: (id) => [id, MEDIA],
    // Reports and posts only, the quantity of each (1 unless given), as the statistics count them.
    sql: `
      WITH ${CAMPAIGN_UNITS},
      items AS (
        SELECT pi.unit_id, pi.kind, pi.medium, pi.quantity, pi.reach FROM publicity_items pi
        WHERE pi.campaign_id = $1 AND pi.kind IN ('media_report', 'online_post')
      )
      SELECT grouping(u.id) = 1 AS is_total, ${UNIT_KEYS_SQL}, items.medium,
        coalesce(sum(items.quantity) FILTER (WHERE items.kind = 'media_report'), 0)::int AS reports,
        coalesce(sum(items.quantity) FILTER (WHERE items.kind = 'online_post'), 0)::int AS posts,
        coalesce(sum(items.reach), 0)::bigint AS reads,
        count(items.reach)::int AS reads_recorded
      FROM u JOIN items ON items.unit_id = u.id
      GROUP BY GROUPING SETS ((u.id, items.medium), ())
      ORDER BY grouping(u.id), min(u.region_path), min(u.name), u.id,
        array_position($2::text[], items.medium) NULLS LAST`,
  },
};

/** The groups of one open-data table with their figures, and the total row last. */
export async function queryFigures(db: Db, dataset: DatasetName, campaignId: string): Promise<FigureRow[]> {
  const query = QUERIES[dataset];
  const measures = DATASETS[dataset].measures.map((m) => m.name);
  const { rows } = await db.query<Record<string, unknown>>(query.sql, query.params(campaignId));
  return rows.map((row) => ({
    is_total: Boolean(row.is_total),
    keys: Object.fromEntries(query.keys.map((k) => [k, (row[k] as string | null) ?? null])),
    figures: Object.fromEntries(
      measures.map((name) => [name, row[name] === null || row[name] === undefined ? null : Number(row[name])]),
    ),
  }));
}
