/**
 * The demo's cases (办件): every consultation transferred or taken for a later reply has one, and
 * together they are in every state — open, transferred, replied on time and late, closed,
 * extended, reopened after a poor rating — with some overdue today, so the follow-up figures are
 * not trivially 100%. Each case follows a scripted scenario whose steps fall on working days
 * after the consultation's day; the dates come from the database's calendar function.
 */
import { newId } from '../../platform/ids.ts';
import { newTrackingCode } from '../cases/read.ts';
import type { Rating } from '../../domain/vocabulary.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS, PARTICIPANTS, type DemoUnitKey, type UnitKey } from './data.ts';
import type { CaseEventRecord, CaseRecord, ConsultationRecord, DemoRecords, ReturnVisitRecord } from './repository.ts';

/** One step of a scenario, on the n-th working day after the consultation's day ('recent': two days ago). */
type Step =
  | { kind: 'transferred'; at: number }
  | { kind: 'extended'; at: number; days: number }
  | { kind: 'replied'; at: number }
  | { kind: 'closed'; at: number }
  | { kind: 'rated'; at: number | 'recent'; rating: Rating }
  /** 回访: staff call the citizen back about the reply; a citizen not reached gives no rating. */
  | { kind: 'returnVisit'; at: number; reached: boolean; rating?: Rating; words?: string };

export const CASE_SCENARIOS = {
  onTime: [
    { kind: 'replied', at: 8 },
    { kind: 'rated', at: 10, rating: 'satisfied' },
  ],
  closed: [
    { kind: 'replied', at: 5 },
    { kind: 'closed', at: 7 },
    { kind: 'rated', at: 9, rating: 'very_satisfied' },
  ],
  closedUnrated: [
    { kind: 'replied', at: 10 },
    { kind: 'closed', at: 12 },
    { kind: 'returnVisit', at: 13, reached: false },
  ],
  late: [
    { kind: 'replied', at: 19 },
    { kind: 'rated', at: 21, rating: 'basically_satisfied' },
  ],
  lateUnrated: [
    { kind: 'replied', at: 17 },
    { kind: 'returnVisit', at: 19, reached: true, rating: 'basically_satisfied', words: '答复晚了些，但问题解决了。' },
  ],
  overdue: [],
  extendedOnTime: [
    { kind: 'extended', at: 12, days: 10 },
    { kind: 'replied', at: 22 },
    { kind: 'rated', at: 24, rating: 'satisfied' },
  ],
  extendedOverdue: [{ kind: 'extended', at: 13, days: 5 }],
  reopenedRecently: [
    { kind: 'replied', at: 6 },
    { kind: 'rated', at: 'recent', rating: 'dissatisfied' },
  ],
  reopenedOverdue: [
    { kind: 'replied', at: 7 },
    { kind: 'rated', at: 9, rating: 'very_dissatisfied' },
  ],
  reopenedAndReplied: [
    { kind: 'replied', at: 6 },
    { kind: 'rated', at: 8, rating: 'dissatisfied' },
    { kind: 'replied', at: 14 },
    { kind: 'rated', at: 16, rating: 'satisfied' },
    { kind: 'closed', at: 17 },
  ],
  transferredReplied: [
    { kind: 'transferred', at: 1 },
    { kind: 'replied', at: 9 },
    { kind: 'rated', at: 11, rating: 'very_satisfied' },
  ],
  transferredClosed: [
    { kind: 'transferred', at: 2 },
    { kind: 'replied', at: 12 },
    { kind: 'closed', at: 13 },
    { kind: 'returnVisit', at: 14, reached: true, rating: 'satisfied', words: '满意，谢谢回访。' },
  ],
  transferredOpen: [{ kind: 'transferred', at: 1 }],
  transferredLate: [
    { kind: 'transferred', at: 3 },
    { kind: 'replied', at: 18 },
  ],
} as const satisfies Record<string, readonly Step[]>;
export type CaseScenario = keyof typeof CASE_SCENARIOS;

/** Scenarios in turn: questions that were passed on, and those the unit answers itself. */
const TRANSFERRED_TURNS: readonly CaseScenario[] = [
  'transferredReplied',
  'transferredOpen',
  'transferredClosed',
  'transferredLate',
  'transferredReplied',
  'onTime',
];
const FOLLOW_UP_TURNS: readonly CaseScenario[] = [
  'onTime',
  'closed',
  'late',
  'onTime',
  'extendedOnTime',
  'reopenedRecently',
  'closedUnrated',
  'reopenedOverdue',
  'onTime',
  'overdue',
  'closed',
  'reopenedAndReplied',
  'extendedOverdue',
  'lateUnrated',
];

/**
 * Units whose first cases follow a given scenario, outside the rotation: the Heating Office owes a
 * reply past its due date, a gap its summary's section 五 must name.
 */
const FIRST_FOLLOW_UPS: Partial<Record<DemoUnitKey, readonly CaseScenario[]>> = {
  heating: ['overdue'],
};

/**
 * Units whose questions passed on at a joint desk (联合设台) go to the partner unit that ran the desk
 * with them (ADR 24), which answers them: the Heating Office's to the heating company of the
 * district ("转交所属供热企业"), so its summary states each company's transferred cases.
 */
