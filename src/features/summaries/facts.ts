import type { Campaign } from '../campaigns/schema.ts';
import {
  OPINION_OUTCOMES,
  PARTICIPANT_CATEGORIES,
  PREPARATORY_MEETINGS,
  RATINGS,
  type OpinionOutcome,
  type ParticipantCategory,
  type Rating,
} from '../../domain/vocabulary.ts';
import { satisfactionRate } from '../statistics/read.ts';
import type { Figures } from '../statistics/schema.ts';
import { unitDays } from './dates.ts';
import type { ChannelPointFigures, PartnerFigures, VillageFigures } from '../statistics/schema.ts';
import type {
  CaseExchangeRow,
  DeskFactsRow,
  HandledMatterRow,
  LeaderReceptionRow,
  MaterialFactsRow,
  MediaReportRow,
  MeetingFactsRow,
  PlanFactsRow,
  PublicityDateRow,
  SiteFactsRow,
  TopicFactsRow,
} from './repository.ts';

/**
 * Facts first, then words: everything a summary states is read once from the records
 * (`SummaryRecords`), then derived once into the unit's facts (`UnitFacts`): its days, its cases,
 * and the problems the records show. Both languages are written from the same facts, so the two
 * texts and every section say the same thing.
 */

/** Everything a summary states, read once from the records. */
export interface SummaryRecords {
  campaign: Pick<
    Campaign,
    | 'id'
    | 'title'
    | 'titleEn'
    | 'theme'
    | 'themeEn'
    | 'notice'
    | 'noticeTitle'
    | 'documentNumber'
    | 'openDay'
    | 'startsOn'
    | 'endsOn'
    | 'satisfactionLevels'
  >;
  unit: { id: string; name: string; nameEn: string | null };
  figures: Figures;
  plan: PlanFactsRow | undefined;
  meetings: MeetingFactsRow[];
  sites: SiteFactsRow[];
  desks: DeskFactsRow[];
  ledSlogans: string[];
  publicityDates: PublicityDateRow[];
  /** 媒体报道: outside outlets' reports, by date. */
  mediaReports: MediaReportRow[];
  materials: MaterialFactsRow[];
  topics: TopicFactsRow[];
  channels: { channel: string; consultations: number }[];
  campaignRatings: TopicFactsRow;
  /** The day the summary is written (成文日期), in China's time zone. */
  writtenOn: string;
  /** Cases received from other units and consultations sent to other units, by unit. */
  caseExchanges: CaseExchangeRow[];
  /** 现场办理: what was handled at the desks, most first. */
  handledMatters: HandledMatterRow[];
  /** 领导接待: the leaders on duty who received visitors, most first. */
  leaderReceptions: LeaderReceptionRow[];
  /** 联合设台: the partner organisations at the unit's desks with their figures, most questions first. */
  partners: PartnerFigures[];
  /** 另定活动日期: other dates the organizer agreed for the unit's day, if any. */
  agreedDays?: { from: string; to: string; reason: string } | null;

  /** The unit's hotlines and mailboxes together, with what came through them. */
  channelPoints: ChannelPointFigures;
  /** Per village or community: its hotlines, mailboxes, what came through them, its publicity. */
  villages: VillageFigures[];
}

/** How far printing may exceed distribution before the summary calls it a problem. */
export const OVERPRINT_FACTOR = 2;
/** Copies left over below which over-printing is not worth a word. */
export const OVERPRINT_MIN_LEFT = 50;
/** A desk that received fewer than this share of the unit's average per desk had few visitors. */
export const FEW_VISITORS_SHARE = 0.25;
/** Below this share of consultations rated, the satisfaction rate says too little. */
export const MIN_RATED_SHARE = 0.5;

/** A record carrying a date, as a problem names it. */
export interface DatedRecord {
  kind: 'plan' | 'preparation' | 'symposium' | 'site' | 'publicity';
  /** The record's own name (meeting title, site name, publicity text); empty for the plan. */
  name: string;
  /** The record's English name, where the unit entered one (sites). */
  nameEn?: string | null;
  on: string;
}

export type MissingItem = 'plan' | 'leader' | 'planIssuedOn' | 'staff' | 'printRuns' | 'desks' | 'ratings' | 'topics';

