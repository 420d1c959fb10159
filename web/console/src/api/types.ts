// The API's types come from the server's own TypeBox schemas (type-only imports: nothing of the
// server reaches the bundle), so the console and the API cannot drift apart.
export type { SessionResponse as Session } from '../../../../src/features/auth/schema.ts';
export type { Campaign } from '../../../../src/features/campaigns/schema.ts';
export type { Unit, UnitBody } from '../../../../src/features/units/schema.ts';
export type { Region, RegionBody } from '../../../../src/features/regions/schema.ts';
export type { User, UserBody } from '../../../../src/features/users/schema.ts';
export type { SetupRequest, SetupResult, SetupState } from '../../../../src/features/setup/schema.ts';
export type { CampaignDesk, Partner, Plan } from '../../../../src/features/plans/schema.ts';
export type { ChannelPoint, ChannelPointList } from '../../../../src/features/channel-points/schema.ts';
export type { Material, Distribution, DistributionBody } from '../../../../src/features/materials/schema.ts';
export type { Consultation, ConsultationBody, Outcome, Rating } from '../../../../src/features/consultations/schema.ts';
export type {
  Case,
  CaseAction,
  CaseDetail,
  CaseEvent,
  DueDateExplanation,
  ReplyBody,
  ReturnVisitBody,
  TransferBody,
  ExtendBody,
} from '../../../../src/features/cases/schema.ts';
export type { PublicationPreview, PublishBody, QaItem, QaPage } from '../../../../src/features/public/schema.ts';
export type {
  CalendarYearBody,
  CalendarYearEdit,
  CalendarYears,
  ScheduleDay,
} from '../../../../src/features/calendar/schema.ts';
export type { ErasureOnRequestBody } from '../../../../src/features/privacy/schema.ts';
export type { CampaignStatistics, Figures, StatisticsRow } from '../../../../src/features/statistics/schema.ts';
export type { Role } from '../../../../src/platform/auth/actor.ts';

/** Listing answers: keyset pages. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

/** Values the console shows choices for; the same lists as the server's schemas. */
export const OUTCOME_CHOICES = ['answered_on_spot', 'handled_on_spot', 'transferred', 'follow_up'] as const;
export const RATING_CHOICES = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;
export type {
  Breakdown,
  BreakdownItem,
  Dashboard,
  LiveFigures,
  VillageStatistics,
} from '../../../../src/features/statistics/schema.ts';
