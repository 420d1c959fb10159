import {
  MEDIA,
  RATINGS,
  type Medium,
  type OpinionOutcome,
  type ParticipantCategory,
} from '../../../domain/vocabulary.ts';
import { messages } from '../../../messages/index.ts';
import type { Paragraph, Run } from '../document.ts';
import {
  clause,
  distinct,
  groupDesksBySite,
  allOfOne,
  bareText,
  isPreparatory,
  noticeTitle,
  opinionOutcomes,
  participantCategories,
  type DatedRecord,
  type SummaryRecords,
  type UnitFacts,
} from '../facts.ts';
import type { MeetingFactsRow } from '../repository.ts';
import { paragraph as p, type Writer } from '../writer.ts';
import type { SummaryMessages } from './types.ts';

/** The summary's fixed words and the rating levels, from the zh-CN catalog. */
const words = messages('zh-CN');

const CHANNELS: Record<string, string> = {
  on_site: '现场',
  hotline: '热线',
  mailbox: '信箱',
  online: '网上',
  symposium: '座谈会',
};

/** Publicity items: what was done with them and their one measure word. */
const PUBLICITY_ITEMS = [
  ['banners', 'banner', '悬挂横幅', '条'],
  ['panels', 'panel', '设置展板', '块'],
  ['ledSlogans', 'led_slogan', 'LED显示屏滚动播放标语', '条'],
  ['posters', 'poster', '张贴标语', '条'],
  ['newspaperWindows', 'newspaper_window', '更新报栏', '块'],
] as const;

const MEDIA_NAMES: Record<Medium, string> = {
  newspaper: '报纸',
  tv: '电视',
  radio: '广播',
  news_site: '新闻网站',
  wechat: '微信公众号',
  weibo: '微博',
  gov_website: '政府网站',
  short_video: '短视频',
};

/** 网络发布 by medium (website and WeChat apart), each media report with its outlet and reach, and the reach in all. */
function media({ records }: UnitFacts, w: Writer): Run[] {
  const f = records.figures;
  const mediums = MEDIA.filter((m) => f.media[m].posts > 0);
  const posts =
    f.onlinePosts > 0
      ? [
          w.t('在网上发布活动信息'),
          w.count('onlinePosts', f.onlinePosts, w.links.publicity('online_post')),
          w.t('条'),
          ...(mediums.length
            ? [
                w.t('，其中'),
                ...w.list(
                  mediums.map((m) => [
                    w.t(MEDIA_NAMES[m]),
                    w.count(`media:${m}:posts`, f.media[m].posts, w.links.publicity('online_post', m)),
                    w.t('条'),
                  ]),
                ),
              ]
            : []),
          w.t('。'),
        ]
      : [];
  const reports = records.mediaReports.length
    ? [
        w.t('媒体报道'),
        w.count('mediaReports', f.mediaReports, w.links.publicity('media_report')),
        w.t('篇：'),
        ...records.mediaReports.flatMap((r, i) => [
          ...(i > 0 ? [w.t('；')] : []),
          w.r(r.outlet),
          w.t(`（${MEDIA_NAMES[r.medium]}）`),
          ...(r.shown_from ? [w.date(r.shown_from)] : []),
          w.t('报道'),
          w.publication(r.text),
          ...(r.reach === null
            ? []
            : [w.t('，阅读'), w.count(`report:${r.id}:reach`, r.reach, w.links.publicity('media_report')), w.t('次')]),
        ]),
        w.t('。'),
      ]
    : [];
  const reach =
    f.mediaReach > 0
      ? [
          w.t('网络发布和媒体报道累计阅读'),
          w.count('mediaReach', f.mediaReach, w.links.publicity('online_post')),
          w.t('次。'),
        ]
      : [];
  return [...posts, ...reports, ...reach];
}

const sentences = (...parts: (Run[] | null)[]): Run[] => parts.filter((x): x is Run[] => x !== null).flat();

const PARTICIPANT_CATEGORY_NAMES: Record<ParticipantCategory, string> = {
  deputies: '人大代表',
  cppcc_members: '政协委员',
  media: '媒体代表',
  residents: '群众代表',
  enterprises: '企业代表',
  staff: '工作人员',
};

