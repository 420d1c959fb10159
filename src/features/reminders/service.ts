import type { Database } from '../../platform/db/database.ts';
import { caseReference } from '../cases/read.ts';
import { notify } from '../notifications/service.ts';
import { claimCaseReminders, claimPlanReminders, claimSummaryReminders, type CaseReminderKind } from './repository.ts';

const NOTICE_OF: Record<CaseReminderKind, string> = {
  case_due_soon: 'case.due_soon',
  case_due_today: 'case.due_today',
  case_overdue: 'case.overdue',
};

/**
 * Sends the reminders due now, each once: cases due within 2 working days, due today or overdue
 * (to the responders and unit admins of the case's unit), plans not filed 3 days before the
 * campaign's plans due date and on it, and summaries owed 3 and 7 days after the open day (to the
 * unit's admins). Claiming a reminder and writing its notices is one
 * transaction, so a reminder is never claimed without being sent, nor sent twice however many
 * instances scan at once. `today` (YYYY-MM-DD) runs the scan as of another day.
 */
export async function runReminderScan({
  db,
  today,
}: {
  db: Database;
  today?: string | undefined;
}): Promise<{ cases: number; plans: number; summaries: number }> {
  return db.transaction(async (tx) => {
    const cases = await claimCaseReminders(tx, today ?? null);
    for (const reminder of cases) {
      await notify(tx, {
        unitId: reminder.unit_id,
        roles: ['unit_admin', 'responder'],
        kind: NOTICE_OF[reminder.kind],
        params: { reference: caseReference(reminder.case_id), dueOn: reminder.due_on },
        caseId: reminder.case_id,
        campaignId: reminder.campaign_id,
      });
    }
    const plans = await claimPlanReminders(tx, today ?? null);
    for (const reminder of plans) {
      await notify(tx, {
        unitId: reminder.unit_id,
        roles: ['unit_admin'],
        kind: 'plan.owed',
        params: { campaignTitle: reminder.campaign_title, plansDueOn: reminder.plans_due_on },
        campaignId: reminder.campaign_id,
      });
    }
    const summaries = await claimSummaryReminders(tx, today ?? null);
    for (const reminder of summaries) {
      await notify(tx, {
        unitId: reminder.unit_id,
        roles: ['unit_admin'],
        kind: 'summary.owed',
        params: { campaignTitle: reminder.campaign_title, openDay: reminder.open_day, days: reminder.days },
        campaignId: reminder.campaign_id,
      });
    }
    return { cases: cases.length, plans: plans.length, summaries: summaries.length };
  });
}
