/**
 * Expands the hand-written facts of data.ts into the records of the demo campaign. Everything but
 * the ids is deterministic: a seeded generator per unit picks desks, times, visitors and ratings,
 * so the demo reads the same on every install. The records are checked against DEMO_FIGURES
 * before anything is written, so facts that do not add up fail the load instead of showing wrong.
 */
import { newId } from '../../platform/ids.ts';
import {
  DEMO_DESK_NAMES_EN,
  DEMO_LEADER_NAMES_EN,
  DEMO_MATERIAL_TITLES_EN,
  DEMO_SITE_NAMES_EN,
} from './english-names.ts';
import { RATINGS, type Channel, type Outcome, type Rating } from '../../domain/vocabulary.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_CAMPAIGN,
  DEMO_FIGURES,
  DEMO_PLANS,
  DEMO_REGIONS,
  DEMO_UNITS,
  ORGANIZER_UNIT,
  PARTICIPANTS,
  type DemoFigures,
  type DemoOpinion,
  type DemoQuestion,
  type DemoSite,
  type DemoUnitKey,
  type DemoWindow,
  type UnitKey,
} from './data.ts';
import type {
  ConsultationRecord,
  DemoRecords,
  DeskRecord,
  RegionRecord,
  UnitRecord,
  UserRecord,
} from './repository.ts';