const OPINION_OUTCOME_NAMES: Record<OpinionOutcome, string> = {
  answered_on_spot: '当场答复',
  transferred: '转办',
  adopted: '采纳',
  under_study: '研究办理',
  noted: '记录在案',
};

/** Who took part: as the minutes say, how many, and how many of each category. */
function attendance(m: MeetingFactsRow, w: Writer): Run[] {
  const text = m.participants.trim() ? [w.r(clause(m.participants))] : [];
  const categories = participantCategories(m);
  if (m.participant_count === null) return text.length ? [w.t('，'), ...text, w.t('参加')] : [];
  return [
    w.t('，'),
    ...(text.length ? [...text, w.t('等')] : [w.t('共')]),
    w.count(`meeting:${m.id}:participants`, m.participant_count, w.links.plan),
    w.t('人参加'),
    ...(allOfOne(m)
      ? [w.t(`，均为${PARTICIPANT_CATEGORY_NAMES[categories[0]!.category]}`)]
      : categories.length
        ? [
            w.t('，其中'),
            ...w.list(
              categories.map((c) => [
                w.t(PARTICIPANT_CATEGORY_NAMES[c.category]),
                w.count(`meeting:${m.id}:participants:${c.category}`, c.count, w.links.plan),
                w.t('名'),
              ]),
            ),
          ]
        : []),
  ];
}

/** One sentence for a meeting: when, where, what, who chaired, who took part, what it decided or discussed. */
function meeting(m: MeetingFactsRow, w: Writer): Run[] {
  return [
    w.date(m.held_on),
    ...(m.location?.trim() ? [w.t('在'), w.r(m.location.trim())] : []),
    w.t('召开'),
    w.r(m.title),
    ...(m.chair?.trim() ? [w.t('，由'), w.r(m.chair.trim()), w.t('主持')] : []),
    ...attendance(m, w),
    ...(m.decisions.trim() ? [w.t(isPreparatory(m) ? '，会议决定：' : '，会上'), w.r(clause(m.decisions))] : []),
    w.t('。'),
  ];
}

/** The opinions raised at a meeting, how many came to each outcome, and each with what became of it. */
function meetingOpinions(m: MeetingFactsRow, w: Writer): Run[] {
  if (!m.opinions.length) return [];
  const outcomes = opinionOutcomes(m);
  return [
    w.t('在'),
    w.r(m.title),
    w.t('上收集意见建议'),
    w.count(`meeting:${m.id}:opinions`, m.opinions.length, w.links.opinions(m.id)),
    w.t('条，其中'),
    ...w.list(
      // The count first: "当场答复N" is how a summary states the consultations answered on the spot.
      outcomes.map((o) => [
        w.count(`meeting:${m.id}:opinions:${o.outcome}`, o.count, w.links.opinions(m.id)),
        w.t(`条${OPINION_OUTCOME_NAMES[o.outcome]}`),
      ]),
    ),
    w.t('：'),
    ...w.list(m.opinions.map((o) => [w.quote(bareText(o.text)), w.t(`（${OPINION_OUTCOME_NAMES[o.outcome]}）`)])),
    w.t('。'),
  ];
}

function organization({ records }: UnitFacts, w: Writer): Paragraph[] {
  const f = records.figures;
  const plan = records.plan;
  const leader = plan?.leader_name
    ? [w.t('本次活动由'), w.r(`${plan.leader_title ?? ''}${plan.leader_name}`), w.t('负责，')]
    : [];
  const staff =
    f.staff === null
      ? [w.t('参加活动工作人员人数'), w.count('staff', null, w.links.plan), w.t('。')]
      : [w.t('参加活动工作人员'), w.count('staff', f.staff, w.links.plan), w.t('人。')];
  const preparation = records.meetings.filter(isPreparatory);
  const planning = sentences(
    plan?.issued_on ? [w.date(plan.issued_on), w.t('印发活动方案。')] : null,
    ...preparation.map((m) => meeting(m, w)),
  );
  return [p(...leader, ...staff), ...(planning.length ? [p(...planning)] : [])];
}

