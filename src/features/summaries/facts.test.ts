import { describe, expect, it } from 'vitest';
import { NO_MEDIA, SATISFIED_LEVELS } from '../statistics/figures.ts';
import type { Figures } from '../statistics/schema.ts';
import { documentText } from './document.ts';
import { deriveUnitFacts, PROBLEM_ORDER, type Problem, type SummaryRecords } from './facts.ts';
import { buildSummaryDocument } from './generate.ts';
import type { DeskFactsRow, TopicFactsRow } from './repository.ts';

const NO_RATINGS = { very_satisfied: 0, satisfied: 0, basically_satisfied: 0, dissatisfied: 0, very_dissatisfied: 0 };

const figures = (overrides: Partial<Figures> = {}): Figures => ({
  peopleReceived: 20,
  consultations: 10,
  laterQuestions: 0,
  answeredOnSpot: 10,
  handledOnSpot: 0,
  leaderReceptions: 0,
  transferred: 0,
  followUp: 0,
  suggestions: 0,
  complaints: 0,
  answeredOnSpotRate: 1,
  rated: 10,
  satisfaction: { ...NO_RATINGS, very_satisfied: 10 },
  satisfactionRate: 1,
  smallSample: false,
  casesOpened: 0,
  casesTransferred: 0,
  casesOpen: 0,
  casesOverdue: 0,
  casesDue: 0,
  casesReplied: 0,
  repliedOnTime: 0,
  repliedOnTimeRate: null,
  averageReplyDays: null,
  medianReplyDays: null,
  replyRated: 0,
  replySatisfaction: NO_RATINGS,
  replySatisfactionRate: null,
  replySmallSample: false,
  returnVisits: 0,
  returnVisitsReached: 0,
  returnVisitRated: 0,
  returnVisitSatisfaction: NO_RATINGS,
  returnVisitSatisfactionRate: null,
  laterReturnVisits: 0,
  desks: 1,
  staff: 5,
  banners: 1,
  panels: 0,
  ledSlogans: 0,
  posters: 0,
  newspaperWindows: 0,
  onlinePosts: 0,
  mediaReports: 0,
  mediaReach: 0,
  media: NO_MEDIA,
  materialsPrinted: 100,
  materialsDistributed: 80,
  meetings: 0,
  symposiums: 0,
  meetingParticipants: null,
  opinions: 0,
  opinionsAnswered: 0,
  opinionsTransferred: 0,
  opinionsAdopted: 0,
  ...overrides,
});

/** A meeting's fields beyond kind, date, title, participants and decisions, unrecorded. */
const MEETING = {
  id: 'meeting-1',
  title_en: null,
  location: null,
  location_en: null,
  chair: null,
  participant_count: null,
  participant_categories: {},
  opinions: [],
};

const desk = (overrides: Partial<DeskFactsRow> = {}): DeskFactsRow => ({
  id: 'desk-1',
  name: '咨询台',
  site_name: '广场',
  region_name: null,
  region_name_en: null,
  held_on: '2026-05-15',
  people: 20,
  consultations: 10,
  ...overrides,
});

const topic = (name: string, ratings: Partial<typeof NO_RATINGS>): TopicFactsRow => ({
  topic: name,
  consultations: 5,
  answered_on_spot: 5,
  ...NO_RATINGS,
  ...ratings,
});

