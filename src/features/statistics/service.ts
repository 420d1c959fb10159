import type { UserActor } from '../../platform/auth/actor.ts';
import { grantsFor, reachPatterns, reachTest } from '../../platform/auth/policy.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { getCampaign } from '../campaigns/service.ts';
import type { Campaign } from '../campaigns/schema.ts';
import { MEDIA, RATINGS, type Rating } from '../../domain/vocabulary.ts';
import {
  histogramAverage,
  histogramMedian,
  mergeHistograms,
  rate,
  satisfactionRate,
  type Histogram,
  type SatisfactionCounts,
} from './figures.ts';
import { chinaToday, LiveCounts } from './live.ts';
import {
  queryUnitTotals,
  regionScopes,
  type UnitTotalRow,
  queryLiveCounts,
  queryRegionBreakdown,
  queryTopicNamesEn,
  MEDIA_COLUMNS,
  queryPartnerFigures,
  queryChannelPointPeople,
  queryVillageFigures,
  queryVisibleUnits,
  type VillageFiguresRow,
  queryUnitFigures,
  type PartnerFiguresRow,
  visibleScopes,
  type MediaColumns,
  type UnitFiguresRow,
} from './repository.ts';
import {
  DASHBOARD_OMITS,
  type Breakdown,
  type BreakdownBy,
  type BreakdownItem,
  type CampaignStatistics,
  type Dashboard,
  type Figures,
  type LiveFigures,
  type PartnerFigures,
  type ChannelPointFigures,
  type VillageFigures,
  type VillageStatistics,
} from './schema.ts';

type Raw = Omit<UnitFiguresRow, 'unit_id' | 'unit_name' | 'unit_name_en' | 'region_id'>;

function toFigures(raw: Raw, levels: readonly Rating[]): Figures {
  const satisfaction = Object.fromEntries(RATINGS.map((level) => [level, raw[level]])) as SatisfactionCounts;
  const { rate: satisfied, rated, smallSample } = satisfactionRate(satisfaction, levels);
  const replySatisfaction = Object.fromEntries(
    RATINGS.map((level) => [level, raw[`case_${level}`]]),
  ) as SatisfactionCounts;
  const replies = satisfactionRate(replySatisfaction, levels);
  const visitSatisfaction = Object.fromEntries(
    RATINGS.map((level) => [level, raw[`rv_${level}`]]),
  ) as SatisfactionCounts;
  const visits = satisfactionRate(visitSatisfaction, levels);
  return {
    peopleReceived: raw.people_received,
    consultations: raw.consultations,
    laterQuestions: raw.later_questions,
    answeredOnSpot: raw.answered_on_spot,
    handledOnSpot: raw.handled_on_spot,
    leaderReceptions: raw.leader_receptions,
    transferred: raw.transferred,
    followUp: raw.follow_up,
    suggestions: raw.suggestions,
    complaints: raw.complaints,
    answeredOnSpotRate: rate(raw.answered_on_spot, raw.consultations),
    rated,
    satisfaction,
    satisfactionRate: satisfied,
    smallSample,
    desks: raw.desks,
    staff: raw.staff,
    banners: raw.banners,
    panels: raw.panels,
    ledSlogans: raw.led_slogans,
    posters: raw.posters,
    newspaperWindows: raw.newspaper_windows,
    onlinePosts: raw.online_posts,
    mediaReports: raw.media_reports,
    mediaReach: raw.media_reach,
    media: Object.fromEntries(
      MEDIA.map((m) => [m, { reports: raw[`reports_${m}`], posts: raw[`posts_${m}`], reach: raw[`reach_${m}`] }]),
    ) as Figures['media'],
    materialsPrinted: raw.materials_printed,
    materialsDistributed: raw.materials_distributed,
    meetings: raw.meetings,
    symposiums: raw.symposiums,
    meetingParticipants: raw.meeting_participants,
    opinions: raw.opinions,
    opinionsAnswered: raw.opinions_answered,
    opinionsTransferred: raw.opinions_transferred,
    opinionsAdopted: raw.opinions_adopted,
    casesOpened: raw.cases_opened,
    casesTransferred: raw.cases_transferred,
    casesOpen: raw.cases_open,
    casesOverdue: raw.cases_overdue,
    casesDue: raw.cases_due,
    casesReplied: raw.cases_replied,
    repliedOnTime: raw.replied_on_time,
    repliedOnTimeRate: rate(raw.replied_on_time, raw.cases_due),
    averageReplyDays: histogramAverage(raw.reply_days),
    medianReplyDays: histogramMedian(raw.reply_days),
    replyRated: replies.rated,
    replySatisfaction,
    replySatisfactionRate: replies.rate,
    replySmallSample: replies.smallSample,
    returnVisits: raw.return_visits,
    returnVisitsReached: raw.return_visits_reached,
    returnVisitRated: visits.rated,
    returnVisitSatisfaction: visitSatisfaction,
    returnVisitSatisfactionRate: visits.rate,
    laterReturnVisits: raw.later_return_visits,
  };
}

