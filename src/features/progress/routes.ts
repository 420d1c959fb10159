import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { CampaignProgress, SummaryReminders } from './schema.ts';
import { getCampaignProgress, remindOwedSummaries } from './service.ts';

export async function progressRoutes(app: App) {
  app.get(
    '/campaigns/:id/progress',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'Progress of every participating unit you may see: plan filed, desks, records, cases open and overdue, summary owed',
        params: IdParams,
        response: { 200: CampaignProgress, ...errorResponses },
      },
    },
    async (request) =>
      getCampaignProgress({ db: app.db, actor: requireUser(request.actor), campaignId: request.params.id }),
  );

  app.post(
    '/campaigns/:id/summary-reminders',
    {
      config: { policy: 'summaries.remind' },
      schema: {
        tags: ['summaries'],
        summary: 'Remind the admins of every unit you see that still owes its summary (missing, draft or returned)',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: SummaryReminders, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await remindOwedSummaries({
          db: app.db,
          actor: requireUser(request.actor),
          campaignId: request.params.id,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
