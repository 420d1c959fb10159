import {
  MEDIA,
  RATINGS,
  type MeetingKind,
  type Medium,
  type OpinionOutcome,
  type ParticipantCategory,
} from '../../../domain/vocabulary.ts';
import { messages, plural, type PluralForms } from '../../../messages/index.ts';
import type { Paragraph, Run } from '../document.ts';
import {
  clause,
  distinctBy,
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
import { personName } from '../../../domain/pinyin.ts';
import { englishName, paragraph as p, type Writer } from '../writer.ts';
import type { SummaryMessages } from './types.ts';

/** The summary's fixed words and the rating levels, from the en-US catalog. */
const words = messages('en-US');

const CHANNELS: Record<string, string> = {
  on_site: 'on site',
  hotline: 'by hotline',
  mailbox: 'by mailbox',
  online: 'online',
  symposium: 'at symposiums',
};

/** Publicity items: the noun in the singular and the plural, and what was done with them. */
const PUBLICITY_ITEMS = [
  ['banners', 'banner', 'banner', 'banners', 'hung'],
  ['panels', 'panel', 'display panel', 'display panels', 'set up'],
  ['ledSlogans', 'led_slogan', 'LED slogan', 'LED slogans', 'showed'],
  ['posters', 'poster', 'poster', 'posters', 'put up'],
  ['newspaperWindows', 'newspaper_window', 'newspaper window', 'newspaper windows', 'updated'],
] as const;

/**
 * Each medium as the English summary names it: an outlet of that kind when its English name was
 * not entered, and where the unit's own posts appeared.
 */
const MEDIA_WORDS: Record<Medium, { outlet: string; posts: string }> = {
  newspaper: { outlet: 'a newspaper', posts: 'in print' },
  tv: { outlet: 'a TV station', posts: 'on television' },
  radio: { outlet: 'a radio station', posts: 'on the radio' },
  news_site: { outlet: 'a news website', posts: 'on news websites' },
  wechat: { outlet: 'a WeChat account', posts: 'on its WeChat account' },
  weibo: { outlet: 'a Weibo account', posts: 'on its Weibo account' },
  gov_website: { outlet: 'a government website', posts: 'on its government website' },
  short_video: { outlet: 'a short-video platform', posts: 'as short videos' },
};

/** Online posts by medium (website and WeChat apart), each media report with its outlet and reach, and the reach in all. */
function media({ records }: UnitFacts, w: Writer): Run[] {
  const f = records.figures;
  const mediums = MEDIA.filter((m) => f.media[m].posts > 0);
  const posts =
    f.onlinePosts > 0
      ? [
          w.t('The unit published '),
          w.count('onlinePosts', f.onlinePosts, w.links.publicity('online_post')),
          w.t(` ${plural('en-US', f.onlinePosts, { one: 'online post', other: 'online posts' })}`),
          ...(mediums.length
            ? [
                w.t(' ('),
                ...w.list(
                  mediums.map((m) => [
                    w.count(`media:${m}:posts`, f.media[m].posts, w.links.publicity('online_post', m)),
                    w.t(` ${MEDIA_WORDS[m].posts}`),
                  ]),
                ),
                w.t(')'),
              ]
            : []),
          w.t('. '),
        ]
      : [];
  const reports = records.mediaReports.length
    ? [
        w.count('mediaReports', f.mediaReports, w.links.publicity('media_report')),
        w.t(
          ` ${plural('en-US', f.mediaReports, { one: 'media report', other: 'media reports' })} covered the open day: `,
        ),
        ...records.mediaReports.flatMap((r, i) => [
          ...(i > 0 ? [w.t('; ')] : []),
          ...(r.outlet_en && isEnglish(r.outlet_en)
            ? [w.r(r.outlet_en), w.t(` (${MEDIA_WORDS[r.medium].outlet})`)]
            : [w.t(MEDIA_WORDS[r.medium].outlet)]),
          ...(r.shown_from ? [w.t(' on '), w.date(r.shown_from)] : []),
          ...(isEnglish(r.text) ? [w.t(', '), w.quote(r.text)] : []),
          ...(r.reach === null
            ? []
            : [
                w.t(', read '),
                w.count(`report:${r.id}:reach`, r.reach, w.links.publicity('media_report')),
                w.t(` ${plural('en-US', r.reach, { one: 'time', other: 'times' })}`),
              ]),
        ]),
        w.t('. '),
      ]
    : [];
  const reach =
    f.mediaReach > 0
      ? [
          w.t('Posts and reports were viewed or read '),
          w.count('mediaReach', f.mediaReach, w.links.publicity('online_post')),
          w.t(` ${plural('en-US', f.mediaReach, { one: 'time', other: 'times' })} in all.`),
        ]
      : [];
  return trimEnd([...posts, ...reports, ...reach]);
}

const CHINESE = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

/**
 * Free text of the records (meeting titles, participants, decisions, slogans) is written in the
 * English summary only when it was entered in English; names have English fields of their own.
 */
const isEnglish = (text: string) => Boolean(text.trim()) && !CHINESE.test(text);

/** A topic's name in running text: "legal aid", but "LED screens" as written. */
const topicName = (chinese: string, english: string | null | undefined, w: Writer): Run =>
  w.name(chinese, english && /^[A-Z][a-z]/.test(english) ? english[0]!.toLowerCase() + english.slice(1) : english);

function datedRecord(record: DatedRecord, w: Writer): Run[] {
  const on = [w.t(' ('), w.date(record.on), w.t(')')];
  switch (record.kind) {
    case 'plan':
      return [w.t('the plan, issued on '), w.date(record.on)];
    case 'preparation':
      return isEnglish(record.name)
        ? [w.t('the preparation meeting '), w.quote(record.name), ...on]
        : [w.t('the preparation meeting of '), w.date(record.on)];
    case 'symposium':
      return isEnglish(record.name)
        ? [w.t('the symposium '), w.quote(record.name), ...on]
        : [w.t('the symposium of '), w.date(record.on)];
    case 'site':
      return [w.t('the site '), w.name(record.name, record.nameEn), ...on];
    case 'publicity':
      return [w.t('publicity shown from '), w.date(record.on)];
  }
}

/** Meetings by kind: the article and the noun. */
const MEETING_KIND_NAMES: Record<MeetingKind, [article: string, noun: string]> = {
  preparation: ['a', 'preparation meeting'],
  deployment: ['a', 'deployment meeting'],
  symposium: ['a', 'symposium'],
  hearing: ['a', 'public hearing'],
  launch_ceremony: ['a', 'launch ceremony'],
};

/** Participant categories: the noun in the singular and the plural. */
const PARTICIPANT_CATEGORY_NAMES: Record<ParticipantCategory, PluralForms> = {
  deputies: { one: "deputy to the people's congress", other: "deputies to the people's congress" },
  cppcc_members: { one: 'CPPCC member', other: 'CPPCC members' },
  media: { one: 'media representative', other: 'media representatives' },
  residents: { one: "residents' representative", other: "residents' representatives" },
  enterprises: { one: 'enterprise representative', other: 'enterprise representatives' },
  staff: { one: 'member of staff', other: 'members of staff' },
};

const OPINION_OUTCOME_NAMES: Record<OpinionOutcome, string> = {
  answered_on_spot: 'answered on the spot',
  transferred: 'transferred for handling',
  adopted: 'adopted',
  under_study: 'under study',
  noted: 'noted',
};

/** Who took part: how many, of each category, and who as the minutes say (when written in English). */
function attendance(m: MeetingFactsRow, w: Writer): Run[] {
  const categories = participantCategories(m);
  const text = isEnglish(m.participants) ? [w.r(clause(m.participants))] : [];
  if (m.participant_count === null) return text.length ? [w.t(' with '), ...text] : [];
  return [
    w.t(' with '),
    w.count(`meeting:${m.id}:participants`, m.participant_count, w.links.plan),
    w.t(` ${plural('en-US', m.participant_count, { one: 'participant', other: 'participants' })}`),
    ...(text.length ? [w.t(' ('), ...text, w.t(')')] : []),
    ...(allOfOne(m)
      ? [w.t(`, all ${PARTICIPANT_CATEGORY_NAMES[categories[0]!.category].other}`)]
      : categories.length
        ? [
            w.t(', among them '),
            ...w.list(
              categories.map((c) => [
                w.count(`meeting:${m.id}:participants:${c.category}`, c.count, w.links.plan),
                w.t(` ${plural('en-US', c.count, PARTICIPANT_CATEGORY_NAMES[c.category])}`),
              ]),
            ),
          ]
        : []),
  ];
}

/**
 * One sentence for a meeting: when, what, where, who chaired, who took part, what it decided or
 * discussed. Without an English title it is named by its kind; its place only in English.
 */
function meeting(m: MeetingFactsRow, w: Writer): Run[] {
  const preparatory = isPreparatory(m);
  const [article, noun] = MEETING_KIND_NAMES[m.kind];
  const title = englishTitle(m);
  const place = m.location_en?.trim() || (m.location && isEnglish(m.location) ? m.location : '');
  const chair = m.chair && isEnglish(m.chair) ? m.chair : '';
  return [
    w.t('On '),
    w.date(m.held_on),
    w.t(`, ${article} ${noun} was held`),
    ...(title ? [w.t(' ('), w.r(title), w.t(')')] : []),
    ...(place ? [w.t(' at '), w.r(place)] : []),
    ...(chair ? [w.t(', chaired by '), w.r(chair), w.t(',')] : []),
    ...attendance(m, w),
    ...(isEnglish(m.decisions)
      ? [w.t(preparatory ? '; it decided: ' : '; it discussed: '), w.r(clause(m.decisions))]
      : []),
    w.t('.'),
  ];
}

/** A meeting as a sentence names it in passing: its English title, or its kind and date. */
function meetingReference(m: MeetingFactsRow, w: Writer): Run[] {
  const title = englishTitle(m);
  return title
    ? [w.t(`the ${MEETING_KIND_NAMES[m.kind][1]} `), w.quote(title)]
    : [w.t(`the ${MEETING_KIND_NAMES[m.kind][1]} of `), w.date(m.held_on)];
}

/**
 * The opinions raised at a meeting, how many came to each outcome, and those written in English
 * each with what became of it (opinions entered in Chinese are counted, not quoted).
 */
function meetingOpinions(m: MeetingFactsRow, w: Writer): Run[] {
  if (!m.opinions.length) return [];
  const n = m.opinions.length;
  const english = m.opinions.filter((o) => isEnglish(o.text));
  return [
    w.t('At '),
    ...meetingReference(m, w),
    w.t(', '),
    w.count(`meeting:${m.id}:opinions`, n, w.links.opinions(m.id)),
    w.t(` ${plural('en-US', n, { one: 'opinion was', other: 'opinions were' })} raised: `),
    ...w.list(
      opinionOutcomes(m).map((o) => [
        w.count(`meeting:${m.id}:opinions:${o.outcome}`, o.count, w.links.opinions(m.id)),
        w.t(
          ` ${o.count === n ? (n === 1 ? 'was' : 'were all') : plural('en-US', o.count, { one: 'was', other: 'were' })} ${OPINION_OUTCOME_NAMES[o.outcome]}`,
        ),
      ]),
    ),
    ...(english.length
      ? [
          w.t(': '),
          ...w.list(english.map((o) => [w.quote(bareText(o.text)), w.t(` (${OPINION_OUTCOME_NAMES[o.outcome]})`)])),
        ]
      : []),
    w.t('.'),
  ];
}

/** A meeting as a problem names it: its English title, or its date. */
function meetingName(m: MeetingFactsRow, w: Writer): Run[] {
  const title = englishTitle(m);
  return title ? [w.quote(title)] : [w.t('of '), w.date(m.held_on)];
}

/** The meeting's English title, or its title when entered in English; empty without one. */
const englishTitle = (m: MeetingFactsRow) => m.title_en?.trim() || (isEnglish(m.title) ? m.title : '');

function organization({ records }: UnitFacts, w: Writer): Paragraph[] {
  const f = records.figures;
  const plan = records.plan;
  const leader = plan?.leader_name
    ? [w.t('The open day was led by '), w.r(plan.leader_name_en?.trim() || personName(plan.leader_name)), w.t('. ')]
    : [];
  const staff =
    f.staff === null
      ? [w.t('The number of staff taking part was '), w.count('staff', null, w.links.plan), w.t('.')]
      : [
          w.count('staff', f.staff, w.links.plan),
          w.t(` ${plural('en-US', f.staff, { one: 'member of staff', other: 'members of staff' })} took part.`),
        ];
  const preparation = records.meetings.filter(isPreparatory);
  const planning: Run[] = [
    ...(plan?.issued_on ? [w.t('The plan was issued on '), w.date(plan.issued_on), w.t('. ')] : []),
    ...preparation.flatMap((m) => [...meeting(m, w), w.t(' ')]),
  ];
  return [p(...leader, ...staff), ...(planning.length ? [p(...trimEnd(planning))] : [])];
}

/** Drops the space after a paragraph's last full stop. */
/** The runs without the space the first one starts with (a sentence opening a paragraph). */
function trimStart(runs: Run[]): Run[] {
  const [first, ...rest] = runs;
  return first && first.kind === 'text' ? [{ ...first, text: first.text.trimStart() }, ...rest] : runs;
}

function trimEnd(runs: Run[]): Run[] {
  const last = runs[runs.length - 1];
  if (last?.kind !== 'text') return runs;
  return [...runs.slice(0, -1), { ...last, text: last.text.trimEnd() }];
}

function publicity(facts: UnitFacts, w: Writer): Paragraph[] {
  const { records } = facts;
  const f = records.figures;
  const items = PUBLICITY_ITEMS.filter(([key]) => f[key] > 0).map(([key, kind, one, other, done]) => [
    w.t(`${done} `),
    w.count(key, f[key], w.links.publicity(kind)),
    w.t(` ${plural('en-US', f[key], { one, other })}`),
  ]);
  const shown = items.length ? [w.t('During the campaign, the unit '), ...w.list(items), w.t('.')] : [];
  const englishSlogans = records.ledSlogans.filter(isEnglish);
  const slogans = englishSlogans.length
    ? [
        w.t(shown.length ? ' The LED screens showed ' : 'The LED screens showed '),
        ...w.list(englishSlogans.map((s) => [w.quote(s)])),
        w.t('.'),
      ]
    : [];
  const materials = records.materials;
  const printed = materials.map((m) => [
    w.publication(m.title, m.title_en),
    ...(m.print_run === null
      ? []
      : [
          w.t(' ('),
          w.count(`material:${m.id}:printed`, m.print_run, w.links.materials),
          w.t(` ${plural('en-US', m.print_run, { one: 'copy', other: 'copies' })})`),
        ]),
  ]);
  const materialText = materials.length
    ? [
        w.t('Printed: '),
        ...w.list(printed),
        ...(materials.length > 1 && f.materialsPrinted !== null
          ? [
              w.t(', '),
              w.count('materialsPrinted', f.materialsPrinted, w.links.materials),
              w.t(` ${plural('en-US', f.materialsPrinted, { one: 'copy', other: 'copies' })} in all`),
            ]
          : []),
        ...(f.materialsDistributed > 0
          ? [
              w.t('; '),
              w.count('materialsDistributed', f.materialsDistributed, w.links.materials),
              w.t(` ${plural('en-US', f.materialsDistributed, { one: 'copy was', other: 'copies were' })} distributed`),
            ]
          : []),
        w.t('.'),
      ]
    : [];
  const paragraphs = [[...shown, ...slogans], media(facts, w), materialText]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
  return paragraphs.length ? paragraphs : [p(w.t('No publicity or printed material was recorded.'))];
}

/** The site's name already says its district (丰乐区丰泽社区…, "…, Fengle District"): not said twice. */
const namesRegion = (site: {
  siteName: string;
  siteNameEn?: string | null;
  regionName: string | null;
  regionNameEn: string | null;
}) =>
  (site.regionName !== null && site.siteName.includes(site.regionName)) ||
  (site.regionNameEn !== null && !!site.siteNameEn && site.siteNameEn.includes(site.regionNameEn));

/** Hotlines and mailboxes: how many, in how many villages, and what came through them; zero counts left out. */
function channelPoints({ channelPoints: cp, villages }: SummaryRecords, w: Writer): Run[] {
  if (cp.hotlines + cp.mailboxes === 0) return [];
  const kinds = [
    ...(cp.hotlines > 0
      ? [
          [
            w.count('channelPoints:hotlines', cp.hotlines, w.links.plan),
            w.t(` ${plural('en-US', cp.hotlines, { one: 'hotline', other: 'hotlines' })}`),
          ],
        ]
      : []),
    ...(cp.mailboxes > 0
      ? [
          [
            w.count('channelPoints:mailboxes', cp.mailboxes, w.links.plan),
            w.t(` ${plural('en-US', cp.mailboxes, { one: 'mailbox', other: 'mailboxes' })}`),
          ],
        ]
      : []),
  ];
  const placed = villages.filter((v) => v.hotlines + v.mailboxes > 0);
  const inVillages = placed.reduce((n, v) => n + v.hotlines + v.mailboxes, 0);
  return [
    w.t(' '),
    ...w.list(kinds),
    w.t(` ${cp.hotlines + cp.mailboxes === 1 ? 'was' : 'were'} set up`),
    ...(placed.length
      ? [
          w.t(inVillages < cp.hotlines + cp.mailboxes ? `, ${inVillages} of them in ` : ' in '),
          ...(placed.length > 1
            ? [
                w.count('channelPoints:villages', cp.villages, w.links.plan),
                w.t(' villages and communities ('),
                ...w.list(placed.map((v) => [w.name(v.name ?? '', v.nameEn)])),
                w.t(')'),
              ]
            : [w.name(placed[0]!.name ?? '', placed[0]!.nameEn)]),
        ]
      : []),
    ...(cp.consultations > 0
      ? [
          w.t(', receiving '),
          w.count('channelPoints:consultations', cp.consultations, w.links.consultations()),
          w.t(` ${plural('en-US', cp.consultations, { one: 'question', other: 'questions' })}`),
          ...(cp.peopleReceived > 0
            ? [
                w.t(' from '),
                w.count('channelPoints:peopleReceived', cp.peopleReceived, w.links.consultations()),
                w.t(` ${plural('en-US', cp.peopleReceived, { one: 'person', other: 'people' })}`),
              ]
            : []),
        ]
      : []),
    w.t('.'),
  ];
}

function service({ records }: UnitFacts, w: Writer): Paragraph[] {
  const f = records.figures;
  const handledInEnglish = records.handledMatters.filter((m) => isEnglish(m.matter));
  // Leaders by name in pinyin (how English writes a Chinese person's name), with their title where
  // it was entered in English; a Chinese title has no English to take.
  const leaders = records.leaderReceptions.map((l) =>
    l.title && isEnglish(l.title) ? `${personName(l.name)}, ${l.title}` : personName(l.name),
  );
  const sites = groupDesksBySite(records.desks);
  const where = (site: (typeof sites)[number]) => [
    w.name(site.siteName, site.siteNameEn),
    ...(site.regionName && !namesRegion(site) ? [w.t(' ('), w.name(site.regionName, site.regionNameEn), w.t(')')] : []),
  ];
  const deskNames = (site: (typeof sites)[number]) =>
    distinctBy(site.desks, (d) => d.name_en ?? d.name).map((d) => [w.name(d.name, d.name_en)]);
  const desks = sites.length
    ? [
        w.count('desks', f.desks, w.links.plan),
        w.t(` service ${plural('en-US', f.desks, { one: 'desk was', other: 'desks were' })} set up: `),
        ...sites.flatMap((site, i) => [
          ...(i > 0 ? [w.t('; ')] : []),
          ...w.list(deskNames(site)),
          w.t(' at '),
          ...where(site),
        ]),
        w.t('.'),
      ]
    : [];
  // A partner is named only where its English name was entered; otherwise it is "a partner organisation".
  const partnerName = (partner: (typeof records.partners)[number]) =>
    partner.nameEn && isEnglish(partner.nameEn) ? partner.nameEn : null;
  const namedPartners = records.partners.filter(partnerName);
  const partners = records.partners.length
    ? [
        w.t(' The desks were run jointly with '),
        w.count('partners', records.partners.length, w.links.plan),
        w.t(` partner ${plural('en-US', records.partners.length, { one: 'organisation', other: 'organisations' })}`),
        ...(namedPartners.length
          ? [
              w.t(namedPartners.length < records.partners.length ? ', among them ' : ' ('),
              ...w.list(namedPartners.map((partner) => [w.r(partnerName(partner)!)])),
              w.t(namedPartners.length < records.partners.length ? '' : ')'),
            ]
          : []),
        w.t('.'),
        ...records.partners
          .filter((partner) => partner.peopleReceived > 0 || partner.casesTransferred > 0)
          .flatMap((partner, i) => [
            w.t(i === 0 ? ' ' : '; '),
            ...(partnerName(partner)
              ? [w.r(partnerName(partner)!)]
              : [w.t(i === 0 ? 'A partner organisation' : 'a partner organisation')]),
            ...(partner.peopleReceived > 0
              ? [
                  w.t(' answered '),
                  w.count(`partner:${partner.name}:peopleReceived`, partner.peopleReceived, w.links.consultations()),
                  w.t(` ${plural('en-US', partner.peopleReceived, { one: 'visitor', other: 'visitors' })}`),
                ]
              : []),
            ...(partner.casesTransferred > 0
              ? [
                  w.t(partner.peopleReceived > 0 ? ' and received ' : ' received '),
                  w.count(`partner:${partner.name}:casesTransferred`, partner.casesTransferred, w.links.cases),
                  w.t(
                    ` transferred ${plural('en-US', partner.casesTransferred, { one: 'case', other: 'cases' })}, replying to `,
                  ),
                  w.count(`partner:${partner.name}:casesAnswered`, partner.casesAnswered, w.links.cases),
                ]
              : []),
          ]),
        ...(records.partners.some((partner) => partner.peopleReceived > 0 || partner.casesTransferred > 0)
          ? [w.t('.')]
          : []),
      ]
    : [];
  const received =
    f.peopleReceived > 0
      ? [
          w.count('peopleReceived', f.peopleReceived, w.links.consultations()),
          w.t(` ${plural('en-US', f.peopleReceived, { one: 'person was', other: 'people were' })} received`),
          ...(f.consultations > 0
            ? [
                w.t(' and '),
                w.count('consultations', f.consultations, w.links.consultations()),
                w.t(` ${plural('en-US', f.consultations, { one: 'question', other: 'questions' })} recorded`),
              ]
            : []),
          ...(f.answeredOnSpot > 0
            ? [
                w.t(', of which '),
                w.count('answeredOnSpot', f.answeredOnSpot, w.links.consultations('&outcome=answered_on_spot')),
                w.t(` ${f.answeredOnSpot === 1 ? 'was' : 'were'} answered on the spot`),
                ...(f.answeredOnSpotRate === null
                  ? []
                  : [
                      w.t(' ('),
                      w.percent(
                        'answeredOnSpotRate',
                        f.answeredOnSpotRate,
                        w.links.consultations('&outcome=answered_on_spot'),
                      ),
                      w.t(')'),
                    ]),
              ]
            : []),
          w.t('.'),
          ...(f.handledOnSpot > 0
            ? [
                w.t(' '),
                w.count('handledOnSpot', f.handledOnSpot, w.links.consultations('&outcome=handled_on_spot')),
                w.t(
                  ` ${plural('en-US', f.handledOnSpot, { one: 'service was', other: 'services were' })} handled on the spot`,
                ),
                // What was handled is free text: named only where it was entered in English.
                ...(handledInEnglish.length
                  ? [
                      w.t(' ('),
                      ...w.list(handledInEnglish.slice(0, MAIN_TOPICS_EN).map((m) => [w.quote(m.matter)])),
                      w.t(handledInEnglish.length > MAIN_TOPICS_EN ? ' and others)' : ')'),
                    ]
                  : []),
                w.t('.'),
              ]
            : []),
          ...(f.leaderReceptions > 0
            ? [
                w.t(' Leaders on duty'),
                ...(leaders.length ? [w.t(' ('), ...w.list(leaders.map((l) => [w.r(l)])), w.t(')')] : []),
                w.t(' met visitors in person '),
                w.count('leaderReceptions', f.leaderReceptions, w.links.consultations()),
                w.t(` ${plural('en-US', f.leaderReceptions, { one: 'time', other: 'times' })}.`),
              ]
            : []),
        ]
      : [w.t('The number of people received was not recorded.')];
  const topics = records.topics.filter((t) => t.consultations > 0).slice(0, MAIN_TOPICS_EN);
  const topicText = topics.length
    ? [
        w.t(' The questions were mainly about '),
        ...w.list(
          topics.map((t) => [
            topicName(t.topic, t.topic_en, w),
            w.t(' ('),
            w.count(`topic:${t.topic}:consultations`, t.consultations, w.links.topic(t.topic)),
            w.t(')'),
          ]),
        ),
        w.t('.'),
      ]
    : [];
  const symposiums = records.meetings
    .filter((m) => !isPreparatory(m))
    .flatMap((m, i) => [...(i > 0 ? [w.t(' ')] : []), ...meeting(m, w)]);
  const arranged = [...partners, ...channelPoints(records, w)];
  return [[...desks, ...(desks.length ? arranged : trimStart(arranged))], [...received, ...topicText], symposiums]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
}

/** How many topics section III names. */
const MAIN_TOPICS_EN = 5;

function followUp(facts: UnitFacts, w: Writer): Paragraph[] {
  const f = facts.records.figures;
  const channels = facts.records.channels;
  const opinions = [
    ...(f.suggestions > 0
      ? [
          [
            w.count('suggestions', f.suggestions, w.links.consultations('&outcome=suggestion')),
            w.t(` ${plural('en-US', f.suggestions, { one: 'suggestion', other: 'suggestions' })}`),
          ],
        ]
      : []),
    ...(f.complaints > 0
      ? [
          [
            w.count('complaints', f.complaints, w.links.consultations('&outcome=complaint')),
            w.t(` ${plural('en-US', f.complaints, { one: 'complaint', other: 'complaints' })}`),
          ],
        ]
      : []),
  ];
  const total = channels.reduce((sum, ch) => sum + ch.consultations, 0);
  const collected = channels.length
    ? [
        w.t('Questions and opinions were collected '),
        ...w.list(
          channels.map((ch) => [
            w.t(`${CHANNELS[ch.channel] ?? ch.channel} (`),
            w.count(`channel:${ch.channel}`, ch.consultations, w.links.consultations(`&channel=${ch.channel}`)),
            w.t(')'),
          ]),
        ),
        ...(opinions.length ? [w.t(`; ${total === 1 ? 'it' : 'they'} included `), ...w.list(opinions)] : []),
        w.t('.'),
      ]
    : [];
  const outcomes = [
    ...(f.transferred > 0
      ? [
          [
            w.count('transferred', f.transferred, w.links.consultations('&outcome=transferred')),
            w.t(` ${f.transferred === 1 ? 'was' : 'were'} transferred to the responsible unit`),
          ],
        ]
      : []),
    ...(f.followUp > 0
      ? [
          [
            w.count('followUp', f.followUp, w.links.consultations('&outcome=follow_up')),
            w.t(` ${f.followUp === 1 ? 'was' : 'were'} registered for a later reply`),
          ],
        ]
      : []),
  ];
  const { receivedFrom, sentTo } = facts.cases;
  const exchange = (rows: typeof receivedFrom, key: 'casesReceivedFrom' | 'casesSentTo', lead: string): Run[] =>
    rows.length
      ? [
          w.t(lead),
          ...w.list(
            rows.map((row) => [
              w.count(`${key}:${row.unitName}`, row.count, w.links.cases),
              w.t(
                ` ${plural('en-US', row.count, { one: 'case', other: 'cases' })} ${key === 'casesReceivedFrom' ? 'from' : 'to'} `,
              ),
              w.name(row.unitName, row.unitNameEn),
            ]),
          ),
          w.t('. '),
        ]
      : [];
  const cases = trimEnd([
    ...(outcomes.length ? [w.t('Of the questions not answered on the spot, '), ...w.list(outcomes), w.t('. ')] : []),
    ...exchange(receivedFrom, 'casesReceivedFrom', 'The unit received '),
    ...exchange(sentTo, 'casesSentTo', 'It sent '),
    ...(f.casesDue > 0
      ? [
          ...(f.casesDue === 1
            ? [w.count('casesDue', f.casesDue, w.links.cases), w.t(' case was due; ')]
            : [w.t('Of '), w.count('casesDue', f.casesDue, w.links.cases), w.t(' cases due, ')]),
          ...(f.repliedOnTime === f.casesDue
            ? [w.t(f.casesDue === 1 ? 'it was answered on time' : 'all were answered on time')]
            : f.repliedOnTime === 0
              ? [w.t(f.casesDue === 1 ? 'it was not answered on time' : 'none was answered on time')]
              : [
                  w.count('repliedOnTime', f.repliedOnTime, w.links.cases),
                  w.t(` ${f.repliedOnTime === 1 ? 'was' : 'were'} answered on time (`),
                  w.percent('repliedOnTimeRate', f.repliedOnTimeRate, w.links.cases),
                  w.t(')'),
                ]),
          ...(f.averageReplyDays !== null && f.averageReplyDays > 0
            ? [
                w.t(f.casesReplied === 1 ? ', after ' : ', in an average of '),
                w.workingDays('averageReplyDays', f.averageReplyDays, w.links.cases),
                w.t(` working ${f.averageReplyDays === 1 ? 'day' : 'days'}`),
              ]
            : []),
          w.t('.'),
        ]
      : []),
  ]);
  const levels = RATINGS.filter((level) => f.satisfaction[level] > 0);
  const ratings =
    f.rated > 0
      ? [
          w.t('Of the ratings given, '),
          ...w.list(
            levels.map((level) => [
              w.count(`satisfaction:${level}`, f.satisfaction[level], w.links.consultations()),
              w.t(` ${words.ratings[level]}`),
            ]),
          ),
          w.t('; the satisfaction rate was '),
          w.percent('satisfactionRate', f.satisfactionRate, w.links.statistics),
          w.t(' (of '),
          w.count('rated', f.rated, w.links.consultations()),
          w.t(f.smallSample ? ' rated, a small sample).' : ' rated).'),
        ]
      : f.consultations > 0
        ? [w.t('Satisfaction was '), w.count('satisfactionRate', null, w.links.statistics), w.t(' (no ratings).')]
        : [];
  const atMeetings = facts.records.meetings
    .filter((m) => m.opinions.length)
    .flatMap((m, i) => [...(i > 0 ? [w.t(' ')] : []), ...meetingOpinions(m, w)]);
  const returnVisits =
    f.returnVisits > 0
      ? [
          ...(ratings.length ? [w.t(' ')] : []),
          w.t('Staff made '),
          w.count('returnVisits', f.returnVisits, w.links.cases),
          w.t(
            ` return ${plural('en-US', f.returnVisits, { one: 'visit', other: 'visits' })} (follow-up calls) on cases`,
          ),
          ...(f.returnVisitsReached === f.returnVisits
            ? [w.t(f.returnVisits === 1 ? ', which reached the citizen' : ', all reaching the citizen')]
            : f.returnVisitsReached === 0
              ? [w.t(', none reaching the citizen')]
              : [
                  w.t(', '),
                  w.count('returnVisitsReached', f.returnVisitsReached, w.links.cases),
                  w.t(' of them reaching the citizen'),
                ]),
          ...(f.returnVisitRated > 0 && f.returnVisitSatisfactionRate !== null
            ? [
                w.t('; on those calls the satisfaction rate was '),
                w.percent('returnVisitSatisfactionRate', f.returnVisitSatisfactionRate, w.links.statistics),
                w.t(' (of '),
                w.count('returnVisitRated', f.returnVisitRated, w.links.cases),
                w.t(' rated, counted apart from the ratings citizens gave with their code)'),
              ]
            : []),
          w.t('.'),
        ]
      : [];
  // Later questions are their own sentence: never part of the day's figures (ADR 28).
  const later =
    f.laterQuestions > 0
      ? [
          w.t('After the open day, citizens asked '),
          w.count('laterQuestions', f.laterQuestions, w.links.consultations()),
          ...(f.laterReturnVisits > 0
            ? [
                w.t(
                  f.laterQuestions === 1
                    ? ' later question online; it is being handled, with '
                    : ' later questions online; they are being handled, with ',
                ),
                w.count('laterReturnVisits', f.laterReturnVisits, w.links.cases),
                w.t(
                  ` return ${plural('en-US', f.laterReturnVisits, { one: 'visit', other: 'visits' })} so far, and none of this is counted in the figures above.`,
                ),
              ]
            : [
                w.t(
                  f.laterQuestions === 1
                    ? ' later question online; it is being handled and is not counted in the figures above.'
                    : ' later questions online; they are being handled and are not counted in the figures above.',
                ),
              ]),
        ]
      : [];
  const paragraphs = [collected, trimEnd(atMeetings), cases, [...ratings, ...returnVisits], later]
    .filter((runs) => runs.length)
    .map((runs) => p(...runs));
  return paragraphs.length ? paragraphs : [p(w.t('No question or opinion was received.'))];
}

const sentence = (runs: Run[]): Run[] => {
  const first = runs[0];
  if (first?.kind !== 'text' || !first.text) return runs;
  return [{ ...first, text: first.text[0]!.toUpperCase() + first.text.slice(1) }, ...runs.slice(1)];
};

/** English (United States). */
export const enUS: SummaryMessages = {
  ...words.summaries,
  title: ({ records }) =>
    `Summary of the ${campaignName(records.campaign.titleEn ?? records.campaign.title)} by ${
      englishName(records.unit.name, records.unit.nameEn).text
    }`,
  opening: (facts, w) => {
    const { campaign, unit } = facts.records;
    const notice = noticeTitle(campaign);
    const sites = distinctBy(facts.records.sites, (s) => s.name_en ?? s.name);
    const themeEn = campaign.themeEn?.trim() || (isEnglish(campaign.theme) ? campaign.theme : null);
    const theme = themeEn ? [w.quote(themeEn)] : [];
    return [
      ...(notice
        ? [
            w.t('In accordance with the notice '),
            ...(isEnglish(notice)
              ? [w.publication(notice)]
              : [w.t('on the '), w.name(campaign.title, campaign.titleEn && campaignName(campaign.titleEn))]),
          ]
        : []),
      ...(theme.length ? [w.t(notice ? ', and on the theme ' : 'On the theme '), ...theme] : []),
      ...(notice || theme.length ? [w.t(', ')] : []),
      w.name(unit.name, unit.nameEn),
      w.t(' held its open day on '),
      w.days(facts.days),
      ...(facts.daysAgreed ? [w.t(' (dates agreed with the organizing office)')] : []),
      ...(sites.length ? [w.t(' at '), ...w.list(sites.map((s) => [w.name(s.name, s.name_en)]))] : []),
      w.t('. This summary reports what was recorded.'),
    ];
  },
  sections: { organization, publicity, service, followUp },
  datedRecord,
  problems: {
    casesOverdue: (p, w) => [
      w.count('casesOverdue', p.count, w.links.cases),
      w.t(
        p.count === 1
          ? ' case is overdue without a reply; it must be answered at once.'
          : ' cases are overdue without a reply; they must be answered at once.',
      ),
    ],
    repliedLate: (p, w) =>
      p.count === p.due
        ? [
            ...(p.due === 1 ? [] : [w.t('All ')]),
            w.count('casesDue', p.due, w.links.cases),
            w.t(
              ` ${plural('en-US', p.due, { one: 'case was due and was', other: 'cases due were' })} answered after the time limit; replies must be made on time.`,
            ),
          ]
        : [
            w.t('Of '),
            w.count('casesDue', p.due, w.links.cases),
            w.t(` ${plural('en-US', p.due, { one: 'case', other: 'cases' })} due, `),
            w.count('repliedLate', p.count, w.links.cases),
            w.t(` ${p.count === 1 ? 'was' : 'were'} answered after the time limit; replies must be made on time.`),
          ],
    datedAfterDay: (p, w) =>
      sentence([
        ...w.list(p.records.map((r) => datedRecord(r, w))),
        w.t(` ${p.records.length === 1 ? 'is' : 'are'} dated after the unit's open day (`),
        w.days(p.days),
        w.t('); the dates must be checked.'),
      ]),
    datedOutsideWindow: (p, w) =>
      sentence([
        ...w.list(p.records.map((r) => datedRecord(r, w))),
        w.t(` ${p.records.length === 1 ? 'falls' : 'fall'} outside the campaign's period (`),
        w.period(p.startsOn, p.endsOn),
        w.t('); the dates must be checked or explained.'),
      ]),
    idleDesks: (p, w) => [
      w.t(p.desks.length === 1 ? 'The desk ' : 'The desks '),
      ...w.list(p.desks.map((d) => [w.name(d.name, d.name_en)])),
      w.t(' recorded no consultation: the plan was not carried out there, or visits went unrecorded.'),
    ],
    casesOpen: (p, w) => [
      w.count('casesOpenNotOverdue', p.count, w.links.cases),
      w.t(
        p.count === 1
          ? ' case is still open (not yet due); it must be answered within the limit.'
          : ' cases are still open (not yet due); they must be answered within the limit.',
      ),
    ],
    topicBelowCampaign: (p, w) => [
      w.t('Satisfaction with answers on '),
      topicName(p.topic, p.topicEn, w),
      w.t(' was '),
      w.percent(`topic:${p.topic}:satisfactionRate`, p.rate, w.links.topic(p.topic)),
      w.t(' (of '),
      w.count(`topic:${p.topic}:rated`, p.rated, w.links.topic(p.topic)),
      w.t(" rated), below the campaign's "),
      w.percent('campaignSatisfactionRate', p.campaignRate, w.links.statistics),
      w.t('; the answers on it need improving.'),
    ],
    fewRatings: (p, w) => [
      w.t('Of '),
      w.count('consultations', p.consultations, w.links.consultations()),
      w.t(` ${plural('en-US', p.consultations, { one: 'question', other: 'questions' })} recorded, only `),
      w.count('rated', p.rated, w.links.consultations()),
      w.t(` ${p.rated === 1 ? 'was' : 'were'} rated; visitors should be asked to rate the answers.`),
    ],
    quietDesks: (p, w) => [
      w.t(p.desks.length === 1 ? 'The desk ' : 'The desks '),
      ...w.list(
        p.desks.map((d) => [
          w.name(d.name, d.name_en),
          w.t(' ('),
          w.count(`desk:${d.id}:people`, d.people, w.links.desk(d.id)),
          w.t(` ${plural('en-US', d.people, { one: 'person', other: 'people' })})`),
        ]),
      ),
      w.t(' received far fewer people than the average desk; their place or publicity needs rethinking.'),
    ],
    overprinted: (p, w) => [
      w.t('Far more was printed than distributed of '),
      ...w.list(
        p.materials.map((m) => [
          w.publication(m.title, m.title_en),
          w.t(' ('),
          w.count(`material:${m.id}:printed`, m.print_run, w.links.materials),
          w.t(' printed, '),
          w.count(`material:${m.id}:distributed`, m.distributed, w.links.materials),
          w.t(' distributed)'),
        ]),
      ),
      w.t('; print runs should follow demand.'),
    ],
    meetingsWithoutDecisions: (p, w) => [
      w.t(p.meetings.length === 1 ? 'The preparation meeting ' : 'The preparation meetings '),
      ...w.list(p.meetings.map((m) => meetingName(m, w))),
      w.t(p.meetings.length === 1 ? ' has no recorded decisions.' : ' have no recorded decisions.'),
    ],
    symposiumsWithoutParticipants: (p, w) => [
      w.t(p.meetings.length === 1 ? 'The symposium ' : 'The symposiums '),
      ...w.list(p.meetings.map((m) => meetingName(m, w))),
      w.t(p.meetings.length === 1 ? ' has no recorded participants.' : ' have no recorded participants.'),
    ],
    missing: (p, w) => [
      w.t('Not recorded, to be completed: '),
      ...w.list(p.items.map((item) => [w.t(enUS.missingItem[item])])),
      w.t('.'),
    ],
  },
};

/** The campaign's name as an English title states it. */
export function campaignName(title: string): string {
  return title
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[“”]/g, '"');
}
