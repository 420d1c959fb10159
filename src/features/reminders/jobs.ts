import { Type } from 'typebox';
import { defineJob } from '../../platform/jobs/queue.ts';
import { runReminderScan } from './service.ts';

/** The reminder scan, scheduled every REMINDER_INTERVAL_SECONDS (once per interval across instances). */
export const scanRemindersJob = defineJob({
  name: 'reminders.scan',
  payload: Type.Object(
    { today: Type.Optional(Type.String({ format: 'date', description: 'Scan as of this day (YYYY-MM-DD)' })) },
    { additionalProperties: false },
  ),
  retryLimit: 3,
  retryDelayMs: 15_000,
  timeoutSeconds: 300,
  async handle({ today }, { db, log }) {
    const sent = await runReminderScan({ db, today });
    if (sent.cases || sent.plans || sent.summaries) log.info(sent, 'reminders sent');
  },
});