const TO_DESK_PARTNER: ReadonlySet<DemoUnitKey> = new Set(['heating']);

/** The participating unit able to answer what each unit passes on (at a desk without a partner unit). */
const TRANSFER_TARGETS: Partial<Record<DemoUnitKey, DemoUnitKey>> = {
  justice: 'xinxing',
  heating: 'scenery',
  shenyang: 'town',
  hrss: 'justice',
};

const LIMIT_DAYS = 15;
const REOPEN_LIMIT_DAYS = 15;
const POOR: readonly Rating[] = ['dissatisfied', 'very_dissatisfied'];

export interface DemoCasePlan {
  consultation: ConsultationRecord;
  scenario: CaseScenario;
  originUnitId: string;
  targetUnitId: string;
  targetName: string;
  /** Demo accounts acting for the origin and target units, when the demo has one. */
  originActor: string | null;
  targetActor: string | null;
}

/** Which scenario each case of the demo follows: deterministic, by unit and time. */
export function planDemoCases(records: DemoRecords): DemoCasePlan[] {
  const unitIdOf = (key: UnitKey) =>
    records.units.find((u) => u.name === DEMO_UNITS.find((d) => d.key === key)!.name)!.id;
  const keyOfUnit = (id: string) => DEMO_UNITS.find((d) => unitIdOf(d.key) === id)!.key;
  /** The partner unit that ran this desk with its unit, if one did. */
  const deskPartnerUnit = (deskId: string | null): UnitKey | undefined => {
    const link = records.deskPartners.find((dp) => dp.desk_id === deskId);
    const partner = link && records.partners.find((p) => p.id === link.partner_id);
    return partner?.partner_unit_id ? keyOfUnit(partner.partner_unit_id) : undefined;
  };
  const actorOf = (key: UnitKey, preferred: 'responder' | 'unit_admin') => {
    const accounts = DEMO_ACCOUNTS.filter((a) => a.unit === key);
    const account = accounts.find((a) => a.role === preferred) ?? accounts.find((a) => a.role === 'unit_admin');
    return account ? records.users.find((u) => u.username === account.username)!.id : null;
  };
  const plans: DemoCasePlan[] = [];
  let transferredTurn = 0;
  let followUpTurn = 0;
  for (const key of PARTICIPANTS) {
    const unitId = unitIdOf(key);
    const target = TRANSFER_TARGETS[key] ?? PARTICIPANTS[(PARTICIPANTS.indexOf(key) + 1) % PARTICIPANTS.length]!;
    const needingReply = records.consultations
      .filter((c) => c.unit_id === unitId && (c.outcome === 'transferred' || c.outcome === 'follow_up'))
      .sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
    const firstFollowUps = [...(FIRST_FOLLOW_UPS[key] ?? [])];
    for (const consultation of needingReply) {
      const scenario =
        consultation.outcome === 'transferred'
          ? TRANSFERRED_TURNS[transferredTurn++ % TRANSFERRED_TURNS.length]!
          : (firstFollowUps.shift() ?? FOLLOW_UP_TURNS[followUpTurn++ % FOLLOW_UP_TURNS.length]!);
      const receiver: UnitKey =
        (TO_DESK_PARTNER.has(key) && consultation.outcome === 'transferred' && deskPartnerUnit(consultation.desk_id)) ||
        target;
      plans.push({
        consultation,
        scenario,
        originUnitId: unitId,
        targetUnitId: unitIdOf(receiver),
        targetName: DEMO_UNITS.find((d) => d.key === receiver)!.name,
        originActor: actorOf(key, 'responder'),
        targetActor: actorOf(receiver, 'responder'),
      });
    }
  }
  return plans;
}

/** The day of an instant on the open day's clock (UTC+8, no daylight saving). */
const chinaDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
/** The day n calendar days before today in China. */
const daysBefore = (today: string, n: number) =>
  new Date(new Date(`${today}T00:00:00Z`).getTime() - n * 86_400_000).toISOString().slice(0, 10);

export type WorkingDayQuery = { start: string; days: number };

/** Every (start, working days) the cases' dates need, for one query to the calendar. */
export function workingDayQueries(plans: readonly DemoCasePlan[], today: string): WorkingDayQuery[] {
  const queries = new Map<string, WorkingDayQuery>();
  buildDemoCases(plans, today, (start, days) => {
    queries.set(`${start}+${days}`, { start, days });
    return start;
  });
  return [...queries.values()];
}

/**
 * Plays each plan's scenario and returns the cases as they stand now with their event chains.
 * `dateOf(start, n)` is the n-th working day after start, from the database's calendar.
 */
