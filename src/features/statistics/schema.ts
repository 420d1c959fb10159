import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from '../../platform/http/schemas.ts';

const Count = Type.Integer({ minimum: 0 });
/** Null means the unit did not record it, which is not the same as zero. */
const Recorded = Nullable(Type.Integer({ minimum: 0 }));

export const Figures = Type.Object({
  peopleReceived: Type.Integer({
    minimum: 0,
    description: 'Distinct visits: one visit with three questions is one person',
  }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions recorded' }),
  answeredOnSpot: Count,
  transferred: Count,
  followUp: Count,
  suggestions: Count,
  complaints: Count,
  answeredOnSpotRate: Nullable(Type.Number({ description: 'answered on the spot / consultations' })),
  rated: Count,
  satisfaction: Type.Object({
    very_satisfied: Count,
    satisfied: Count,
    basically_satisfied: Count,
    dissatisfied: Count,
    very_dissatisfied: Count,
  }),
  satisfactionRate: Nullable(
    Type.Number({ description: '(very satisfied + satisfied + basically satisfied) / rated' }),
  ),
  smallSample: Type.Boolean({ description: 'Fewer than 10 ratings: the rate says little' }),
  desks: Count,
  staff: Recorded,
  banners: Count,
  panels: Count,
  ledSlogans: Count,
  posters: Count,
  newspaperWindows: Count,
  onlinePosts: Count,
  materialsPrinted: Recorded,
  materialsDistributed: Count,
});
export type Figures = Static<typeof Figures>;

export const StatisticsRow = Type.Intersect([
  Type.Object({ unitId: Uuid, unitName: Type.String(), unitNameEn: Nullable(Type.String()), regionId: Uuid }),
  Figures,
]);
export type StatisticsRow = Static<typeof StatisticsRow>;

export const CampaignStatistics = Type.Object({
  campaignId: Uuid,
  generatedAt: IsoDateTime,
  rows: Type.Array(StatisticsRow),
  totals: Figures,
});
export type CampaignStatistics = Static<typeof CampaignStatistics>;