function publicity(facts: UnitFacts, w: Writer): Paragraph[] {
  const { records } = facts;
  const f = records.figures;
  const items = PUBLICITY_ITEMS.filter(([key]) => f[key] > 0).map(([key, kind, verb, measure]) => [
    w.t(verb),
    w.count(key, f[key], w.links.publicity(kind)),
    w.t(measure),
  ]);
  const shown = items.length ? [w.t('活动期间，'), ...w.list(items), w.t('。')] : [];
  const slogans = records.ledSlogans.length
    ? [w.t('LED显示屏滚动播放'), ...w.list(records.ledSlogans.map((s) => [w.quote(s)])), w.t('等标语。')]
    : [];
  const materials = records.materials;
  const printed = materials.map((m) => [
    w.publication(m.title),
    ...(m.print_run === null ? [] : [w.count(`material:${m.id}:printed`, m.print_run, w.links.materials), w.t('份')]),
  ]);
  const materialText = materials.length
    ? [
        w.t('印制'),
        ...w.list(printed),
        ...(materials.length > 1 && f.materialsPrinted !== null
          ? [w.t('等宣传资料共'), w.count('materialsPrinted', f.materialsPrinted, w.links.materials), w.t('份')]
          : []),
        ...(f.materialsDistributed > 0
          ? [w.t('，发放'), w.count('materialsDistributed', f.materialsDistributed, w.links.materials), w.t('份')]
          : []),
        w.t('。'),
      ]
    : [];
  const paragraphs = [[...shown, ...slogans], media(facts, w), materialText]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
  return paragraphs.length ? paragraphs : [p(w.t('未记录宣传品和宣传资料。'))];
}

/** 热线和意见箱: how many, in how many villages, and what came through them; zero counts left out. */
function channelPoints({ channelPoints: cp, villages }: SummaryRecords, w: Writer): Run[] {
  if (cp.hotlines + cp.mailboxes === 0) return [];
  const kinds = [
    ...(cp.hotlines > 0
      ? [w.t('开通热线'), w.count('channelPoints:hotlines', cp.hotlines, w.links.plan), w.t('条')]
      : []),
    ...(cp.hotlines > 0 && cp.mailboxes > 0 ? [w.t('，')] : []),
    ...(cp.mailboxes > 0
      ? [w.t('设置意见箱'), w.count('channelPoints:mailboxes', cp.mailboxes, w.links.plan), w.t('个')]
      : []),
  ];
  const placed = villages.filter((v) => v.hotlines + v.mailboxes > 0);
  const inVillages = placed.reduce((n, v) => n + v.hotlines + v.mailboxes, 0);
  return [
    ...kinds,
    ...(placed.length
      ? [
          w.t(inVillages < cp.hotlines + cp.mailboxes ? `，其中${inVillages}个设在` : '，设在'),
          ...w.list(placed.map((v) => [w.r(v.name ?? '')])),
          ...(placed.length > 1
            ? [w.t('等'), w.count('channelPoints:villages', cp.villages, w.links.plan), w.t('个村（社区）')]
            : []),
        ]
      : []),
    ...(cp.consultations > 0
      ? [
          w.t('，共收到群众咨询'),
          w.count('channelPoints:consultations', cp.consultations, w.links.consultations()),
          w.t('件'),
          ...(cp.peopleReceived > 0
            ? [
                w.t('（'),
                w.count('channelPoints:peopleReceived', cp.peopleReceived, w.links.consultations()),
                w.t('人次）'),
              ]
            : []),
        ]
      : []),
    w.t('。'),
  ];
}

