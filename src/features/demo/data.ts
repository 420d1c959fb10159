/**
 * The hand-written facts of the demo campaign: a fictional province whose cities are named after
 * the ten published open-day summaries in /work/shared/reference, the units that wrote them, their
 * plans, and the figures their summaries state. generate.ts expands these facts into records; the
 * figures in DEMO_FIGURES are what GET /campaigns/:id/statistics must show, unit by unit.
 */
import type { Role } from '../../platform/auth/actor.ts';
import type {
  Channel,
  MeetingKind,
  Medium,
  OpinionOutcome,
  Outcome,
  ParticipantCategory,
  Rating,
} from '../../domain/vocabulary.ts';
import type { PartnerKind } from '../plans/schema.ts';

/** One shared password for every demo account (printed at first start). */
export const DEMO_PASSWORD = 'openday-demo-2026';

export const DEMO_CAMPAIGN = {
  slug: 'demo',
  title: '2026年“5·15”政务公开日',
  titleEn: '“5·15” Government Open Day 2026',
  theme: '推进政务公开 优化营商环境',
  themeEn: 'Advancing open government, improving the business environment',
  openDay: '2026-05-15',
  startsOn: '2026-05-01',
  endsOn: '2026-05-31',
  replyLimitDays: 15,
  // The notice's own dates: plans by 5月8日, summaries by 5月29日 (四、工作要求).
  plansDueOn: '2026-05-08',
  summaryDueOn: '2026-05-29',
  issuingOffice: '演示省人民政府办公厅',
  documentNumber: '演政办发〔2026〕12号',
  noticeTitle: '关于开展2026年“5·15”政务公开日活动的通知',
  // The demo's records date from May 2026: a longer retention keeps its visitors' (fictional)
  // contact details on show instead of erasing them at the first start.
  retentionDaysAfterClose: 3650,
  notice: [
    '各市、县（区）政务公开办，省直各部门：',
    '为深入贯彻《中华人民共和国政府信息公开条例》，进一步推进政务公开、优化营商环境，经研究，定于2026年5月15日开展“5·15”政务公开日活动。现将有关事项通知如下：',
    '一、活动主题：推进政务公开 优化营商环境。',
    '二、活动时间：5月1日至5月31日为活动期，5月15日为集中开放日；因故另行安排的单位，请在活动期内完成。',
    '三、活动内容：各单位结合职能设立咨询服务台，公开职能、办事事项和流程、服务指南及办事电话，现场解答群众咨询，认真做好来访登记；当场不能答复的，登记转办，并于15个工作日内答复。',
    '四、工作要求：各单位要加强领导、精心组织，于5月8日前报送活动方案，于5月29日前报送活动总结及统计汇总表。',
    '',
    '演示省人民政府办公厅',
    '2026年4月24日',
  ].join('\n'),
} as const;

export type RegionLevel = 'country' | 'province' | 'city' | 'district' | 'street' | 'community';

export interface DemoRegion {
  /** Fictional division codes (99… is no real province), so the demo never collides with real ones. */
  code: string;
  parent: string | null;
  name: string;
  nameEn: string;
  level: RegionLevel;
}

const village = (code: string, parent: string, name: string, nameEn: string): DemoRegion => ({
  code,
  parent,
  name,
  nameEn,
  level: 'community',
});

/** Parents before children. */
export const DEMO_REGIONS: readonly DemoRegion[] = [
  { code: '990000', parent: null, name: '演示省', nameEn: 'Demo Province', level: 'province' },
  { code: '990100', parent: '990000', name: '沈阳市', nameEn: 'Shenyang', level: 'city' },
  { code: '990102', parent: '990100', name: '和平区', nameEn: 'Heping District', level: 'district' },
  { code: '990102004', parent: '990102', name: '新兴街道', nameEn: 'Xinxing Sub-district', level: 'street' },
  { code: '990200', parent: '990000', name: '大连市', nameEn: 'Dalian', level: 'city' },
  { code: '990202', parent: '990200', name: '中山区', nameEn: 'Zhongshan District', level: 'district' },
  { code: '990202007', parent: '990202', name: '葵英街道', nameEn: 'Kuiying Sub-district', level: 'street' },
  village('990202007003', '990202007', '景色社区', 'Scenery Community'),
  { code: '990500', parent: '990000', name: '本溪市', nameEn: 'Benxi', level: 'city' },
  { code: '990505', parent: '990500', name: '南芬区', nameEn: 'Nanfen District', level: 'district' },
  { code: '990505203', parent: '990505', name: '石门乡', nameEn: 'Shimen Township', level: 'street' },
  village('990505203201', '990505203', '箱子村', 'Box Village'),
  village('990505203202', '990505203', '石门村', 'Shimen Village'),
  village('990505203203', '990505203', '大岭村', 'Daling Village'),
  village('990505203204', '990505203', '河口村', 'Hekou Village'),
  village('990505203205', '990505203', '柳河村', 'Liuhe Village'),
  { code: '991400', parent: '990000', name: '葫芦岛市', nameEn: 'Huludao', level: 'city' },
  { code: '991401', parent: '991400', name: '渤海区', nameEn: 'Bohai District', level: 'district' },
  { code: '991402', parent: '991400', name: '华庭区', nameEn: 'Huating District', level: 'district' },
  { code: '991403', parent: '991400', name: '丰乐区', nameEn: 'Fengle District', level: 'district' },
  { code: '991403102', parent: '991403', name: '沙河镇', nameEn: 'Shahe Town', level: 'street' },
  village('991403102201', '991403102', '沙河村', 'Shahe Village'),
  village('991403102202', '991403102', '前屯村', 'Qiantun Village'),
  village('991403102203', '991403102', '后屯村', 'Houtun Village'),
  village('991403102204', '991403102', '东岗村', 'Donggang Village'),
  { code: '993000', parent: '990000', name: '萍乡市', nameEn: 'Pingxiang', level: 'city' },
];

/** The ten units of the reference table, in its order. */
export const PARTICIPANTS = [
  'justice',
  'heating',
  'scenery',
  'pingxiang',
  'kuiying',
  'township',
  'shenyang',
  'xinxing',
  'hrss',
  'town',
] as const;
export type DemoUnitKey = (typeof PARTICIPANTS)[number];

export type UnitKey = DemoUnitKey | 'provinceOffice' | 'nanfenOffice' | 'heatingSupply' | 'huajian' | 'heatNetwork';
export type UnitKind = 'office' | 'bureau' | 'street' | 'town' | 'community' | 'company' | 'other';

export interface DemoUnit {
  key: UnitKey;
  name: string;
  nameEn: string;
  kind: UnitKind;
  region: string;
  parent?: UnitKey;
}

/** Parents before children. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  {
    key: 'provinceOffice',
    name: '演示省政务公开办',
    nameEn: 'Demo Provincial Open Government Office',
    kind: 'office',
    region: '990000',
  },
  {
    key: 'nanfenOffice',
    name: '南芬区政务公开办',
    nameEn: 'Nanfen District Open Government Office',
    kind: 'office',
    region: '990505',
  },
  {
    key: 'justice',
    name: '南芬区司法局',
    nameEn: 'Nanfen District Bureau of Justice',
    kind: 'bureau',
    region: '990505',
  },
  {
    key: 'heating',
    name: '葫芦岛市供热办公室',
    nameEn: 'Huludao Municipal Heating Office',
    kind: 'office',
    region: '991400',
  },
  {
    key: 'heatingSupply',
    name: '葫芦岛市供热处',
    nameEn: 'Huludao Heating Office',
    kind: 'company',
    region: '991401',
    parent: 'heating',
  },
  {
    key: 'huajian',
    name: '葫芦岛市华建管道公司',
    nameEn: 'Huludao Huajian Plumbing Company',
    kind: 'company',
    region: '991402',
    parent: 'heating',
  },
  {
    key: 'heatNetwork',
    name: '葫芦岛市热网有限公司',
    nameEn: 'Huludao Heating Network Co., Ltd.',
    kind: 'company',
    region: '991403',
    parent: 'heating',
  },
  { key: 'scenery', name: '景色社区', nameEn: 'Scenery Community', kind: 'community', region: '990202007003' },
  {
    key: 'pingxiang',
    name: '萍乡市水利局',
    nameEn: 'Pingxiang Municipal Water Conservancy Bureau',
    kind: 'bureau',
    region: '993000',
  },
  {
    key: 'kuiying',
    name: '葵英街道办事处',
    nameEn: 'Kuiying Sub-district Office',
    kind: 'street',
    region: '990202007',
  },
  {
    key: 'township',
    name: '石门乡人民政府',
    nameEn: "Shimen Township People's Government",
    kind: 'town',
    region: '990505203',
  },
  {
    key: 'shenyang',
    name: '沈阳市广播电视局',
    nameEn: 'Shenyang Municipal Bureau of Radio, Film and Television',
    kind: 'bureau',
    region: '990100',
  },
  { key: 'xinxing', name: '新兴街道', nameEn: 'Xinxing Sub-district', kind: 'street', region: '990102004' },
  {
    key: 'hrss',
    name: '本溪市人力资源和社会保障局',
    nameEn: 'Benxi Municipal Human Resources and Social Security Bureau',
    kind: 'bureau',
    region: '990500',
  },
  { key: 'town', name: '沙河镇人民政府', nameEn: "Shahe Town People's Government", kind: 'town', region: '991403102' },
];

/** The campaign's coordinating office. */
export const ORGANIZER_UNIT: UnitKey = 'provinceOffice';

export interface DemoAccountSpec {
  username: string;
  displayName: string;
  role: Role;
  unit: UnitKey;
}

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  { username: 'organizer', displayName: '省政务公开办 李静', role: 'organizer', unit: 'provinceOffice' },
  { username: 'district-organizer', displayName: '南芬区政务公开办 赵磊', role: 'organizer', unit: 'nanfenOffice' },
  { username: 'heating-admin', displayName: '市供热办 周敏', role: 'unit_admin', unit: 'heating' },
  { username: 'heating-desk', displayName: '市供热办 刘洋', role: 'desk_staff', unit: 'heating' },
  { username: 'heating-responder', displayName: '市供热办 陈晨', role: 'responder', unit: 'heating' },
  { username: 'justice-admin', displayName: '区司法局 高文', role: 'unit_admin', unit: 'justice' },
  { username: 'justice-desk', displayName: '区司法局 马丽', role: 'desk_staff', unit: 'justice' },
];

/**
 * The figures each unit's records add up to, as GET /campaigns/:id/statistics reports them.
 * Where the reference says "more than N" the figure is a plausible number above N.
 */
export interface DemoFigures {
  peopleReceived: number;
  consultations: number;
  answeredOnSpot: number;
  /** 现场办理: services completed at a desk. */
  handledOnSpot: number;
  transferred: number;
  followUp: number;
  suggestions: number;
  complaints: number;
  satisfaction: Record<Rating, number>;
  desks: number;
  staff: number | null;
  banners: number;
  panels: number;
  ledSlogans: number;
  posters: number;
  newspaperWindows: number;
  onlinePosts: number;
  mediaReports: number;
  materialsPrinted: number | null;
  materialsDistributed: number;
}

