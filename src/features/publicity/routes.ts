import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import { PublicityBody, PublicityItem, PublicityPatch, PublicityQuery } from './schema.ts';
import { changePublicity, listPublicity, recordPublicity, removePublicity } from './service.ts';

/** 宣传: what the units put up and posted to make the day known. */
export async function publicityRoutes(app: App) {
  app.get(
    '/publicity',
    {
      config: { policy: 'publicity.read' },
      schema: {
        tags: ['publicity'],
        summary: 'Publicity items of the units you may see, newest first, by page',
        querystring: PublicityQuery,
        response: { 200: Page(PublicityItem), ...errorResponses },
      },
    },
    async (request) => listPublicity({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.post(
    '/publicity',
    {
      config: { policy: 'publicity.write' },
      schema: {
        tags: ['publicity'],
        summary:
          'Record a publicity item: banner, panel, LED slogan, poster, newspaper window, online post or media report',
        headers: IdempotencyHeaders,
        body: PublicityBody,
        response: { 201: PublicityItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await recordPublicity({
        db: app.db,
        actor: requireUser(request.actor),
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      return sendStored(reply, result);
    },
  );

  app.patch(
    '/publicity/:id',
    {
      config: { policy: 'publicity.write' },
      schema: {
        tags: ['publicity'],
        summary: 'Change a publicity item',
        params: IdParams,
        body: PublicityPatch,
        response: { 200: PublicityItem, ...errorResponses },
      },
    },
    async (request) =>
      changePublicity({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/publicity/:id',
    {
      config: { policy: 'publicity.delete' },
      schema: {
        tags: ['publicity'],
        summary: 'Delete a publicity item (unit admin only)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removePublicity({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