function service({ records }: UnitFacts, w: Writer): Paragraph[] {
  const f = records.figures;
  const sites = groupDesksBySite(records.desks);
  const where = (site: (typeof sites)[number]) => [
    ...(site.regionName && !site.siteName.includes(site.regionName) ? [w.r(site.regionName)] : []),
    w.r(site.siteName),
  ];
  const deskNames = (site: (typeof sites)[number]) => distinct(site.desks.map((d) => d.name));
  const sameDesks =
    sites.length > 1 && sites.every((s) => deskNames(s).join('\u0000') === deskNames(sites[0]!).join('\u0000'));
  const desks = sites.length
    ? [
        w.t('共设立咨询服务台'),
        w.count('desks', f.desks, w.links.plan),
        w.t('个：'),
        ...(sameDesks
          ? [w.t('在'), ...w.list(sites.map(where)), w.t('各设'), ...w.list(deskNames(sites[0]!).map((n) => [w.r(n)]))]
          : sites.flatMap((site, i) => [
              ...(i > 0 ? [w.t('；')] : []),
              ...where(site),
              w.t('设'),
              ...w.list(deskNames(site).map((n) => [w.r(n)])),
            ])),
        w.t('。'),
      ]
    : [];
  const partners = records.partners.length
    ? [
        w.t('与'),
        ...w.list(records.partners.map((partner) => [w.r(partner.name)])),
        w.t(records.partners.length > 1 ? '等' : ''),
        w.count('partners', records.partners.length, w.links.plan),
        w.t('家单位联合设台'),
        ...records.partners
          .filter((partner) => partner.peopleReceived > 0 || partner.casesTransferred > 0)
          .flatMap((partner, i, all) => [
            w.t(i === 0 ? '，其中' : all.some((a) => a.casesTransferred > 0) ? '；' : '，'),
            w.r(partner.name),
            ...(partner.peopleReceived > 0
              ? [
                  w.t('解答'),
                  w.count(`partner:${partner.name}:peopleReceived`, partner.peopleReceived, w.links.consultations()),
                  w.t('人次'),
                ]
              : []),
            ...(partner.casesTransferred > 0
              ? [
                  w.t(partner.peopleReceived > 0 ? '，承办转办件' : '承办转办件'),
                  w.count(`partner:${partner.name}:casesTransferred`, partner.casesTransferred, w.links.cases),
                  w.t('件、已答复'),
                  w.count(`partner:${partner.name}:casesAnswered`, partner.casesAnswered, w.links.cases),
                  w.t('件'),
                ]
              : []),
          ]),
        w.t('。'),
      ]
    : [];
  const received =
    f.peopleReceived > 0
      ? [
          w.t('共接待群众'),
          w.count('peopleReceived', f.peopleReceived, w.links.consultations()),
          w.t('人次'),
          ...(f.consultations > 0
            ? [w.t('，登记咨询'), w.count('consultations', f.consultations, w.links.consultations()), w.t('件')]
            : []),
          ...(f.answeredOnSpot > 0
            ? [
                w.t('，其中当场答复'),
                w.count('answeredOnSpot', f.answeredOnSpot, w.links.consultations('&outcome=answered_on_spot')),
                w.t('件'),
                ...(f.answeredOnSpotRate === null
                  ? []
                  : [
                      w.t('，当场答复率'),
                      w.percent(
                        'answeredOnSpotRate',
                        f.answeredOnSpotRate,
                        w.links.consultations('&outcome=answered_on_spot'),
                      ),
                    ]),
              ]
            : []),
          ...(f.handledOnSpot > 0
            ? [
                w.t('，现场办理'),
                w.count('handledOnSpot', f.handledOnSpot, w.links.consultations('&outcome=handled_on_spot')),
                w.t('件'),
                ...(records.handledMatters.length
                  ? [
                      w.t('（'),
                      ...w.list(records.handledMatters.slice(0, MAIN_TOPICS_ZH).map((m) => [w.quote(m.matter)])),
                      w.t(records.handledMatters.length > MAIN_TOPICS_ZH ? '等）' : '）'),
                    ]
                  : []),
              ]
            : []),
          w.t('。'),
          ...(f.leaderReceptions > 0
            ? [
                ...w.list(records.leaderReceptions.map((l) => [w.r(`${l.title ?? ''}${l.name}`)])),
                w.t(records.leaderReceptions.length ? '等领导现场接待群众' : '领导现场接待群众'),
                w.count('leaderReceptions', f.leaderReceptions, w.links.consultations()),
                w.t('人次。'),
              ]
            : []),
        ]
      : [w.t('接待群众人次未记录。')];
  const topics = records.topics.filter((t) => t.consultations > 0).slice(0, MAIN_TOPICS_ZH);
  const topicText = topics.length
    ? [
        w.t('群众咨询主要集中在'),
        ...w.list(
          topics.map((t) => [
            w.quote(t.topic),
            w.t('（'),
            w.count(`topic:${t.topic}:consultations`, t.consultations, w.links.topic(t.topic)),
            w.t('件）'),
          ]),
        ),
        w.t('等方面。'),
      ]
    : [];
  const symposiums = records.meetings.filter((m) => !isPreparatory(m)).flatMap((m) => meeting(m, w));
  return [[...desks, ...partners, ...channelPoints(records, w)], [...received, ...topicText], symposiums]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
}

