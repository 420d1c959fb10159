import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, Uuid } from '../../platform/http/schemas.ts';
import { renderCampaignCalendar } from './service.ts';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: "The campaign's slug" });
const CalendarText = {
  content: { 'text/calendar': { schema: Type.String({ description: 'iCalendar (RFC 5545), UTF-8' }) } },
};

/** 日历订阅: iCalendar feeds of a campaign's sites and desk hours, for any calendar program. */
export async function icalRoutes(app: App) {
  const send = (reply: FastifyReply, result: { ics: string; filename: string }) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('content-disposition', `inline; filename="${result.filename}"`)
      .type('text/calendar; charset=utf-8')
      .send(result.ics);

  app.get(
    '/open-data/campaigns/:slug/calendar.ics',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['open data'],
        summary: "The campaign's sites and desk hours as an iCalendar feed (one event per site and day)",
        security: [],
        params: Type.Object({ slug: Slug }, { additionalProperties: false }),
        response: { 200: CalendarText, ...errorResponses },
      },
    },
    async (request, reply) => send(reply, await renderCampaignCalendar({ db: app.db, slug: request.params.slug })),
  );

  app.get(
    '/open-data/campaigns/:slug/units/:unitId/calendar.ics',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['open data'],
        summary: "One participating unit's sites and desk hours as an iCalendar feed",
        security: [],
        params: Type.Object({ slug: Slug, unitId: Uuid }, { additionalProperties: false }),
        response: { 200: CalendarText, ...errorResponses },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await renderCampaignCalendar({ db: app.db, slug: request.params.slug, unitId: request.params.unitId }),
      ),
  );
}