/**
 * One problem the records show. Each kind is one rule of `deriveProblems`; the order of the list
 * is the order of seriousness in which section 五 names them.
 */
export type Problem =
  | { rule: 'casesOverdue'; count: number }
  | { rule: 'repliedLate'; count: number; due: number }
  | { rule: 'datedAfterDay'; records: DatedRecord[]; days: string[] }
  | { rule: 'datedOutsideWindow'; records: DatedRecord[]; startsOn: string; endsOn: string }
  | { rule: 'idleDesks'; desks: DeskFactsRow[] }
  | { rule: 'casesOpen'; count: number }
  | {
      rule: 'topicBelowCampaign';
      topic: string;
      topicEn?: string | null;
      rate: number;
      rated: number;
      campaignRate: number;
    }
  | { rule: 'fewRatings'; rated: number; consultations: number }
  | { rule: 'quietDesks'; desks: DeskFactsRow[] }
  | { rule: 'overprinted'; materials: MaterialFactsRow[] }
  | { rule: 'meetingsWithoutDecisions'; meetings: MeetingFactsRow[] }
  | { rule: 'symposiumsWithoutParticipants'; meetings: MeetingFactsRow[] }
  | { rule: 'missing'; items: MissingItem[] };

export type ProblemRule = Problem['rule'];

/** The order of seriousness: what citizens are owed first, then what the day failed to do, then the records. */
export const PROBLEM_ORDER: readonly ProblemRule[] = [
  'casesOverdue',
  'repliedLate',
  'datedAfterDay',
  'datedOutsideWindow',
  'idleDesks',
  'casesOpen',
  'topicBelowCampaign',
  'fewRatings',
  'quietDesks',
  'overprinted',
  'meetingsWithoutDecisions',
  'symposiumsWithoutParticipants',
  'missing',
];

/** How many opinions raised at a meeting came to each outcome, in the vocabulary's order; none left out. */
export function opinionOutcomes(meeting: MeetingFactsRow): { outcome: OpinionOutcome; count: number }[] {
  return OPINION_OUTCOMES.map((outcome) => ({
    outcome,
    count: meeting.opinions.filter((o) => o.outcome === outcome).length,
  })).filter((o) => o.count > 0);
}

/** The participant categories a meeting counted, in the vocabulary's order. */
export function participantCategories(meeting: MeetingFactsRow): { category: ParticipantCategory; count: number }[] {
  return PARTICIPANT_CATEGORIES.map((category) => ({
    category,
    count: meeting.participant_categories[category] ?? 0,
  })).filter((c) => c.count > 0);
}

/** Everyone counted at the meeting came from one category: "all members of staff". */
export function allOfOne(meeting: MeetingFactsRow): boolean {
  const categories = participantCategories(meeting);
  return categories.length === 1 && categories[0]!.count === meeting.participant_count;
}

/** An opinion's text as quoted in running text: without its closing full stop. */
export const bareText = (text: string) => text.trim().replace(/[。.]$/u, '');

/** The meetings held before the day (一) and those held with the public (三, their opinions in 四). */
export const isPreparatory = (meeting: MeetingFactsRow) => PREPARATORY_MEETINGS.includes(meeting.kind);

/** What the summary states about the unit, derived once from its records. */
export interface UnitFacts {
  records: SummaryRecords;
  /** The unit's own days (its sites'), sorted; the campaign's open day when it has no site. */
  days: string[];
  /** Some of the unit's days fall outside the campaign's window, on dates the organizer agreed. */
  daysAgreed: boolean;
  cases: {
    /** Cases replied after their due date. */
    repliedLate: number;
    /** Cases still open and not yet due. */
    openNotDue: number;
    receivedFrom: { unitName: string; unitNameEn: string | null; count: number }[];
    sentTo: { unitName: string; unitNameEn: string | null; count: number }[];
  };
  campaignSatisfactionRate: number | null;
  problems: Problem[];
}