/** How many topics section 三 names. */
const MAIN_TOPICS_ZH = 5;

function followUp(facts: UnitFacts, w: Writer): Paragraph[] {
  const f = facts.records.figures;
  const channels = facts.records.channels;
  const opinions = [
    ...(f.suggestions > 0
      ? [
          [
            w.t('意见建议'),
            w.count('suggestions', f.suggestions, w.links.consultations('&outcome=suggestion')),
            w.t('件'),
          ],
        ]
      : []),
    ...(f.complaints > 0
      ? [[w.t('投诉'), w.count('complaints', f.complaints, w.links.consultations('&outcome=complaint')), w.t('件')]]
      : []),
  ];
  const collected = channels.length
    ? [
        w.t('通过'),
        ...w.list(channels.map((ch) => [w.t(CHANNELS[ch.channel] ?? ch.channel)])),
        w.t(channels.length > 1 ? '等渠道收集群众咨询和意见' : '渠道收集群众咨询和意见'),
        ...(channels.length > 1
          ? [
              w.t('，其中'),
              ...w.list(
                channels.map((ch) => [
                  w.t(CHANNELS[ch.channel] ?? ch.channel),
                  w.count(`channel:${ch.channel}`, ch.consultations, w.links.consultations(`&channel=${ch.channel}`)),
                  w.t('件'),
                ]),
              ),
            ]
          : []),
        ...(opinions.length ? [w.t('；收到'), ...w.list(opinions)] : []),
        w.t('。'),
      ]
    : [];
  const outcomes = [
    ...(f.transferred > 0
      ? [
          [
            w.t('登记转办'),
            w.count('transferred', f.transferred, w.links.consultations('&outcome=transferred')),
            w.t('件'),
          ],
        ]
      : []),
    ...(f.followUp > 0
      ? [[w.t('登记后答复'), w.count('followUp', f.followUp, w.links.consultations('&outcome=follow_up')), w.t('件')]]
      : []),
  ];
  const { receivedFrom, sentTo } = facts.cases;
  const exchange = (rows: typeof receivedFrom, key: string, lead: string, verb: string): Run[] =>
    rows.length
      ? [
          w.t(lead),
          ...w.list(
            rows.map((row) => [
              w.r(row.unitName),
              w.t(verb),
              w.count(`${key}:${row.unitName}`, row.count, w.links.cases),
              w.t('件'),
            ]),
          ),
          w.t('。'),
        ]
      : [];
  const cases = sentences(
    outcomes.length ? [w.t('当场不能答复的，'), ...w.list(outcomes), w.t('。')] : null,
    exchange(receivedFrom, 'casesReceivedFrom', '收到', '转来的办件'),
    exchange(sentTo, 'casesSentTo', '转', '办理'),
    f.casesDue > 0
      ? [
          w.t('到期办件'),
          w.count('casesDue', f.casesDue, w.links.cases),
          w.t('件，'),
          ...(f.repliedOnTime === f.casesDue
            ? [w.t('均按时答复')]
            : f.repliedOnTime === 0
              ? [w.t(f.casesDue === 1 ? '未按时答复' : '均未按时答复')]
              : [
                  w.t('按时答复'),
                  w.count('repliedOnTime', f.repliedOnTime, w.links.cases),
                  w.t('件，按时答复率'),
                  w.percent('repliedOnTimeRate', f.repliedOnTimeRate, w.links.cases),
                ]),
          ...(f.averageReplyDays !== null && f.averageReplyDays > 0
            ? [
                w.t('，平均答复用时'),
                w.workingDays('averageReplyDays', f.averageReplyDays, w.links.cases),
                w.t('个工作日'),
              ]
            : []),
          w.t('。'),
        ]
      : null,
  );
  const levels = RATINGS.filter((level) => f.satisfaction[level] > 0);
  const ratings =
    f.rated > 0
      ? [
          w.t('群众对答复的评价中，'),
          ...w.list(
            levels.map((level) => [
              w.t(words.ratings[level]),
              w.count(`satisfaction:${level}`, f.satisfaction[level], w.links.consultations()),
              w.t('人次'),
            ]),
          ),
          w.t('，满意率'),
          w.percent('satisfactionRate', f.satisfactionRate, w.links.statistics),
          w.t('（评价'),
          w.count('rated', f.rated, w.links.consultations()),
          w.t(f.smallSample ? '人次，样本较少）。' : '人次）。'),
        ]
      : f.consultations > 0
        ? [w.t('群众满意度'), w.count('satisfactionRate', null, w.links.statistics), w.t('（无评价）。')]
        : [];
  const returnVisits =
    f.returnVisits > 0
      ? [
          w.t('对办件开展回访'),
          w.count('returnVisits', f.returnVisits, w.links.cases),
          w.t('次，'),
          ...(f.returnVisitsReached === f.returnVisits
            ? [w.t(f.returnVisits === 1 ? '联系上群众' : '均联系上群众')]
            : f.returnVisitsReached === 0
              ? [w.t(f.returnVisits === 1 ? '未联系上群众' : '均未联系上群众')]
              : [w.t('联系上群众'), w.count('returnVisitsReached', f.returnVisitsReached, w.links.cases), w.t('次')]),
          ...(f.returnVisitRated > 0 && f.returnVisitSatisfactionRate !== null
            ? [
                w.t('；回访中群众评价满意率'),
                w.percent('returnVisitSatisfactionRate', f.returnVisitSatisfactionRate, w.links.statistics),
                w.t('（评价'),
                w.count('returnVisitRated', f.returnVisitRated, w.links.cases),
                w.t('人次，与群众凭查询码所作评价分开统计）'),
              ]
            : []),
          w.t('。'),
        ]
      : [];
  const atMeetings = facts.records.meetings.flatMap((m) => meetingOpinions(m, w));
  // Later questions are their own sentence: never part of the day's figures (ADR 28).
  const later =
    f.laterQuestions > 0
      ? [
          w.t('活动结束后，群众在线提出后续咨询'),
          w.count('laterQuestions', f.laterQuestions, w.links.consultations()),
          ...(f.laterReturnVisits > 0
            ? [
                w.t('件，已登记办理并回访'),
                w.count('laterReturnVisits', f.laterReturnVisits, w.links.cases),
                w.t('次，均未计入以上活动数据。'),
              ]
            : [w.t('件，已登记办理，未计入以上活动数据。')]),
        ]
      : [];
  const paragraphs = [collected, atMeetings, cases, [...ratings, ...returnVisits], later]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
  return paragraphs.length ? paragraphs : [p(w.t('未收到群众咨询和意见。'))];
}

