import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, StringEnum, Uuid } from '../../platform/http/schemas.ts';
import { MEDIA, RatingSchema, type Medium } from '../../domain/vocabulary.ts';

const Count = Type.Integer({ minimum: 0 });

/** Reports, posts and reach of one medium. */
const MediumFigures = Type.Object({
  reports: Type.Integer({ minimum: 0, description: 'Media reports (媒体报道) in this medium' }),
  posts: Type.Integer({ minimum: 0, description: "Online posts of the unit's own on this medium" }),
  reach: Type.Integer({ minimum: 0, description: 'Views or reads recorded on them' }),
});
export type MediumFigures = Static<typeof MediumFigures>;
/** Null means the unit did not record it, which is not the same as zero. */
const Recorded = Nullable(Type.Integer({ minimum: 0 }));
const Levels = Type.Object({
  very_satisfied: Count,
  satisfied: Count,
  basically_satisfied: Count,
  dissatisfied: Count,
  very_dissatisfied: Count,
});

export const Figures = Type.Object({
  peopleReceived: Type.Integer({
    minimum: 0,
    description: 'Distinct visits: one visit with three questions is one person',
  }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions recorded' }),
  laterQuestions: Type.Integer({
    minimum: 0,
    description:
      "Later questions: asked by citizens online after the campaign's last day, counted apart and in no other figure",
  }),
  answeredOnSpot: Count,
  handledOnSpot: Type.Integer({ minimum: 0, description: '现场办理: services completed at the desk' }),
  leaderReceptions: Type.Integer({
    minimum: 0,
    description: '领导接待: visits received by a leader on duty (person-times); not on the live dashboard',
  }),
  transferred: Count,
  followUp: Count,
  suggestions: Count,
  complaints: Count,
  answeredOnSpotRate: Nullable(Type.Number({ description: 'answered on the spot / consultations' })),
  rated: Count,
  satisfaction: Levels,
  satisfactionRate: Nullable(
    Type.Number({
      description: "The campaign's satisfied levels (default very satisfied + satisfied + basically satisfied) / rated",
    }),
  ),
  smallSample: Type.Boolean({ description: 'Fewer than 10 ratings: the rate says little' }),
  casesOpened: Type.Integer({
    minimum: 0,
    description:
      'Cases (办件) the unit is responsible for now, and those of its own consultations held by a partner unit that does not take part in the campaign',
  }),
  casesTransferred: Type.Integer({ minimum: 0, description: 'Of those, cases transferred at least once' }),
  casesOpen: Type.Integer({ minimum: 0, description: 'Still owing a reply (open, transferred, reopened)' }),
  casesOverdue: Type.Integer({ minimum: 0, description: 'Still owing a reply after the due date' }),
  casesDue: Type.Integer({ minimum: 0, description: 'Cases whose due date has passed or that were replied' }),
  casesReplied: Count,
  repliedOnTime: Type.Integer({ minimum: 0, description: 'Replied on or before the due date' }),
  repliedOnTimeRate: Nullable(Type.Number({ description: 'replied on time / cases due' })),
  averageReplyDays: Nullable(Type.Number({ description: 'Working days from the clock start to the reply' })),
  medianReplyDays: Nullable(Type.Number({ description: 'Working days from the clock start to the reply' })),
  replyRated: Type.Integer({ minimum: 0, description: 'Case replies the citizen rated' }),
  replySatisfaction: Levels,
  replySatisfactionRate: Nullable(Type.Number({ description: 'The same formula over the ratings of case replies' })),
  replySmallSample: Type.Boolean({ description: 'Fewer than 10 reply ratings' }),
  returnVisits: Type.Integer({ minimum: 0, description: 'Return visits (回访): follow-up calls recorded by staff' }),
  returnVisitsReached: Type.Integer({ minimum: 0, description: 'Of those, calls that reached the citizen' }),
  returnVisitRated: Type.Integer({
    minimum: 0,
    description: 'Ratings given on return visits: counted apart from the ratings citizens give with their code',
  }),
  returnVisitSatisfaction: Levels,
  returnVisitSatisfactionRate: Nullable(
    Type.Number({ description: 'The same formula over the ratings given on return visits' }),
  ),
  laterReturnVisits: Type.Integer({
    minimum: 0,
    description:
      'Return visits on the cases of later questions: counted apart like the later questions, in none of the figures above',
  }),
  desks: Count,
  staff: Recorded,
  banners: Count,
  panels: Count,
  ledSlogans: Count,
  posters: Count,
  newspaperWindows: Count,
  onlinePosts: Type.Integer({ minimum: 0, description: "Online posts (网络发布) of the unit's own, on any medium" }),
  mediaReports: Type.Integer({ minimum: 0, description: 'Media reports (媒体报道) by outside outlets' }),
  mediaReach: Type.Integer({
    minimum: 0,
    description: 'Views and reads recorded on media reports and online posts (where known)',
  }),
  media: Type.Object(Object.fromEntries(MEDIA.map((m) => [m, MediumFigures])) as Record<Medium, typeof MediumFigures>, {
    description: 'Media reports, online posts and reach by medium (a post recorded without its medium is in none)',
  }),
  materialsPrinted: Recorded,
  materialsDistributed: Count,
  meetings: Type.Integer({ minimum: 0, description: "Meetings of the unit's plan, of every kind" }),
  symposiums: Type.Integer({ minimum: 0, description: 'Of those, symposiums (座谈会)' }),
  meetingParticipants: Nullable(
    Type.Integer({ minimum: 0, description: 'People taking part in the meetings; null: no meeting counted them' }),
  ),
  opinions: Type.Integer({ minimum: 0, description: 'Opinions (意见建议) raised at the meetings' }),
  opinionsAnswered: Type.Integer({ minimum: 0, description: 'Of those, answered on the spot' }),
  opinionsTransferred: Type.Integer({ minimum: 0, description: 'Of those, transferred (转办)' }),
  opinionsAdopted: Type.Integer({ minimum: 0, description: 'Of those, adopted (采纳)' }),
});
export type Figures = Static<typeof Figures>;

/** A partner organisation at the unit's desks (联合设台) with what it did there. */
export const PartnerFigures = Type.Object({
  partnerId: Uuid,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  unitId: Nullable(Type.String({ format: 'uuid', description: 'The unit the partner is, if it is one' })),
  consultations: Type.Integer({ minimum: 0, description: 'Questions at the unit’s desks its staff answered' }),
  peopleReceived: Type.Integer({ minimum: 0, description: 'Distinct visits among those questions' }),
  casesTransferred: Type.Integer({ minimum: 0, description: 'The unit’s cases transferred to it (a partner unit)' }),
  casesAnswered: Type.Integer({ minimum: 0, description: 'Of those, cases it replied to' }),
});
export type PartnerFigures = Static<typeof PartnerFigures>;

/** A unit's figures in one village or community of its region (or, regionId null, of its points in no village). */
export const VillageFigures = Type.Object({
  regionId: Nullable(Type.String({ format: 'uuid', description: 'The village or community; null: in no village' })),
  name: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  hotlines: Type.Integer({ minimum: 0, description: 'The unit’s hotlines (热线) there' }),
  mailboxes: Type.Integer({ minimum: 0, description: 'The unit’s mailboxes (意见箱) there' }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions that came through them' }),
  peopleReceived: Type.Integer({ minimum: 0, description: 'Distinct visits among those questions' }),
  publicityItems: Type.Integer({ minimum: 0, description: 'Publicity items put up there' }),
  publicityQuantity: Type.Integer({ minimum: 0, description: 'How many of them (banners, posters …)' }),
});
export type VillageFigures = Static<typeof VillageFigures>;

/** The figures per village of every unit the reader may see (the console's table, the workbook's sheet). */
export const VillageStatistics = Type.Object({
  campaignId: Uuid,
  generatedAt: IsoDateTime,
  rows: Type.Array(
    Type.Intersect([
      Type.Object({ unitId: Uuid, unitName: Type.String(), unitNameEn: Nullable(Type.String()) }),
      VillageFigures,
    ]),
    { description: 'Per unit (in region order) and village or community (by code); points in no village left out' },
  ),
  totals: Type.Object({
    villages: Type.Integer({ minimum: 0, description: 'Villages or communities in the rows' }),
    hotlines: Count,
    mailboxes: Count,
    consultations: Count,
    publicityItems: Count,
    publicityQuantity: Count,
  }),
});
export type VillageStatistics = Static<typeof VillageStatistics>;

/** A unit's hotlines and mailboxes together, with what came through them. */
export const ChannelPointFigures = Type.Object({
  hotlines: Type.Integer({ minimum: 0 }),
  mailboxes: Type.Integer({ minimum: 0 }),
  villages: Type.Integer({ minimum: 0, description: 'Villages or communities with one of them' }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions that came through them' }),
  peopleReceived: Type.Integer({ minimum: 0, description: 'Distinct visits among those questions' }),
});
export type ChannelPointFigures = Static<typeof ChannelPointFigures>;

export const StatisticsRow = Type.Intersect([
  Type.Object({ unitId: Uuid, unitName: Type.String(), unitNameEn: Nullable(Type.String()), regionId: Uuid }),
  Figures,
  Type.Object({
    partners: Type.Array(PartnerFigures, {
      description: 'The partner organisations at the unit’s desks, by name (not summed into the totals)',
    }),
    channelPoints: ChannelPointFigures,
    villages: Type.Array(VillageFigures, {
      description: 'Per village or community of the unit’s region, by code (not summed into the totals)',
    }),
  }),
]);
export type StatisticsRow = Static<typeof StatisticsRow>;

export const CampaignStatistics = Type.Object({
  campaignId: Uuid,
  generatedAt: IsoDateTime,
  satisfactionLevels: Type.Array(RatingSchema, {
    description: 'The levels the campaign counts as satisfied in the satisfaction rates',
  }),
  rows: Type.Array(StatisticsRow),
  totals: Figures,
});
export type CampaignStatistics = Static<typeof CampaignStatistics>;

/** The ways the consultations of a campaign can be broken down. */
export const BREAKDOWNS = ['hour', 'topic', 'region', 'channel', 'outcome'] as const;
export type BreakdownBy = (typeof BREAKDOWNS)[number];

export const BreakdownQuery = Type.Object(
  {
    by: StringEnum(BREAKDOWNS, {
      description:
        'hour: hours of the day in China time; topic; region: the region level below your scope; channel; outcome',
    }),
    unitId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type BreakdownQuery = Static<typeof BreakdownQuery>;

export const BreakdownItem = Type.Object({
  key: Nullable(
    Type.String({
      description:
        'The hour ("2026-05-15T09:00", China time), the topic, the region id, the channel or the outcome; null when not recorded',
    }),
  ),
  name: Nullable(Type.String({ description: "The region's name (region breakdown only)" })),
  nameEn: Nullable(Type.String()),
  peopleReceived: Type.Integer({ minimum: 0, description: 'Distinct visits' }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions recorded' }),
});
export type BreakdownItem = Static<typeof BreakdownItem>;

export const Breakdown = Type.Object({
  campaignId: Uuid,
  by: StringEnum(BREAKDOWNS),
  generatedAt: IsoDateTime,
  items: Type.Array(BreakdownItem),
  totals: Type.Object({ peopleReceived: Count, consultations: Count }),
});
export type Breakdown = Static<typeof Breakdown>;

/** The figures of the preparation (desks, staff, publicity, materials, meetings), left to the statistical summary. */
export const PREPARATION_FIGURES = [
  'desks',
  'staff',
  'banners',
  'panels',
  'ledSlogans',
  'posters',
  'newspaperWindows',
  'onlinePosts',
  'mediaReports',
  'mediaReach',
  'media',
  'materialsPrinted',
  'materialsDistributed',
  'meetings',
  'symposiums',
  'meetingParticipants',
  'opinions',
  'opinionsAnswered',
  'opinionsTransferred',
  'opinionsAdopted',
] as const;

/** What the live dashboard leaves out: the preparation, and leader receptions (read from the records). */
export const DASHBOARD_OMITS = [...PREPARATION_FIGURES, 'leaderReceptions'] as const;

/** The figures the live dashboard shows: Figures without the preparation. */
export const LiveFigures = Type.Omit(Figures, DASHBOARD_OMITS);
export type LiveFigures = Static<typeof LiveFigures>;

export const DashboardQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
export type DashboardQuery = Static<typeof DashboardQuery>;

export const Dashboard = Type.Object({
  campaignId: Uuid,
  generatedAt: IsoDateTime,
  satisfactionLevels: Type.Array(RatingSchema),
  totals: LiveFigures,
  byHour: Type.Array(BreakdownItem),
  byTopic: Type.Array(BreakdownItem),
  byChannel: Type.Array(BreakdownItem),
  byOutcome: Type.Array(BreakdownItem),
  busiestUnits: Type.Array(
    Type.Object({
      unitId: Uuid,
      unitName: Type.String(),
      unitNameEn: Nullable(Type.String()),
      peopleReceived: Count,
      consultations: Count,
    }),
    { description: 'The ten units with the most consultations (not when one unit is asked for)' },
  ),
});
export type Dashboard = Static<typeof Dashboard>;
