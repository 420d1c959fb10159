import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { listUnits, toUnit } from './repository.ts';
import { Unit, UnitBody, UnitQuery } from './schema.ts';
import { createUnit, getUnitRow } from './service.ts';

export async function unitRoutes(app: App) {
  app.get(
    '/units',
    {
      config: { policy: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Units, by region, parent or name',
        querystring: UnitQuery,
        response: { 200: Type.Object({ items: Type.Array(Unit) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listUnits(app.db, request.query) }),
  );

  app.get(
    '/units/:id',
    {
      config: { policy: 'units.read' },
      schema: { tags: ['units'], summary: 'One unit', params: IdParams, response: { 200: Unit, ...errorResponses } },
    },
    async (request) => toUnit(await getUnitRow(app.db, request.params.id)),
  );

  app.post(
    '/units',
    {
      config: { policy: 'units.write' },
      schema: {
        tags: ['units'],
        summary: 'Add a unit in your region',
        headers: IdempotencyHeaders,
        body: UnitBody,
        response: { 201: Unit, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createUnit({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
