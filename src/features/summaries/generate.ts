import type { Campaign } from '../campaigns/schema.ts';
import { RATINGS, type Rating } from '../consultations/schema.ts';
import { satisfactionRate } from '../statistics/figures.ts';
import type { Figures } from '../statistics/schema.ts';
import {
  formatCount,
  formatDays,
  formatRate,
  sectionNumber,
  unrecordedText,
  type Paragraph,
  type Run,
  type Section,
  type SummaryDocument,
  type SummaryLanguage,
} from './document.ts';
import type { DeskFactsRow, MaterialFactsRow, MeetingFactsRow, PlanFactsRow, TopicFactsRow } from './repository.ts';

/** Everything a summary states, read once from the records. */
export interface SummaryFacts {
  campaign: Pick<Campaign, 'id' | 'title' | 'titleEn' | 'theme' | 'notice' | 'openDay' | 'satisfactionLevels'>;
  unit: { id: string; name: string; nameEn: string | null };
  figures: Figures;
  plan: PlanFactsRow | undefined;
  meetings: MeetingFactsRow[];
  desks: DeskFactsRow[];
  ledSlogans: string[];
  materials: MaterialFactsRow[];
  topics: TopicFactsRow[];
  channels: { channel: string; consultations: number }[];
  campaignRatings: TopicFactsRow;
}

/** How far printing may exceed distribution before the summary calls it a problem. */
export const OVERPRINT_FACTOR = 2;
/** A desk that received fewer than this share of the unit's average per desk had few visitors. */
export const FEW_VISITORS_SHARE = 0.25;
/** How many topics section 三 names. */
export const MAIN_TOPICS = 5;

const CHANNELS: Record<string, [string, string]> = {
  on_site: ['现场', 'on site'],
  hotline: ['热线', 'by hotline'],
  mailbox: ['信箱', 'by mailbox'],
  online: ['网上', 'online'],
  symposium: ['座谈会', 'at symposiums'],
};

const LEVELS: Record<Rating, [string, string]> = {
  very_satisfied: ['非常满意', 'very satisfied'],
  satisfied: ['满意', 'satisfied'],
  basically_satisfied: ['基本满意', 'basically satisfied'],
  dissatisfied: ['不满意', 'dissatisfied'],
  very_dissatisfied: ['非常不满意', 'very dissatisfied'],
};

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function ratingCounts(row: TopicFactsRow): Record<Rating, number> {
  return Object.fromEntries(RATINGS.map((level) => [level, row[level]])) as Record<Rating, number>;
}