/** A unit whose records show no problem; each test changes one thing. */
function buildRecords(overrides: Partial<SummaryRecords> = {}): SummaryRecords {
  return {
    campaign: {
      id: 'c',
      title: '2026年政务公开日',
      titleEn: 'Government Open Day 2026',
      themeEn: null,
      theme: '推进政务公开',
      notice: '',
      noticeTitle: null,
      documentNumber: null,
      openDay: '2026-05-15',
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      satisfactionLevels: [...SATISFIED_LEVELS],
    },
    unit: { id: 'u', name: '某某局', nameEn: 'Some Bureau' },
    figures: figures(),
    plan: { leader_name: '张三', leader_title: '局长', staff_count: 5, issued_on: '2026-05-08' },
    meetings: [
      {
        ...MEETING,
        kind: 'preparation',
        held_on: '2026-05-08',
        title: '部署会',
        participants: '局领导',
        decisions: '制定方案',
      },
    ],
    sites: [{ name: '广场', held_on: '2026-05-15' }],
    desks: [desk()],
    ledSlogans: [],
    publicityDates: [],
    mediaReports: [],
    materials: [{ id: 'm1', title: '服务指南', print_run: 100, distributed: 80 }],
    topics: [topic('法律援助', { very_satisfied: 10 })],
    channels: [{ channel: 'on_site', consultations: 10 }],
    campaignRatings: topic('', { very_satisfied: 10 }),
    caseExchanges: [],
    handledMatters: [],
    leaderReceptions: [],
    partners: [],
    channelPoints: { hotlines: 0, mailboxes: 0, villages: 0, consultations: 0, peopleReceived: 0 },
    villages: [],
    writtenOn: '2026-06-03',
    ...overrides,
  };
}

const rules = (records: SummaryRecords) => deriveUnitFacts(records).problems.map((p) => p.rule);
const only = <K extends Problem['rule']>(records: SummaryRecords, rule: K) => {
  const problems = deriveUnitFacts(records).problems;
  expect(problems.map((p) => p.rule)).toEqual([rule]);
  return problems[0] as Extract<Problem, { rule: K }>;
};