const EMPTY: Raw = {
  people_received: 0,
  consultations: 0,
  later_questions: 0,
  answered_on_spot: 0,
  handled_on_spot: 0,
  leader_receptions: 0,
  transferred: 0,
  follow_up: 0,
  suggestions: 0,
  complaints: 0,
  very_satisfied: 0,
  satisfied: 0,
  basically_satisfied: 0,
  dissatisfied: 0,
  very_dissatisfied: 0,
  desks: 0,
  staff: null,
  banners: 0,
  panels: 0,
  led_slogans: 0,
  posters: 0,
  newspaper_windows: 0,
  online_posts: 0,
  media_reports: 0,
  media_reach: 0,
  ...(Object.fromEntries(MEDIA_COLUMNS.map((c) => [c, 0])) as MediaColumns),
  materials_printed: null,
  materials_distributed: 0,
  meetings: 0,
  symposiums: 0,
  meeting_participants: null,
  opinions: 0,
  opinions_answered: 0,
  opinions_transferred: 0,
  opinions_adopted: 0,
  cases_opened: 0,
  cases_transferred: 0,
  cases_open: 0,
  cases_overdue: 0,
  cases_due: 0,
  cases_replied: 0,
  replied_on_time: 0,
  reply_days: [],
  case_very_satisfied: 0,
  case_satisfied: 0,
  case_basically_satisfied: 0,
  case_dissatisfied: 0,
  case_very_dissatisfied: 0,
  return_visits: 0,
  return_visits_reached: 0,
  rv_very_satisfied: 0,
  rv_satisfied: 0,
  rv_basically_satisfied: 0,
  rv_dissatisfied: 0,
  rv_very_dissatisfied: 0,
  later_return_visits: 0,
};

/**
 * Adds rows up; a figure no unit recorded stays unrecorded (null) in the total too. Reply days
 * are pooled, so the total's average and median are over all replies, not over the units'.
 */
function sum(rows: readonly Raw[]): Raw {
  const total: Record<string, number | null | Histogram> = { ...EMPTY };
  for (const row of rows) {
    for (const key of Object.keys(EMPTY) as (keyof Raw)[]) {
      const value = row[key];
      if (typeof value === 'number') total[key] = ((total[key] as number | null) ?? 0) + value;
      else if (value !== null) total[key] = mergeHistograms(total[key] as Histogram, value);
    }
  }
  return total as unknown as Raw;
}

function toPartnerFigures(row: PartnerFiguresRow): PartnerFigures {
  return {
    partnerId: row.partner_id,
    name: row.name,
    nameEn: row.name_en,
    unitId: row.partner_unit_id,
    consultations: row.consultations,
    peopleReceived: row.people_received,
    casesTransferred: row.cases_transferred,
    casesAnswered: row.cases_answered,
  };
}

