import type { FastifyReply } from 'fastify';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import {
  Breakdown,
  BreakdownQuery,
  CampaignStatistics,
  Dashboard,
  DashboardQuery,
  VillageStatistics,
} from './schema.ts';
import { computeBreakdown, computeCampaignStatistics, computeVillageStatistics, serveDashboard } from './service.ts';

/** Dashboard answers as sent, by the answer they were serialised from (kept while it is served). */
const encoded = new WeakMap<object, Buffer>();

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

  app.get(
    '/campaigns/:id/statistics/villages',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'Per village or community, for the units you may see: their hotlines and mailboxes there, the questions through them, the publicity put up there',
        params: IdParams,
        response: { 200: VillageStatistics, ...errorResponses },
      },
    },
    async (request) =>
      computeVillageStatistics({ db: app.db, actor: requireUser(request.actor), campaignId: request.params.id }),
  );

  app.get(
    '/campaigns/:id/statistics/breakdown',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary: 'Consultations by hour, topic, region, channel or outcome, for the units you may see',
        params: IdParams,
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...errorResponses },
      },
    },
    async (request) =>
      computeBreakdown({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        by: request.query.by,
        ...(request.query.unitId !== undefined && { unitId: request.query.unitId }),
      }),
  );

  app.get(
    '/campaigns/:id/dashboard',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'The live dashboard: totals, follow-up, satisfaction, by hour, topic, channel and outcome, busiest units',
        description:
          'Read from figures the database keeps up to date with every record, so it stays fast at province scale; an answer is at most about a second old (generatedAt says when it was read). Poll it every few seconds.',
        params: IdParams,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request, reply) => {
      const answer = await serveDashboard({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        ...(request.query.unitId !== undefined && { unitId: request.query.unitId }),
      });
      // One answer serves every viewer of a reach for a second: serialised and encoded once.
      let body = encoded.get(answer);
      if (!body) encoded.set(answer, (body = Buffer.from(reply.serialize(answer) as string)));
      // Sent as bytes, past the typed reply (they are the serialised answer itself).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
    },
  );
}
