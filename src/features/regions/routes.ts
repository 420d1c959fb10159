import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { listRegions } from './repository.ts';
import { Region, RegionBody, RegionQuery } from './schema.ts';
import { createRegion } from './service.ts';

export async function regionRoutes(app: App) {
  app.get(
    '/regions',
    {
      config: { policy: 'regions.read' },
      schema: {
        tags: ['regions'],
        summary: 'The region tree, in path order',
        querystring: RegionQuery,
        response: { 200: Type.Object({ items: Type.Array(Region) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listRegions(app.db, request.query) }),
  );

  app.post(
    '/regions',
    {
      config: { policy: 'regions.write' },
      schema: {
        tags: ['regions'],
        summary: 'Add a region inside your own',
        headers: IdempotencyHeaders,
        body: RegionBody,
        response: { 201: Region, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createRegion({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