describe('the rules of section 五', () => {
  it('find nothing in records that show no problem, and then 五 says so in both languages', () => {
    expect(rules(buildRecords())).toEqual([]);
    expect(documentText(buildSummaryDocument(buildRecords(), 'zh-CN'))).toContain('根据记录，未发现需要整改的问题。');
    expect(documentText(buildSummaryDocument(buildRecords(), 'en-US'))).toContain(
      'The records show no problem to correct.',
    );
  });

  it('casesOverdue: cases owing a reply after their due date', () => {
    const records = buildRecords({ figures: figures({ casesOpen: 2, casesOverdue: 2, casesDue: 2 }) });
    expect(only(records, 'casesOverdue').count).toBe(2);
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain('超期未答复办件2件');
  });

  it('repliedLate: cases replied after their due date, so 四 and 五 never call them on time', () => {
    const records = buildRecords({
      figures: figures({ casesDue: 3, casesReplied: 3, repliedOnTime: 0, repliedOnTimeRate: 0, averageReplyDays: 19 }),
    });
    expect(only(records, 'repliedLate')).toMatchObject({ count: 3, due: 3 });
    const zh = documentText(buildSummaryDocument(records, 'zh-CN'));
    expect(zh).toContain('到期办件3件，均未按时答复');
    expect(zh).toContain('到期办件3件均超过期限才答复');
    expect(zh).not.toMatch(/按时答复0件|未发现/);
  });

  it('datedAfterDay: the plan or a preparation meeting dated after the unit’s day', () => {
    const records = buildRecords({
      plan: { leader_name: '张三', leader_title: '局长', staff_count: 5, issued_on: '2026-05-20' },
    });
    expect(only(records, 'datedAfterDay').records).toEqual([{ kind: 'plan', name: '', on: '2026-05-20' }]);
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain(
      '活动方案印发日期（2026年5月20日）晚于本单位活动日期（2026年5月15日）',
    );
  });

  it('datedOutsideWindow: a site, symposium or publicity item outside the campaign’s window', () => {
    const records = buildRecords({
      sites: [
        { name: '广场', held_on: '2026-05-15' },
        { name: '社区', held_on: '2026-06-10' },
      ],
    });
    expect(only(records, 'datedOutsideWindow').records).toEqual([{ kind: 'site', name: '社区', on: '2026-06-10' }]);
    const zh = documentText(buildSummaryDocument(records, 'zh-CN'));
    expect(zh).toContain('活动地点“社区”（2026年6月10日）不在活动期间（2026年5月1日至31日）内');
    // The unit's days are its own: both sites' days.
    expect(zh).toContain('于2026年5月15日、6月10日');
  });

  it('datedOutsideWindow: not for the other dates the organizer agreed for the unit, which the text says were agreed', () => {
    const records = buildRecords({
      sites: [{ name: '社区', held_on: '2026-06-10' }],
      agreedDays: { from: '2026-06-10', to: '2026-06-12', reason: '5月防汛值守' },
    });
    expect(rules(records)).not.toContain('datedOutsideWindow');
    expect(deriveUnitFacts(records).daysAgreed).toBe(true);
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain('经组织单位同意，于2026年6月10日');
    expect(documentText(buildSummaryDocument(records, 'en-US'))).toContain(
      'held its open day on 10 June 2026 (dates agreed with the organizing office)',
    );
    // Dates outside what was agreed are still named.
    const later = buildRecords({
      sites: [{ name: '社区', held_on: '2026-06-20' }],
      agreedDays: { from: '2026-06-10', to: '2026-06-12', reason: '5月防汛值守' },
    });
    expect(rules(later)).toContain('datedOutsideWindow');
    expect(deriveUnitFacts(later).daysAgreed).toBe(false);
  });

  it('states the return visits and their ratings apart from the citizens’ own, in both languages', () => {
    const records = buildRecords({
      figures: figures({
        returnVisits: 3,
        returnVisitsReached: 2,
        returnVisitRated: 2,
        returnVisitSatisfactionRate: 0.5,
      }),
    });
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain(
      '对办件开展回访3次，联系上群众2次；回访中群众评价满意率50%（评价2人次，与群众凭查询码所作评价分开统计）。',
    );
    expect(documentText(buildSummaryDocument(records, 'en-US'))).toContain(
      'Staff made 3 return visits (follow-up calls) on cases, 2 of them reaching the citizen; on those calls the satisfaction rate was 50% (of 2 rated, counted apart from the ratings citizens gave with their code).',
    );
    // None made: nothing said.
    expect(documentText(buildSummaryDocument(buildRecords(), 'zh-CN'))).not.toContain('回访');
  });

  it('idleDesks: desks with no consultation, named once in one sentence', () => {
    const records = buildRecords({
      desks: [desk(), desk({ id: 'd2', name: '甲台', people: 0 }), desk({ id: 'd3', name: '乙台', people: 0 })],
      figures: figures({ desks: 3 }),
    });
    expect(only(records, 'idleDesks').desks.map((d) => d.name)).toEqual(['甲台', '乙台']);
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain('咨询台甲台和乙台未登记任何咨询');
  });

  it('casesOpen: cases still open and not yet due', () => {
    expect(only(buildRecords({ figures: figures({ casesOpen: 2 }) }), 'casesOpen').count).toBe(2);
  });

  it('topicBelowCampaign: a topic rated below the whole campaign', () => {
    const records = buildRecords({
      topics: [topic('法律援助', { very_satisfied: 8 }), topic('公证', { very_satisfied: 1, dissatisfied: 1 })],
      campaignRatings: topic('', { very_satisfied: 9, dissatisfied: 1 }),
    });
    expect(only(records, 'topicBelowCampaign')).toMatchObject({ topic: '公证', rate: 0.5, rated: 2 });
  });

  it('fewRatings: fewer than half of the consultations rated', () => {
    const records = buildRecords({ figures: figures({ rated: 4, satisfaction: { ...NO_RATINGS, satisfied: 4 } }) });
    expect(only(records, 'fewRatings')).toMatchObject({ rated: 4, consultations: 10 });
  });

  it('quietDesks: desks far below the unit’s average', () => {
    const records = buildRecords({
      desks: [desk({ people: 100 }), desk({ id: 'd2', name: '甲台', people: 2 })],
      figures: figures({ desks: 2 }),
    });
    expect(only(records, 'quietDesks').desks.map((d) => d.name)).toEqual(['甲台']);
  });

  it('overprinted: materials printed far beyond what was handed out, in one sentence', () => {
    const records = buildRecords({
      materials: [
        { id: 'm1', title: '服务指南', print_run: 1000, distributed: 100 },
        { id: 'm2', title: '《条例》摘编', print_run: 600, distributed: 155 },
      ],
    });
    expect(only(records, 'overprinted').materials).toHaveLength(2);
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain(
      '宣传资料《服务指南》（印制1000份，发放100份）和《〈条例〉摘编》（印制600份，发放155份）印制数量远超发放数量',
    );
  });

  it('meetingsWithoutDecisions and symposiumsWithoutParticipants', () => {
    const records = buildRecords({
      meetings: [
        {
          ...MEETING,
          kind: 'preparation',
          held_on: '2026-05-08',
          title: '部署会',
          participants: '局领导',
          decisions: '',
        },
        {
          ...MEETING,
          kind: 'symposium',
          held_on: '2026-05-15',
          title: '座谈会',
          participants: '',
          decisions: '听取意见',
        },
      ],
    });
    expect(rules(records)).toEqual(['meetingsWithoutDecisions', 'symposiumsWithoutParticipants']);
  });

  it('missing: what the summary needs and the records lack, in one sentence', () => {
    const records = buildRecords({ plan: undefined, figures: figures({ staff: null }) });
    expect(only(records, 'missing').items).toEqual(['plan', 'staff']);
  });

  it('names every problem, most serious first, and no sentence twice', () => {
    const records = buildRecords({
      figures: figures({ casesOpen: 3, casesOverdue: 1, casesDue: 2, repliedOnTime: 0, staff: null, rated: 1 }),
      desks: [desk(), desk({ id: 'd2', name: '甲台', people: 0 })],
      materials: [{ id: 'm1', title: '服务指南', print_run: 1000, distributed: 100 }],
    });
    const found = rules(records);
    expect(found).toEqual([
      'casesOverdue',
      'repliedLate',
      'idleDesks',
      'casesOpen',
      'fewRatings',
      'overprinted',
      'missing',
    ]);
    expect([...found].sort((a, b) => PROBLEM_ORDER.indexOf(a) - PROBLEM_ORDER.indexOf(b))).toEqual(found);
    for (const language of ['zh-CN', 'en-US'] as const) {
      const problems = buildSummaryDocument(records, language).sections.find((s) => s.key === 'problems')!;
      const texts = problems.paragraphs.map((p) => p.runs.map((r) => r.text).join(''));
      expect(texts).toHaveLength(found.length);
      expect(new Set(texts.map((t) => t.replace(/^\d+\.\s?/, ''))).size).toBe(texts.length);
    }
  });
});

