import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, StringEnum, Uuid } from '../../platform/http/schemas.ts';

export const SUMMARY_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;

/** What an organizer chases a unit for; the console's "only units with problems" filter. */
export const PROGRESS_PROBLEMS = [
  'plan_not_filed',
  'plan_overdue',
  'no_desks',
  'no_consultations',
  'cases_overdue',
  'summary_overdue',
] as const;
export type ProgressProblem = (typeof PROGRESS_PROBLEMS)[number];

export const UnitProgress = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  unitNameEn: Nullable(Type.String()),
  regionId: Uuid,
  planFiledAt: Nullable(IsoDateTime),
  planOverdue: Type.Boolean({ description: "Not filed after the campaign's plans due date" }),
  planFiledLate: Type.Boolean({ description: "Filed after the campaign's plans due date" }),
  desks: Type.Integer({ minimum: 0, description: "Desks in the unit's plan" }),
  consultations: Type.Integer({ minimum: 0, description: 'Questions recorded (as in the statistics)' }),
  laterQuestions: Type.Integer({
    minimum: 0,
    description: "Questions citizens asked after the campaign's last day: counted apart, not in the day's figures",
  }),
  lastConsultationAt: Nullable(IsoDateTime),
  casesOpen: Type.Integer({ minimum: 0, description: 'Still owing a reply (open, transferred, reopened)' }),
  casesOverdue: Type.Integer({ minimum: 0, description: 'Still owing a reply after the due date' }),
  summaryStatus: Nullable(StringEnum(SUMMARY_STATUSES, { description: 'Null when no summary was started' })),
  summaryOwed: Type.Boolean({ description: 'Summary missing, a draft, or returned for changes' }),
  summaryOverdue: Type.Boolean({ description: "Owed after the campaign's summary due date" }),
  problems: Type.Array(StringEnum(PROGRESS_PROBLEMS), {
    description:
      'plan_not_filed; plan_overdue (after plansDueOn); no_desks; no_consultations (from the open day on); cases_overdue; summary_overdue',
  }),
});
export type UnitProgress = Static<typeof UnitProgress>;

export const CampaignProgress = Type.Object({
  campaignId: Uuid,
  openDay: IsoDate,
  plansDueOn: Nullable(IsoDate),
  summaryDueOn: Nullable(IsoDate),
  today: Type.String({ format: 'date', description: "China's date the figures were taken on" }),
  generatedAt: IsoDateTime,
  rows: Type.Array(UnitProgress),
});
export type CampaignProgress = Static<typeof CampaignProgress>;

export const SummaryReminders = Type.Object({
  reminded: Type.Integer({ minimum: 0, description: 'Units whose admins were reminded' }),
  unitIds: Type.Array(Uuid, {
    description: 'The units reminded: every one owing its summary (missing, draft, returned)',
  }),
});
export type SummaryReminders = Static<typeof SummaryReminders>;
