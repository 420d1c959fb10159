import type { UserActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { getCampaign } from '../campaigns/service.ts';
import { notify } from '../notifications/service.ts';
import { chinaToday } from '../statistics/read.ts';
import { queryCampaignProgress, type ProgressRow } from './repository.ts';
import type { CampaignProgress, ProgressProblem, SummaryReminders, UnitProgress } from './schema.ts';

/** Maps one unit's row, naming what the organizer should chase it for. */
function toUnitProgress(row: ProgressRow & { unit_id: string }): UnitProgress {
  const summaryOwed =
    row.summary_status === null || row.summary_status === 'draft' || row.summary_status === 'returned';
  const summaryOverdue = summaryOwed && row.summary_due_on !== null && row.summary_due_on < row.today;
  const planOverdue = row.plan_filed_at === null && row.plans_due_on !== null && row.plans_due_on < row.today;
  // Filed, but on a day (China's) after the plans due date.
  const planFiledLate =
    row.plan_filed_at !== null && row.plans_due_on !== null && chinaToday(row.plan_filed_at) > row.plans_due_on;
  const problems: ProgressProblem[] = [];
  if (row.plan_filed_at === null) problems.push('plan_not_filed');
  if (planOverdue) problems.push('plan_overdue');
  if (row.desks === 0) problems.push('no_desks');
  // Records are only expected from the open day on.
  if (row.consultations === 0 && row.today >= row.open_day) problems.push('no_consultations');
  if (row.cases_overdue > 0) problems.push('cases_overdue');
  if (summaryOverdue) problems.push('summary_overdue');
  return {
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitNameEn: row.unit_name_en,
    regionId: row.region_id,
    planFiledAt: row.plan_filed_at?.toISOString() ?? null,
    planOverdue,
    planFiledLate,
    desks: row.desks,
    consultations: row.consultations,
    laterQuestions: row.later_questions,
    lastConsultationAt: row.last_consultation_at?.toISOString() ?? null,
    casesOpen: row.cases_open,
    casesOverdue: row.cases_overdue,
    summaryStatus: row.summary_status,
    summaryOwed,
    summaryOverdue,
    problems,
  };
}

/** How far each participating unit the actor may see has got: plan, desks, records, cases, summary. */
export async function getCampaignProgress({
  db,
  actor,
  campaignId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
}): Promise<CampaignProgress> {
  const rows = await queryCampaignProgress(db, actor, campaignId);
  const first = rows[0];
  if (!first) throw notFound('Campaign');
  return {
    campaignId,
    openDay: first.open_day,
    plansDueOn: first.plans_due_on,
    summaryDueOn: first.summary_due_on,
    today: first.today,
    generatedAt: new Date().toISOString(),
    rows: rows.filter((row): row is ProgressRow & { unit_id: string } => row.unit_id !== null).map(toUnitProgress),
  };
}

/**
 * Reminds, in one go, the admins of every unit the organizer sees that still owes its summary
 * (none started, a draft, or returned): an inbox notice each (and mail when configured), and one
 * audit entry naming the units.
 */
export async function remindOwedSummaries({
  db,
  actor,
  campaignId,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<SummaryReminders>> {
  const progress = await getCampaignProgress({ db, actor, campaignId });
  const campaign = await getCampaign(db, campaignId);
  const unitIds = progress.rows.filter((row) => row.summaryOwed).map((row) => row.unitId);
  return runIdempotent(db, key, async (tx) => {
    for (const unitId of unitIds) {
      await notify(tx, {
        unitId,
        roles: ['unit_admin'],
        kind: 'summary.reminded',
        params: { campaignTitle: campaign.title },
        campaignId,
      });
    }
    await writeAudit(tx, {
      actor,
      action: 'remind',
      entity: 'summary_reminders',
      entityId: campaignId,
      campaignId,
      after: { unitIds },
    });
    return { statusCode: 200, body: { reminded: unitIds.length, unitIds } };
  });
}