/** Builds the document in one language. Pure: the same facts give the same document. */
export function buildSummaryDocument(facts: SummaryFacts, language: SummaryLanguage): SummaryDocument {
  const zh = language === 'zh-CN';
  const L = (chinese: string, english: string): Run => ({ kind: 'text', text: zh ? chinese : english });
  const R = (text: string): Run => ({ kind: 'record', text });
  const E = (text: string): Run => ({ kind: 'enumerator', text });
  const { campaign, unit, figures: f } = facts;
  const c = encodeURIComponent(campaign.id);
  const u = encodeURIComponent(unit.id);
  const links = {
    statistics: `/api/v1/campaigns/${c}/statistics`,
    plan: `/api/v1/campaigns/${c}/units/${u}/plan`,
    consultations: (filters = '') => `/api/v1/consultations?campaignId=${c}&unitId=${u}${filters}`,
    publicity: (kind: string) => `/api/v1/publicity?campaignId=${c}&unitId=${u}&kind=${kind}`,
    materials: `/api/v1/materials?campaignId=${c}&unitId=${u}`,
    cases: `/api/v1/cases?campaignId=${c}&unitId=${u}`,
  };
  const count = (key: string, value: number | null, href: string | null): Run =>
    value === null
      ? { kind: 'figure', key, value: null, text: unrecordedText(language), href }
      : { kind: 'figure', key, value, text: formatCount(value, language), href };
  const percent = (key: string, value: number | null, href: string | null): Run =>
    value === null
      ? { kind: 'figure', key, value: null, text: unrecordedText(language), href }
      : { kind: 'figure', key, value, text: formatRate(value), href };
  const days = (key: string, value: number | null, href: string | null): Run =>
    value === null
      ? { kind: 'figure', key, value: null, text: unrecordedText(language), href }
      : { kind: 'figure', key, value, text: formatDays(value), href };
  const date = (iso: string): Run => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const months = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    return R(zh ? `${y}年${m}月${d}日` : `${d} ${months[m - 1]} ${y}`);
  };
  const list = (items: Run[][]): Run[] =>
    items.flatMap((item, i) => [
      ...(i === 0
        ? []
        : [
            L(
              i === items.length - 1 ? '和' : '、',
              i === items.length - 1 ? (items.length > 2 ? ', and ' : ' and ') : ', ',
            ),
          ]),
      ...item,
    ]);
  const quote = (text: string) => R(zh ? `“${text}”` : `"${text}"`);
  const p = (...runs: Run[]): Paragraph => ({ runs });

  const unitName = zh ? unit.name : (unit.nameEn ?? unit.name);
  const year = campaign.openDay.slice(0, 4);
  const title = zh
    ? `${unit.name}关于${year}年“5·15”政务公开日活动的总结`
    : `Summary of the ${year} "5·15" Government Open Day of ${unitName}`;

  // Opening: the notice, theme, date and sites.
  const noticeTitle = campaign.notice
    .split('\n')
    .find((line) => line.trim())
    ?.trim();
  const siteNames = [...new Set(facts.desks.map((d) => d.site_name))];
  const opening = p(
    ...(noticeTitle
      ? [
          L('根据', 'In accordance with the notice '),
          R(zh ? `《${noticeTitle}》` : `"${noticeTitle}"`),
          L('要求，', ', '),
        ]
      : []),
    L('围绕', 'on the theme '),
    quote(campaign.theme),
    L('主题，', ', '),
    R(unitName),
    L('于', ' held its open day on '),
    date(campaign.openDay),
    ...(siteNames.length
      ? [L('在', ' at '), ...list(siteNames.map((s) => [R(s)])), L('开展了政务公开日活动。', '.')]
      : [L('开展了政务公开日活动，活动地点未记录。', '; its sites were not recorded.')]),
    L('现将有关情况总结如下。', ' This summary reports what was recorded.'),
  );

  // 一、organization and planning
  const plan = facts.plan;
  const preparation = facts.meetings.filter((m) => m.kind === 'preparation');
  const organization: Paragraph[] = [
    plan?.leader_name
      ? p(
          L('本单位由', 'The open day was led by '),
          R([plan.leader_title, plan.leader_name].filter(Boolean).join(zh ? '' : ' ')),
          L('负责本次活动。', '.'),
        )
      : p(L('活动分管领导未记录。', 'The leader in charge was not recorded.')),
    plan?.issued_on
      ? p(L('活动方案于', 'The plan was issued on '), date(plan.issued_on), L('印发。', '.'))
      : p(L('活动方案印发日期未记录。', 'The date the plan was issued was not recorded.')),
    p(
      L('召开部署会', 'Preparation meetings held: '),
      count('preparationMeetings', preparation.length, links.plan),
      L('次。', '.'),
    ),
    ...preparation.map((m) =>
      p(
        date(m.held_on),
        L('召开', ': '),
        R(m.title),
        ...(m.decisions.trim()
          ? [L('，会议决定：', '; decided: '), R(m.decisions.trim().replace(/[。.]$/, '')), L('。', '.')]
          : [L('，会议决定未记录。', '; its decisions were not recorded.')]),
      ),
    ),
    p(
      L('参加活动工作人员', 'Staff taking part: '),
      count('staff', f.staff, links.plan),
      ...(f.staff === null ? [L('。', '.')] : [L('人。', '.')]),
    ),
  ];

  // 二、publicity
  const publicityItems: [string, string, string, number][] = [
    ['banners', '悬挂横幅', 'banners hung', f.banners],
    ['panels', '展板', 'display panels', f.panels],
    ['ledSlogans', 'LED标语', 'LED slogans', f.ledSlogans],
    ['posters', '张贴标语', 'posters', f.posters],
    ['newspaperWindows', '报栏', 'newspaper windows', f.newspaperWindows],
    ['onlinePosts', '网站、微信发布信息', 'online posts', f.onlinePosts],
  ];
  const kindOf: Record<string, string> = {
    banners: 'banner',
    panels: 'panel',
    ledSlogans: 'led_slogan',
    posters: 'poster',
    newspaperWindows: 'newspaper_window',
    onlinePosts: 'online_post',
  };
  const totalPrinted = f.materialsPrinted;
  const publicity: Paragraph[] = [
    p(
      L('活动期间，', 'During the campaign: '),
      ...list(
        publicityItems.map(([key, chinese, english, value]) =>
          zh
            ? [
                L(chinese, ''),
                count(key, value, links.publicity(kindOf[key]!)),
                L(
                  key === 'banners' || key === 'posters' || key === 'ledSlogans'
                    ? '条'
                    : key === 'onlinePosts'
                      ? '条'
                      : '块',
                  '',
                ),
              ]
            : [count(key, value, links.publicity(kindOf[key]!)), L('', ` ${english}`)],
        ),
      ),
      L('。', '.'),
    ),
    ...(facts.ledSlogans.length
      ? [
          p(
            L('LED显示屏滚动播放', 'The LED screens showed '),
            ...list(facts.ledSlogans.map((s) => [quote(s)])),
            L('等标语。', '.'),
          ),
        ]
      : []),
    p(
      L('印制宣传资料', 'Publicity materials printed: '),
      count('materialsPrinted', totalPrinted, links.materials),
      ...(totalPrinted === null ? [] : [L('份', ' copies')]),
      L('，发放', '; distributed: '),
      count('materialsDistributed', f.materialsDistributed, links.materials),
      L('份。', ' copies.'),
    ),
    ...facts.materials.map((m) =>
      p(
        quote(m.title),
        L('：印制', ': printed '),
        count(`material:${m.id}:printed`, m.print_run, links.materials),
        ...(m.print_run === null ? [] : [L('份', ' copies')]),
        L('，发放', ', distributed '),
        count(`material:${m.id}:distributed`, m.distributed, links.materials),
        L('份。', ' copies.'),
      ),
    ),
  ];

  // 三、on-site service
  const mainTopics = facts.topics.filter((t) => t.consultations > 0).slice(0, MAIN_TOPICS);
  const symposiums = facts.meetings.filter((m) => m.kind === 'symposium');
  const service: Paragraph[] = [
    p(
      L('共设立咨询服务台', 'Service desks set up: '),
      count('desks', f.desks, links.plan),
      L('个', ''),
      ...(facts.desks.length
        ? [
            L('：', ' — '),
            ...list(
              facts.desks.map((d) => [
                R(d.site_name),
                ...(d.region_name
                  ? [L('（', ' ('), R(zh ? d.region_name : (d.region_name_en ?? d.region_name)), L('）', ')')]
                  : []),
                L('', ': '),
                R(d.name),
              ]),
            ),
          ]
        : []),
      L('。', '.'),
    ),
    p(
      L('共接待群众', 'People received: '),
      count('peopleReceived', f.peopleReceived, links.consultations()),
      L('人次，登记咨询', '; questions recorded: '),
      count('consultations', f.consultations, links.consultations()),
      L('件，其中当场答复', '; answered on the spot: '),
      count('answeredOnSpot', f.answeredOnSpot, links.consultations('&outcome=answered_on_spot')),
      L('件', ''),
      ...(f.answeredOnSpotRate === null
        ? []
        : [
            L('，当场答复率', ' ('),
            percent('answeredOnSpotRate', f.answeredOnSpotRate, links.consultations('&outcome=answered_on_spot')),
            L('', ')'),
          ]),
      L('。', '.'),
    ),
    ...(mainTopics.length
      ? [
          p(
            L('群众咨询主要集中在', 'The main topics asked about were '),
            ...list(
              mainTopics.map((t) => [
                R(zh ? `“${t.topic}”` : t.topic),
                L('', ' ('),
                count(
                  `topic:${t.topic}:consultations`,
                  t.consultations,
                  links.consultations(`&topic=${encodeURIComponent(t.topic)}`),
                ),
                L('件', ')'),
              ]),
            ),
            L('等方面。', '.'),
          ),
        ]
      : [p(L('咨询主题未记录。', 'The topics of the consultations were not recorded.'))]),
    p(
      L('召开座谈会', 'Symposiums held: '),
      count('symposiums', symposiums.length, links.plan),
      L('次', ''),
      L('。', '.'),
    ),
    ...symposiums.map((m) =>
      p(
        date(m.held_on),
        L('召开', ': '),
        R(m.title),
        ...(m.participants.trim()
          ? [L('，参加人员：', '; taking part: '), R(m.participants.trim().replace(/[。.]$/, '')), L('。', '.')]
          : [L('，参加人员未记录。', '; who took part was not recorded.')]),
      ),
    ),
  ];

  // 四、opinions and follow-up
  const levels = campaign.satisfactionLevels;
  const followUp: Paragraph[] = [
    facts.channels.length
      ? p(
          L('通过各渠道收集群众咨询和意见：', 'Consultations and opinions by channel: '),
          ...list(
            facts.channels.map((ch) => {
              const [chinese, english] = CHANNELS[ch.channel] ?? [ch.channel, ch.channel];
              return [
                L(chinese, `${english} `),
                count(`channel:${ch.channel}`, ch.consultations, links.consultations(`&channel=${ch.channel}`)),
                L('件', ''),
              ];
            }),
          ),
          L('；其中意见建议', '; suggestions: '),
          count('suggestions', f.suggestions, links.consultations('&outcome=suggestion')),
          L('件，投诉', '; complaints: '),
          count('complaints', f.complaints, links.consultations('&outcome=complaint')),
          L('件。', '.'),
        )
      : p(L('未记录群众咨询和意见。', 'No consultation or opinion was recorded.')),
    p(
      L('当场不能答复、登记转办', 'Transferred to the responsible unit: '),
      count('transferred', f.transferred, links.consultations('&outcome=transferred')),
      L('件，登记后答复', '; to be answered after registration: '),
      count('followUp', f.followUp, links.consultations('&outcome=follow_up')),
      L('件。', '.'),
    ),
    p(
      L('到期办件', 'Cases due: '),
      count('casesDue', f.casesDue, links.cases),
      L('件，按时答复', '; replied on time: '),
      count('repliedOnTime', f.repliedOnTime, links.cases),
      L('件', ''),
      ...(f.repliedOnTimeRate === null
        ? []
        : [L('，按时答复率', ' ('), percent('repliedOnTimeRate', f.repliedOnTimeRate, links.cases), L('', ')')]),
      L('；平均答复用时', '; average reply time: '),
      days('averageReplyDays', f.averageReplyDays, links.cases),
      ...(f.averageReplyDays === null ? [] : [L('个工作日', ' working days')]),
      L('。', '.'),
    ),
    f.rated > 0
      ? p(
          L('群众评价', 'Ratings given: '),
          count('rated', f.rated, links.consultations()),
          L('人次，其中', '; '),
          ...list(
            RATINGS.map((level) => [
              L(LEVELS[level][0], `${LEVELS[level][1]} `),
              count(`satisfaction:${level}`, f.satisfaction[level], links.consultations()),
            ]),
          ),
          L('，满意率', '; satisfaction rate '),
          percent('satisfactionRate', f.satisfactionRate, links.statistics),
          L('（评价', ' (of '),
          count('rated', f.rated, links.consultations()),
          L('人次', ' rated'),
          ...(f.smallSample ? [L('，样本较少', ', a small sample')] : []),
          L('）。', ').'),
        )
      : p(L('群众满意度未记录（无评价）。', 'Satisfaction was not recorded (no ratings).')),
  ];

  // 五、problems found — each from the records; none is written when the records show none.
  const findings: Run[][] = [];
  if (f.casesOverdue > 0)
    findings.push([
      L('超期未答复办件', 'Cases overdue without a reply: '),
      count('casesOverdue', f.casesOverdue, links.cases),
      L('件，须尽快答复。', '; they must be answered at once.'),
    ]);
  const openNotOverdue = f.casesOpen - f.casesOverdue;
  if (openNotOverdue > 0)
    findings.push([
      L('尚未办结办件', 'Cases still open (not yet due): '),
      count('casesOpenNotOverdue', openNotOverdue, links.cases),
      L('件，须在期限内答复。', '; they must be answered within the limit.'),
    ]);
  const averagePerDesk = facts.desks.length ? sum(facts.desks.map((d) => d.people)) / facts.desks.length : 0;
  for (const desk of facts.desks) {
    const href = `/api/v1/consultations?campaignId=${c}&unitId=${u}&deskId=${encodeURIComponent(desk.id)}`;
    if (desk.people === 0) {
      findings.push([
        L('咨询台', 'The desk '),
        R(desk.name),
        L(
          '未登记任何咨询，方案安排未落实或未做登记。',
          ' recorded no consultation: the plan was not carried out there, or visits went unrecorded.',
        ),
      ]);
    } else if (facts.desks.length > 1 && desk.people < averagePerDesk * FEW_VISITORS_SHARE) {
      findings.push([
        L('咨询台', 'The desk '),
        R(desk.name),
        L('仅接待', ' received only '),
        count(`desk:${desk.id}:people`, desk.people, href),
        L(
          '人次，远低于各咨询台平均水平，须调整设点或加强宣传。',
          ' people, far below the average of the desks; its place or publicity needs rethinking.',
        ),
      ]);
    }
  }
  const campaignRate = satisfactionRate(ratingCounts(facts.campaignRatings), levels).rate;
  if (campaignRate !== null) {
    for (const topic of facts.topics) {
      const own = satisfactionRate(ratingCounts(topic), levels);
      if (own.rate === null || own.rate >= campaignRate) continue;
      findings.push([
        L('咨询主题', 'Satisfaction with answers on '),
        quote(topic.topic),
        L('满意率', ' was '),
        percent(
          `topic:${topic.topic}:satisfactionRate`,
          own.rate,
          links.consultations(`&topic=${encodeURIComponent(topic.topic)}`),
        ),
        L('（评价', ' (of '),
        count(
          `topic:${topic.topic}:rated`,
          own.rated,
          links.consultations(`&topic=${encodeURIComponent(topic.topic)}`),
        ),
        L('人次），低于全活动', " rated), below the campaign's "),
        percent('campaignSatisfactionRate', campaignRate, links.statistics),
        L('，须改进答复质量。', '; the answers on it need improving.'),
      ]);
    }
  }
  for (const m of facts.materials) {
    if (m.print_run === null || m.print_run < OVERPRINT_FACTOR * m.distributed || m.print_run === 0) continue;
    if (m.print_run - m.distributed < 50) continue;
    findings.push([
      L('宣传资料', 'The material '),
      quote(m.title),
      L('印制', ' was printed in '),
      count(`material:${m.id}:printed`, m.print_run, links.materials),
      L('份，仅发放', ' copies but only '),
      count(`material:${m.id}:distributed`, m.distributed, links.materials),
      L('份，印制数量须按需确定。', ' were distributed; print runs should follow demand.'),
    ]);
  }
  for (const m of preparation.filter((m) => !m.decisions.trim()))
    findings.push([
      L('部署会', 'The preparation meeting '),
      quote(m.title),
      L('未记录会议决定。', ' has no recorded decisions.'),
    ]);
  for (const m of symposiums.filter((m) => !m.participants.trim()))
    findings.push([
      L('座谈会', 'The symposium '),
      quote(m.title),
      L('未记录参加人员。', ' has no recorded participants.'),
    ]);
  const missing: [string, string][] = [];
  if (!plan) missing.push(['活动方案', 'the plan']);
  else {
    if (!plan.leader_name) missing.push(['分管领导', 'the leader in charge']);
    if (!plan.issued_on) missing.push(['方案印发日期', 'the date the plan was issued']);
  }
  if (f.staff === null) missing.push(['工作人员人数', 'the number of staff']);
  if (facts.materials.some((m) => m.print_run === null))
    missing.push(['宣传资料印制数量', 'the print runs of the materials']);
  if (facts.desks.length === 0) missing.push(['咨询服务台', 'the service desks']);
  if (f.consultations > 0 && f.rated === 0) missing.push(['群众评价', 'the ratings of the answers']);
  if (f.consultations > 0 && facts.topics.length === 0) missing.push(['咨询主题', 'the topics of the consultations']);
  if (missing.length)
    findings.push([
      L('以下情况未记录，须补充登记：', 'Not recorded, to be completed: '),
      ...list(missing.map(([a, b]) => [L(a, b)])),
      L('。', '.'),
    ]);
  const problems: Paragraph[] = findings.length
    ? findings.map((runs, i) => p(E(zh ? `${i + 1}.` : `${i + 1}. `), ...runs))
    : [
        p(
          L(
            '根据记录，未发现超期办件、空置咨询台、低于全活动的满意率、过量印制或缺失的数据。',
            "The records show no overdue case, idle desk, satisfaction below the campaign's, excess printing or missing figure.",
          ),
        ),
      ];

  const headings: [string, string, string][] = [
    ['organization', '组织领导和工作部署', 'Organization and planning'],
    ['publicity', '宣传工作', 'Publicity'],
    ['service', '现场服务', 'On-site service'],
    ['followUp', '意见收集和办理', 'Opinions and follow-up'],
    ['problems', '发现的问题和整改措施', 'Problems found and what to correct'],
  ];
  const bodies = [organization, publicity, service, followUp, problems];
  const sections: Section[] = headings.map(([key, chinese, english], i) => ({
    key,
    heading: `${sectionNumber(i, language)}${zh ? chinese : english}`,
    paragraphs: bodies[i]!,
  }));
  return { language, title, opening, sections };
}

/** The unit's own paragraphs: section 六 next steps, and remarks after it when there are any. */
export function withOwnText(document: SummaryDocument, own: { nextSteps: string; remarks: string }): SummaryDocument {
  const zh = document.language === 'zh-CN';
  const paragraphs = (text: string): Paragraph[] =>
    text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ runs: [{ kind: 'record', text: line }] }));
  const next = paragraphs(own.nextSteps);
  const sections: Section[] = [
    ...document.sections,
    {
      key: 'nextSteps',
      heading: `${sectionNumber(5, document.language)}${zh ? '下一步工作' : 'Next steps'}`,
      paragraphs: next.length
        ? next
        : [
            {
              runs: [
                {
                  kind: 'text',
                  text: zh ? '本单位尚未填写下一步工作。' : 'The unit has not yet written its next steps.',
                },
              ],
            },
          ],
    },
  ];
  const remarks = paragraphs(own.remarks);
  if (remarks.length)
    sections.push({
      key: 'remarks',
      heading: `${sectionNumber(6, document.language)}${zh ? '其他说明' : 'Remarks'}`,
      paragraphs: remarks,
    });
  return { ...document, sections };
}