function toVillageFigures(row: VillageFiguresRow): VillageFigures {
  return {
    regionId: row.region_id,
    name: row.name,
    nameEn: row.name_en,
    hotlines: row.hotlines,
    mailboxes: row.mailboxes,
    consultations: row.consultations,
    peopleReceived: row.people_received,
    publicityItems: row.publicity_items,
    publicityQuantity: row.publicity_quantity,
  };
}

/** A unit's hotlines and mailboxes together, from its places; people counted once per visit. */
function toChannelPointFigures(places: readonly VillageFiguresRow[], peopleReceived: number): ChannelPointFigures {
  const add = (pick: (row: VillageFiguresRow) => number) => places.reduce((n, row) => n + pick(row), 0);
  return {
    hotlines: add((r) => r.hotlines),
    mailboxes: add((r) => r.mailboxes),
    villages: places.filter((r) => r.region_id !== null && r.hotlines + r.mailboxes > 0).length,
    consultations: add((r) => r.consultations),
    peopleReceived,
  };
}

/** The statistical figures of a campaign: one row per unit the actor may see, and the totals. */
export async function computeCampaignStatistics({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  /** Only this unit's row (and totals of it alone): what one unit's summary needs. */
  unitId?: string;
}): Promise<CampaignStatistics> {
  const campaign = await getCampaign(db, campaignId);
  const levels = campaign.satisfactionLevels;
  const rows = await queryUnitFigures(db, actor, campaignId, 'live', unitId);
  const unitIds = rows.map((r) => r.unit_id);
  const partners = await queryPartnerFigures(db, campaignId, unitIds);
  const places = await queryVillageFigures(db, campaignId, unitIds);
  const pointPeople = new Map(
    (await queryChannelPointPeople(db, campaignId, unitIds)).map((r) => [r.unit_id, r.people_received]),
  );
  // Grouped by unit once: a national campaign has tens of thousands of rows.
  const partnersOf = Map.groupBy(partners, (p) => p.host_unit_id);
  const placesOf = Map.groupBy(places, (p) => p.unit_id);
  return {
    campaignId,
    generatedAt: new Date().toISOString(),
    satisfactionLevels: [...levels],
    rows: rows.map(({ unit_id, unit_name, unit_name_en, region_id, ...raw }) => ({
      unitId: unit_id,
      unitName: unit_name,
      unitNameEn: unit_name_en,
      regionId: region_id,
      ...toFigures(raw, levels),
      partners: (partnersOf.get(unit_id) ?? []).map(toPartnerFigures),
      channelPoints: toChannelPointFigures(placesOf.get(unit_id) ?? [], pointPeople.get(unit_id) ?? 0),
      villages: (placesOf.get(unit_id) ?? []).filter((p) => p.region_id !== null).map(toVillageFigures),
    })),
    totals: toFigures(sum(rows), levels),
  };
}

/**
 * The figures per village or community of the units the reader may see (ADR 30): each unit's
 * hotlines and mailboxes there, the questions and people through them, the publicity put up
 * there; read from the small tables, so cheap at any scale.
 */
export async function computeVillageStatistics({
  db,
  actor,
  campaignId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
}): Promise<VillageStatistics> {
  await getCampaign(db, campaignId);
  const units = await queryVisibleUnits(db, actor, campaignId);
  const places = (
    await queryVillageFigures(
      db,
      campaignId,
      units.map((u) => u.unit_id),
    )
  ).filter((p) => p.region_id !== null);
  const placesOf = Map.groupBy(places, (p) => p.unit_id);
  const rows = units.flatMap((unit) =>
    (placesOf.get(unit.unit_id) ?? []).map((p) => ({
      unitId: unit.unit_id,
      unitName: unit.unit_name,
      unitNameEn: unit.unit_name_en,
      ...toVillageFigures(p),
    })),
  );
  const add = (key: 'hotlines' | 'mailboxes' | 'consultations' | 'publicityItems' | 'publicityQuantity') =>
    rows.reduce((n, row) => n + row[key], 0);
  return {
    campaignId,
    generatedAt: new Date().toISOString(),
    rows,
    totals: {
      villages: new Set(rows.map((r) => r.regionId)).size,
      hotlines: add('hotlines'),
      mailboxes: add('mailboxes'),
      consultations: add('consultations'),
      publicityItems: add('publicityItems'),
      publicityQuantity: add('publicityQuantity'),
    },
  };
}

