import type { Db } from '../../platform/db/database.ts';

export type CaseReminderKind = 'case_due_soon' | 'case_due_today' | 'case_overdue';

export interface CaseReminder {
  campaign_id: string;
  case_id: string;
  unit_id: string;
  kind: CaseReminderKind;
  due_on: string;
}

export interface SummaryReminder {
  campaign_id: string;
  unit_id: string;
  campaign_title: string;
  open_day: string;
  days: number;
  remind_on: string;
}

// "Today" is the campaign's own date (Asia/Shanghai unless it says otherwise); a scan may be run
// as of another day (tests, or catching up by hand).
const TODAY = `coalesce($1::date, (now() AT TIME ZONE ca.timezone)::date)`;

/**
 * Claims the case reminders due now and not sent yet, and returns them: for every case still
 * waiting for its reply (open, transferred or reopened), "due soon" when its due date is within
 * the next 2 working days, "due today", or "overdue". Each (case, kind, due date) is inserted into
 * reminders_sent once: a second scan, on this instance or another at the same moment, finds the
 * key taken (the unique key waits for the first transaction) and gets nothing back. A case given
 * a new due date (extended, reopened, recomputed) is reminded again for the new date.
 *
 * Reads the cases feature's table in the claiming statement: claiming and reading must be one
 * statement for the reminder to be sent once.
 */
export async function claimCaseReminders(tx: Db, today: string | null): Promise<CaseReminder[]> {
  const { rows } = await tx.query<CaseReminder>(
    `WITH days AS (
       SELECT ca.id AS campaign_id, t.today, openday_add_working_days(t.today, 2) AS soon
       FROM campaigns ca CROSS JOIN LATERAL (SELECT ${TODAY} AS today) t
     ),
     due AS (
       SELECT c.campaign_id, c.id AS case_id, c.unit_id, c.due_on,
              CASE WHEN c.due_on < d.today THEN 'case_overdue'
                   WHEN c.due_on = d.today THEN 'case_due_today'
                   ELSE 'case_due_soon' END AS kind
       FROM cases c JOIN days d ON d.campaign_id = c.campaign_id
       WHERE c.status IN ('open', 'transferred', 'reopened') AND c.due_on <= d.soon
     ),
     claimed AS (
       INSERT INTO reminders_sent (campaign_id, subject_id, kind, due_on)
       SELECT campaign_id, case_id, kind, due_on FROM due ORDER BY campaign_id, case_id, kind
       ON CONFLICT DO NOTHING
       RETURNING campaign_id, subject_id, kind, due_on
     )
     SELECT due.campaign_id, due.case_id, due.unit_id, due.kind, due.due_on
     FROM claimed JOIN due ON due.case_id = claimed.subject_id AND due.kind = claimed.kind
     ORDER BY due.due_on, due.case_id`,
    [today],
  );
  return rows;
}

/**
 * Claims the "summary owed" reminders due now: 3 and 7 days after a campaign's open day, for each
 * participating unit whose summary is missing, a draft, or returned for changes. A reminder is
 * sent within a week of its day (not on a first start long after), and the 3-day one not once
 * the 7-day one is due. Sent once per (campaign, unit, day), as for cases.
 */
export async function claimSummaryReminders(tx: Db, today: string | null): Promise<SummaryReminder[]> {
  const { rows } = await tx.query<SummaryReminder>(
    `WITH owed AS (
       SELECT ca.id AS campaign_id, cu.unit_id, ca.title AS campaign_title, ca.open_day, d.days,
              ca.open_day + d.days AS remind_on
       FROM campaigns ca
       CROSS JOIN LATERAL (SELECT ${TODAY} AS today) t
       JOIN campaign_units cu ON cu.campaign_id = ca.id
       CROSS JOIN (VALUES (3), (7)) AS d (days)
       LEFT JOIN unit_summaries s ON s.campaign_id = ca.id AND s.unit_id = cu.unit_id
       WHERE (s.status IS NULL OR s.status IN ('draft', 'returned'))
         AND t.today >= ca.open_day + d.days
         AND t.today < ca.open_day + CASE d.days WHEN 3 THEN 7 ELSE 14 END
     ),
     claimed AS (
       INSERT INTO reminders_sent (campaign_id, subject_id, kind, due_on)
       SELECT campaign_id, unit_id, 'summary_owed', remind_on FROM owed ORDER BY campaign_id, unit_id, remind_on
       ON CONFLICT DO NOTHING
       RETURNING campaign_id, subject_id, due_on
     )
     SELECT owed.campaign_id, owed.unit_id, owed.campaign_title, owed.open_day, owed.days, owed.remind_on
     FROM claimed JOIN owed ON owed.campaign_id = claimed.campaign_id AND owed.unit_id = claimed.subject_id
       AND owed.remind_on = claimed.due_on
     ORDER BY owed.campaign_id, owed.unit_id`,
    [today],
  );
  return rows;
}

export interface PlanReminder {
  campaign_id: string;
  unit_id: string;
  campaign_title: string;
  plans_due_on: string;
  remind_on: string;
}

/**
 * Claims the "plan owed" reminders due now: 3 days before a campaign's plans due date and on it,
 * for each participating unit that has not filed its plan. The early one is not sent once the
 * due date has come, nor the due-date one more than a week after it. Sent once per (campaign,
 * unit, day), as for summaries.
 */
export async function claimPlanReminders(tx: Db, today: string | null): Promise<PlanReminder[]> {
  const { rows } = await tx.query<PlanReminder>(
    `WITH owed AS (
       SELECT ca.id AS campaign_id, cu.unit_id, ca.title AS campaign_title,
              to_char(ca.plans_due_on, 'YYYY-MM-DD') AS plans_due_on, ca.plans_due_on - d.before AS remind_on
       FROM campaigns ca
       CROSS JOIN LATERAL (SELECT ${TODAY} AS today) t
       JOIN campaign_units cu ON cu.campaign_id = ca.id
       CROSS JOIN (VALUES (3), (0)) AS d (before)
       LEFT JOIN plans p ON p.campaign_id = ca.id AND p.unit_id = cu.unit_id
       WHERE ca.plans_due_on IS NOT NULL AND p.filed_at IS NULL
         AND t.today >= ca.plans_due_on - d.before
         AND t.today < ca.plans_due_on + CASE d.before WHEN 3 THEN 0 ELSE 7 END
     ),
     claimed AS (
       INSERT INTO reminders_sent (campaign_id, subject_id, kind, due_on)
       SELECT campaign_id, unit_id, 'plan_owed', remind_on FROM owed ORDER BY campaign_id, unit_id, remind_on
       ON CONFLICT DO NOTHING
       RETURNING campaign_id, subject_id, due_on
     )
     SELECT owed.campaign_id, owed.unit_id, owed.campaign_title, owed.plans_due_on,
       to_char(owed.remind_on, 'YYYY-MM-DD') AS remind_on
     FROM claimed JOIN owed ON owed.campaign_id = claimed.campaign_id AND owed.unit_id = claimed.subject_id
       AND owed.remind_on = claimed.due_on
     ORDER BY owed.campaign_id, owed.unit_id`,
    [today],
  );
  return rows;
}