describe("the unit's own day", () => {
  it('is the day of its sites, not the campaign’s, and the title names the campaign', () => {
    const records = buildRecords({ sites: [{ name: '人民公园广场', held_on: '2026-05-30' }] });
    const zh = buildSummaryDocument(records, 'zh-CN');
    expect(zh.title).toBe('某某局关于2026年政务公开日活动的总结');
    expect(zh.title).not.toContain('5·15');
    expect(documentText(zh)).toContain('某某局于2026年5月30日在人民公园广场开展了政务公开日活动');
    expect(documentText(buildSummaryDocument(records, 'en-US'))).toContain('held its open day on 30 May 2026');
  });

  it('closes with the 落款: the unit and the date written, in each language', () => {
    expect(buildSummaryDocument(buildRecords(), 'zh-CN').signature).toEqual({ issuer: '某某局', date: '2026年6月3日' });
    expect(buildSummaryDocument(buildRecords(), 'en-US').signature).toEqual({
      issuer: 'Some Bureau',
      date: '3 June 2026',
    });
  });

  it('is a run of days written once: 5月13日至15日', () => {
    const records = buildRecords({
      sites: ['2026-05-13', '2026-05-14', '2026-05-15'].map((held_on) => ({ name: '广场', held_on })),
    });
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain('于2026年5月13日至15日在广场');
    expect(documentText(buildSummaryDocument(records, 'en-US'))).toContain('on 13–15 May 2026 at');
  });
});

