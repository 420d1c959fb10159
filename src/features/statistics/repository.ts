import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';

export interface UnitFiguresRow {
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  region_id: string;
  people_received: number;
  consultations: number;
  answered_on_spot: number;
  transferred: number;
  follow_up: number;
  suggestions: number;
  complaints: number;
  very_satisfied: number;
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  very_dissatisfied: number;
  desks: number;
  staff: number | null;
  banners: number;
  panels: number;
  led_slogans: number;
  posters: number;
  newspaper_windows: number;
  online_posts: number;
  materials_printed: number | null;
  materials_distributed: number;
}

/** One row of figures per participating unit the actor may see, straight from the records. */
export async function queryUnitFigures(db: Db, actor: UserActor, campaignId: string): Promise<UnitFiguresRow[]> {
  const params: unknown[] = [campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  const { rows } = await db.query<UnitFiguresRow>(
    `WITH u AS (
       SELECT un.id, un.name, un.name_en, un.region_id, un.region_path FROM campaign_units cu
       JOIN units un ON un.id = cu.unit_id WHERE cu.campaign_id = $1 AND ${visible}
     ), c AS (
       SELECT unit_id,
         count(DISTINCT visit_id) AS people_received,
         count(*) FILTER (WHERE question IS NOT NULL) AS consultations,
         count(*) FILTER (WHERE outcome = 'answered_on_spot') AS answered_on_spot,
         count(*) FILTER (WHERE outcome = 'transferred') AS transferred,
         count(*) FILTER (WHERE outcome = 'follow_up') AS follow_up,
         count(*) FILTER (WHERE outcome = 'suggestion') AS suggestions,
         count(*) FILTER (WHERE outcome = 'complaint') AS complaints,
         count(*) FILTER (WHERE rating = 'very_satisfied') AS very_satisfied,
         count(*) FILTER (WHERE rating = 'satisfied') AS satisfied,
         count(*) FILTER (WHERE rating = 'basically_satisfied') AS basically_satisfied,
         count(*) FILTER (WHERE rating = 'dissatisfied') AS dissatisfied,
         count(*) FILTER (WHERE rating = 'very_dissatisfied') AS very_dissatisfied
       FROM consultations WHERE campaign_id = $1 AND unit_id IN (SELECT id FROM u) GROUP BY unit_id
     ), p AS (
       SELECT p.unit_id, p.staff_count, (SELECT count(*) FROM desks d WHERE d.plan_id = p.id) AS desks
       FROM plans p WHERE p.campaign_id = $1
     ), pub AS (
       SELECT unit_id,
         sum(quantity) FILTER (WHERE kind = 'banner') AS banners,
         sum(quantity) FILTER (WHERE kind = 'panel') AS panels,
         sum(quantity) FILTER (WHERE kind = 'led_slogan') AS led_slogans,
         sum(quantity) FILTER (WHERE kind = 'poster') AS posters,
         sum(quantity) FILTER (WHERE kind = 'newspaper_window') AS newspaper_windows,
         sum(quantity) FILTER (WHERE kind = 'online_post') AS online_posts
       FROM publicity_items WHERE campaign_id = $1 GROUP BY unit_id
     ), mat AS (
       SELECT unit_id, sum(print_run) AS printed FROM materials WHERE campaign_id = $1 GROUP BY unit_id
     ), dist AS (
       SELECT m.unit_id, sum(md.copies) AS distributed
       FROM material_distributions md JOIN materials m ON m.id = md.material_id
       WHERE md.campaign_id = $1 GROUP BY m.unit_id
     )
     SELECT u.id AS unit_id, u.name AS unit_name, u.name_en AS unit_name_en, u.region_id,
       coalesce(c.people_received, 0)::int AS people_received, coalesce(c.consultations, 0)::int AS consultations,
       coalesce(c.answered_on_spot, 0)::int AS answered_on_spot, coalesce(c.transferred, 0)::int AS transferred,
       coalesce(c.follow_up, 0)::int AS follow_up, coalesce(c.suggestions, 0)::int AS suggestions,
       coalesce(c.complaints, 0)::int AS complaints,
       coalesce(c.very_satisfied, 0)::int AS very_satisfied, coalesce(c.satisfied, 0)::int AS satisfied,
       coalesce(c.basically_satisfied, 0)::int AS basically_satisfied, coalesce(c.dissatisfied, 0)::int AS dissatisfied,
       coalesce(c.very_dissatisfied, 0)::int AS very_dissatisfied,
       coalesce(p.desks, 0)::int AS desks, p.staff_count AS staff,
       coalesce(pub.banners, 0)::int AS banners, coalesce(pub.panels, 0)::int AS panels,
       coalesce(pub.led_slogans, 0)::int AS led_slogans, coalesce(pub.posters, 0)::int AS posters,
       coalesce(pub.newspaper_windows, 0)::int AS newspaper_windows, coalesce(pub.online_posts, 0)::int AS online_posts,
       mat.printed::int AS materials_printed, coalesce(dist.distributed, 0)::int AS materials_distributed
     FROM u
     LEFT JOIN c ON c.unit_id = u.id
     LEFT JOIN p ON p.unit_id = u.id
     LEFT JOIN pub ON pub.unit_id = u.id
     LEFT JOIN mat ON mat.unit_id = u.id
     LEFT JOIN dist ON dist.unit_id = u.id
     ORDER BY u.region_path, u.name`,
    params,
  );
  return rows;
}
