// The organizer's API types, type-only from the server's own schemas (nothing reaches the bundle).
export type {
  Campaign,
  CampaignAttachment,
  CampaignBody,
  CampaignPatch,
  UnitDays,
} from '../../../../../src/features/campaigns/schema.ts';
export type { CampaignProgress, ProgressProblem, UnitProgress } from '../../../../../src/features/progress/schema.ts';
export type { Unit } from '../../../../../src/features/units/schema.ts';
export type { Collection } from '../../../../../src/features/reports/schema.ts';

/** The same list as the server's PROGRESS_PROBLEMS, in the order the table shows them. */
export const PROBLEMS = [
  'plan_not_filed',
  'plan_overdue',
  'no_desks',
  'no_consultations',
  'cases_overdue',
  'summary_overdue',
] as const;
