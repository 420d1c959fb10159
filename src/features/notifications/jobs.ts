import { Type } from 'typebox';
import { defineJob } from '../../platform/jobs/queue.ts';
import { Uuid } from '../../platform/http/schemas.ts';
import { deliverNotificationEmail } from './delivery.ts';

/** Mails one in-app notification to its recipient; retried for about an hour when the server refuses. */
export const sendEmailJob = defineJob({
  name: 'notifications.send_email',
  payload: Type.Object({ notificationId: Uuid }, { additionalProperties: false }),
  retryLimit: 6,
  retryDelayMs: 60_000,
  timeoutSeconds: 120,
  async handle({ notificationId }, { db }) {
    await deliverNotificationEmail({ db, notificationId });
  },
});