/**
 * The region the reader's view covers: the deepest region path all their grants share (an
 * organizer's region, a unit's own region), so a district office sees its streets and a
 * provincial office its cities.
 */
export function scopeRegionPath(actor: UserActor): string {
  const paths = grantsFor(actor, 'statistics.read').map((g) => g.regionPath);
  if (paths.length === 0) return '/';
  let common = paths[0]!.split('/');
  for (const path of paths.slice(1)) {
    const parts = path.split('/');
    let same = 0;
    while (same < common.length && same < parts.length && common[same] === parts[same]) same++;
    common = common.slice(0, same);
  }
  // Whole segments only: '/21/2114/' and '/21/2115/' share '/21/'.
  const joined = common.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Topics are recorded by their Chinese name; the campaign's English name of each is added where it has one. */
const namedTopics = (items: BreakdownItem[], namesEn: ReadonlyMap<string, string>) =>
  items.map((item) => ({ ...item, nameEn: (item.key !== null && namesEn.get(item.key)) || null }));

const withTopicNamesEn = async (db: Db, campaignId: string, items: BreakdownItem[]) =>
  namedTopics(items, await queryTopicNamesEn(db, campaignId));

/**
 * The consultations of a campaign broken down by hour (China time), topic, region (the level
 * below the reader's scope), channel or outcome, at the units the reader may see — from the live
 * figures.
 */
export async function computeBreakdown({
  db,
  actor,
  campaignId,
  by,
  unitId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  by: BreakdownBy;
  unitId?: string;
}): Promise<Breakdown> {
  await getCampaign(db, campaignId);
  const generatedAt = new Date().toISOString();
  if (by !== 'region') {
    const live = new LiveCounts(
      await queryLiveCounts(db, campaignId, await visibleScopes(db, actor, campaignId, unitId)),
    );
    const items = live.breakdown(by);
    return {
      campaignId,
      by,
      generatedAt,
      items: by === 'topic' ? await withTopicNamesEn(db, campaignId, items) : items,
      totals: { peopleReceived: live.get('all.people'), consultations: live.get('all.consultations') },
    };
  }
  const rows = await queryRegionBreakdown(db, actor, {
    campaignId,
    scopePath: scopeRegionPath(actor),
    ...(unitId !== undefined && { unitId }),
  });
  const total = rows.find((row) => row.total);
  return {
    campaignId,
    by,
    generatedAt,
    items: rows
      .filter((row) => !row.total)
      .map((row) => ({
        key: row.key,
        name: row.name,
        nameEn: row.name_en,
        peopleReceived: row.people_received,
        consultations: row.consultations,
      })),
    totals: { peopleReceived: total?.people_received ?? 0, consultations: total?.consultations ?? 0 },
  };
}

/**
 * Readings kept per database and key, shared by everyone asking: an answer at most `maxAgeMs` old
 * is served as it is; an older one is read again, once per key at a time, and while that reading
 * runs the previous answer is served if it is less than five times `maxAgeMs` old, so that nobody
 * waits behind a reading someone else started. With `maxAgeMs` 0 every ask reads afresh, sharing
 * only a reading already under way.
 */
class KeptReadings<T> {
  readonly #kept = new WeakMap<Database, Map<string, { answer: T; readAt: number }>>();
  readonly #reading = new WeakMap<Database, Map<string, Promise<T>>>();

  get(db: Database, key: string, maxAgeMs: number, read: () => Promise<T>): Promise<T> {
    let kept = this.#kept.get(db);
    if (!kept) this.#kept.set(db, (kept = new Map()));
    const last = kept.get(key);
    const age = last ? Date.now() - last.readAt : Infinity;
    const keeps = maxAgeMs > 0 && last !== undefined;
    if (keeps && age <= maxAgeMs) return Promise.resolve(last.answer);
    let pending = this.#reading.get(db);
    if (!pending) this.#reading.set(db, (pending = new Map()));
    let reading = pending.get(key);
    if (!reading) {
      const readAt = Date.now();
      const [store, inFlight] = [kept, pending];
      reading = read()
        .then((answer) => {
          const latest = store.get(key);
          if (!latest || latest.readAt < readAt) store.set(key, { answer, readAt });
          // Keys nobody has asked for in a while are forgotten.
          if (store.size > 1000) {
            for (const [k, v] of store) if (Date.now() - v.readAt > 5 * Math.max(maxAgeMs, 1000)) store.delete(k);
          }
          return answer;
        })
        .finally(() => inFlight.delete(key));
      pending.set(key, reading);
    }
    if (keeps && age <= 5 * maxAgeMs) {
      reading.catch(() => kept.delete(key));
      return Promise.resolve(last.answer);
    }
    return reading;
  }
}

/**
 * What every dashboard of a campaign shares, whatever its reach: the campaign, its topics' English
 * names, and every participating unit with its totals (for the busiest units of each reach).
 */
export interface CampaignView {
  campaign: Campaign;
  topicNamesEn: Map<string, string>;
  /** Busiest first (busierFirst). */
  units: UnitTotalRow[];
}
const campaignViews = new KeptReadings<CampaignView>();

export async function readCampaignView(db: Db, campaignId: string): Promise<CampaignView> {
  const [campaign, topicNamesEn, units] = await Promise.all([
    getCampaign(db, campaignId),
    queryTopicNamesEn(db, campaignId),
    queryUnitTotals(db, campaignId),
  ]);
  return { campaign, topicNamesEn, units: units.sort(busierFirst) };
}
/** Dashboards by what they show: the campaign, the unit asked for, and the reader's reach. */
const dashboards = new KeptReadings<Dashboard>();

/** The key of what a dashboard shows: the campaign, the unit asked for, and the reader's reach. */
function dashboardKey(input: { actor: UserActor; campaignId: string; unitId?: string }): string {
  return JSON.stringify([input.campaignId, input.unitId ?? null, reachPatterns(input.actor, 'statistics.read')]);
}

/** Rank order: the most consultations first, then by name. */
const busierFirst = (a: UnitTotalRow, b: UnitTotalRow) =>
  b.consultations - a.consultations || (a.unit_name < b.unit_name ? -1 : a.unit_name > b.unit_name ? 1 : 0);

/**
 * The live dashboard of a campaign in one answer: the day's totals, follow-up and satisfaction,
 * consultations by hour, topic, channel and outcome, and the busiest units — for the units the
 * reader may see (or one of them), from the live figures: what every reach shares (CampaignView,
 * read once for all of them) and the reach's own figures, one short statement over its scopes.
 */
export async function readDashboard(
  { db, actor, campaignId, unitId }: { db: Db; actor: UserActor; campaignId: string; unitId?: string },
  { campaign, topicNamesEn, units }: CampaignView,
): Promise<Dashboard> {
  const reaches = reachTest(actor, 'statistics.read');
  const seen = (unit: UnitTotalRow) =>
    (unitId === undefined || unit.unit_id === unitId) &&
    reaches({ unitId: unit.unit_id, unitPath: unit.path, regionPath: unit.region_path });
  const regions = regionScopes(actor, unitId);
  // A reach of units one by one (a unit admin's, say) is found once, for its scopes and its busiest.
  const visible = regions ? null : units.filter(seen);
  const scopes = regions ?? visible!.map((unit) => unit.unit_id);
  const live = new LiveCounts(await queryLiveCounts(db, campaignId, scopes));
  // The units come busiest first: the reach's busiest are the first of them it sees.
  const busiest: UnitTotalRow[] = [];
  if (unitId === undefined) {
    for (const unit of visible ?? units) {
      if (busiest.length === BUSIEST_UNITS || unit.consultations === 0) break;
      if (visible || seen(unit)) busiest.push(unit);
    }
  }
  const figures: Partial<Figures> = toFigures({ ...EMPTY, ...live.raw(chinaToday()) }, campaign.satisfactionLevels);
  for (const key of DASHBOARD_OMITS) delete figures[key];
  return {
    campaignId,
    generatedAt: new Date().toISOString(),
    satisfactionLevels: [...campaign.satisfactionLevels],
    totals: figures as LiveFigures,
    byHour: live.breakdown('hour'),
    byTopic: namedTopics(live.breakdown('topic'), topicNamesEn),
    byChannel: live.breakdown('channel'),
    byOutcome: live.breakdown('outcome'),
    busiestUnits: busiest.map((row) => ({
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitNameEn: row.unit_name_en,
      peopleReceived: row.people_received,
      consultations: row.consultations,
    })),
  };
}

/**
 * The whole campaign's live figures, every unit's records (the region scope '/', which they all
 * count in): a few rows of the counts the triggers keep, whatever the number of records.
 */
export async function readCampaignFigures(
  db: Db,
  campaign: Pick<Campaign, 'id' | 'satisfactionLevels'>,
): Promise<Figures> {
  const live = new LiveCounts(await queryLiveCounts(db, campaign.id, ['/']));
  return toFigures({ ...EMPTY, ...live.raw(chinaToday()) }, campaign.satisfactionLevels);
}

/** What the portal's campaign page says of the day, for anyone: the whole campaign's figures. */
export type PublicFigures = Pick<
  LiveFigures,
  | 'peopleReceived'
  | 'consultations'
  | 'answeredOnSpot'
  | 'casesDue'
  | 'repliedOnTime'
  | 'repliedOnTimeRate'
  | 'rated'
  | 'satisfactionRate'
  | 'smallSample'
>;

/**
 * The campaign's live figures over all its units (the region scope '/', which every unit's
 * records count in), without any reader: totals only, never a unit's or a person's.
 */
export async function readPublicFigures(
  db: Db,
  campaign: Pick<Campaign, 'id' | 'satisfactionLevels'>,
): Promise<PublicFigures> {
  const f = await readCampaignFigures(db, campaign);
  return {
    peopleReceived: f.peopleReceived,
    consultations: f.consultations,
    answeredOnSpot: f.answeredOnSpot,
    casesDue: f.casesDue,
    repliedOnTime: f.repliedOnTime,
    repliedOnTimeRate: f.repliedOnTimeRate,
    rated: f.rated,
    satisfactionRate: f.satisfactionRate,
    smallSample: f.smallSample,
  };
}

/** The live dashboard read now (readDashboard), one reading shared by concurrent viewers of the same figures. */
export function computeDashboard(input: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId?: string;
}): Promise<Dashboard> {
  return dashboards.get(input.db, dashboardKey(input), 0, async () =>
    readDashboard(
      input,
      await campaignViews.get(input.db, input.campaignId, 0, () => readCampaignView(input.db, input.campaignId)),
    ),
  );
}

/**
 * How old a dashboard answer served to a viewer may be. The console polls every 5 s and the
 * folded figures change about once a second, so an answer up to a second old tells the viewer
 * nothing less; its `generatedAt` says when it was read.
 */
export const DASHBOARD_MAX_AGE_MS = 1000;

/**
 * The live dashboard as the route serves it: the answer of the reader's reach read at most
 * `maxAgeMs` ago (KeptReadings), so that many viewers cost one reading per reach and interval,
 * and many reaches one reading of the campaign's units between them.
 */
export function serveDashboard(
  input: { db: Database; actor: UserActor; campaignId: string; unitId?: string },
  maxAgeMs = DASHBOARD_MAX_AGE_MS,
): Promise<Dashboard> {
  return dashboards.get(input.db, dashboardKey(input), maxAgeMs, async () =>
    readDashboard(
      input,
      await campaignViews.get(input.db, input.campaignId, maxAgeMs, () => readCampaignView(input.db, input.campaignId)),
    ),
  );
}

/** How many units the dashboard ranks. */
const BUSIEST_UNITS = 10;