/** A small seeded generator (mulberry32 over an FNV-1a hash of the seed): same seed, same sequence. */
export function createRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (const char of seed) state = Math.imul(state ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;
function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(random, i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

class DemoDataError extends Error {
  override name = 'DemoDataError';
}

const fail = (unit: string, problem: string): never => {
  throw new DemoDataError(`Demo data for ${unit}: ${problem}`);
};

const minutesOf = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours! * 60 + minutes!;
};
const pad = (n: number) => String(n).padStart(2, '0');
/** A moment of the open day's clock (Asia/Shanghai, no daylight saving) as ISO 8601. */
const localTime = (date: string, seconds: number) =>
  `${date}T${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}+08:00`;

function daysOf(window: DemoWindow): string[] {
  const days: string[] = [];
  for (let day = new Date(`${window.from}T00:00:00Z`); day <= new Date(`${window.to}T00:00:00Z`);) {
    days.push(day.toISOString().slice(0, 10));
    day = new Date(day.getTime() + 86_400_000);
  }
  return days;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
];
const GIVEN_NAMES = [
  '秀英',
  '建国',
  '桂兰',
  '志强',
  '海燕',
  '立军',
  '玉兰',
  '国华',
  '丽娟',
  '春生',
  '晓东',
  '淑珍',
  '德明',
  '红梅',
  '永刚',
  '雪梅',
  '振华',
  '凤琴',
];
/** Made-up visitor phones follow the pattern 1xx-0000-xxxx, which reads as an obvious sample. */
const PHONE_PREFIXES = ['135', '138', '139', '150', '158', '186', '187'];

const OUTCOME_FIGURES: readonly [
  Outcome,
  'answeredOnSpot' | 'handledOnSpot' | 'transferred' | 'followUp' | 'suggestions' | 'complaints',
][] = [
  ['answered_on_spot', 'answeredOnSpot'],
  ['handled_on_spot', 'handledOnSpot'],
  ['transferred', 'transferred'],
  ['follow_up', 'followUp'],
  ['suggestion', 'suggestions'],
  ['complaint', 'complaints'],
];

/** Outcomes after which the unit has to reach the visitor again, so contact details are kept. */
const NEEDS_REPLY: ReadonlySet<Outcome> = new Set(['transferred', 'follow_up', 'complaint']);

interface DeskInfo {
  key: string;
  record: DeskRecord;
  site: DemoSite;
}

interface Draft {
  question: DemoQuestion;
  outcome: Outcome;
  channel: Channel;
  desk: DeskInfo | undefined;
  rating: Rating | null;
}

/** Every record of the demo campaign; throws DemoDataError when data.ts does not add up. */
export function generateDemo(passwordHash: string): DemoRecords {
  const regionByCode = new Map<string, RegionRecord>();
  for (const region of DEMO_REGIONS) {
    const parent = region.parent === null ? undefined : regionByCode.get(region.parent);
    if (region.parent !== null && !parent)
      fail(region.name, `parent region ${region.parent} comes later or is missing`);
    regionByCode.set(region.code, {
      id: newId(),
      parent_id: parent?.id ?? null,
      code: region.code,
      name: region.name,
      name_en: region.nameEn,
      level: region.level,
      path: `${parent?.path ?? '/'}${region.code}/`,
    });
  }
  const regionOf = (code: string, who: string) => regionByCode.get(code) ?? fail(who, `no region ${code}`);

  const unitByKey = new Map<UnitKey, UnitRecord>();
  for (const unit of DEMO_UNITS) {
    const region = regionOf(unit.region, unit.name);
    const parent = unit.parent ? unitByKey.get(unit.parent) : undefined;
    if (unit.parent && !parent) fail(unit.name, `parent unit ${unit.parent} comes later or is missing`);
    const id = newId();
    unitByKey.set(unit.key, {
      id,
      name: unit.name,
      name_en: unit.nameEn,
      kind: unit.kind,
      region_id: region.id,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      region_path: region.path,
    });
  }
  const unitOf = (key: UnitKey) => unitByKey.get(key) ?? fail(key, 'no such unit');

  const users: UserRecord[] = DEMO_ACCOUNTS.map((account) => ({
    id: newId(),
    username: account.username,
    display_name: account.displayName,
    password_hash: passwordHash,
    language: 'zh-CN',
  }));
  const userIdOf = (username: string) => users.find((u) => u.username === username)?.id ?? fail(username, 'no account');

  const campaignId = newId();
  const records: DemoRecords = {
    regions: [...regionByCode.values()],
    units: [...unitByKey.values()],
    users,
    memberships: DEMO_ACCOUNTS.map((account) => ({
      user_id: userIdOf(account.username),
      unit_id: unitOf(account.unit).id,
      role: account.role,
    })),
    campaign: {
      id: campaignId,
      slug: DEMO_CAMPAIGN.slug,
      title: DEMO_CAMPAIGN.title,
      title_en: DEMO_CAMPAIGN.titleEn,
      theme: DEMO_CAMPAIGN.theme,
      theme_en: DEMO_CAMPAIGN.themeEn,
      notice: DEMO_CAMPAIGN.notice,
      organizer_unit_id: unitOf(ORGANIZER_UNIT).id,
      open_day: DEMO_CAMPAIGN.openDay,
      starts_on: DEMO_CAMPAIGN.startsOn,
      ends_on: DEMO_CAMPAIGN.endsOn,
      reply_limit_days: DEMO_CAMPAIGN.replyLimitDays,
      summary_due_on: DEMO_CAMPAIGN.summaryDueOn,
      plans_due_on: DEMO_CAMPAIGN.plansDueOn,
      issuing_office: DEMO_CAMPAIGN.issuingOffice,
      document_number: DEMO_CAMPAIGN.documentNumber,
      notice_title: DEMO_CAMPAIGN.noticeTitle,
      retention_days_after_close: DEMO_CAMPAIGN.retentionDaysAfterClose,
    },
    campaignUnits: PARTICIPANTS.map((key) => ({
      campaign_id: campaignId,
      unit_id: unitOf(key).id,
      invited_at: '2026-04-24T10:00:00+08:00',
    })),
    plans: [],
    meetings: [],
    opinions: [],
    sites: [],
    desks: [],
    dutyStaff: [],
    partners: [],
    deskPartners: [],
    materials: [],
    distributions: [],
    publicity: [],
    channelPoints: [],
    consultations: [],
  };

  for (const key of PARTICIPANTS) {
    expandPlan(records, key, unitOf, regionOf, (username) => userIdOf(username));
  }
  for (const key of PARTICIPANTS) {
    const differences = compareFigures(DEMO_FIGURES[key], tallyFigures(records, unitOf(key).id));
    if (differences.length) fail(key, `the records do not add up to DEMO_FIGURES: ${differences.join('; ')}`);
  }
  records.consultations.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
  return records;
}

function expandPlan(
  records: DemoRecords,
  key: DemoUnitKey,
  unitOf: (key: UnitKey) => UnitRecord,
  regionOf: (code: string, who: string) => RegionRecord,
  userIdOf: (username: string) => string,
): void {
  const unit = unitOf(key);
  const plan = DEMO_PLANS[key];
  const figures = DEMO_FIGURES[key];
  const campaignId = records.campaign.id;
  const recordedBy = plan.recordedBy ? userIdOf(plan.recordedBy) : null;
  const planId = newId();
  records.plans.push({
    id: planId,
    campaign_id: campaignId,
    unit_id: unit.id,
    leader_name: plan.leader.name,
    leader_name_en: DEMO_LEADER_NAMES_EN[plan.leader.name] ?? null,
    leader_title: plan.leader.title,
    staff_count: figures.staff,
    issued_on: plan.issuedOn,
    notes: plan.notes,
    filed_at: `${plan.issuedOn}T16:00:00+08:00`,
  });
  const opinions: { meetingId: string; heldOn: string; opinion: DemoOpinion }[] = [];
  for (const meeting of plan.meetings) {
    const meetingId = newId();
    const categories = meeting.participantCategories ?? {};
    const sum = Object.values(categories).reduce((a, b) => a + b, 0);
    if (meeting.participantCount !== undefined && meeting.participantCount < sum) {
      fail(key, `meeting ${meeting.title} counts fewer participants than its categories`);
    }
    records.meetings.push({
      id: meetingId,
      campaign_id: campaignId,
      plan_id: planId,
      kind: meeting.kind,
      held_on: meeting.heldOn,
      title: meeting.title,
      title_en: meeting.titleEn ?? null,
      location: meeting.location,
      location_en: meeting.locationEn ?? null,
      chair: meeting.chair ?? null,
      participant_count: meeting.participantCount ?? (sum > 0 ? sum : null),
      participant_categories: categories,
      participants: meeting.participants,
      decisions: meeting.decisions,
    });
    for (const opinion of meeting.opinions ?? []) opinions.push({ meetingId, heldOn: meeting.heldOn, opinion });
  }

  const desks: DeskInfo[] = [];
  for (const site of plan.sites) {
    if (minutesOf(site.opens) >= minutesOf(site.closes)) fail(key, `site ${site.name} closes before it opens`);
    const siteId = newId();
    records.sites.push({
      id: siteId,
      campaign_id: campaignId,
      plan_id: planId,
      name: site.name,
      name_en: DEMO_SITE_NAMES_EN[site.name] ?? null,
      address: site.address,
      region_id: regionOf(site.region, site.name).id,
      held_on: site.heldOn,
      opens_at: site.opens,
      closes_at: site.closes,
    });
    for (const desk of site.desks) {
      if (desks.some((d) => d.key === desk.key)) fail(key, `two desks are called ${desk.key}`);
      const record: DeskRecord = {
        id: newId(),
        campaign_id: campaignId,
        plan_id: planId,
        site_id: siteId,
        name: desk.name,
        name_en: DEMO_DESK_NAMES_EN[desk.name] ?? null,
        topics: desk.topics,
      };
      records.desks.push(record);
      desks.push({ key: desk.key, record, site });
      for (const person of desk.staff) {
        records.dutyStaff.push({
          id: newId(),
          campaign_id: campaignId,
          plan_id: planId,
          desk_id: record.id,
          name: person.name,
          title: person.title,
          leader: person.leader ?? false,
        });
      }
    }
  }
  const deskOf = (deskKey: string) => desks.find((d) => d.key === deskKey) ?? fail(key, `no desk ${deskKey}`);

  for (const item of plan.publicity) {
    records.publicity.push({
      id: newId(),
      campaign_id: campaignId,
      unit_id: unit.id,
      kind: item.kind,
      quantity: item.quantity,
      text: item.text,
      url: item.url ?? null,
      location: item.location ?? null,
      shown_from: item.shownFrom ?? null,
      outlet: item.outlet ?? null,
      outlet_en: item.outletEn ?? null,
      medium: item.medium ?? null,
      reach: item.reach ?? null,
      region_id: item.village ? regionOf(item.village, item.text).id : null,
    });
  }
  for (const material of plan.materials) {
    const materialId = newId();
    records.materials.push({
      id: materialId,
      campaign_id: campaignId,
      unit_id: unit.id,
      title: material.title,
      title_en: DEMO_MATERIAL_TITLES_EN[material.title] ?? null,
      kind: material.kind,
      print_run: material.printRun,
    });
    for (const [deskKey, copies] of Object.entries(material.copies)) {
      const desk = deskOf(deskKey);
      records.distributions.push({
        id: newId(),
        campaign_id: campaignId,
        material_id: materialId,
        desk_id: desk.record.id,
        copies,
        recorded_at: `${desk.site.heldOn}T${desk.site.closes}:00+08:00`,
        recorded_by: recordedBy,
      });
    }
  }
  const consultations = generateConsultations(key, unit, desks, recordedBy, campaignId);
  if (plan.leaderReceptions) {
    const { by, visits } = plan.leaderReceptions;
    const leader =
      records.dutyStaff.find((s) => s.plan_id === planId && s.name === by && s.leader && s.desk_id) ??
      fail(key, `no leader on duty called ${by} at a desk`);
    const received = [...new Set(consultations.filter((c) => c.desk_id === leader.desk_id).map((c) => c.visit_id))];
    if (received.length < visits) fail(key, `${visits} leader receptions but ${received.length} visits at the desk`);
    const chosen = new Set(received.slice(0, visits));
    for (const c of consultations) if (chosen.has(c.visit_id)) c.received_by = leader.id;
  }
  for (const partner of plan.partners ?? []) {
    const partnerUnit = unitOf(partner.unit);
    const id = newId();
    records.partners.push({
      id,
      campaign_id: campaignId,
      unit_id: unit.id,
      partner_unit_id: partnerUnit.id,
      name: partnerUnit.name,
      name_en: partnerUnit.name_en,
      kind: partner.kind,
      contact: partner.contact ?? null,
    });
    const deskIds = partner.desks.map((d) => deskOf(d).record.id);
    for (const deskId of deskIds)
      records.deskPartners.push({ desk_id: deskId, partner_id: id, campaign_id: campaignId });
    const visits = [...new Set(consultations.filter((c) => deskIds.includes(c.desk_id!)).map((c) => c.visit_id))];
    if (visits.length < partner.visits)
      fail(key, `${partner.visits} visits for ${partnerUnit.name} but ${visits.length}`);
    const chosen = new Set(visits.slice(0, partner.visits));
    for (const c of consultations) if (chosen.has(c.visit_id)) c.partner_id = id;
  }
  const points = new Map<string, string>();
  for (const point of plan.channelPoints ?? []) {
    const id = newId();
    points.set(point.name, id);
    records.channelPoints.push({
      id,
      campaign_id: campaignId,
      unit_id: unit.id,
      kind: point.kind,
      name: point.name,
      name_en: point.nameEn,
      region_id: point.village ? regionOf(point.village, point.name).id : null,
      address: point.address ?? null,
      number: point.number ?? null,
    });
  }
  for (const c of consultations) {
    const named = plan.questions.find((q) => q.question === c.question)?.channelPoint;
    if (!named) continue;
    c.channel_point_id = points.get(named) ?? fail(key, `no hotline or mailbox called ${named}`);
    const point = plan.channelPoints!.find((p) => p.name === named)!;
    if (point.kind !== c.channel) fail(key, `${named} is a ${point.kind}, not ${c.channel}`);
  }
  records.consultations.push(...consultations);
  records.opinions.push(
    ...opinions.map(({ meetingId, heldOn, opinion }, i) => ({
      id: newId(),
      campaign_id: campaignId,
      meeting_id: meetingId,
      text: opinion.text,
      raised_by: opinion.raisedBy ?? null,
      outcome: opinion.outcome,
      response: opinion.response ?? '',
      // Linked to its case once the cases are made (they are dated by the database's calendar).
      case_id: null,
      consultation_id: opinion.question
        ? (consultations.find((c) => c.question === opinion.question)?.id ??
          fail(key, `no consultation asking ${opinion.question}`))
        : null,
      // One second apart, so they are read in the order the minutes list them.
      created_at: `${heldOn}T18:00:${String(i).padStart(2, '0')}+08:00`,
    })),
  );
}

/**
 * The unit's consultations: its questions repeated to the figure of each outcome, spread over
 * desks that handle their topic, grouped into visits, joined by visitors who only took leaflets
 * until the people received add up, and rated by as many visitors as the figures say.
 */
function generateConsultations(
  key: DemoUnitKey,
  unit: UnitRecord,
  desks: readonly DeskInfo[],
  recordedBy: string | null,
  campaignId: string,
): ConsultationRecord[] {
  const plan = DEMO_PLANS[key];
  const figures = DEMO_FIGURES[key];
  const random = createRandom(`demo:${key}`);

  const drafts: Draft[] = [];
  for (const [outcome, figure] of OUTCOME_FIGURES) {
    const count = figures[figure];
    const pool = plan.questions.filter((q) => (q.outcome ?? 'answered_on_spot') === outcome);
    if (count > 0 && pool.length === 0) fail(key, `${count} ${outcome} consultations but no such question`);
    if (pool.length > count) fail(key, `${pool.length} ${outcome} questions for only ${count} consultations`);
    for (let i = 0; i < count; i++) {
      const question = pool[i % pool.length]!;
      const channel = question.channel ?? 'on_site';
      let desk: DeskInfo | undefined;
      if (channel === 'on_site') {
        const matching = desks.filter((d) => d.record.topics.includes(question.topic));
        if (matching.length === 0) fail(key, `no desk handles the topic ${question.topic}`);
        desk = pick(random, matching);
      } else if (!plan.windows?.[channel]) {
        fail(key, `${channel} questions but no ${channel} window`);
      }
      drafts.push({ question, outcome, channel, desk, rating: null });
    }
  }

  // Visits: a few people asked several different questions at one desk; everyone else asked one.
  const order = shuffle(random, drafts);
  const grouped = new Set<Draft>();
  const visits: Draft[][] = [];
  for (const size of plan.visitsWithSeveralQuestions) {
    const first = order.find((d) => !grouped.has(d) && d.channel === 'on_site') ?? fail(key, 'too few questions');
    const visit = [first];
    grouped.add(first);
    const fits = (d: Draft, sameDesk: boolean) =>
      !grouped.has(d) &&
      d.channel === 'on_site' &&
      (!sameDesk || d.desk === first.desk) &&
      visit.every((v) => v.question !== d.question);
    while (visit.length < size) {
      const next =
        order.find((d) => fits(d, true)) ??
        order.find((d) => fits(d, false)) ??
        fail(key, `no ${size} different questions for one visit`);
      visit.push(next);
      grouped.add(next);
    }
    visits.push(visit);
  }
  for (const draft of order) if (!grouped.has(draft)) visits.push([draft]);
  const walkIns = figures.peopleReceived - visits.length;
  if (walkIns < 0) fail(key, `${visits.length} visits with questions exceed ${figures.peopleReceived} people received`);

  // Ratings: visitors at a desk or on the phone rate; the lower ratings go to questions not closed on the spot.
  const ratings = RATINGS.flatMap((level) => Array.from({ length: figures.satisfaction[level] }, () => level));
  const raters = shuffle(
    random,
    drafts.filter((d) => d.channel === 'on_site' || d.channel === 'hotline'),
  ).slice(0, ratings.length);
  if (raters.length < ratings.length)
    fail(key, `${ratings.length} ratings but only ${raters.length} questions to rate`);
  raters.sort((a, b) => Number(a.outcome !== 'answered_on_spot') - Number(b.outcome !== 'answered_on_spot'));
  raters.forEach((draft, i) => (draft.rating = ratings[i]!));

  const startAt = (channel: Channel, desk: DeskInfo | undefined, questions: number): [string, number] => {
    const window: DemoWindow =
      channel === 'on_site'
        ? { from: desk!.site.heldOn, to: desk!.site.heldOn, opens: desk!.site.opens, closes: desk!.site.closes }
        : plan.windows![channel as Exclude<Channel, 'on_site'>]!;
    const opens = minutesOf(window.opens) * 60;
    // Room for every question of the visit (up to four minutes each) before closing time.
    const span = minutesOf(window.closes) * 60 - opens - questions * 240;
    if (span <= 0) fail(key, `the ${channel} hours are too short`);
    return [pick(random, daysOf(window)), opens + int(random, span)];
  };

  const rows: ConsultationRecord[] = [];
  const row = (
    fields: Partial<ConsultationRecord> & Pick<ConsultationRecord, 'visit_id' | 'occurred_at' | 'channel'>,
  ) =>
    rows.push({
      id: newId(),
      campaign_id: campaignId,
      unit_id: unit.id,
      site_id: null,
      desk_id: null,
      topic: null,
      question: null,
      answer: null,
      outcome: null,
      handled_matter: null,
      received_by: null,
      partner_id: null,
      channel_point_id: null,
      rating: null,
      visitor_name: null,
      visitor_phone: null,
      contact_consent: false,
      created_at: fields.occurred_at,
      created_by: recordedBy,
      ...fields,
    });

  for (const visit of visits) {
    const first = visit[0]!;
    const visitId = newId();
    const [day, start] = startAt(first.channel, first.desk, visit.length);
    const contact = visit.some((d) => NEEDS_REPLY.has(d.outcome))
      ? {
          visitor_name: pick(random, SURNAMES) + pick(random, GIVEN_NAMES),
          visitor_phone: `${pick(random, PHONE_PREFIXES)}0000${String(int(random, 10_000)).padStart(4, '0')}`,
          contact_consent: true,
        }
      : {};
    let seconds = start;
    for (const draft of visit) {
      const occurredAt = localTime(day, seconds);
      row({
        visit_id: visitId,
        occurred_at: occurredAt,
        channel: draft.channel,
        site_id: draft.desk?.record.site_id ?? null,
        desk_id: draft.desk?.record.id ?? null,
        topic: draft.question.topic,
        question: draft.question.question,
        answer: draft.question.answer,
        outcome: draft.outcome,
        handled_matter: draft.outcome === 'handled_on_spot' ? (draft.question.handledMatter ?? null) : null,
        rating: draft.rating,
        ...contact,
      });
      seconds += 90 + int(random, 150);
    }
  }
  for (let i = 0; i < walkIns; i++) {
    const desk = pick(random, desks);
    const [day, start] = startAt('on_site', desk, 1);
    row({
      visit_id: newId(),
      occurred_at: localTime(day, start),
      channel: 'on_site',
      site_id: desk.record.site_id,
      desk_id: desk.record.id,
    });
  }
  return rows;
}

/** The figures of one unit computed from the records the way the statistics define them. */
export function tallyFigures(records: DemoRecords, unitId: string): DemoFigures {
  const consultations = records.consultations.filter((c) => c.unit_id === unitId);
  const count = (test: (c: ConsultationRecord) => boolean) => consultations.filter(test).length;
  const plan = records.plans.find((p) => p.unit_id === unitId);
  const publicity = (kind: string) =>
    records.publicity.filter((p) => p.unit_id === unitId && p.kind === kind).reduce((sum, p) => sum + p.quantity, 0);
  const materials = records.materials.filter((m) => m.unit_id === unitId);
  const printRuns = materials.map((m) => m.print_run).filter((n): n is number => n !== null);
  const materialIds = new Set(materials.map((m) => m.id));
  return {
    peopleReceived: new Set(consultations.map((c) => c.visit_id)).size,
    consultations: count((c) => c.question !== null),
    answeredOnSpot: count((c) => c.outcome === 'answered_on_spot'),
    handledOnSpot: count((c) => c.outcome === 'handled_on_spot'),
    transferred: count((c) => c.outcome === 'transferred'),
    followUp: count((c) => c.outcome === 'follow_up'),
    suggestions: count((c) => c.outcome === 'suggestion'),
    complaints: count((c) => c.outcome === 'complaint'),
    satisfaction: Object.fromEntries(RATINGS.map((level) => [level, count((c) => c.rating === level)])) as Record<
      Rating,
      number
    >,
    desks: plan ? records.desks.filter((d) => d.plan_id === plan.id).length : 0,
    staff: plan?.staff_count ?? null,
    banners: publicity('banner'),
    panels: publicity('panel'),
    ledSlogans: publicity('led_slogan'),
    posters: publicity('poster'),
    newspaperWindows: publicity('newspaper_window'),
    onlinePosts: publicity('online_post'),
    mediaReports: publicity('media_report'),
    materialsPrinted: printRuns.length ? printRuns.reduce((a, b) => a + b, 0) : null,
    materialsDistributed: records.distributions
      .filter((d) => materialIds.has(d.material_id))
      .reduce((sum, d) => sum + d.copies, 0),
  };
}

/** "field: expected X, got Y" for every figure that differs. */
export function compareFigures(expected: DemoFigures, actual: DemoFigures): string[] {
  const differences: string[] = [];
  for (const field of Object.keys(expected) as (keyof DemoFigures)[]) {
    const want = JSON.stringify(expected[field]);
    const got = JSON.stringify(actual[field]);
    if (want !== got) differences.push(`${field}: expected ${want}, got ${got}`);
  }
  return differences;
}
