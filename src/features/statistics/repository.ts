import type { UserActor } from '../../platform/auth/actor.ts';
import { grantsFor, visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import { MEDIA, type Medium } from '../../domain/vocabulary.ts';
import { mergeHistograms, type Histogram } from './figures.ts';

/** Media reports, online posts and their reach (views, reads) per medium: reports_newspaper, reach_wechat … */
export type MediaColumns = Record<`${'reports' | 'posts' | 'reach'}_${Medium}`, number>;
export const MEDIA_COLUMNS = MEDIA.flatMap((m) => [`reports_${m}`, `posts_${m}`, `reach_${m}`] as const);

export interface UnitFiguresRow extends MediaColumns {
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  region_id: string;
  people_received: number;
  consultations: number;
  /** Questions citizens asked after the campaign's last day: counted apart, in none of the other figures (ADR 28). */
  later_questions: number;
  answered_on_spot: number;
  /** 现场办理: services completed at the desk. */
  handled_on_spot: number;
  /** 领导接待: visits received by a leader on duty (person-times). */
  leader_receptions: number;
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
  /** 媒体报道: reports by outside outlets. */
  media_reports: number;
  /** Views and reads recorded on media reports and online posts. */
  media_reach: number;
  materials_printed: number | null;
  materials_distributed: number;
  /** Meetings of the unit's plan, symposiums among them, and their participants (null: none counted). */
  meetings: number;
  symposiums: number;
  meeting_participants: number | null;
  /** Opinions raised at the meetings, those answered on the spot and those transferred. */
  opinions: number;
  opinions_answered: number;
  opinions_transferred: number;
  opinions_adopted: number;
  // Cases (办件), counted at the unit responsible now, or at the unit whose consultation it is while a
  // unit that does not take part in the campaign holds it (ADR 36).
  cases_opened: number;
  cases_transferred: number;
  cases_open: number;
  cases_overdue: number;
  cases_due: number;
  cases_replied: number;
  replied_on_time: number;
  /** Working days from each replied case's clock start to its reply, for averages and medians. */
  reply_days: Histogram;
  case_very_satisfied: number;
  case_satisfied: number;
  case_basically_satisfied: number;
  case_dissatisfied: number;
  case_very_dissatisfied: number;
  /** 回访: follow-up calls, those that reached the citizen, and the ratings given on them. */
  return_visits: number;
  return_visits_reached: number;
  rv_very_satisfied: number;
  rv_satisfied: number;
  rv_basically_satisfied: number;
  rv_dissatisfied: number;
  rv_very_dissatisfied: number;
  /** Return visits on later questions' cases: counted apart, in none of the day's figures (ADR 28). */
  later_return_visits: number;
}

/** China's day, which decides what is overdue. */
const TODAY = `(SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS today) t`;

/**
 * The unit whose figures count a case or return visit `alias` (a case `k` joined to its consultation
 * `q`): the unit responsible (for a return visit: that made the call) when it takes part in the
 * campaign, else the unit whose consultation it is. A case a partner unit that does not take part
 * holds (joint desks, ADR 24) so counts once, at the unit that passed it on (ADR 36).
 */
const COUNTED_AT = (alias: 'k' | 'v') =>
  `CASE WHEN EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = ${alias}.campaign_id
     AND cu.unit_id = ${alias}.unit_id) THEN ${alias}.unit_id ELSE q.unit_id END`;

/**
 * Consultation and case figures per unit `u`, counted from the records: the reference the live
 * figures must equal (`openday figures verify`, the exactness tests, the bench's baseline).
 */
const FROM_RECORDS = `c AS (
       SELECT unit_id,
         count(DISTINCT visit_id) FILTER (WHERE NOT later) AS people_received,
         count(*) FILTER (WHERE question IS NOT NULL AND NOT later) AS consultations,
         count(*) FILTER (WHERE question IS NOT NULL AND later) AS later_questions,
         count(*) FILTER (WHERE outcome = 'answered_on_spot' AND NOT later) AS answered_on_spot,
         count(*) FILTER (WHERE outcome = 'handled_on_spot' AND NOT later) AS handled_on_spot,
         count(*) FILTER (WHERE outcome = 'transferred' AND NOT later) AS transferred,
         count(*) FILTER (WHERE outcome = 'follow_up' AND NOT later) AS follow_up,
         count(*) FILTER (WHERE outcome = 'suggestion' AND NOT later) AS suggestions,
         count(*) FILTER (WHERE outcome = 'complaint' AND NOT later) AS complaints,
         count(*) FILTER (WHERE rating = 'very_satisfied' AND NOT later) AS very_satisfied,
         count(*) FILTER (WHERE rating = 'satisfied' AND NOT later) AS satisfied,
         count(*) FILTER (WHERE rating = 'basically_satisfied' AND NOT later) AS basically_satisfied,
         count(*) FILTER (WHERE rating = 'dissatisfied' AND NOT later) AS dissatisfied,
         count(*) FILTER (WHERE rating = 'very_dissatisfied' AND NOT later) AS very_dissatisfied
       FROM consultations WHERE campaign_id = $1 AND unit_id IN (SELECT id FROM u) GROUP BY unit_id
     ), ck AS (
       -- The campaign's cases, each at the unit whose figures count it (ADR 36).
       SELECT k.id, ${COUNTED_AT('k')} AS unit_id, k.status, k.due_on, k.replied_at, k.clock_start_on, k.rating,
         k.later
       FROM cases k JOIN consultations q ON q.id = k.consultation_id
       WHERE k.campaign_id = $1
     ), cs AS (
       SELECT k.unit_id,
         count(*) AS cases_opened,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transferred')) AS cases_transferred,
         count(*) FILTER (WHERE k.status IN ('open', 'transferred', 'reopened')) AS cases_open,
         count(*) FILTER (WHERE k.status IN ('open', 'transferred', 'reopened') AND k.due_on < t.today) AS cases_overdue,
         count(*) FILTER (WHERE k.status IN ('replied', 'closed') OR k.due_on < t.today) AS cases_due,
         count(*) FILTER (WHERE k.status IN ('replied', 'closed')) AS cases_replied,
         count(*) FILTER (WHERE k.status IN ('replied', 'closed') AND r.day <= k.due_on) AS replied_on_time,
         count(*) FILTER (WHERE k.rating = 'very_satisfied') AS case_very_satisfied,
         count(*) FILTER (WHERE k.rating = 'satisfied') AS case_satisfied,
         count(*) FILTER (WHERE k.rating = 'basically_satisfied') AS case_basically_satisfied,
         count(*) FILTER (WHERE k.rating = 'dissatisfied') AS case_dissatisfied,
         count(*) FILTER (WHERE k.rating = 'very_dissatisfied') AS case_very_dissatisfied
       FROM ck k
       CROSS JOIN ${TODAY}
       CROSS JOIN LATERAL (SELECT (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date AS day) r
       WHERE k.unit_id IN (SELECT id FROM u) AND NOT k.later GROUP BY k.unit_id
     ), rd AS (
       SELECT unit_id, json_agg(json_build_array(days, n) ORDER BY days) AS reply_days FROM (
         SELECT k.unit_id,
           openday_working_days_between(k.clock_start_on, (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date) AS days,
           count(*) AS n
         FROM ck k
         WHERE k.unit_id IN (SELECT id FROM u) AND NOT k.later AND k.status IN ('replied', 'closed')
         GROUP BY 1, 2
       ) d GROUP BY unit_id
     ), rv AS (
       SELECT v.unit_id,
         count(*) FILTER (WHERE NOT v.later) AS return_visits,
         count(*) FILTER (WHERE v.reached AND NOT v.later) AS return_visits_reached,
         count(*) FILTER (WHERE v.rating = 'very_satisfied' AND NOT v.later) AS rv_very_satisfied,
         count(*) FILTER (WHERE v.rating = 'satisfied' AND NOT v.later) AS rv_satisfied,
         count(*) FILTER (WHERE v.rating = 'basically_satisfied' AND NOT v.later) AS rv_basically_satisfied,
         count(*) FILTER (WHERE v.rating = 'dissatisfied' AND NOT v.later) AS rv_dissatisfied,
         count(*) FILTER (WHERE v.rating = 'very_dissatisfied' AND NOT v.later) AS rv_very_dissatisfied,
         count(*) FILTER (WHERE v.later) AS later_return_visits
       FROM (
         SELECT ${COUNTED_AT('v')} AS unit_id, v.reached, v.rating, v.later
         FROM return_visits v JOIN cases k ON k.id = v.case_id JOIN consultations q ON q.id = k.consultation_id
         WHERE v.campaign_id = $1
       ) v WHERE v.unit_id IN (SELECT id FROM u) GROUP BY v.unit_id
     )`;

/**
 * The same figures read from the counts the triggers keep (live_figures, unit scopes): each unit's
 * rows summed on their own, in one pass (every figure is a sum, so rows of one key need not be
 * merged first; a unit at a time, so no table of every unit's sums is built),
 * the reply days' histogram as its rows come (merged by queryUnitFigures). Each unit's counts are read from
 * the covering primary key (campaign, scope, figure, key) INCLUDE (n), without the table's pages.
 * A lateral join from the units' rows (u) itself, not a table of sums joined to them again: the
 * sums are taken once per unit whatever the planner estimates (on tables not yet analyzed it
 * estimated one unit, and a join back to u summed every unit's figures once per unit).
 */
const LIVE_FIGURES_OF_U = `CROSS JOIN ${TODAY} CROSS JOIN LATERAL (
       SELECT sum(n) FILTER (WHERE figure = 'all.people') AS people_received,
         sum(n) FILTER (WHERE figure = 'all.consultations') AS consultations,
         sum(n) FILTER (WHERE figure = 'later.consultations') AS later_questions,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'answered_on_spot') AS answered_on_spot,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'handled_on_spot') AS handled_on_spot,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'transferred') AS transferred,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'follow_up') AS follow_up,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'suggestion') AS suggestions,
         sum(n) FILTER (WHERE figure = 'outcome.consultations' AND key = 'complaint') AS complaints,
         sum(n) FILTER (WHERE figure = 'rating' AND key = 'very_satisfied') AS very_satisfied,
         sum(n) FILTER (WHERE figure = 'rating' AND key = 'satisfied') AS satisfied,
         sum(n) FILTER (WHERE figure = 'rating' AND key = 'basically_satisfied') AS basically_satisfied,
         sum(n) FILTER (WHERE figure = 'rating' AND key = 'dissatisfied') AS dissatisfied,
         sum(n) FILTER (WHERE figure = 'rating' AND key = 'very_dissatisfied') AS very_dissatisfied,
         sum(n) FILTER (WHERE figure = 'cases') AS cases_opened,
         sum(n) FILTER (WHERE figure = 'cases.transferred') AS cases_transferred,
         sum(n) FILTER (WHERE figure = 'cases.open_due') AS cases_open,
         sum(n) FILTER (WHERE overdue) AS cases_overdue,
         sum(n) FILTER (WHERE overdue OR figure = 'cases.replied') AS cases_due,
         sum(n) FILTER (WHERE figure = 'cases.replied') AS cases_replied,
         sum(n) FILTER (WHERE figure = 'cases.replied_on_time') AS replied_on_time,
         sum(n) FILTER (WHERE figure = 'cases.rating' AND key = 'very_satisfied') AS case_very_satisfied,
         sum(n) FILTER (WHERE figure = 'cases.rating' AND key = 'satisfied') AS case_satisfied,
         sum(n) FILTER (WHERE figure = 'cases.rating' AND key = 'basically_satisfied') AS case_basically_satisfied,
         sum(n) FILTER (WHERE figure = 'cases.rating' AND key = 'dissatisfied') AS case_dissatisfied,
         sum(n) FILTER (WHERE figure = 'cases.rating' AND key = 'very_dissatisfied') AS case_very_dissatisfied,
         sum(n) FILTER (WHERE figure = 'return_visits') AS return_visits,
         sum(n) FILTER (WHERE figure = 'return_visits' AND key = 'reached') AS return_visits_reached,
         sum(n) FILTER (WHERE figure = 'return_visits.rating' AND key = 'very_satisfied') AS rv_very_satisfied,
         sum(n) FILTER (WHERE figure = 'return_visits.rating' AND key = 'satisfied') AS rv_satisfied,
         sum(n) FILTER (WHERE figure = 'return_visits.rating' AND key = 'basically_satisfied') AS rv_basically_satisfied,
         sum(n) FILTER (WHERE figure = 'return_visits.rating' AND key = 'dissatisfied') AS rv_dissatisfied,
         sum(n) FILTER (WHERE figure = 'return_visits.rating' AND key = 'very_dissatisfied') AS rv_very_dissatisfied,
         sum(n) FILTER (WHERE figure = 'later.return_visits') AS later_return_visits,
         json_agg(json_build_array(key::int, n)) FILTER (WHERE figure = 'cases.reply_days') AS reply_days
       FROM (
         -- n as int: a unit's count fits, and int sums add up in a bigint rather than a numeric.
         SELECT figure, key, n::int AS n,
           CASE WHEN figure = 'cases.open_due' THEN key::date < t.today ELSE false END AS overdue
         FROM live_figures
         WHERE campaign_id = $1 AND scope = u.id::text
           AND figure IN ('all.people', 'all.consultations', 'later.consultations', 'outcome.consultations', 'rating',
             'cases', 'cases.transferred', 'cases.open_due', 'cases.replied', 'cases.replied_on_time', 'cases.reply_days',
             'cases.rating', 'return_visits', 'return_visits.rating', 'later.return_visits')
       ) lf) c`;

/**
 * One row of figures per participating unit the actor may see. Consultation and case figures
 * come from the live figures (or, with `from: 'records'`, are counted from the records: the
 * reference); case figures count at the unit responsible now, a case held by a unit that does not
 * take part at the unit whose consultation it is (ADR 36), so the rows add up to the campaign's
 * totals; "today" is China's day. A case is
 * due when its due date has passed or it has been replied; replied on time when the reply's day is
 * on or before the due date; reply days are working days from the clock start (the consultation's
 * day, or the day of the poor rating that reopened it) to the reply.
 */
export async function queryUnitFigures(
  db: Db,
  actor: UserActor,
  campaignId: string,
  from: 'live' | 'records' = 'live',
  /** One unit's row only (a unit's summary), when the reader may see it. */
  unitId?: string,
): Promise<UnitFiguresRow[]> {
  const params: unknown[] = [campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  const one = unitId === undefined ? '' : ` AND un.id = $${params.push(unitId)}`;
  // The live figures come as one row per unit (c); the records' case, reply-day and return-visit
  // figures each as their own.
  const [caseFigures, replyDays, visitFigures] = from === 'live' ? ['c', 'c', 'c'] : ['cs', 'rd', 'rv'];
  const { rows } = await db.query<UnitFiguresRow>(
    `WITH u AS (
       SELECT un.id, un.name, un.name_en, un.region_id, un.region_path FROM campaign_units cu
       JOIN units un ON un.id = cu.unit_id WHERE cu.campaign_id = $1 AND ${visible}${one}
     ), ${from === 'live' ? '' : `${FROM_RECORDS}, `}p AS (
       SELECT p.unit_id, p.staff_count, (SELECT count(*) FROM desks d WHERE d.plan_id = p.id) AS desks
       FROM plans p WHERE p.campaign_id = $1
     ), pub AS (
       SELECT unit_id,
         sum(quantity) FILTER (WHERE kind = 'banner') AS banners,
         sum(quantity) FILTER (WHERE kind = 'panel') AS panels,
         sum(quantity) FILTER (WHERE kind = 'led_slogan') AS led_slogans,
         sum(quantity) FILTER (WHERE kind = 'poster') AS posters,
         sum(quantity) FILTER (WHERE kind = 'newspaper_window') AS newspaper_windows,
         sum(quantity) FILTER (WHERE kind = 'online_post') AS online_posts,
         sum(quantity) FILTER (WHERE kind = 'media_report') AS media_reports,
         sum(reach) AS media_reach,
         ${MEDIA.map(
           (m) => `sum(quantity) FILTER (WHERE kind = 'media_report' AND medium = '${m}') AS reports_${m},
         sum(quantity) FILTER (WHERE kind = 'online_post' AND medium = '${m}') AS posts_${m},
         sum(reach) FILTER (WHERE medium = '${m}') AS reach_${m}`,
         ).join(',\n         ')}
       FROM publicity_items WHERE campaign_id = $1 GROUP BY unit_id
     ), lr AS (
       -- Receptions are few and not a live figure: counted from the records (a partial index).
       SELECT c.unit_id, count(DISTINCT c.visit_id) AS leader_receptions
       FROM consultations c JOIN duty_staff ds ON ds.id = c.received_by
       WHERE c.campaign_id = $1 AND c.received_by IS NOT NULL AND ds.leader GROUP BY c.unit_id
     ), mt AS (
       SELECT p.unit_id, count(*) AS meetings, count(*) FILTER (WHERE m.kind = 'symposium') AS symposiums,
         sum(m.participant_count) AS participants
       FROM meetings m JOIN plans p ON p.id = m.plan_id WHERE p.campaign_id = $1 GROUP BY p.unit_id
     ), op AS (
       SELECT p.unit_id, count(*) AS opinions,
         count(*) FILTER (WHERE o.outcome = 'answered_on_spot') AS answered,
         count(*) FILTER (WHERE o.outcome = 'transferred') AS transferred,
         count(*) FILTER (WHERE o.outcome = 'adopted') AS adopted
       FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id JOIN plans p ON p.id = m.plan_id
       WHERE o.campaign_id = $1 GROUP BY p.unit_id
     ), mat AS (
       SELECT unit_id, sum(print_run) AS printed FROM materials WHERE campaign_id = $1 GROUP BY unit_id
     ), dist AS (
       SELECT m.unit_id, sum(md.copies) AS distributed
       FROM material_distributions md JOIN materials m ON m.id = md.material_id
       WHERE md.campaign_id = $1 GROUP BY m.unit_id
     )
     SELECT u.id AS unit_id, u.name AS unit_name, u.name_en AS unit_name_en, u.region_id,
       coalesce(c.people_received, 0)::int AS people_received, coalesce(c.consultations, 0)::int AS consultations,
       coalesce(c.later_questions, 0)::int AS later_questions,
       coalesce(c.answered_on_spot, 0)::int AS answered_on_spot, coalesce(c.transferred, 0)::int AS transferred,
       coalesce(c.handled_on_spot, 0)::int AS handled_on_spot,
       coalesce(lr.leader_receptions, 0)::int AS leader_receptions,
       coalesce(c.follow_up, 0)::int AS follow_up, coalesce(c.suggestions, 0)::int AS suggestions,
       coalesce(c.complaints, 0)::int AS complaints,
       coalesce(c.very_satisfied, 0)::int AS very_satisfied, coalesce(c.satisfied, 0)::int AS satisfied,
       coalesce(c.basically_satisfied, 0)::int AS basically_satisfied, coalesce(c.dissatisfied, 0)::int AS dissatisfied,
       coalesce(c.very_dissatisfied, 0)::int AS very_dissatisfied,
       coalesce(p.desks, 0)::int AS desks, p.staff_count AS staff,
       coalesce(pub.banners, 0)::int AS banners, coalesce(pub.panels, 0)::int AS panels,
       coalesce(pub.led_slogans, 0)::int AS led_slogans, coalesce(pub.posters, 0)::int AS posters,
       coalesce(pub.newspaper_windows, 0)::int AS newspaper_windows, coalesce(pub.online_posts, 0)::int AS online_posts,
       coalesce(pub.media_reports, 0)::int AS media_reports, coalesce(pub.media_reach, 0)::bigint AS media_reach,
       ${MEDIA_COLUMNS.map((c) => `coalesce(pub.${c}, 0)::${c.startsWith('reach') ? 'bigint' : 'int'} AS ${c}`).join(', ')},
       mat.printed::int AS materials_printed, coalesce(dist.distributed, 0)::int AS materials_distributed,
       coalesce(mt.meetings, 0)::int AS meetings, coalesce(mt.symposiums, 0)::int AS symposiums,
       mt.participants::int AS meeting_participants, coalesce(op.opinions, 0)::int AS opinions,
       coalesce(op.answered, 0)::int AS opinions_answered, coalesce(op.transferred, 0)::int AS opinions_transferred,
       coalesce(op.adopted, 0)::int AS opinions_adopted,
       coalesce(${caseFigures}.cases_opened, 0)::int AS cases_opened, coalesce(${caseFigures}.cases_transferred, 0)::int AS cases_transferred,
       coalesce(${caseFigures}.cases_open, 0)::int AS cases_open, coalesce(${caseFigures}.cases_overdue, 0)::int AS cases_overdue,
       coalesce(${caseFigures}.cases_due, 0)::int AS cases_due, coalesce(${caseFigures}.cases_replied, 0)::int AS cases_replied,
       coalesce(${caseFigures}.replied_on_time, 0)::int AS replied_on_time, coalesce(${replyDays}.reply_days, '[]'::json) AS reply_days,
       coalesce(${caseFigures}.case_very_satisfied, 0)::int AS case_very_satisfied,
       coalesce(${caseFigures}.case_satisfied, 0)::int AS case_satisfied,
       coalesce(${caseFigures}.case_basically_satisfied, 0)::int AS case_basically_satisfied,
       coalesce(${caseFigures}.case_dissatisfied, 0)::int AS case_dissatisfied,
       coalesce(${caseFigures}.case_very_dissatisfied, 0)::int AS case_very_dissatisfied,
       coalesce(${visitFigures}.return_visits, 0)::int AS return_visits,
       coalesce(${visitFigures}.return_visits_reached, 0)::int AS return_visits_reached,
       coalesce(${visitFigures}.rv_very_satisfied, 0)::int AS rv_very_satisfied,
       coalesce(${visitFigures}.rv_satisfied, 0)::int AS rv_satisfied,
       coalesce(${visitFigures}.rv_basically_satisfied, 0)::int AS rv_basically_satisfied,
       coalesce(${visitFigures}.rv_dissatisfied, 0)::int AS rv_dissatisfied,
       coalesce(${visitFigures}.rv_very_dissatisfied, 0)::int AS rv_very_dissatisfied,
       coalesce(${visitFigures}.later_return_visits, 0)::int AS later_return_visits
     FROM u
     ${from === 'live' ? LIVE_FIGURES_OF_U : 'LEFT JOIN c ON c.unit_id = u.id'}
     LEFT JOIN p ON p.unit_id = u.id
     LEFT JOIN pub ON pub.unit_id = u.id
     LEFT JOIN lr ON lr.unit_id = u.id
     LEFT JOIN mt ON mt.unit_id = u.id
     LEFT JOIN op ON op.unit_id = u.id
     LEFT JOIN mat ON mat.unit_id = u.id
     LEFT JOIN dist ON dist.unit_id = u.id
     ${from === 'live' ? '' : 'LEFT JOIN cs ON cs.unit_id = u.id LEFT JOIN rd ON rd.unit_id = u.id LEFT JOIN rv ON rv.unit_id = u.id'}
     ORDER BY u.region_path, u.name`,
    params,
  );
  // Reply days from the live figures come a row per count (a key may have a count and deltas).
  return from === 'live' ? rows.map((row) => ({ ...row, reply_days: mergeHistograms(row.reply_days) })) : rows;
}

export interface BreakdownRow {
  /** True for the row of totals (the empty grouping set). */
  total: boolean;
  key: string | null;
  name: string | null;
  name_en: string | null;
  people_received: number;
  consultations: number;
}

/**
 * The region scopes of an organizer's reach (a region inside another dropped), when the reach is
 * regions only: then live_figures hold its units' records in those few rows. Null otherwise (a
 * unit admin's or responder's reach, a mix, or one unit asked for): its units count one by one.
 */
export function regionScopes(actor: UserActor, unitId?: string): string[] | null {
  const grants = grantsFor(actor, 'statistics.read');
  if (unitId !== undefined || grants.length === 0 || !grants.every((g) => g.role === 'organizer')) return null;
  const paths = [...new Set(grants.map((g) => g.regionPath))];
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other))).sort();
}