export function ratingCounts(row: TopicFactsRow): Record<Rating, number> {
  return Object.fromEntries(RATINGS.map((level) => [level, row[level]])) as Record<Rating, number>;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Derives the unit's facts and the problems its records show. Pure. */
export function deriveUnitFacts(records: SummaryRecords): UnitFacts {
  const f = records.figures;
  const days = unitDays(
    records.sites.map((s) => s.held_on),
    records.campaign.openDay,
  );
  const exchanges = (direction: CaseExchangeRow['direction']) =>
    records.caseExchanges
      .filter((e) => e.direction === direction)
      .map((e) => ({ unitName: e.unit_name, unitNameEn: e.unit_name_en, count: e.count }));
  const cases = {
    repliedLate: Math.max(0, f.casesDue - f.repliedOnTime - f.casesOverdue),
    openNotDue: Math.max(0, f.casesOpen - f.casesOverdue),
    receivedFrom: exchanges('received'),
    sentTo: exchanges('sent'),
  };
  const campaignSatisfactionRate = satisfactionRate(
    ratingCounts(records.campaignRatings),
    records.campaign.satisfactionLevels,
  ).rate;
  const { startsOn, endsOn } = records.campaign;
  const daysAgreed = days.some((day) => (day < startsOn || day > endsOn) && agreed(records, day));
  const facts: UnitFacts = { records, days, daysAgreed, cases, campaignSatisfactionRate, problems: [] };
  return { ...facts, problems: deriveProblems(facts) };
}

/** The day falls within the other dates the organizer agreed for the unit. */
const agreed = (records: SummaryRecords, day: string) =>
  !!records.agreedDays && day >= records.agreedDays.from && day <= records.agreedDays.to;

/** Records dated where they should not be: preparation after the unit's day, activity outside the window. */
function misdatedRecords(facts: Pick<UnitFacts, 'records' | 'days'>) {
  const { records, days } = facts;
  const { startsOn, endsOn } = records.campaign;
  const firstDay = days[0]!;
  // Preparation (the plan, its meetings) comes before the day; it may precede the campaign's window.
  const preparation: DatedRecord[] = [
    ...(records.plan?.issued_on ? [{ kind: 'plan' as const, name: '', on: records.plan.issued_on }] : []),
    ...records.meetings
      .filter(isPreparatory)
      .map((m) => ({ kind: 'preparation' as const, name: m.title, on: m.held_on })),
  ];
  // What the day itself did belongs in the campaign's window.
  const activity: DatedRecord[] = [
    ...records.sites.map((s) => ({ kind: 'site' as const, name: s.name, nameEn: s.name_en, on: s.held_on })),
    ...records.meetings
      .filter((m) => m.kind === 'symposium')
      .map((m) => ({ kind: 'symposium' as const, name: m.title, on: m.held_on })),
    ...records.publicityDates.map((p) => ({ kind: 'publicity' as const, name: p.text ?? '', on: p.shown_from })),
  ];
  return {
    afterDay: preparation.filter((r) => r.on > firstDay),
    // Not what falls on the other dates the organizer agreed for the unit.
    outsideWindow: activity.filter((r) => (r.on < startsOn || r.on > endsOn) && !agreed(records, r.on)),
  };
}

/** The rules of section 五, each firing only on what the records show. */
export function deriveProblems(facts: Omit<UnitFacts, 'problems'>): Problem[] {
  const { records, cases } = facts;
  const f = records.figures;
  const problems: Problem[] = [];
  if (f.casesOverdue > 0) problems.push({ rule: 'casesOverdue', count: f.casesOverdue });
  if (cases.repliedLate > 0) problems.push({ rule: 'repliedLate', count: cases.repliedLate, due: f.casesDue });
  const misdated = misdatedRecords(facts);
  if (misdated.afterDay.length) problems.push({ rule: 'datedAfterDay', records: misdated.afterDay, days: facts.days });
  if (misdated.outsideWindow.length)
    problems.push({
      rule: 'datedOutsideWindow',
      records: misdated.outsideWindow,
      startsOn: records.campaign.startsOn,
      endsOn: records.campaign.endsOn,
    });
  const idle = records.desks.filter((d) => d.people === 0);
  if (idle.length) problems.push({ rule: 'idleDesks', desks: idle });
  if (cases.openNotDue > 0) problems.push({ rule: 'casesOpen', count: cases.openNotDue });
  const campaignRate = facts.campaignSatisfactionRate;
  if (campaignRate !== null) {
    for (const topic of records.topics) {
      const own = satisfactionRate(ratingCounts(topic), records.campaign.satisfactionLevels);
      if (own.rate === null || own.rate >= campaignRate) continue;
      problems.push({
        rule: 'topicBelowCampaign',
        topic: topic.topic,
        topicEn: topic.topic_en,
        rate: own.rate,
        rated: own.rated,
        campaignRate,
      });
    }
  }
  if (f.rated > 0 && f.rated < f.consultations * MIN_RATED_SHARE)
    problems.push({ rule: 'fewRatings', rated: f.rated, consultations: f.consultations });
  const visited = records.desks.filter((d) => d.people > 0);
  const averagePerDesk = records.desks.length ? sum(records.desks.map((d) => d.people)) / records.desks.length : 0;
  const quiet = records.desks.length > 1 ? visited.filter((d) => d.people < averagePerDesk * FEW_VISITORS_SHARE) : [];
  if (quiet.length) problems.push({ rule: 'quietDesks', desks: quiet });
  const overprinted = records.materials.filter(
    (m) =>
      m.print_run !== null &&
      m.print_run > 0 &&
      m.print_run >= OVERPRINT_FACTOR * m.distributed &&
      m.print_run - m.distributed >= OVERPRINT_MIN_LEFT,
  );
  if (overprinted.length) problems.push({ rule: 'overprinted', materials: overprinted });
  const noDecisions = records.meetings.filter((m) => isPreparatory(m) && !m.decisions.trim());
  if (noDecisions.length) problems.push({ rule: 'meetingsWithoutDecisions', meetings: noDecisions });
  const noParticipants = records.meetings.filter(
    (m) => m.kind === 'symposium' && !m.participants.trim() && m.participant_count === null,
  );
  if (noParticipants.length) problems.push({ rule: 'symposiumsWithoutParticipants', meetings: noParticipants });
  const missing: MissingItem[] = [];
  if (!records.plan) missing.push('plan');
  else {
    if (!records.plan.leader_name) missing.push('leader');
    if (!records.plan.issued_on) missing.push('planIssuedOn');
  }
  if (f.staff === null) missing.push('staff');
  if (records.materials.some((m) => m.print_run === null)) missing.push('printRuns');
  if (records.desks.length === 0) missing.push('desks');
  if (f.consultations > 0 && f.rated === 0) missing.push('ratings');
  if (f.consultations > 0 && records.topics.length === 0) missing.push('topics');
  if (missing.length) problems.push({ rule: 'missing', items: missing });
  return problems.sort((a, b) => PROBLEM_ORDER.indexOf(a.rule) - PROBLEM_ORDER.indexOf(b.rule));
}

/** A site with the desks the unit set up there, in the order of the plan. */
export interface SiteDesks {
  siteName: string;
  siteNameEn?: string | null;
  regionName: string | null;
  regionNameEn: string | null;
  desks: DeskFactsRow[];
}

/** The unit's desks grouped by site, so that a summary names each site once. */
export function groupDesksBySite(desks: readonly DeskFactsRow[]): SiteDesks[] {
  const sites = new Map<string, SiteDesks>();
  for (const desk of desks) {
    const key = `${desk.site_name}\u0000${desk.region_name ?? ''}`;
    const site = sites.get(key) ?? {
      siteName: desk.site_name,
      siteNameEn: desk.site_name_en,
      regionName: desk.region_name,
      regionNameEn: desk.region_name_en,
      desks: [],
    };
    site.desks.push(desk);
    sites.set(key, site);
  }
  return [...sites.values()];
}

/** Distinct values, first occurrence first. */
export const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Items distinct by a key, first occurrence first. */
export function distinctBy<T>(items: readonly T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
}

/**
 * The title of the campaign's notice: the title it was issued with, or else the first non-empty
 * line of its text, unless that line is the salutation ("各市、县（区）政务公开办，省直各部门：").
 */
export const noticeTitle = (campaign: { notice: string; noticeTitle?: string | null }) => {
  const title = campaign.noticeTitle?.trim();
  if (title) return title;
  const first = campaign.notice
    .split('\n')
    .find((line) => line.trim())
    ?.trim();
  return first && !/[:：]$/u.test(first) ? first : undefined;
};

/** Meeting text as a clause: trimmed, without its own closing full stop. */
export const clause = (text: string) => text.trim().replace(/[。.；;]$/u, '');