const rated = (
  very_satisfied: number,
  satisfied: number,
  basically_satisfied = 0,
  dissatisfied = 0,
  very_dissatisfied = 0,
): Record<Rating, number> => ({ very_satisfied, satisfied, basically_satisfied, dissatisfied, very_dissatisfied });

export const DEMO_FIGURES: Record<DemoUnitKey, DemoFigures> = {
  // 1: 5 desks, 3 panels, 1 banner, legal advice answered 6 times.
  justice: {
    peopleReceived: 40,
    consultations: 8,
    answeredOnSpot: 6,
    handledOnSpot: 0,
    transferred: 1,
    followUp: 1,
    suggestions: 0,
    complaints: 0,
    satisfaction: rated(3, 2, 1),
    desks: 5,
    staff: 9,
    banners: 1,
    panels: 3,
    ledSlogans: 0,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 1150,
    materialsDistributed: 385,
  },
  // 2: 3 desks, 3 banners, 25 people took part, 264 received, 62 answered on heating.
  heating: {
    peopleReceived: 264,
    consultations: 70,
    answeredOnSpot: 62,
    handledOnSpot: 0,
    transferred: 5,
    followUp: 2,
    suggestions: 1,
    complaints: 0,
    satisfaction: rated(18, 14, 5, 1),
    desks: 3,
    staff: 25,
    banners: 3,
    panels: 0,
    ledSlogans: 0,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 1400,
    materialsDistributed: 615,
  },
  // 3: more than 50 materials distributed, inquiries answered 10 times.
  scenery: {
    peopleReceived: 24,
    consultations: 12,
    answeredOnSpot: 10,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 0,
    suggestions: 2,
    complaints: 0,
    satisfaction: rated(5, 3),
    desks: 1,
    staff: 7,
    banners: 2,
    panels: 0,
    ledSlogans: 0,
    posters: 6,
    newspaperWindows: 0,
    onlinePosts: 2,
    mediaReports: 0,
    materialsPrinted: 100,
    materialsDistributed: 56,
  },
  // 4: open day on 30 May, 1 exhibition board, 12 visitors, 80 materials distributed.
  pingxiang: {
    peopleReceived: 12,
    consultations: 9,
    answeredOnSpot: 7,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 1,
    suggestions: 1,
    complaints: 0,
    satisfaction: rated(3, 2),
    desks: 1,
    staff: 3,
    banners: 0,
    panels: 1,
    ledSlogans: 0,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 100,
    materialsDistributed: 80,
  },
  // 5: three LED slogans quoted, banners and billboards.
  kuiying: {
    peopleReceived: 38,
    consultations: 18,
    answeredOnSpot: 15,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 2,
    suggestions: 1,
    complaints: 0,
    satisfaction: rated(6, 5, 1),
    desks: 2,
    staff: 8,
    banners: 4,
    panels: 2,
    ledSlogans: 3,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 200,
    materialsDistributed: 70,
  },
  // 6: more than 2,000 materials, 6 newspaper windows, more than 60 slogans per village, a symposium.
  township: {
    peopleReceived: 168,
    consultations: 47,
    answeredOnSpot: 40,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 3,
    suggestions: 4,
    complaints: 0,
    satisfaction: rated(10, 9, 3),
    desks: 5,
    staff: 26,
    banners: 2,
    panels: 0,
    ledSlogans: 0,
    posters: 316,
    newspaperWindows: 6,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 2700,
    materialsDistributed: 2160,
  },
  // 7: 2 preparation meetings, Service Guide printed in 1,000 copies, more than 700 received, 99% satisfied.
  shenyang: {
    peopleReceived: 736,
    consultations: 168,
    answeredOnSpot: 150,
    handledOnSpot: 0,
    transferred: 8,
    followUp: 5,
    suggestions: 3,
    complaints: 2,
    satisfaction: rated(62, 30, 7, 1),
    desks: 3,
    staff: 6,
    banners: 1,
    panels: 2,
    ledSlogans: 0,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 1,
    mediaReports: 1,
    materialsPrinted: 1000,
    materialsDistributed: 740,
  },
  // 8: more than 40 received, more than 20 leaflets and brochures, 100% satisfied (of 18 rated).
  xinxing: {
    peopleReceived: 46,
    consultations: 25,
    answeredOnSpot: 22,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 2,
    suggestions: 1,
    complaints: 0,
    satisfaction: rated(9, 7, 2),
    desks: 7,
    staff: 15,
    banners: 2,
    panels: 0,
    ledSlogans: 1,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 100,
    materialsDistributed: 28,
  },
  // 9: LED slogans, 100 policy consultations answered; "on-site office" (现场办公): services handled at the window.
  hrss: {
    peopleReceived: 130,
    consultations: 114,
    answeredOnSpot: 100,
    handledOnSpot: 8,
    transferred: 2,
    followUp: 4,
    suggestions: 0,
    complaints: 0,
    satisfaction: rated(25, 20, 4, 1),
    desks: 4,
    staff: 18,
    banners: 0,
    panels: 4,
    ledSlogans: 2,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 2,
    mediaReports: 0,
    materialsPrinted: 800,
    materialsDistributed: 315,
  },
  // 10: banners two weeks ahead, LED slogans, a desk at the town market on 13 May, hotline and mailboxes.
  town: {
    peopleReceived: 64,
    consultations: 27,
    answeredOnSpot: 18,
    handledOnSpot: 0,
    transferred: 0,
    followUp: 3,
    suggestions: 5,
    complaints: 1,
    satisfaction: rated(6, 6, 2),
    desks: 1,
    staff: 12,
    banners: 4,
    panels: 0,
    ledSlogans: 2,
    posters: 0,
    newspaperWindows: 0,
    onlinePosts: 0,
    mediaReports: 0,
    materialsPrinted: 800,
    materialsDistributed: 550,
  },
};

export interface DemoMeeting {
  kind: MeetingKind;
  heldOn: string;
  title: string;
  titleEn?: string;
  location: string;
  locationEn?: string;
  chair?: string;
  participantCount?: number;
  participantCategories?: Partial<Record<ParticipantCategory, number>>;
  participants: string;
  decisions: string;
  opinions?: DemoOpinion[];
}

/** An opinion raised at a meeting; `question` names the consultation it was also recorded as (and its case). */
export interface DemoOpinion {
  text: string;
  raisedBy?: ParticipantCategory;
  outcome: OpinionOutcome;
  response?: string;
  question?: string;
}

export interface DemoDesk {
  /** Unique within the plan; materials name the desks they were handed out at by it. */
  key: string;
  name: string;
  topics: string[];
  /** leader: a leader on duty (领导带班), whose receptions count as 领导接待. */
  staff: { name: string; title: string; leader?: boolean }[];
}

export interface DemoSite {
  name: string;
  address: string;
  region: string;
  heldOn: string;
  /** Local time in Asia/Shanghai, HH:MM. */
  opens: string;
  closes: string;
  desks: DemoDesk[];
}

export type PublicityKind =
  'banner' | 'panel' | 'led_slogan' | 'poster' | 'newspaper_window' | 'online_post' | 'media_report';

export interface DemoPublicity {
  kind: PublicityKind;
  quantity: number;
  /** The slogan or headline; the title of a report or post. */
  text: string;
  location?: string;
  url?: string;
  shownFrom?: string;
  /** A media report's or an online post's outlet (媒体名称), its English name, its medium and its reads. */
  outlet?: string;
  outletEn?: string;
  medium?: Medium;
  reach?: number;
  /** The village or community (its region code) it was put up in. */
  village?: string;
}

/** A hotline (热线, with its number) or mailbox (意见箱, with its place) of the unit. */
export interface DemoChannelPoint {
  kind: 'hotline' | 'mailbox';
  name: string;
  nameEn: string;
  /** The village or community (its region code) it is in, if any. */
  village?: string;
  address?: string;
  number?: string;
}

export interface DemoMaterial {
  title: string;
  kind: 'leaflet' | 'brochure' | 'service_guide' | 'handbook' | 'other';
  printRun: number;
  /** Copies handed out, by desk key. */
  copies: Record<string, number>;
}

/**
 * A question as asked and answered. The generator repeats the questions of an outcome until the
 * unit's figure for that outcome is reached, so every outcome with a figure needs at least one.
 */
export interface DemoQuestion {
  topic: string;
  question: string;
  answer: string;
  /** answered_on_spot unless given. */
  outcome?: Outcome;
  /** With handled_on_spot: the service completed at the desk. */
  handledMatter?: string;
  /** on_site unless given; on_site questions go to a desk whose topics include the topic. */
  channel?: Channel;
  /** The hotline or mailbox (by name, of the plan's channelPoints) it came through; its kind is the channel. */
  channelPoint?: string;
}

/** When questions that reach the unit other than at a desk came in: days and local hours. */
export interface DemoWindow {
  from: string;
  to: string;
  opens: string;
  closes: string;
}

export interface DemoPlan {
  leader: { name: string; title: string };
  issuedOn: string;
  notes: string;
  meetings: DemoMeeting[];
  sites: DemoSite[];
  publicity: DemoPublicity[];
  materials: DemoMaterial[];
  questions: DemoQuestion[];
  /** Visits in which one person asked several questions: the number of questions of each. */
  visitsWithSeveralQuestions: number[];
  /** Windows for the channels other than on_site that the unit's questions use. */
  windows?: Partial<Record<Exclude<Channel, 'on_site'>, DemoWindow>>;
  /** 领导接待: a leader on duty (by name, at a desk) received this many of the visits at their desk. */
  leaderReceptions?: { by: string; visits: number };
  /**
   * 联合设台: sub-units running the unit's desks with it (by desk key), each answering this many of the
   * visits at its desks.
   */
  partners?: { unit: UnitKey; kind: PartnerKind; desks: string[]; visits: number; contact?: string }[];
  /** The demo account that recorded the unit's consultations and distributions, if any. */
  recordedBy?: string;
  /** 热线和意见箱: the unit's hotlines and mailboxes, with their villages. */
  channelPoints?: DemoChannelPoint[];
}

const HEATING_TOPICS = ['供热收费', '供热质量', '报停供热', '管网维修', '供热法规', '入网开栓'];

/** The three slogans summary 5 quotes from the LED screen in front of the Kuiying office. */
export const KUIYING_SLOGANS = [
  '破解群众办事难题，优化营商软环境',
  '推进政务公开，优化营商环境',
  '实行政务公开，方便群众办事',
];

const TOWNSHIP_VILLAGES: readonly [code: string, name: string, posters: number][] = [
  ['990505203201', '箱子村', 64],
  ['990505203202', '石门村', 62],
  ['990505203203', '大岭村', 66],
  ['990505203204', '河口村', 61],
  ['990505203205', '柳河村', 63],
];

