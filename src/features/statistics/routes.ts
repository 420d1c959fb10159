import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { CampaignStatistics } from './schema.ts';
import { computeCampaignStatistics } from './service.ts';

export async function statisticsRoutes(app: App) {
  app.get(
    '/campaigns/:id/statistics',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary: 'Figures per unit with totals (the statistical summary), for the units you may see',
        params: IdParams,
        response: { 200: CampaignStatistics, ...errorResponses },
      },
    },
    async (request) =>
      computeCampaignStatistics({ db: app.db, actor: requireUser(request.actor), campaignId: request.params.id }),
  );
}