/**
 * The live_figures scopes that together hold exactly the participating units the actor may see
 * in a campaign (or the one unit asked for, when visible): an organizer's regions, otherwise the
 * units one by one.
 */
export async function visibleScopes(db: Db, actor: UserActor, campaignId: string, unitId?: string): Promise<string[]> {
  const regions = regionScopes(actor, unitId);
  if (regions) return regions;
  const params: unknown[] = [campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  let only = '';
  if (unitId !== undefined) {
    params.push(unitId);
    only = `AND un.id = $${params.length}`;
  }
  const { rows } = await db.query<{ id: string }>(
    `SELECT un.id FROM campaign_units cu JOIN units un ON un.id = cu.unit_id
     WHERE cu.campaign_id = $1 AND ${visible} ${only}`,
    params,
  );
  return rows.map((row) => row.id);
}

export interface LiveCount {
  figure: string;
  key: string;
  n: number;
}

/** The live figures of a campaign summed over scopes (see visibleScopes); zero counts left out. */
export async function queryLiveCounts(db: Db, campaignId: string, scopes: readonly string[]): Promise<LiveCount[]> {
  const { rows } = await db.query<LiveCount>(
    `SELECT figure, key, sum(n)::int AS n FROM live_figures
     WHERE campaign_id = $1 AND scope = ANY($2::text[])
     GROUP BY figure, key HAVING sum(n) <> 0`,
    [campaignId, scopes],
    // Planned once per connection: every dashboard reading runs it.
    { name: 'statistics.live-counts' },
  );
  return rows;
}

export interface UnitTotalRow {
  unit_id: string;
  unit_name: string;
  unit_name_en: string | null;
  path: string;
  region_path: string;
  consultations: number;
  people_received: number;
}

/**
 * Every participating unit of a campaign with its consultations and people received, from the
 * live figures: one index-only scan of the two figures (figure_counts_figure_idx) and the units.
 * Read once for all the dashboards of a campaign, which rank the busiest of their reader's units.
 */
export async function queryUnitTotals(db: Db, campaignId: string): Promise<UnitTotalRow[]> {
  const { rows } = await db.query<UnitTotalRow>(
    `SELECT un.id AS unit_id, un.name AS unit_name, un.name_en AS unit_name_en, un.path, un.region_path,
       coalesce(f.consultations, 0)::int AS consultations, coalesce(f.people, 0)::int AS people_received
     FROM campaign_units cu
     JOIN units un ON un.id = cu.unit_id
     LEFT JOIN (
       SELECT scope, sum(n) FILTER (WHERE figure = 'all.consultations') AS consultations,
         sum(n) FILTER (WHERE figure = 'all.people') AS people
       FROM live_figures
       WHERE campaign_id = $1 AND figure IN ('all.consultations', 'all.people') AND key = ''
       GROUP BY scope
     ) f ON f.scope = un.id::text
     WHERE cu.campaign_id = $1`,
    [campaignId],
  );
  return rows;
}

/**
 * The consultations of a campaign by region, at the units the actor may see (optionally one of
 * them), with a row of totals, from the live figures. Regions are the level below `scopePath` (the
 * region tree path the reader's grants cover): each unit counts at the child region its region
 * lies in, or at its own region when that is the scope itself; every region with a participating
 * unit is listed, with zeros when nothing was recorded there.
 */
export async function queryRegionBreakdown(
  db: Db,
  actor: UserActor,
  input: { campaignId: string; unitId?: string; scopePath: string },
): Promise<BreakdownRow[]> {
  const params: unknown[] = [input.campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  let only = '';
  if (input.unitId) {
    params.push(input.unitId);
    only = `AND un.id = $${params.length}`;
  }
  params.push(input.scopePath);
  const scope = `$${params.length}::text`;
  const { rows } = await db.query<BreakdownRow>(
    `WITH u AS (
       SELECT un.id, un.region_path FROM campaign_units cu JOIN units un ON un.id = cu.unit_id
       WHERE cu.campaign_id = $1 AND ${visible} ${only}
     ), placed AS (
       SELECT u.id, CASE WHEN starts_with(u.region_path, ${scope}) AND u.region_path <> ${scope}
         THEN ${scope} || split_part(substr(u.region_path, length(${scope}) + 1), '/', 1) || '/'
         ELSE u.region_path END AS bucket
       FROM u
     )
     SELECT grouping(r.id) = 1 AS total, r.id::text AS key, r.name, r.name_en,
       coalesce(sum(f.n) FILTER (WHERE f.figure = 'all.people'), 0)::int AS people_received,
       coalesce(sum(f.n) FILTER (WHERE f.figure = 'all.consultations'), 0)::int AS consultations
     FROM placed p
     JOIN regions r ON r.path = p.bucket
     LEFT JOIN live_figures f ON f.campaign_id = $1 AND f.scope = p.id::text
       AND f.figure IN ('all.people', 'all.consultations') AND f.key = ''
     GROUP BY GROUPING SETS ((r.id, r.name, r.name_en, r.path), ())
     ORDER BY total, r.path`,
    params,
  );
  return rows;
}

/** A partner at a unit's desks with its figures there (joint desks, 联合设台). */
export interface PartnerFiguresRow {
  /** The unit whose desks the partner sat at. */
  host_unit_id: string;
  partner_id: string;
  name: string;
  name_en: string | null;
  partner_unit_id: string | null;
  consultations: number;
  people_received: number;
  cases_transferred: number;
  cases_answered: number;
}

/**
 * The partners of these units' desks in the campaign, each with the questions its staff answered
 * there and the units' cases transferred to it (a partner unit) and replied by it. Partners are few;
 * the consultations are read through their partial index.
 */
export async function queryPartnerFigures(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
): Promise<PartnerFiguresRow[]> {
  if (!unitIds.length) return [];
  const { rows } = await db.query<PartnerFiguresRow>(
    `WITH c AS (
       SELECT unit_id, partner_id, count(*) FILTER (WHERE question IS NOT NULL) AS consultations,
              count(DISTINCT visit_id) AS people_received
       FROM consultations WHERE campaign_id = $1 AND unit_id = ANY($2::uuid[]) AND partner_id IS NOT NULL
       GROUP BY unit_id, partner_id
     ), k AS (
       SELECT q.unit_id, pa.id AS partner_id, count(DISTINCT k.id) AS cases_transferred,
              count(DISTINCT k.id) FILTER (WHERE k.unit_id = pa.partner_unit_id AND k.replied_at IS NOT NULL)
                AS cases_answered
       FROM partners pa
       JOIN case_events e ON e.to_unit_id = pa.partner_unit_id AND e.kind = 'transferred' AND e.campaign_id = $1
       JOIN cases k ON k.id = e.case_id JOIN consultations q ON q.id = k.consultation_id
       WHERE pa.campaign_id = $1 AND q.unit_id = ANY($2::uuid[])
       GROUP BY q.unit_id, pa.id
     ), at_desks AS (
       SELECT p.unit_id, dp.partner_id FROM desk_partners dp
       JOIN desks d ON d.id = dp.desk_id JOIN plans p ON p.id = d.plan_id
       WHERE dp.campaign_id = $1 AND p.unit_id = ANY($2::uuid[])
       UNION SELECT unit_id, partner_id FROM c
       UNION SELECT unit_id, partner_id FROM k
     )
     SELECT a.unit_id AS host_unit_id, pa.id AS partner_id, pa.name, pa.name_en, pa.partner_unit_id,
            coalesce(c.consultations, 0)::int AS consultations, coalesce(c.people_received, 0)::int AS people_received,
            coalesce(k.cases_transferred, 0)::int AS cases_transferred,
            coalesce(k.cases_answered, 0)::int AS cases_answered
     FROM at_desks a JOIN partners pa ON pa.id = a.partner_id
     LEFT JOIN c ON c.unit_id = a.unit_id AND c.partner_id = a.partner_id
     LEFT JOIN k ON k.unit_id = a.unit_id AND k.partner_id = a.partner_id
     ORDER BY a.unit_id, people_received DESC, consultations DESC, cases_transferred DESC, pa.name, pa.id`,
    [campaignId, unitIds],
  );
  return rows;
}

/** A unit's figures in one village or community, or (region_id null) of its channel points in no village. */
export interface VillageFiguresRow {
  unit_id: string;
  region_id: string | null;
  name: string | null;
  name_en: string | null;
  hotlines: number;
  mailboxes: number;
  consultations: number;
  people_received: number;
  publicity_items: number;
  publicity_quantity: number;
}

/**
 * Per unit and village: its hotlines and mailboxes there, the questions and people that came
 * through them, and the publicity items put up there; one row more per unit for its channel points
 * in no village. Channel points and village publicity are few; consultations are read through
 * their partial index on channel_point_id.
 */
export async function queryVillageFigures(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
): Promise<VillageFiguresRow[]> {
  if (!unitIds.length) return [];
  const { rows } = await db.query<VillageFiguresRow>(
    `WITH pts AS (
       SELECT unit_id, region_id, count(*) FILTER (WHERE kind = 'hotline') AS hotlines,
              count(*) FILTER (WHERE kind = 'mailbox') AS mailboxes
       FROM channel_points WHERE campaign_id = $1 AND unit_id = ANY($2::uuid[])
       GROUP BY unit_id, region_id
     ), c AS (
       SELECT q.unit_id, cp.region_id, count(*) FILTER (WHERE q.question IS NOT NULL) AS consultations,
              count(DISTINCT q.visit_id) AS people_received
       FROM consultations q JOIN channel_points cp ON cp.id = q.channel_point_id
       WHERE q.channel_point_id IS NOT NULL AND q.campaign_id = $1 AND q.unit_id = ANY($2::uuid[])
       GROUP BY q.unit_id, cp.region_id
     ), p AS (
       SELECT unit_id, region_id, count(*) AS items, sum(quantity) AS quantity
       FROM publicity_items
       WHERE campaign_id = $1 AND unit_id = ANY($2::uuid[]) AND region_id IS NOT NULL
       GROUP BY unit_id, region_id
     ), places AS (
       SELECT unit_id, region_id FROM pts UNION SELECT unit_id, region_id FROM c UNION SELECT unit_id, region_id FROM p
     )
     SELECT pl.unit_id, pl.region_id, r.name, r.name_en,
            coalesce(pts.hotlines, 0)::int AS hotlines, coalesce(pts.mailboxes, 0)::int AS mailboxes,
            coalesce(c.consultations, 0)::int AS consultations, coalesce(c.people_received, 0)::int AS people_received,
            coalesce(p.items, 0)::int AS publicity_items, coalesce(p.quantity, 0)::int AS publicity_quantity
     FROM places pl LEFT JOIN regions r ON r.id = pl.region_id
     LEFT JOIN pts ON pts.unit_id = pl.unit_id AND pts.region_id IS NOT DISTINCT FROM pl.region_id
     LEFT JOIN c ON c.unit_id = pl.unit_id AND c.region_id IS NOT DISTINCT FROM pl.region_id
     LEFT JOIN p ON p.unit_id = pl.unit_id AND p.region_id IS NOT DISTINCT FROM pl.region_id
     ORDER BY pl.unit_id, r.path NULLS LAST`,
    [campaignId, unitIds],
  );
  return rows;
}

/** The participating units of a campaign the actor may see, with their names, in region order. */
export async function queryVisibleUnits(
  db: Db,
  actor: UserActor,
  campaignId: string,
): Promise<{ unit_id: string; unit_name: string; unit_name_en: string | null }[]> {
  const params: unknown[] = [campaignId];
  const visible = visibleUnitsSql(actor, 'statistics.read', 'un', params);
  const { rows } = await db.query<{ unit_id: string; unit_name: string; unit_name_en: string | null }>(
    `SELECT un.id AS unit_id, un.name AS unit_name, un.name_en AS unit_name_en
     FROM campaign_units cu JOIN units un ON un.id = cu.unit_id
     WHERE cu.campaign_id = $1 AND ${visible} ORDER BY un.region_path, un.name`,
    params,
  );
  return rows;
}

/** People who came through each unit's hotlines and mailboxes, each visit once whatever points it used. */
export async function queryChannelPointPeople(
  db: Db,
  campaignId: string,
  unitIds: readonly string[],
): Promise<{ unit_id: string; people_received: number }[]> {
  if (!unitIds.length) return [];
  const { rows } = await db.query<{ unit_id: string; people_received: number }>(
    `SELECT unit_id, count(DISTINCT visit_id)::int AS people_received FROM consultations
     WHERE channel_point_id IS NOT NULL AND campaign_id = $1 AND unit_id = ANY($2::uuid[]) GROUP BY unit_id`,
    [campaignId, unitIds],
  );
  return rows;
}

/** The campaign's topics that have an English name: Chinese name → English name. */
export async function queryTopicNamesEn(db: Db, campaignId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; name_en: string }>(
    'SELECT name, name_en FROM campaign_topics WHERE campaign_id = $1 AND name_en IS NOT NULL',
    [campaignId],
  );
  return new Map(rows.map((row) => [row.name, row.name_en]));
}
