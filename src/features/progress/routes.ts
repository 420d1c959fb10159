import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { CampaignProgress } from './schema.ts';
import { getCampaignProgress } from './service.ts';

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
}