export function buildDemoCases(
  plans: readonly DemoCasePlan[],
  today: string,
  dateOf: (start: string, days: number) => string,
): { cases: CaseRecord[]; events: CaseEventRecord[]; returnVisits: ReturnVisitRecord[] } {
  const cases: CaseRecord[] = [];
  const events: CaseEventRecord[] = [];
  const returnVisits: ReturnVisitRecord[] = [];
  for (const plan of plans) {
    const c = plan.consultation;
    const start = chinaDay(c.occurred_at);
    const id = newId();
    // The clock starts on the consultation's day (offset 0), or again on the day of a poor rating.
    let clock: { start: string; offset: number | null } = { start, offset: 0 };
    const dueOf = (limit: number, extension: number | null) =>
      clock.offset === null
        ? dateOf(clock.start, limit + (extension ?? 0))
        : dateOf(start, clock.offset + limit + (extension ?? 0));
    const row: CaseRecord = {
      id,
      campaign_id: c.campaign_id,
      consultation_id: c.id,
      tracking_code: newTrackingCode(),
      unit_id: plan.originUnitId,
      status: 'open',
      clock_start_on: start,
      limit_days: LIMIT_DAYS,
      extension_days: null,
      extension_reason: null,
      due_on: dueOf(LIMIT_DAYS, null),
      reply: null,
      replied_at: null,
      replied_by: null,
      closed_at: null,
      rating: null,
      rated_at: null,
      created_at: c.occurred_at,
      updated_at: c.occurred_at,
    };
    const event = (fields: Omit<CaseEventRecord, 'id' | 'campaign_id' | 'case_id'>) => {
      events.push({ id: newId(), campaign_id: c.campaign_id, case_id: id, ...fields });
      row.updated_at = fields.at;
    };
    event({
      kind: 'opened',
      at: c.occurred_at,
      actor_user_id: c.created_by,
      from_unit_id: null,
      to_unit_id: plan.originUnitId,
      reason: null,
      details: { dueOn: row.due_on },
    });
    const actor = () => (row.unit_id === plan.originUnitId ? plan.originActor : plan.targetActor);
    for (const step of CASE_SCENARIOS[plan.scenario] as readonly Step[]) {
      const day = step.at === 'recent' ? daysBefore(today, 2) : dateOf(start, step.at);
      const none = { from_unit_id: null, to_unit_id: null, reason: null, details: null };
      switch (step.kind) {
        case 'transferred':
          event({
            ...none,
            kind: 'transferred',
            at: at(day, '09:30'),
            actor_user_id: actor(),
            from_unit_id: row.unit_id,
            to_unit_id: plan.targetUnitId,
            reason: `该问题属于${plan.targetName}职责范围，转其办理`,
          });
          row.unit_id = plan.targetUnitId;
          row.status = 'transferred';
          break;
        case 'extended': {
          const before = row.due_on;
          row.extension_days = step.days;
          row.extension_reason = '需会同相关部门现场核实，申请延期';
          row.due_on = dueOf(row.limit_days, step.days);
          event({
            ...none,
            kind: 'extended',
            at: at(day, '15:00'),
            actor_user_id: actor(),
            reason: row.extension_reason,
            details: { days: step.days, from: before, dueOn: row.due_on },
          });
          break;
        }
        case 'replied':
          row.status = 'replied';
          row.reply = `经核实，“${c.question ?? ''}”反映的问题已按规定办理，已电话告知办理结果。`;
          row.replied_at = at(day, '10:30');
          row.replied_by = actor();
          event({
            ...none,
            kind: 'replied',
            at: row.replied_at,
            actor_user_id: actor(),
            from_unit_id: row.unit_id,
            details: { dueOn: row.due_on, overdue: day > row.due_on },
          });
          break;
        case 'closed':
          row.status = 'closed';
          row.closed_at = at(day, '16:00');
          event({ ...none, kind: 'closed', at: row.closed_at, actor_user_id: actor() });
          break;
        case 'rated':
          row.rating = step.rating;
          row.rated_at = at(day, '19:00');
          event({ ...none, kind: 'rated', at: row.rated_at, actor_user_id: null, details: { rating: step.rating } });
          if (POOR.includes(step.rating)) {
            clock = { start: day, offset: step.at === 'recent' ? null : step.at };
            row.status = 'reopened';
            row.clock_start_on = day;
            row.limit_days = REOPEN_LIMIT_DAYS;
            row.extension_days = null;
            row.extension_reason = null;
            row.closed_at = null;
            row.due_on = dueOf(REOPEN_LIMIT_DAYS, null);
            event({
              ...none,
              kind: 'reopened',
              at: row.rated_at,
              actor_user_id: null,
              to_unit_id: row.unit_id,
              reason: 'poor_rating',
              details: { rating: step.rating, days: REOPEN_LIMIT_DAYS, dueOn: row.due_on },
            });
          }
          break;
        case 'returnVisit': {
          const rating = step.rating ?? null;
          returnVisits.push({
            id: newId(),
            campaign_id: c.campaign_id,
            case_id: id,
            unit_id: row.unit_id,
            visited_on: day,
            reached: step.reached,
            rating,
            words: step.words ?? null,
            recorded_by: actor(),
            created_at: at(day, '14:00'),
          });
          event({
            ...none,
            kind: 'return_visit',
            at: at(day, '14:00'),
            actor_user_id: actor(),
            details: { visitedOn: day, reached: step.reached, rating },
          });
          break;
        }
      }
    }
    cases.push(row);
  }
  return { cases, events, returnVisits };
}