const PUBLICITY = '宣传品';

function datedRecord(record: DatedRecord, w: Writer) {
  switch (record.kind) {
    case 'plan':
      return [w.t('活动方案印发日期（'), w.date(record.on), w.t('）')];
    case 'preparation':
      return [w.t('部署会'), w.quote(record.name), w.t('（'), w.date(record.on), w.t('）')];
    case 'symposium':
      return [w.t('座谈会'), w.quote(record.name), w.t('（'), w.date(record.on), w.t('）')];
    case 'site':
      return [w.t('活动地点'), w.quote(record.name), w.t('（'), w.date(record.on), w.t('）')];
    case 'publicity':
      return [w.t(`${PUBLICITY}（`), w.date(record.on), w.t('起展示）')];
  }
}

/** 简体中文. */
export const zhCN: SummaryMessages = {
  ...words.summaries,
  title: ({ records }) => `${records.unit.name}关于${campaignName(records.campaign.title)}的总结`,
  opening: (facts, w) => {
    const { campaign, unit } = facts.records;
    const notice = noticeTitle(campaign);
    const sites = distinct(facts.records.sites.map((s) => s.name));
    return [
      ...(notice
        ? [
            w.t('根据'),
            w.publication(notice),
            ...(campaign.documentNumber?.trim() ? [w.t(`（${campaign.documentNumber.trim()}）`)] : []),
            w.t('要求，'),
          ]
        : []),
      w.t('围绕'),
      w.quote(campaign.theme),
      w.t('主题，'),
      w.r(unit.name),
      w.t(facts.daysAgreed ? '经组织单位同意，于' : '于'),
      w.days(facts.days),
      ...(sites.length ? [w.t('在'), ...w.list(sites.map((s) => [w.r(s)]))] : []),
      w.t('开展了政务公开日活动。现将有关情况总结如下。'),
    ];
  },
  sections: { organization, publicity, service, followUp },
  datedRecord,
  problems: {
    casesOverdue: (p, w) => [
      w.t('超期未答复办件'),
      w.count('casesOverdue', p.count, w.links.cases),
      w.t('件，须尽快答复。'),
    ],
    repliedLate: (p, w) => [
      w.t('到期办件'),
      w.count('casesDue', p.due, w.links.cases),
      ...(p.count === p.due
        ? [w.t(p.due === 1 ? '件超过期限才答复' : '件均超过期限才答复')]
        : [w.t('件中有'), w.count('repliedLate', p.count, w.links.cases), w.t('件超过期限才答复')]),
      w.t('，须压实承办责任、按时答复。'),
    ],
    datedAfterDay: (p, w) => [
      ...w.list(p.records.map((r) => datedRecord(r, w))),
      w.t('晚于本单位活动日期（'),
      w.days(p.days),
      w.t('），须核实日期。'),
    ],
    datedOutsideWindow: (p, w) => [
      ...w.list(p.records.map((r) => datedRecord(r, w))),
      w.t('不在活动期间（'),
      w.period(p.startsOn, p.endsOn),
      w.t('）内，须核实日期或说明原因。'),
    ],
    idleDesks: (p, w) => [
      w.t('咨询台'),
      ...w.list(p.desks.map((d) => [w.r(d.name)])),
      w.t('未登记任何咨询，方案安排未落实或未做登记。'),
    ],
    casesOpen: (p, w) => [
      w.t('尚未到期、仍未办结的办件'),
      w.count('casesOpenNotOverdue', p.count, w.links.cases),
      w.t('件，须在期限内答复。'),
    ],
    topicBelowCampaign: (p, w) => [
      w.t('咨询主题'),
      w.quote(p.topic),
      w.t('满意率'),
      w.percent(`topic:${p.topic}:satisfactionRate`, p.rate, w.links.topic(p.topic)),
      w.t('（评价'),
      w.count(`topic:${p.topic}:rated`, p.rated, w.links.topic(p.topic)),
      w.t('人次），低于全活动'),
      w.percent('campaignSatisfactionRate', p.campaignRate, w.links.statistics),
      w.t('，须改进答复质量。'),
    ],
    fewRatings: (p, w) => [
      w.t('登记咨询'),
      w.count('consultations', p.consultations, w.links.consultations()),
      w.t('件，获得群众评价的仅'),
      w.count('rated', p.rated, w.links.consultations()),
      w.t('人次，须引导群众对答复作出评价。'),
    ],
    quietDesks: (p, w) => [
      w.t('咨询台'),
      ...w.list(
        p.desks.map((d) => [
          w.r(d.name),
          w.t('（接待'),
          w.count(`desk:${d.id}:people`, d.people, w.links.desk(d.id)),
          w.t('人次）'),
        ]),
      ),
      w.t('接待群众远低于各咨询台平均水平，须调整设点或加强宣传。'),
    ],
    overprinted: (p, w) => [
      w.t('宣传资料'),
      ...w.list(
        p.materials.map((m) => [
          w.publication(m.title),
          w.t('（印制'),
          w.count(`material:${m.id}:printed`, m.print_run, w.links.materials),
          w.t('份，发放'),
          w.count(`material:${m.id}:distributed`, m.distributed, w.links.materials),
          w.t('份）'),
        ]),
      ),
      w.t('印制数量远超发放数量，须按需确定印制数量。'),
    ],
    meetingsWithoutDecisions: (p, w) => [
      w.t('部署会'),
      ...w.list(p.meetings.map((m) => [w.quote(m.title)])),
      w.t('未记录会议决定。'),
    ],
    symposiumsWithoutParticipants: (p, w) => [
      w.t('座谈会'),
      ...w.list(p.meetings.map((m) => [w.quote(m.title)])),
      w.t('未记录参加人员。'),
    ],
    missing: (p, w) => [
      w.t('以下情况未记录，须补充登记：'),
      ...w.list(p.items.map((item) => [w.t(zhCN.missingItem[item])])),
      w.t('。'),
    ],
  },
};

/** The campaign's name as a title states it, with 活动 once: 2026年“5·15”政务公开日活动. */
export function campaignName(title: string): string {
  const trimmed = title.trim();
  return trimmed.endsWith('活动') ? trimmed : `${trimmed}活动`;
}