describe('media coverage and online posts in section 二', () => {
  const records = () =>
    buildRecords({
      figures: figures({
        onlinePosts: 3,
        mediaReports: 2,
        mediaReach: 6500,
        media: {
          ...NO_MEDIA,
          newspaper: { reports: 1, posts: 0, reach: 5000 },
          tv: { reports: 1, posts: 0, reach: 0 },
          wechat: { reports: 0, posts: 2, reach: 1500 },
          gov_website: { reports: 0, posts: 1, reach: 0 },
        },
      }),
      mediaReports: [
        {
          id: 'r1',
          outlet: '辽宁日报',
          outlet_en: 'Liaoning Daily',
          medium: 'newspaper',
          text: '我市举办政务公开日活动',
          shown_from: '2026-05-16',
          reach: 5000,
        },
        {
          id: 'r2',
          outlet: '葫芦岛广播电视台',
          outlet_en: null,
          medium: 'tv',
          text: '政务公开日走进社区',
          shown_from: '2026-05-15',
          reach: null,
        },
      ],
    });

  it('counts posts with the website and WeChat apart, and lists the reports by outlet and kind with reach', () => {
    const zh = documentText(buildSummaryDocument(records(), 'zh-CN'));
    expect(zh).toContain('在网上发布活动信息3条，其中微信公众号2条和政府网站1条。');
    expect(zh).toContain(
      '媒体报道2篇：辽宁日报（报纸）2026年5月16日报道《我市举办政务公开日活动》，阅读5000次；葫芦岛广播电视台（电视）2026年5月15日报道《政务公开日走进社区》。',
    );
    expect(zh).toContain('网络发布和媒体报道累计阅读6500次。');
    expect(zh).not.toContain('网站、微信');

    const en = documentText(buildSummaryDocument(records(), 'en-US'));
    expect(en).toContain(
      'The unit published 3 online posts (2 on its WeChat account and 1 on its government website).',
    );
    expect(en).toContain(
      '2 media reports covered the open day: Liaoning Daily (a newspaper) on 16 May 2026, read 5,000 times; a TV station on 15 May 2026.',
    );
    expect(en).toContain('Posts and reports were viewed or read 6,500 times in all.');
    // The outlets, titles and kinds are in English; the fixture's other records are not.
    const paragraph = en.split('\n').find((line) => line.includes('media reports'))!;
    expect(paragraph).not.toMatch(/[\u3400-\u9fff]/u);
  });
});

describe('later questions', () => {
  it('are their own sentence, apart from the day’s figures, in each language; none, no sentence', () => {
    const records = buildRecords({ figures: figures({ laterQuestions: 3 }) });
    expect(documentText(buildSummaryDocument(records, 'zh-CN'))).toContain(
      '活动结束后，群众在线提出后续咨询3件，已登记办理，未计入以上活动数据。',
    );
    expect(documentText(buildSummaryDocument(records, 'en-US'))).toContain(
      'After the open day, citizens asked 3 later questions online; they are being handled and are not counted in the figures above.',
    );
    expect(documentText(buildSummaryDocument(buildRecords(), 'zh-CN'))).not.toContain('后续咨询');
  });
});

describe('the notice the summary answers to', () => {
  const notice = '各市、县（区）政务公开办，省直各部门：\n为深入贯彻……现将有关事项通知如下。';
  const withNotice = (campaign: Partial<SummaryRecords['campaign']>) =>
    buildRecords({ campaign: { ...buildRecords().campaign, notice, ...campaign } });

  it('is named by the title it was issued with, and its document number', () => {
    const zh = documentText(
      buildSummaryDocument(
        withNotice({ noticeTitle: '关于开展2026年“5·15”政务公开日活动的通知', documentNumber: '辽政办发〔2026〕12号' }),
        'zh-CN',
      ),
    );
    expect(zh).toContain('根据《关于开展2026年“5·15”政务公开日活动的通知》（辽政办发〔2026〕12号）要求，');
    expect(zh).not.toContain('省直各部门：》');
  });

  it('is never named by the salutation that opens its text', () => {
    const zh = documentText(buildSummaryDocument(withNotice({}), 'zh-CN'));
    expect(zh).not.toContain('根据《');
    expect(zh).toContain('围绕“推进政务公开”主题');
  });
});
