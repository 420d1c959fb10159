import { Type } from 'typebox';
import { defineJob } from '../../platform/jobs/queue.ts';
import { eraseExpiredPersonalData } from './service.ts';

/** Once a day: how often the retention job is queued (once per day across all instances). */
export const RETENTION_EVERY_SECONDS = 86_400;

/**
 * The retention job: erases visitors' names, phones and e-mails whose time is up (and masks them
 * in opinions raised at meetings) and keeps the anonymous records; each batch is audited with its counts. Scheduled daily.
 */
export const erasePersonalDataJob = defineJob({
  name: 'privacy.erase_expired',
  payload: Type.Object(
    {
      defaultDays: Type.Integer({
        minimum: 1,
        maximum: 3650,
        description: 'RETENTION_DAYS_AFTER_CLOSE, for campaigns without their own setting',
      }),
    },
    { additionalProperties: false },
  ),
  retryLimit: 3,
  retryDelayMs: 60_000,
  timeoutSeconds: 3600,
  async handle({ defaultDays }, { db, log }) {
    const run = await eraseExpiredPersonalData({ db, defaultDays });
    if (run.consultations || run.caseRequests || run.opinions) log.info(run, 'expired personal data erased');
  },
});