export const DEMO_PLANS: Record<DemoUnitKey, DemoPlan> = {
  justice: {
    leader: { name: '韩晓东', title: '副局长' },
    issuedOn: '2026-05-08',
    notes:
      '按照区优化营商环境建设领导小组办公室工作安排，结合本局实际，在区活动现场设立法律援助、法律服务、普法宣传、公证咨询、人民调解服务平台，邀请区公共法律服务所专职法律工作者现场解答法律咨询；各司法所结合工作特点同步开展宣传。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-08',
        title: '南芬区司法局“5·15”政务公开日活动部署会',
        location: '区司法局三楼会议室',
        participants: '局领导班子成员、各司法所所长、机关各科室负责人',
        decisions:
          '印发《南芬区司法局“5·15”政务公开日暨优化营商环境宣传周启动仪式活动通知》；主要领导负总责，分管领导具体负责；提前准备公证、人民调解、法律援助等宣传资料。',
      },
    ],
    sites: [
      {
        name: '南芬区“5·15”政务公开日活动现场',
        address: '本溪市南芬区人民广场',
        region: '990505',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          {
            key: 'aid',
            name: '法律援助咨询台',
            topics: ['法律援助'],
            staff: [{ name: '孙涛', title: '区法律援助中心主任' }],
          },
          {
            key: 'services',
            name: '法律服务咨询台',
            topics: ['法律服务'],
            staff: [{ name: '徐明', title: '区公共法律服务所专职法律工作者' }],
          },
          {
            key: 'education',
            name: '普法宣传台',
            topics: ['普法宣传'],
            staff: [{ name: '罗佳', title: '普法与依法治理科科员' }],
          },
          {
            key: 'notary',
            name: '公证咨询台',
            topics: ['公证咨询'],
            staff: [{ name: '何静', title: '区公证处公证员' }],
          },
          {
            key: 'mediation',
            name: '人民调解咨询台',
            topics: ['人民调解'],
            staff: [{ name: '郭建军', title: '人民参与和促进法治科科长' }],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'panel',
        quantity: 3,
        text: '法律援助、公证办理、人民调解宣传展板',
        location: '南芬区人民广场活动现场',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'banner',
        quantity: 1,
        text: '推进政务公开 优化营商环境 建设法治南芬',
        location: '南芬区人民广场活动现场',
        shownFrom: '2026-05-15',
      },
    ],
    materials: [
      { title: '法律援助须知', kind: 'leaflet', printRun: 300, copies: { aid: 85 } },
      { title: '公证办理流程', kind: 'leaflet', printRun: 200, copies: { notary: 60 } },
      { title: '人民调解知识问答', kind: 'brochure', printRun: 200, copies: { mediation: 55 } },
      {
        title: '未成年人、老年人、农民工法律援助服务手册',
        kind: 'handbook',
        printRun: 150,
        copies: { aid: 40, services: 35 },
      },
      { title: '民法典普法宣传册', kind: 'brochure', printRun: 300, copies: { education: 110 } },
    ],
    questions: [
      {
        topic: '法律援助',
        question: '我在工地干活被拖欠了三个月工资，没钱请律师，能申请法律援助吗？',
        answer:
          '农民工请求支付劳动报酬的，申请法律援助不受经济困难条件限制。请携带身份证、务工证明等材料到区法律援助中心申请，我们会指派律师代理。',
      },
      {
        topic: '公证咨询',
        question: '父母的房产想办继承公证，需要准备哪些材料？',
        answer:
          '需提供被继承人死亡证明、不动产权证书、全体继承人身份证明及亲属关系证明，全体继承人一同到公证处办理，材料齐全的一般15个工作日内出证。',
      },
      {
        topic: '人民调解',
        question: '和邻居因为排水沟的事闹矛盾，能找谁调解？',
        answer:
          '可以向所在社区（村）人民调解委员会或司法所申请调解，人民调解不收费；达成的调解协议具有法律约束力，必要时可申请法院司法确认。',
      },
      {
        topic: '法律服务',
        question: '借钱给朋友只有微信聊天记录，没有借条，打官司有用吗？',
        answer: '微信聊天记录、转账记录可以作为证据，请保存好原始载体，并尽早与对方确认借款事实；诉讼时效一般为三年。',
      },
      {
        topic: '普法宣传',
        question: '老年人遇到保健品推销骗局，应该怎么维权？',
        answer:
          '保留购买凭证和宣传资料，可向市场监管部门投诉或拨打12315，涉嫌诈骗的及时向公安机关报案；经济困难的老年人还可申请法律援助。',
      },
      {
        topic: '法律援助',
        question: '孩子在学校受了伤，家里困难，可以免费打官司吗？',
        answer:
          '未成年人合法权益受侵害的，可向法律援助中心申请；提交家庭经济状况说明后即可审查，符合条件的免费提供代理。',
      },
      {
        topic: '法律援助',
        question: '我想替母亲申请法律援助追讨赡养费，她行动不便，能代为申请吗？',
        answer: '可以由近亲属代为申请。已登记联系方式，区法律援助中心将在3个工作日内电话联系并上门核实。',
        outcome: 'follow_up',
      },
      {
        topic: '人民调解',
        question: '小区物业和业主因为停车费闹纠纷，涉及几十户，怎么解决？',
        answer: '已登记并转交所在街道人民调解委员会组织调解，将在15个工作日内答复。',
        outcome: 'transferred',
      },
    ],
    visitsWithSeveralQuestions: [2],
    recordedBy: 'justice-desk',
  },

  heating: {
    leader: { name: '王志刚', title: '副主任' },
    issuedOn: '2026-05-11',
    notes:
      '组织葫芦岛市供热处、葫芦岛市华建管道公司、葫芦岛市热网有限公司三家供热企业，在各自供热辖区的渤海区、华庭区、丰乐区设立便民服务台，发放便民服务宣传单，开展供热知识、供热法规咨询；副主任带领两名工作人员到三个社区现场指导。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-11',
        title: '“5·15”政务公开日便民服务活动部署会',
        location: '市供热办会议室',
        participants: '市供热办领导班子，葫芦岛市供热处、华建管道公司、热网有限公司负责人',
        decisions:
          '三家供热企业分别在渤海区、华庭区、丰乐区设立便民服务台；统一印制便民服务宣传单和供热管理条例摘编；每个服务点悬挂横幅一条。',
      },
    ],
    sites: [
      {
        name: '渤海区海韵社区便民服务点',
        address: '葫芦岛市渤海区海韵社区文化广场',
        region: '991401',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          {
            key: 'bohai',
            name: '葫芦岛市供热处便民服务台',
            topics: HEATING_TOPICS,
            staff: [
              { name: '王志刚', title: '市供热办副主任' },
              { name: '林海', title: '葫芦岛市供热处客服科科长' },
            ],
          },
        ],
      },
      {
        name: '华庭区景华社区便民服务点',
        address: '葫芦岛市华庭区景华社区服务中心门前',
        region: '991402',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          {
            key: 'huating',
            name: '华建管道公司便民服务台',
            topics: HEATING_TOPICS,
            staff: [
              { name: '刘洋', title: '市供热办科员' },
              { name: '杨帆', title: '华建管道公司营业所所长' },
            ],
          },
        ],
      },
      {
        name: '丰乐区丰泽社区便民服务点',
        address: '葫芦岛市丰乐区丰泽社区广场',
        region: '991403',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          {
            key: 'fengle',
            name: '热网有限公司便民服务台',
            topics: HEATING_TOPICS,
            staff: [
              { name: '陈晨', title: '市供热办科员' },
              { name: '黄磊', title: '热网有限公司客服中心主任' },
            ],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 1,
        text: '推进政务公开 优化营商环境 供热服务进社区',
        location: '渤海区海韵社区文化广场',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'banner',
        quantity: 1,
        text: '推进政务公开 优化营商环境 供热服务进社区',
        location: '华庭区景华社区服务中心',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'banner',
        quantity: 1,
        text: '推进政务公开 优化营商环境 供热服务进社区',
        location: '丰乐区丰泽社区广场',
        shownFrom: '2026-05-15',
      },
    ],
    materials: [
      {
        title: '供热便民服务宣传单',
        kind: 'leaflet',
        printRun: 800,
        copies: { bohai: 170, huating: 150, fengle: 140 },
      },
      {
        title: '《葫芦岛市城市供热管理条例》摘编',
        kind: 'brochure',
        // Printed for the whole heating season, handed out far less on the day: a finding of the summary.
        printRun: 600,
        copies: { bohai: 60, huating: 50, fengle: 45 },
      },
    ],
    questions: [
      {
        topic: '供热收费',
        question: '今年的供热费什么时候开始缴纳？有没有优惠？',
        answer:
          '供热费在供暖期前缴纳，9月30日前足额缴纳的可享受优惠，具体以当年公告为准；可在营业厅、银行或微信公众号缴纳。',
      },
      {
        topic: '供热收费',
        question: '供热费是按建筑面积还是使用面积计算？',
        answer: '居民供热费按不动产权证书记载的建筑面积计算；安装热计量装置并验收合格的，可按计量方式收费。',
      },
      {
        topic: '供热质量',
        question: '去年冬天家里室温只有十五六度，标准温度是多少？',
        answer: '供暖期间居民卧室、起居室室温应不低于18℃。室温不达标可拨打供热服务热线报修，核实后按规定退还部分热费。',
      },
      {
        topic: '供热质量',
        question: '暖气上热下凉是怎么回事？',
        answer: '多为系统内有空气或杂质堵塞，可先打开放气阀排气；仍不热的请报修，供热企业将派人上门检查清洗。',
      },
      {
        topic: '报停供热',
        question: '家里长期没人住，能不能办理报停？',
        answer: '可以。请在供暖期开始前持不动产权证书和身份证到所属供热企业营业厅申请，报停期间按规定缴纳基本热费。',
      },
      {
        topic: '报停供热',
        question: '报停以后还需要交多少钱？',
        answer: '报停用户按规定缴纳基本热费，用于维持管网运行和公共部位供热，具体比例在营业厅和宣传单上公示。',
      },
      {
        topic: '管网维修',
        question: '楼道里的供热管道漏水，找谁维修？',
        answer: '楼内公共管道由供热企业负责维修，可拨打所属企业的抢修电话，接报后抢修人员将及时到场处理。',
      },
      {
        topic: '管网维修',
        question: '夏季管网检修会不会影响自来水？',
        answer: '夏季检修只涉及供热管网，不影响自来水和燃气；检修完成后将注水试压，请用户注意家中阀门状态。',
      },
      {
        topic: '供热法规',
        question: '供热企业无故停止供热，用户可以怎么维权？',
        answer: '供热企业不得擅自停热，因故停热须提前通知。用户可向市供热办投诉，经查实将责令整改并按规定赔付。',
      },
      {
        topic: '供热法规',
        question: '私自改动暖气管道要承担什么责任？',
        answer:
          '擅自改装、拆除供热设施的，由供热主管部门责令改正，造成损失的依法承担赔偿责任；改造前请先向供热企业申请。',
      },
      {
        topic: '入网开栓',
        question: '新买的房子第一次供暖需要办什么手续？',
        answer: '持购房合同、身份证到所属供热企业营业厅办理入网登记，缴纳当期热费后即可开栓供热。',
      },
      {
        topic: '入网开栓',
        question: '开栓那几天家里没人怎么办？',
        answer: '请提前与供热企业预约开栓时间，或开栓前关闭户内阀门，避免因阀门未关引起跑水。',
      },
      {
        topic: '供热质量',
        question: '家里改成地暖了，还能正常供热吗？',
        answer: '地暖改造须经供热企业同意并办理变更手续，确保系统水力平衡，否则可能影响本户和邻户的供热效果。',
      },
      {
        topic: '供热收费',
        question: '低保户缴纳供热费有没有补贴？',
        answer: '低保、特困供养等困难群众可享受采暖补贴，请向所在社区提出申请，经民政部门审核后发放。',
      },
      {
        topic: '供热质量',
        question: '我们整栋楼去年冬天都不热，反映多次没解决。',
        answer: '已登记楼号和联系人，转交所属供热企业入户测温并排查管网，15个工作日内答复处理结果。',
        outcome: 'transferred',
      },
      {
        topic: '管网维修',
        question: '小区外面的供热管沟塌陷了，有安全隐患。',
        answer: '已登记具体位置，转交供热企业和市政部门现场核查处置，将在规定时限内答复。',
        outcome: 'transferred',
      },
      {
        topic: '供热收费',
        question: '我家的热费账单多收了一年的滞纳金，想核实一下。',
        answer: '已登记户号和联系方式，供热企业收费部门核实后将在5个工作日内电话答复。',
        outcome: 'follow_up',
      },
      {
        topic: '报停供热',
        question: '去年办了报停，可还是收到了全额缴费通知。',
        answer: '已登记户号，所属供热企业核实报停记录后3个工作日内电话答复。',
        outcome: 'follow_up',
      },
      {
        topic: '供热收费',
        question: '建议增加线上缴费渠道，方便子女替老人代缴。',
        answer: '感谢建议，已记录并转供热企业研究，市供热办将推动各企业开通线上缴费和代缴功能。',
        outcome: 'suggestion',
      },
    ],
    visitsWithSeveralQuestions: [2, 2, 3],
    // "Organised the three heating companies … each set up a desk in its own district": each company
    // ran the desk in its district with the office, its staff answering most of the visitors there.
    partners: [
      { unit: 'heatingSupply', kind: 'enterprise', desks: ['bohai'], visits: 60, contact: '林海 0429-2123456' },
      { unit: 'huajian', kind: 'enterprise', desks: ['huating'], visits: 50 },
      { unit: 'heatNetwork', kind: 'enterprise', desks: ['fengle'], visits: 40 },
    ],
    recordedBy: 'heating-desk',
  },

  scenery: {
    leader: { name: '孙丽华', title: '社区党委书记、居委会主任' },
    issuedOn: '2026-05-12',
    notes:
      '以“整作风、提效能、优服务、促发展”为主题，在社区广场前开展宣传活动，悬挂标语横幅，利用网站和微信公众号发布信息，现场解答居民供暖、房产等问题。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-12',
        title: '社区政务公开日活动筹备会',
        location: '景色社区居委会会议室',
        participants: '社区党委书记、居委会委员、网格员',
        decisions: '确定宣传主题；在社区广场设咨询台；利用网站和微信公众号发布活动信息；征求居民意见建议。',
      },
    ],
    sites: [
      {
        name: '景色社区广场',
        address: '大连市中山区葵英街道景色社区广场',
        region: '990202007003',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          {
            key: 'square',
            name: '政策咨询台',
            topics: ['供暖', '房产', '社区服务'],
            staff: [
              { name: '孙丽华', title: '社区党委书记、居委会主任' },
              { name: '吴倩', title: '社区网格员' },
            ],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 2,
        text: '整作风 提效能 优服务 促发展',
        location: '社区广场、社区服务站门前',
        shownFrom: '2026-05-13',
      },
      {
        kind: 'poster',
        quantity: 6,
        text: '推进政务公开 建设幸福社区',
        location: '各楼道口宣传栏',
        shownFrom: '2026-05-13',
      },
      {
        kind: 'online_post',
        quantity: 1,
        text: '社区网站发布《景色社区“5·15”政务公开日活动预告》',
        url: 'https://jingse.community.example/news/2026-0515',
        shownFrom: '2026-05-12',
        outlet: '景色社区网站',
        outletEn: 'the Scenery Community website',
        medium: 'gov_website',
        reach: 326,
      },
      {
        kind: 'online_post',
        quantity: 1,
        text: '社区微信公众号推送政务公开日活动信息和惠民政策',
        url: 'https://mp.weixin.example/s/jingse-2026-0514',
        shownFrom: '2026-05-14',
        outlet: '景色社区',
        medium: 'wechat',
        reach: 1186,
      },
    ],
    materials: [{ title: '政务公开及惠民政策宣传单', kind: 'leaflet', printRun: 100, copies: { square: 56 } }],
    questions: [
      {
        topic: '供暖',
        question: '小区今年换了供热公司，缴费地点变了吗？',
        answer: '社区已收到供热企业通知，缴费地点调整到新营业厅，地址和电话贴在社区公告栏，也可以在社区服务站咨询。',
      },
      {
        topic: '房产',
        question: '老房子一直没办下来产权证，怎么办？',
        answer: '历史遗留办证问题正在分批解决，请把购房合同复印件交社区登记，由街道统一报送不动产登记部门。',
      },
      {
        topic: '社区服务',
        question: '开居住证明需要带什么？',
        answer: '带本人身份证、户口簿或租房合同到社区服务站，可以当场开具。',
      },
      {
        topic: '社区服务',
        question: '社区有没有老年人助餐服务？',
        answer: '社区日间照料中心每天中午提供助餐，70周岁以上老人可享受优惠，报名请到社区服务站登记。',
      },
      {
        topic: '房产',
        question: '房子出租需要到哪里备案？',
        answer: '到社区服务站领取房屋租赁登记表，填写后由社区报送备案，也可以在政务服务网上办理。',
      },
      {
        topic: '社区服务',
        question: '建议在广场增设几组健身器材。',
        answer: '感谢建议，已记录并报街道研究，结合老旧小区改造统筹考虑。',
        outcome: 'suggestion',
      },
      {
        topic: '供暖',
        question: '建议供热企业在缴费期到社区设临时缴费点。',
        answer: '已记录并向供热企业反映，争取在缴费期设立社区代收点。',
        outcome: 'suggestion',
      },
    ],
    visitsWithSeveralQuestions: [2],
  },

  pingxiang: {
    leader: { name: '方建华', title: '副局长' },
    issuedOn: '2026-05-26',
    notes:
      '按照市委、市政府统一安排，5月30日参加全市政务公开日活动，主题为“推进政务公开，提升为民服务能力”。活动前召开专题会议作出安排；活动当天副局长带领两名工作人员到现场接待群众、解答问题、听取建议。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-26',
        title: '“政务公开日”活动专题会议',
        location: '市水利局二楼会议室',
        participants: '局领导班子成员、各科室负责人',
        decisions:
          '研究活动内容和形式，明确活动负责人；检查完善政务公开内容和流程；制作政务公开展板1块，印制宣传资料。',
      },
    ],
    sites: [
      {
        name: '萍乡市政务公开日活动现场',
        address: '萍乡市人民公园广场',
        region: '993000',
        heldOn: '2026-05-30',
        opens: '09:00',
        closes: '11:30',
        desks: [
          {
            key: 'water',
            name: '水利局咨询台',
            topics: ['水利管理', '防汛抗旱', '水资源', '河道管理'],
            staff: [
              { name: '方建华', title: '副局长' },
              { name: '曾敏', title: '办公室科员' },
              { name: '彭涛', title: '水政监察大队队员' },
            ],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'panel',
        quantity: 1,
        text: '萍乡市水利局政务公开展板：管理职能、服务范围、执法依据、办事流程',
        location: '萍乡市人民公园广场活动现场',
        shownFrom: '2026-05-30',
      },
    ],
    materials: [{ title: '水利管理职能及办事流程宣传资料', kind: 'leaflet', printRun: 100, copies: { water: 80 } }],
    questions: [
      {
        topic: '水资源',
        question: '农村自家打井用水需要审批吗？',
        answer: '农村居民生活用少量取水不需要申请取水许可；用于经营的取水须向水利部门申请取水许可。',
      },
      {
        topic: '河道管理',
        question: '在河道边上搭养殖棚要办什么手续？',
        answer:
          '在河道管理范围内建设须经水行政主管部门批准，行洪区内禁止建设妨碍行洪的建筑物，请先到政务服务中心水利窗口咨询。',
      },
      {
        topic: '防汛抗旱',
        question: '汛期遇到险情应该向哪里报告？',
        answer: '可拨打防汛值班电话或向所在乡镇（街道）防汛办报告，汛期我局实行24小时值班。',
      },
      {
        topic: '水利管理',
        question: '水利局有哪些行政许可事项？流程在哪里查？',
        answer: '主要有取水许可、河道管理范围内建设项目审批、水土保持方案审批等，办事指南已在政务服务网和展板上公开。',
      },
      {
        topic: '水资源',
        question: '城区饮用水水源地的保护范围是怎么划定的？',
        answer: '饮用水水源保护区由市政府批准划定，保护区内禁止新建排污口，具体范围在市政府网站公开。',
      },
      {
        topic: '水利管理',
        question: '小型水库的安全责任人怎么查询？',
        answer: '全市小型水库均落实了行政、技术、巡查三个责任人，名单在水库现场公示牌和我局网站公开。',
      },
      {
        topic: '河道管理',
        question: '河里有人非法采砂，应该向哪里举报？',
        answer: '可向我局水政监察大队举报，电话已在展板上公开，我们将依法查处。',
      },
      {
        topic: '防汛抗旱',
        question: '建议在低洼村组增设汛期预警广播。',
        answer: '感谢建议，已记录，将在山洪灾害防治项目中统筹考虑。',
        outcome: 'suggestion',
      },
      {
        topic: '水利管理',
        question: '我们村的灌溉渠道损毁了，想申请维修资金。',
        answer: '已登记村名和联系人，农村水利科将在10个工作日内现场查看并答复。',
        outcome: 'follow_up',
      },
    ],
    visitsWithSeveralQuestions: [2],
  },

  kuiying: {
    leader: { name: '郑伟', title: '办事处主任' },
    issuedOn: '2026-05-08',
    notes:
      '按照中山区政府办公室印发的“5·15”政务公开日活动方案，以“推进政务公开，优化营商环境”为主题，成立专项活动小组；办公楼前LED屏滚动播放宣传标语，辖区悬挂横幅和展牌；推进为民服务大厅标准化建设。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-08',
        title: '“5·15”政务公开日专题会议',
        location: '葵英街道办事处会议室',
        participants: '街道党工委、办事处领导，各科室负责人',
        decisions: '成立政务公开日专项活动小组；研究活动内容和形式；LED屏滚动播放宣传标语，辖区悬挂横幅和展牌。',
      },
    ],
    sites: [
      {
        name: '葵英街道为民服务大厅',
        address: '大连市中山区葵英街道办事处办公楼一楼',
        region: '990202007',
        heldOn: '2026-05-15',
        opens: '09:00',
        closes: '11:30',
        desks: [
          {
            key: 'hall',
            name: '为民服务咨询台',
            topics: ['社会救助', '社区服务', '办事指南'],
            staff: [
              { name: '冯雪', title: '为民服务大厅负责人' },
              { name: '邓超', title: '民政科科员' },
            ],
          },
          {
            key: 'business',
            name: '营商环境咨询台',
            topics: ['营商环境', '证照办理'],
            staff: [{ name: '曹阳', title: '经济服务科科长' }],
          },
        ],
      },
    ],
    publicity: [
      ...KUIYING_SLOGANS.map((text): DemoPublicity => ({
        kind: 'led_slogan',
        quantity: 1,
        text,
        location: '办事处办公楼前LED屏',
        shownFrom: '2026-05-13',
      })),
      {
        kind: 'banner',
        quantity: 2,
        text: '推进政务公开 优化营商环境',
        location: '办事处办公楼前',
        shownFrom: '2026-05-13',
      },
      {
        kind: 'banner',
        quantity: 2,
        text: '实行政务公开 方便群众办事',
        location: '辖区主要路口',
        shownFrom: '2026-05-13',
      },
      {
        kind: 'panel',
        quantity: 2,
        text: '政务公开日宣传展牌：办事事项和流程',
        location: '为民服务大厅门前',
        shownFrom: '2026-05-13',
      },
    ],
    materials: [{ title: '葵英街道为民服务指南', kind: 'brochure', printRun: 200, copies: { hall: 48, business: 22 } }],
    questions: [
      {
        topic: '社会救助',
        question: '家里老人生病开销大，能申请临时救助吗？',
        answer:
          '因病导致基本生活暂时困难的可以申请临时救助，请携带身份证、户口簿、医疗费用票据到为民服务大厅民政窗口申请。',
      },
      {
        topic: '社区服务',
        question: '办理老年优待证需要什么材料？',
        answer: '60周岁以上老人持身份证和一寸照片到为民服务大厅即可办理，当场制证。',
      },
      {
        topic: '办事指南',
        question: '为民服务大厅周末上班吗？',
        answer: '大厅实行周六上午延时服务，可办理社保、民政等常用事项，事项清单在大厅公示。',
      },
      {
        topic: '营商环境',
        question: '在街道开一家小餐馆，需要办哪些证？',
        answer: '需办理营业执照和食品经营许可证，可在区政务服务中心“一窗受理”，也可网上申办，我们可以帮您预约。',
      },
      {
        topic: '证照办理',
        question: '个体户营业执照地址变更能网上办吗？',
        answer: '可以通过市场主体登记网上平台办理变更，全程电子化，一般1至3个工作日办结。',
      },
      {
        topic: '社区服务',
        question: '居家养老服务补贴怎么申请？',
        answer: '经评估符合条件的困难老人可申请居家养老服务补贴，到社区填写申请表，街道审核后公示发放。',
      },
      {
        topic: '办事指南',
        question: '灵活就业人员参保在街道能办吗？',
        answer: '可以，为民服务大厅劳动保障窗口可办理灵活就业人员参保登记，带身份证即可。',
      },
      {
        topic: '营商环境',
        question: '我们店门前的停车位总被占用，影响经营，能协调吗？',
        answer: '已登记地址和联系方式，街道城建科将会同相关部门现场查看，5个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '社会救助',
        question: '我家申请的低保复审一直没有结果。',
        answer: '已登记姓名和联系方式，民政科核实后5个工作日内电话答复。',
        outcome: 'follow_up',
      },
      {
        topic: '办事指南',
        question: '建议大厅增加叫号屏和老年人专窗。',
        answer: '感谢建议，已记录，大厅改造时统筹安排。',
        outcome: 'suggestion',
      },
    ],
    visitsWithSeveralQuestions: [2],
  },

  township: {
    leader: { name: '李春生', title: '乡长' },
    issuedOn: '2026-05-07',
    notes:
      '乡党委、政府制定“5·15”宣传日活动方案并安排专项经费。5月15日组织代办服务中心、财政所、司法所、派出所等部门和村代办员在乡政府门前集中宣传；各村更新报栏、张贴标语，并召开“5·15”政务公开日座谈会。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-07',
        title: '“5·15”宣传日活动部署会',
        location: '石门乡政府会议室',
        participants: '乡党委、政府领导班子，代办服务中心、财政所、司法所、派出所负责人，各村党支部书记',
        decisions: '制定并印发《石门乡“5·15”宣传日活动方案》；安排专项经费；各村更新报栏、张贴标语并召开座谈会。',
      },
      {
        kind: 'symposium',
        heldOn: '2026-05-18',
        title: '“5·15”政务公开日座谈会',
        titleEn: 'Open Day symposium in Box Village',
        location: '箱子村村民委员会会议室',
        locationEn: 'the meeting room of the Box Village committee',
        chair: '李春生',
        // 23 in all: the village's Party secretary and committee director are counted in no category.
        participantCount: 23,
        participantCategories: { deputies: 1, residents: 15, staff: 5 },
        participants: '乡驻村干部、箱子村党支部书记和村委会主任、村民代表',
        decisions:
          '共同研究基层工作中的难点热点问题：惠农补贴名单在村务公开栏公示；村集体财务按季度公开；村道维修报区交通部门纳入养护计划。',
        opinions: [
          {
            text: '建议把惠农补贴发放名单在各村公开栏公示。',
            raisedBy: 'residents',
            outcome: 'answered_on_spot',
            response: '今年起补贴名单将在各村村务公开栏同步公示。',
            question: '建议把惠农补贴发放名单在各村公开栏公示。',
          },
          {
            text: '村里的集体收支能不能每季度公开一次？',
            raisedBy: 'deputies',
            outcome: 'adopted',
            response: '乡里督促各村按季度在村务公开栏公开集体财务收支，下次座谈会通报落实情况。',
            question: '村里的集体收支能不能每季度公开一次？',
          },
          {
            text: '箱子村到乡里的道路破损严重，什么时候能修？',
            raisedBy: 'residents',
            outcome: 'transferred',
            response: '报请区交通部门纳入今年农村公路养护计划，15个工作日内答复。',
            question: '箱子村到乡里的道路破损严重，什么时候能修？',
          },
          {
            text: '建议农技员农忙前多到村里讲课。',
            raisedBy: 'residents',
            outcome: 'under_study',
            response: '农业站研究制定进村培训计划。',
            question: '建议农技员农忙前多到村里讲课。',
          },
        ],
      },
    ],
    sites: [
      {
        name: '石门乡政府门前集中宣传点',
        address: '本溪市南芬区石门乡人民政府门前广场',
        region: '990505203',
        heldOn: '2026-05-15',
        opens: '08:00',
        closes: '11:30',
        desks: [
          {
            key: 'farming',
            name: '农业科技服务台',
            topics: ['农业科技', '惠农政策'],
            staff: [{ name: '白永刚', title: '乡农业站站长' }],
          },
          {
            key: 'finance',
            name: '财政所咨询台',
            topics: ['惠农补贴'],
            staff: [{ name: '宋红', title: '乡财政所会计' }],
          },
          {
            key: 'justice',
            name: '司法所咨询台',
            topics: ['法律咨询', '人民调解'],
            staff: [{ name: '于海', title: '石门司法所所长' }],
          },
          {
            key: 'police',
            name: '派出所服务台',
            topics: ['户籍', '治安'],
            staff: [{ name: '苏强', title: '石门派出所户籍民警' }],
          },
          {
            key: 'agency',
            name: '便民代办服务台',
            topics: ['代办服务', '社会保险'],
            staff: [
              { name: '蒋丽', title: '乡代办服务中心主任' },
              { name: '田亮', title: '箱子村代办员' },
            ],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 2,
        text: '推进政务公开 建设服务型政府',
        location: '石门乡人民政府门前',
        shownFrom: '2026-05-12',
      },
      {
        kind: 'newspaper_window',
        quantity: 1,
        text: '更新政务公开报栏：惠农政策、办事流程',
        location: '石门乡人民政府',
        shownFrom: '2026-05-12',
      },
      ...TOWNSHIP_VILLAGES.flatMap(([code, name, posters]): DemoPublicity[] => [
        {
          kind: 'newspaper_window',
          quantity: 1,
          text: '更新村务公开报栏',
          location: name,
          shownFrom: '2026-05-12',
          village: code,
        },
        {
          kind: 'poster',
          quantity: posters,
          text: '推进政务公开 惠农政策进万家',
          location: name,
          shownFrom: '2026-05-12',
          village: code,
        },
      ]),
    ],
    materials: [
      {
        title: '政务公开宣传资料',
        kind: 'leaflet',
        printRun: 1200,
        copies: { farming: 260, finance: 230, justice: 180, police: 150, agency: 130 },
      },
      { title: '农业科技资料汇编', kind: 'brochure', printRun: 1000, copies: { farming: 820 } },
      { title: '惠农政策明白纸', kind: 'leaflet', printRun: 500, copies: { finance: 390 } },
    ],
    questions: [
      {
        topic: '农业科技',
        question: '玉米种子怎么选？今年推荐什么品种？',
        answer: '请选择通过审定、适合本地积温的品种，农业站印发了品种推荐资料；购种时要索要发票和标签。',
      },
      {
        topic: '农业科技',
        question: '果树春季病虫害怎么防治？',
        answer: '花前重点防治蚜虫和红蜘蛛，选用低毒农药并按说明稀释；农技员下周进村现场指导。',
      },
      {
        topic: '惠农补贴',
        question: '耕地地力保护补贴什么时候发？',
        answer: '补贴按确权面积计算，经村公示、乡审核后通过惠民惠农补贴“一卡通”发放，预计6月底前到账。',
      },
      {
        topic: '惠农补贴',
        question: '惠农补贴一卡通丢了怎么补办？',
        answer: '持身份证到开户银行挂失补办，补办后请到乡财政所登记新卡号。',
      },
      {
        topic: '法律咨询',
        question: '土地承包合同到期了怎么续签？',
        answer: '第二轮土地承包到期后再延长三十年，原承包关系保持稳定，续签工作由村集体统一组织。',
      },
      {
        topic: '人民调解',
        question: '和邻居宅基地边界有争议，怎么处理？',
        answer: '可以向村人民调解委员会或乡司法所申请调解，调解不成的，可依法申请乡政府处理。',
      },
      {
        topic: '户籍',
        question: '孩子上户口需要带哪些材料？',
        answer: '带出生医学证明、父母户口簿和身份证、结婚证到派出所户籍窗口办理。',
      },
      {
        topic: '治安',
        question: '最近电信诈骗多，怎么防范？',
        answer: '不轻信陌生来电，不向陌生账户转账，安装国家反诈中心APP，遇可疑情况拨打110或96110。',
      },
      {
        topic: '社会保险',
        question: '城乡居民养老保险每年交多少？',
        answer: '设有多个缴费档次，多缴多得，每年可在规定时间内通过村代办员或手机APP缴纳。',
      },
      {
        topic: '代办服务',
        question: '村代办员能帮忙办哪些事？',
        answer: '社保参保缴费、残疾证申请、低保申请等常用事项都可由村代办员免费代办。',
      },
      {
        topic: '惠农政策',
        question: '我家的危房改造申请一直没有消息。',
        answer: '已登记姓名和联系方式，乡村镇建设办公室核实进度后7个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '村务公开',
        question: '村里的集体收支能不能每季度公开一次？',
        answer: '乡里将督促各村按季度在村务公开栏公开集体财务收支，并在下次座谈会上通报落实情况。',
        outcome: 'follow_up',
        channel: 'symposium',
      },
      {
        topic: '基础设施',
        question: '箱子村到乡里的道路破损严重，什么时候能修？',
        answer: '已记录，乡政府将报请区交通部门纳入今年农村公路养护计划，15个工作日内答复。',
        outcome: 'follow_up',
        channel: 'symposium',
      },
      {
        topic: '政务公开',
        question: '建议把惠农补贴发放名单在各村公开栏公示。',
        answer: '感谢建议，已记录，今年起补贴名单将在各村村务公开栏同步公示。',
        outcome: 'suggestion',
        channel: 'symposium',
      },
      {
        topic: '农业科技',
        question: '建议农技员农忙前多到村里讲课。',
        answer: '已记录，农业站将制定进村培训计划。',
        outcome: 'suggestion',
        channel: 'symposium',
      },
      {
        topic: '户籍',
        question: '建议派出所在集日设流动户籍服务点。',
        answer: '已记录并转派出所研究。',
        outcome: 'suggestion',
        channel: 'mailbox',
        channelPoint: '箱子村意见箱',
      },
      {
        topic: '社会保险',
        question: '建议把村代办员的联系电话公开。',
        answer: '已记录，各村代办员电话将在村务公开栏公示。',
        outcome: 'suggestion',
        channel: 'mailbox',
        channelPoint: '石门村意见箱',
      },
      {
        topic: '社会救助',
        question: '家里老人生病花了很多钱，能申请低保吗？',
        answer:
          '可由本人或村代办员向乡民政办提出申请，经入户核查、村内公示后按规定审批；需带身份证、户口簿和医疗费用票据。',
        channel: 'hotline',
        channelPoint: '石门乡政务服务热线',
      },
    ],
    visitsWithSeveralQuestions: [2, 2],
    windows: {
      symposium: { from: '2026-05-18', to: '2026-05-18', opens: '14:30', closes: '16:30' },
      hotline: { from: '2026-05-11', to: '2026-05-22', opens: '08:30', closes: '16:30' },
      mailbox: { from: '2026-05-11', to: '2026-05-22', opens: '08:30', closes: '16:30' },
    },
    channelPoints: [
      {
        kind: 'hotline',
        name: '石门乡政务服务热线',
        nameEn: 'Shimen Township service hotline',
        address: '石门乡人民政府党政综合办公室',
        number: '024-45820315',
      },
      {
        kind: 'mailbox',
        name: '箱子村意见箱',
        nameEn: 'Box Village suggestion box',
        village: '990505203201',
        address: '箱子村村民委员会门前',
      },
      {
        kind: 'mailbox',
        name: '石门村意见箱',
        nameEn: 'Shimen Village suggestion box',
        village: '990505203202',
        address: '石门村村务公开栏旁',
      },
    ],
  },

  shenyang: {
    leader: { name: '王立新', title: '副局长' },
    issuedOn: '2026-05-11',
    notes:
      '局领导高度重视，先后召开两次会议传达全市会议精神、研究制定活动方案。印制《沈阳市广播电视局服务指南》1000册；从局办公室、业务管理处、行政审批处各抽调一名业务骨干参加现场咨询；印制《政务公开日活动统计汇总表》和《来访登记表》。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-06',
        title: '传达全市政务公开日工作会议精神',
        location: '市广播电视局会议室',
        chair: '王立新',
        participantCount: 14,
        participantCategories: { staff: 14 },
        participants: '局领导班子成员、各处室负责人',
        decisions: '传达全市会议精神，强调活动的重要意义，研究部署活动准备工作。',
      },
      {
        kind: 'preparation',
        heldOn: '2026-05-11',
        title: '政务公开日活动方案研究会',
        location: '市广播电视局会议室',
        chair: '王立新',
        participantCount: 4,
        participantCategories: { staff: 4 },
        participants: '分管副局长，局办公室、业务管理处、行政审批处负责人',
        decisions:
          '审定活动方案；印制《沈阳市广播电视局服务指南》1000册；印制统计汇总表和来访登记表；三个处室各抽调一名业务骨干参加现场咨询。',
      },
    ],
    sites: [
      {
        name: '沈阳市“5·15”政务公开日活动现场',
        address: '沈阳市和平区市民广场',
        region: '990102',
        heldOn: '2026-05-15',
        opens: '09:00',
        closes: '11:30',
        desks: [
          {
            key: 'office',
            name: '局办公室咨询台',
            topics: ['政策咨询', '政务公开'],
            staff: [
              { name: '王立新', title: '副局长', leader: true },
              { name: '韩雪', title: '局办公室科员' },
            ],
          },
          {
            key: 'business',
            name: '业务管理处咨询台',
            topics: ['有线电视', '卫星电视', '广播电视业务'],
            staff: [{ name: '钟凯', title: '业务管理处主任科员' }],
          },
          {
            key: 'approval',
            name: '行政审批咨询台',
            topics: ['行政许可', '审批流程'],
            staff: [{ name: '谢婷', title: '行政审批处科员' }],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 1,
        text: '推进政务公开 优化营商环境',
        location: '市民广场活动现场',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'panel',
        quantity: 2,
        text: '沈阳市广播电视局职能、行政许可事项及审批流程展板',
        location: '市民广场活动现场',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'online_post',
        quantity: 1,
        text: '局网站公开《沈阳市广播电视局服务指南》和活动信息',
        url: 'https://radio-tv.shenyang.example/zwgk/2026-0515',
        shownFrom: '2026-05-13',
        outlet: '沈阳市广播电视局网站',
        medium: 'gov_website',
        reach: 2140,
      },
      {
        kind: 'media_report',
        quantity: 1,
        text: '沈阳市广播电视局在市民广场开展“5·15”政务公开日活动',
        url: 'https://epaper.lnd.example/2026-05-16/03/content.html',
        shownFrom: '2026-05-16',
        outlet: '辽宁日报',
        outletEn: 'Liaoning Daily',
        medium: 'newspaper',
      },
    ],
    materials: [
      {
        title: '沈阳市广播电视局服务指南',
        kind: 'service_guide',
        printRun: 1000,
        copies: { office: 300, business: 260, approval: 180 },
      },
    ],
    questions: [
      {
        topic: '有线电视',
        question: '有线电视信号经常卡顿，应该找谁？',
        answer: '可拨打有线电视客服热线报修，运营企业应在24小时内上门维修；处理不及时的可以向我局投诉。',
      },
      {
        topic: '有线电视',
        question: '有线电视的收费标准是怎么定的？',
        answer: '基本收视维护费执行价格主管部门核定的标准，增值业务由用户自愿选择，收费标准应在营业厅公示。',
      },
      {
        topic: '卫星电视',
        question: '家里能自己装卫星电视接收设备吗？',
        answer:
          '个人安装卫星地面接收设施须符合国家规定条件并经审批，擅自安装的将依法处理，建议通过有线电视或网络电视收看。',
      },
      {
        topic: '卫星电视',
        question: '农村地区收不到有线电视怎么办？',
        answer: '可通过直播卫星“户户通”或地面数字电视免费收看中央和省级节目，设备可到区县广电部门咨询。',
      },
      {
        topic: '广播电视业务',
        question: '地面数字电视能免费收看哪些频道？',
        answer: '可免费收看中央、省、市公共频道，使用支持地面数字电视标准的电视机或机顶盒即可。',
      },
      {
        topic: '广播电视业务',
        question: '电视购物广告夸大宣传，能举报吗？',
        answer: '可以向我局举报，我们将依法核查处理违规播出的广告，举报电话在《服务指南》里公开。',
      },
      {
        topic: '广播电视业务',
        question: '开机广告太长，有没有规定？',
        answer: '按规定开机广告不得影响正常收视，我局正在督促运营企业治理，您可以反映具体平台。',
      },
      {
        topic: '行政许可',
        question: '开办网络视听节目需要什么许可？',
        answer: '从事网络视听节目服务需取得《信息网络传播视听节目许可证》，具体条件和材料详见《服务指南》。',
      },
      {
        topic: '行政许可',
        question: '广播电视节目制作经营许可证怎么申请？',
        answer: '在政务服务网提交申请，材料包括申请书、营业执照、主要人员资质等，我局可提供预审服务。',
      },
      {
        topic: '审批流程',
        question: '许可证到期延续要提前多久申请？',
        answer: '请在有效期届满30日前提出延续申请，逾期需重新申请。',
      },
      {
        topic: '审批流程',
        question: '审批办理进度在哪里查询？',
        answer: '可通过政务服务网“办件查询”或拨打审批大厅电话查询。',
      },
      {
        topic: '政策咨询',
        question: '广播电视公共服务有哪些免费项目？',
        answer: '包括直播卫星和地面数字电视免费收看公共频道、农村应急广播等，目录在我局网站公开。',
      },
      {
        topic: '政策咨询',
        question: '社区里的应急广播是怎么建设的？',
        answer: '应急广播由市、区统筹建设，覆盖到村（社区），用于发布灾害预警和政策宣传。',
      },
      {
        topic: '政务公开',
        question: '向局里申请政府信息公开怎么提交？',
        answer: '可以通过网站在线申请、信函或现场递交，我局将在法定期限内答复。',
      },
      {
        topic: '有线电视',
        question: '有线电视销户需要什么手续？',
        answer: '持身份证和智能卡到有线电视营业厅办理，结清费用后即可销户，余额可以退还。',
      },
      {
        topic: '广播电视业务',
        question: '小区里电视线乱拉，影响美观，归谁管？',
        answer: '有线电视线路由运营企业负责规范，我局将督促其整改，您也可以联系物业协调。',
      },
      {
        topic: '有线电视',
        question: '我们小区有线电视网络改造拖了半年没完工。',
        answer: '已登记小区名称，转有线电视运营企业核查进度，15个工作日内答复。',
        outcome: 'transferred',
      },
      {
        topic: '广播电视业务',
        question: '某本地频道晚间节目内容低俗，要求处理。',
        answer: '已登记频道和时段，转监管部门调查核实，结果将在15个工作日内答复。',
        outcome: 'transferred',
      },
      {
        topic: '卫星电视',
        question: '户户通设备坏了，厂家不给维修。',
        answer: '已登记设备编号，转直播卫星服务网点处理并跟踪结果。',
        outcome: 'transferred',
      },
      {
        topic: '审批流程',
        question: '我们公司的许可申请材料被退回，想了解具体原因。',
        answer: '已登记企业名称，行政审批处将在3个工作日内电话说明并提供补正指导。',
        outcome: 'follow_up',
      },
      {
        topic: '政策咨询',
        question: '想了解我们社区应急广播的建设计划。',
        answer: '已登记，相关处室整理后电话答复。',
        outcome: 'follow_up',
      },
      {
        topic: '政务公开',
        question: '建议在网站集中公开有线电视收费标准和投诉电话。',
        answer: '感谢建议，已记录，将在网站“政务公开”栏目集中公开。',
        outcome: 'suggestion',
      },
      {
        topic: '广播电视业务',
        question: '建议多播一些本地戏曲节目。',
        answer: '已记录并转相关播出机构参考。',
        outcome: 'suggestion',
      },
      {
        topic: '政策咨询',
        question: '建议给老年人开设智能电视使用培训。',
        answer: '已记录，将联合社区开展培训。',
        outcome: 'suggestion',
      },
      {
        topic: '有线电视',
        question: '投诉有线电视营业厅工作人员服务态度差。',
        answer: '已登记投诉，转运营企业调查处理，处理结果15个工作日内答复。',
        outcome: 'complaint',
      },
      {
        topic: '广播电视业务',
        question: '投诉网络电视机顶盒强制捆绑收费。',
        answer: '已登记投诉，转执法部门核查，依法处理并答复。',
        outcome: 'complaint',
      },
    ],
    visitsWithSeveralQuestions: [2, 2, 2, 2, 2, 2, 2, 2, 3, 3],
    // "Deputy Director … personally led a team": he received visitors at the office's desk.
    leaderReceptions: { by: '王立新', visits: 36 },
  },

  xinxing: {
    leader: { name: '宋振华', title: '街道办事处主任' },
    issuedOn: '2026-05-09',
    notes:
      '街道党工委制定活动方案，5月15日主任带领各科室负责人开展活动；组织农业服务中心、水利渔业站、计生办、民政办、劳动保障所、司法所、信访办设台咨询；发放宣传单、悬挂横幅，利用LED电子显示屏滚动宣传。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-09',
        title: '政务公开日活动部署会',
        location: '新兴街道办事处会议室',
        participants: '街道党工委领导，各科室、站所负责人',
        decisions: '制定活动方案；七个科室站所设台咨询；LED屏滚动宣传；认真做好来访登记。',
      },
    ],
    sites: [
      {
        name: '新兴街道办事处门前',
        address: '沈阳市和平区新兴街道办事处门前广场',
        region: '990102004',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '11:30',
        desks: [
          { key: 'farming', name: '农业服务中心', topics: ['农业服务'], staff: [{ name: '齐军', title: '主任' }] },
          { key: 'water', name: '水利渔业站', topics: ['水利渔业'], staff: [{ name: '尹波', title: '站长' }] },
          { key: 'family', name: '计生办', topics: ['计划生育'], staff: [{ name: '唐丽', title: '主任' }] },
          { key: 'civil', name: '民政办', topics: ['民政'], staff: [{ name: '宋振华', title: '街道办事处主任' }] },
          { key: 'labour', name: '劳动保障所', topics: ['劳动保障'], staff: [{ name: '侯娜', title: '所长' }] },
          { key: 'justice', name: '司法所', topics: ['法律咨询'], staff: [{ name: '龚平', title: '所长' }] },
          { key: 'petitions', name: '信访办', topics: ['信访'], staff: [{ name: '魏东', title: '主任' }] },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 2,
        text: '推进政务公开 建设服务型政府',
        location: '街道办事处门前',
        shownFrom: '2026-05-14',
      },
      {
        kind: 'led_slogan',
        quantity: 1,
        text: '宣传群众权益，推进政务公开，建设为民服务型政府',
        location: '街道办事处LED电子显示屏',
        shownFrom: '2026-05-14',
      },
    ],
    materials: [
      {
        title: '新兴街道政务公开宣传单',
        kind: 'leaflet',
        printRun: 60,
        copies: { civil: 6, labour: 5, justice: 4, farming: 3 },
      },
      { title: '新兴街道便民服务手册', kind: 'brochure', printRun: 40, copies: { petitions: 4, family: 3, water: 3 } },
    ],
    questions: [
      {
        topic: '民政',
        question: '残疾人两项补贴怎么申请？',
        answer: '持残疾证、身份证、户口簿到街道民政办申请，审核通过后按月发放。',
      },
      {
        topic: '民政',
        question: '高龄津贴多大年龄可以领？',
        answer: '80周岁以上老人可申领高龄津贴，带身份证、户口簿到社区或民政办申请。',
      },
      {
        topic: '劳动保障',
        question: '失业了怎么领失业保险金？',
        answer: '符合条件的失业人员可持身份证到劳动保障所或通过线上平台申领，按月发放。',
      },
      {
        topic: '劳动保障',
        question: '灵活就业人员怎么参加养老保险？',
        answer: '可以在劳动保障所办理参保登记，按年度缴费，也可通过手机APP缴纳。',
      },
      {
        topic: '计划生育',
        question: '生育三孩有哪些支持政策？',
        answer: '符合政策生育的可享受生育保险待遇和育儿补贴，具体标准在街道公开栏公示。',
      },
      {
        topic: '农业服务',
        question: '农机购置补贴怎么申请？',
        answer: '购机后持发票、身份证、农机合格证到农业服务中心申请，核验公示后发放。',
      },
      {
        topic: '水利渔业',
        question: '承包的鱼塘需要办养殖证吗？',
        answer: '利用水域从事养殖生产的应当办理水域滩涂养殖证，可以到水利渔业站咨询办理。',
      },
      {
        topic: '法律咨询',
        question: '房子租给别人，租客一直不交租金怎么办？',
        answer: '可以先协商或申请司法所调解，调解不成可向法院起诉，请保留好合同和催告记录。',
      },
      {
        topic: '信访',
        question: '有问题想反映，通过什么渠道？',
        answer: '可以到街道信访办当面反映，也可以通过网上信访平台或信访电话，我们将在规定时限内受理答复。',
      },
      {
        topic: '民政',
        question: '申请低保需要什么材料？',
        answer: '户口簿、身份证、家庭收入情况说明等，到社区提出申请，街道入户调查后审核。',
      },
      {
        topic: '劳动保障',
        question: '我从企业退休，养老金核算有疑问。',
        answer: '已登记，劳动保障所将与社保经办机构核实后5个工作日内电话答复。',
        outcome: 'follow_up',
      },
      {
        topic: '水利渔业',
        question: '村里的排水沟堵了，汛前能清理吗？',
        answer: '已登记位置，水利渔业站将现场查看并安排清淤，7个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '信访',
        question: '建议街道公开各科室的办事电话。',
        answer: '感谢建议，已记录，将在公开栏和街道公众号公开。',
        outcome: 'suggestion',
      },
    ],
    visitsWithSeveralQuestions: [2],
  },

  hrss: {
    leader: { name: '张海涛', title: '局长' },
    issuedOn: '2026-05-08',
    notes:
      '主要领导亲自部署，制定活动实施方案，明确主题、内容、形式和要求。人社服务中心窗口大厅LED大屏滚动播放宣传标语；各科室通过展板、宣传册公开信息；通过省政务服务网公开政务服务事项和办事指南，局网站更新机构职能和办公电话；现场办公、窗口服务和电话咨询答复政策咨询。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-05-08',
        title: '“5·15”政务公开日活动部署会',
        location: '市人社局会议室',
        participants: '局主要领导、分管领导，各科室及人社服务中心负责人',
        decisions: '制定活动实施方案；窗口大厅LED屏滚动播放标语；各科室公开职能和办事电话；集中开展政策咨询服务。',
      },
    ],
    sites: [
      {
        name: '人社服务中心窗口大厅',
        address: '本溪市人力资源和社会保障服务中心一楼',
        region: '990500',
        heldOn: '2026-05-15',
        opens: '08:30',
        closes: '16:30',
        desks: [
          {
            key: 'jobs',
            name: '就业创业咨询台',
            topics: ['就业创业'],
            staff: [{ name: '赵云峰', title: '就业促进科科长' }],
          },
          {
            key: 'insurance',
            name: '社会保险咨询台',
            topics: ['社会保险'],
            staff: [
              { name: '钱丽', title: '社会保险科科员' },
              { name: '潘宇', title: '社保经办中心科员' },
            ],
          },
          {
            key: 'personnel',
            name: '人事人才咨询台',
            topics: ['人事工资福利', '职称评聘'],
            staff: [{ name: '戴军', title: '专业技术人员管理科科长' }],
          },
          {
            key: 'rights',
            name: '劳动维权咨询台',
            topics: ['劳动维权'],
            staff: [{ name: '夏冰', title: '劳动保障监察大队队员' }],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'led_slogan',
        quantity: 1,
        text: '注重实干，大力推进政务公开落实',
        location: '人社服务中心窗口大厅LED大屏',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'led_slogan',
        quantity: 1,
        text: '推进政务公开，优化营商环境',
        location: '人社服务中心窗口大厅LED大屏',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'panel',
        quantity: 4,
        text: '各科室职能、办事事项和办事指南公示展板',
        location: '人社服务中心窗口大厅',
        shownFrom: '2026-05-15',
      },
      {
        kind: 'online_post',
        quantity: 1,
        text: '在省政务服务网公开政务服务事项和办事指南',
        url: 'https://zwfw.demo-province.example/benxi/hrss',
        shownFrom: '2026-05-12',
      },
      {
        kind: 'online_post',
        quantity: 1,
        text: '局网站更新机构改革后的部门介绍、内设机构、职能业务和办公电话',
        url: 'https://hrss.benxi.example/zwgk',
        shownFrom: '2026-05-12',
        outlet: '本溪市人力资源和社会保障局网站',
        medium: 'gov_website',
      },
    ],
    materials: [
      {
        title: '社会保险政策解读',
        kind: 'brochure',
        printRun: 500,
        copies: { insurance: 150, personnel: 40, rights: 35 },
      },
      { title: '就业创业服务指南', kind: 'service_guide', printRun: 300, copies: { jobs: 90 } },
    ],
    questions: [
      {
        topic: '就业创业',
        question: '大学毕业生自主创业有哪些扶持政策？',
        answer: '可以申请创业担保贷款和一次性创业补贴，并按规定享受税费减免，详见《就业创业服务指南》。',
      },
      {
        topic: '就业创业',
        question: '失业后在哪里办理失业登记？',
        answer: '可到人社服务中心就业窗口或通过省政务服务网办理失业登记，登记后可享受免费职业介绍和培训。',
      },
      {
        topic: '就业创业',
        question: '企业招用就业困难人员有什么补贴？',
        answer: '可按规定申请社会保险补贴和岗位补贴，请携带劳动合同和缴费凭证到就业窗口申请。',
        channel: 'hotline',
      },
      {
        topic: '社会保险',
        question: '养老保险断缴了可以补缴吗？',
        answer: '因单位原因断缴的由单位补缴；灵活就业人员可在规定期限内续缴，请携带身份证到社保窗口查询。',
      },
      {
        topic: '社会保险',
        question: '办理退休需要准备哪些材料？',
        answer: '达到退休年龄前三个月，由单位或本人提交身份证、档案等材料办理退休审批，窗口和网上都可以申办。',
      },
      {
        topic: '社会保险',
        question: '想打印一份养老保险参保缴费证明。',
        answer: '已在窗口现场核验身份证并打印参保缴费证明，当场交给本人。',
        outcome: 'handled_on_spot',
        handledMatter: '打印养老保险参保缴费证明',
      },
      {
        topic: '社会保险',
        question: '社保卡的密码忘了，能重置吗？',
        answer: '已在窗口核验本人身份后当场重置社保卡密码。',
        outcome: 'handled_on_spot',
        handledMatter: '重置社保卡密码',
      },
      {
        topic: '社会保险',
        question: '社保卡丢了怎么补办？',
        answer: '可到社保卡服务网点或合作银行挂失补办，补办期间可以先使用电子社保卡。',
        channel: 'hotline',
      },
      {
        topic: '社会保险',
        question: '养老保险关系跨省转移怎么办？',
        answer: '在新参保地提出转移申请即可，全程网上可办，不用两地跑。',
      },
      {
        topic: '人事工资福利',
        question: '事业单位工作人员带薪年休假怎么计算？',
        answer: '累计工作满1年不满10年的年休假5天，满10年不满20年的10天，满20年的15天。',
      },
      {
        topic: '人事工资福利',
        question: '新入职人员试用期工资怎么定？',
        answer: '试用期工资按规定标准执行，转正后按岗位和薪级确定工资。',
        channel: 'hotline',
      },
      {
        topic: '职称评聘',
        question: '今年中级职称评审什么时候申报？',
        answer: '评审通知预计6月发布，届时在我局网站公开申报条件和时间，请关注。',
      },
      {
        topic: '职称评聘',
        question: '基层专业技术人员评职称有倾斜政策吗？',
        answer: '在基层工作满一定年限的，可按规定放宽学历和论文要求，单独评审。',
      },
      {
        topic: '劳动维权',
        question: '公司不签劳动合同，我能要求双倍工资吗？',
        answer:
          '用人单位自用工之日起超过一个月不满一年未订立书面劳动合同的，应当每月支付二倍工资，可以向劳动保障监察投诉或申请仲裁。',
      },
      {
        topic: '劳动维权',
        question: '被拖欠工资向哪里投诉？',
        answer: '可以拨打12333或到劳动保障监察大队投诉，也可以通过全国根治欠薪线索反映平台反映。',
        channel: 'hotline',
      },
      {
        topic: '劳动维权',
        question: '申请劳动仲裁要交费吗？',
        answer: '劳动人事争议仲裁不收费，申请时提交仲裁申请书、身份证明和证据材料即可。',
      },
      {
        topic: '社会保险',
        question: '我的养老保险缴费年限和记录对不上。',
        answer: '已登记身份证号和联系方式，社保经办机构核查后5个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '职称评聘',
        question: '外省取得的职称在本市认不认可？',
        answer: '已登记，专业技术人员管理科核实有关政策后3个工作日内电话答复。',
        outcome: 'follow_up',
        channel: 'hotline',
      },
      {
        topic: '劳动维权',
        question: '工地老板欠了我们二十多个人的工资。',
        answer: '已登记项目名称和联系人，转劳动保障监察大队立案调查，15个工作日内答复。',
        outcome: 'transferred',
      },
      {
        topic: '社会保险',
        question: '单位没给我交工伤保险，受伤了怎么办？',
        answer: '已登记，转工伤保险科和劳动保障监察大队处理，并告知工伤认定申请时限。',
        outcome: 'transferred',
      },
    ],
    visitsWithSeveralQuestions: [2, 2, 2],
    windows: { hotline: { from: '2026-05-15', to: '2026-05-15', opens: '08:30', closes: '16:30' } },
  },

  town: {
    leader: { name: '周国庆', title: '镇长' },
    issuedOn: '2026-04-29',
    notes:
      '召开专题会议研究活动方案，组织包村干部学习《中华人民共和国政府信息公开条例》。提前两周悬挂横幅，便民服务大厅和政务大厅LED屏连续播放宣传标语；5月13日在镇集市设立政务公开信息台；开通政务公开热线，在镇政府大门和各村村务公开栏旁设置意见箱。',
    meetings: [
      {
        kind: 'preparation',
        heldOn: '2026-04-29',
        title: '“5·15”政务公开日专题会议',
        location: '沙河镇政府会议室',
        participants: '镇党委、政府领导班子，各站所负责人',
        decisions:
          '制定《沙河镇2026年“5·15”政务公开日实施方案》，明确分工；提前两周悬挂横幅；5月13日在镇集市设立政务公开信息台；开通政务公开热线，镇政府大门和各村村务公开栏旁设置意见箱。',
      },
      {
        kind: 'preparation',
        heldOn: '2026-05-06',
        title: '包村干部学习《中华人民共和国政府信息公开条例》',
        location: '沙河镇政府会议室',
        participants: '镇包村干部',
        decisions: '学习条例，明确各村村务公开和意见箱管理要求。',
      },
    ],
    sites: [
      {
        name: '沙河镇集市',
        address: '葫芦岛市丰乐区沙河镇集贸市场',
        region: '991403102',
        heldOn: '2026-05-13',
        opens: '07:30',
        closes: '11:30',
        desks: [
          {
            key: 'market',
            name: '政务公开信息台',
            topics: ['办事指南', '惠农政策', '社会保障', '政务公开'],
            staff: [
              { name: '邱丽', title: '镇党政办主任' },
              { name: '金涛', title: '镇便民服务中心科员' },
              { name: '范永', title: '镇农业站站长' },
            ],
          },
        ],
      },
    ],
    publicity: [
      {
        kind: 'banner',
        quantity: 2,
        text: '全面推进政务公开 建设服务型政府',
        location: '镇政府大门、便民服务大厅',
        shownFrom: '2026-05-01',
      },
      {
        kind: 'banner',
        quantity: 2,
        text: '推进政务公开 优化营商环境',
        location: '镇集贸市场入口、政务大厅',
        shownFrom: '2026-05-01',
      },
      {
        kind: 'led_slogan',
        quantity: 1,
        text: '全面推进政务公开，加快建设法治政府',
        location: '便民服务大厅LED显示屏',
        shownFrom: '2026-05-01',
      },
      {
        kind: 'led_slogan',
        quantity: 1,
        text: '注重实干、狠抓落实，大力推进政务公开',
        location: '政务大厅LED显示屏',
        shownFrom: '2026-05-01',
      },
    ],
    materials: [
      { title: '沙河镇便民服务手册', kind: 'handbook', printRun: 300, copies: { market: 210 } },
      { title: '惠农及社会保障政策宣传资料', kind: 'leaflet', printRun: 500, copies: { market: 340 } },
    ],
    questions: [
      {
        topic: '办事指南',
        question: '在镇里能办哪些事？流程在哪儿看？',
        answer:
          '镇便民服务大厅可办理社保、民政、农业等事项，办事指南和流程在大厅和村务公开栏公开，也可以看这本《便民服务手册》。',
      },
      {
        topic: '惠农政策',
        question: '种粮补贴按什么标准发？',
        answer: '按确权面积和当年标准发放，名单在村务公开栏公示7天，无异议后打卡发放。',
      },
      {
        topic: '社会保障',
        question: '农村低保户每月能领多少钱？',
        answer: '按家庭人均收入与低保标准的差额发放，具体标准在镇政府公开栏公示。',
      },
      {
        topic: '政务公开',
        question: '镇里的财务收支能看吗？',
        answer: '镇财政预决算在区政府网站和镇政务公开栏公开，村级财务在各村公开栏按季度公开。',
      },
      {
        topic: '社会保障',
        question: '城乡居民医保今年交多少钱？',
        answer: '个人缴费标准按当年规定执行，可以通过村协办员、银行或手机APP缴纳。',
      },
      {
        topic: '办事指南',
        question: '老年人高龄补贴在镇里哪个窗口办？',
        answer: '在镇便民服务大厅民政窗口办理，带身份证和户口簿即可。',
        channel: 'hotline',
      },
      {
        topic: '惠农政策',
        question: '农机购置补贴今年什么时候申请？',
        answer: '申请时间已在镇政务公开栏和各村公开栏公布，购机后到镇农业站申请。',
        channel: 'hotline',
      },
      {
        topic: '社会保障',
        question: '我父亲的养老金这个月没到账。',
        answer: '已登记姓名和联系方式，镇社保所查询后3个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '惠农政策',
        question: '我家的土地确权面积登记有误。',
        answer: '已登记，镇经管站核实后10个工作日内答复。',
        outcome: 'follow_up',
      },
      {
        topic: '政务公开',
        question: '想查询村里低保评议的结果。',
        answer: '已登记，镇民政办核实后3个工作日内电话答复。',
        outcome: 'follow_up',
        channel: 'hotline',
      },
      {
        topic: '政务公开',
        question: '建议镇政府每月在公开栏更新一次办事进度。',
        answer: '感谢您的意见，已记录，将在政务公开栏开设办事进度专栏。',
        outcome: 'suggestion',
        channel: 'mailbox',
      },
      {
        topic: '政务公开',
        question: '建议给村务公开栏加装防雨罩，内容常被雨淋坏。',
        answer: '已记录，将统一为各村公开栏加装防雨设施。',
        outcome: 'suggestion',
        channel: 'mailbox',
      },
      {
        topic: '社会保障',
        question: '建议为行动不便的老人提供上门办理服务。',
        answer: '已记录，镇便民服务中心将开展代办和上门服务。',
        outcome: 'suggestion',
        channel: 'mailbox',
      },
      {
        topic: '办事指南',
        question: '建议集市日在市场设固定的便民服务点。',
        answer: '已记录，镇里将研究在集日设立常态化便民服务点。',
        outcome: 'suggestion',
        channel: 'mailbox',
      },
      {
        topic: '惠农政策',
        question: '建议农技人员定期到集市现场讲解。',
        answer: '已记录，镇农业站将在集日安排农技咨询。',
        outcome: 'suggestion',
      },
      {
        topic: '办事指南',
        question: '反映便民服务大厅个别工作人员中午提前离岗。',
        answer: '已登记，镇纪委将核查处理，并在15个工作日内答复。',
        outcome: 'complaint',
        channel: 'mailbox',
      },
    ],
    visitsWithSeveralQuestions: [2],
    windows: {
      hotline: { from: '2026-05-04', to: '2026-05-22', opens: '08:30', closes: '17:00' },
      mailbox: { from: '2026-05-08', to: '2026-05-26', opens: '09:00', closes: '10:00' },
    },
  },
};
