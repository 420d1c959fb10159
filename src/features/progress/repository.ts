import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';

export interface ProgressRow {
  open_day: string;
  summary_due_on: string | null;
  plans_due_on: string | null;
  today: string;
  /** Null on the one row of a campaign with no unit the actor may see. */
  unit_id: string | null;
  unit_name: string;
  unit_name_en: string | null;
  region_id: string;
  plan_filed_at: Date | null;
  desks: number;
  consultations: number;
  later_questions: number;
  last_consultation_at: Date | null;
  cases_open: number;
  cases_overdue: number;
  summary_status: 'draft' | 'submitted' | 'approved' | 'returned' | null;
}

/**
 * The progress of each participating unit the actor may see, in one statement. No rows when the
 * campaign does not exist; one row with a null unit when it has no unit the actor may see.
 * "Today" is China's day, as for the case figures.
 */
export async function queryCampaignProgress(db: Db, actor: UserActor, campaignId: string): Promise<ProgressRow[]> {
  const params: unknown[] = [campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  const { rows } = await db.query<ProgressRow>(
    `WITH ca AS (
       SELECT id, open_day, summary_due_on, plans_due_on, (now() AT TIME ZONE 'Asia/Shanghai')::date AS today
       FROM campaigns WHERE id = $1
     ), u AS (
       SELECT un.id, un.name, un.name_en, un.region_id, un.region_path FROM campaign_units cu
       JOIN units un ON un.id = cu.unit_id WHERE cu.campaign_id = $1 AND ${visible}
     ), p AS (
       SELECT p.unit_id, p.filed_at, (SELECT count(*) FROM desks d WHERE d.plan_id = p.id) AS desks
       FROM plans p WHERE p.campaign_id = $1 AND p.unit_id IN (SELECT id FROM u)
     ), c AS (
       SELECT unit_id, count(*) FILTER (WHERE question IS NOT NULL AND NOT later) AS consultations,
         count(*) FILTER (WHERE question IS NOT NULL AND later) AS later_questions,
         max(occurred_at) FILTER (WHERE NOT later) AS last_at
       FROM consultations WHERE campaign_id = $1 AND unit_id IN (SELECT id FROM u) GROUP BY unit_id
     ), cs AS (
       SELECT k.unit_id,
         count(*) FILTER (WHERE k.status IN ('open', 'transferred', 'reopened')) AS cases_open,
         count(*) FILTER (WHERE k.status IN ('open', 'transferred', 'reopened') AND k.due_on < ca.today) AS cases_overdue
       FROM (
         -- At the unit responsible, or at the unit whose consultation it is while a unit that does
         -- not take part holds it (ADR 36), as in the statistics.
         SELECT CASE WHEN EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = k.campaign_id
             AND cu.unit_id = k.unit_id) THEN k.unit_id ELSE k.origin_unit_id END AS unit_id, k.status, k.due_on
         FROM cases k WHERE k.campaign_id = $1
       ) k CROSS JOIN ca
       WHERE k.unit_id IN (SELECT id FROM u) GROUP BY k.unit_id
     )
     SELECT to_char(ca.open_day, 'YYYY-MM-DD') AS open_day,
       to_char(ca.summary_due_on, 'YYYY-MM-DD') AS summary_due_on,
       to_char(ca.plans_due_on, 'YYYY-MM-DD') AS plans_due_on, to_char(ca.today, 'YYYY-MM-DD') AS today,
       u.id AS unit_id, u.name AS unit_name, u.name_en AS unit_name_en, u.region_id,
       p.filed_at AS plan_filed_at, coalesce(p.desks, 0)::int AS desks,
       coalesce(c.consultations, 0)::int AS consultations, coalesce(c.later_questions, 0)::int AS later_questions,
       c.last_at AS last_consultation_at,
       coalesce(cs.cases_open, 0)::int AS cases_open, coalesce(cs.cases_overdue, 0)::int AS cases_overdue,
       s.status AS summary_status
     FROM ca
     LEFT JOIN u ON true
     LEFT JOIN p ON p.unit_id = u.id
     LEFT JOIN c ON c.unit_id = u.id
     LEFT JOIN cs ON cs.unit_id = u.id
     LEFT JOIN unit_summaries s ON s.campaign_id = ca.id AND s.unit_id = u.id
     ORDER BY u.region_path, u.name`,
    params,
  );
  return rows;
}
