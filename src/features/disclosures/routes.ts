import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { Disclosure, DisclosureBody, DisclosureList, DisclosurePatch, DisclosureQuery } from './schema.ts';
import { changeDisclosure, createDisclosure, listDisclosures, removeDisclosure } from './service.ts';

/** 公开事项: what participating units publish (functions, service matters, guides, phone numbers). */
export async function disclosureRoutes(app: App) {
  app.get(
    '/disclosures',
    {
      config: { policy: 'disclosures.read' },
      schema: {
        tags: ['disclosures'],
        summary: "A campaign's disclosures, of one unit or all, in page order",
        querystring: DisclosureQuery,
        response: { 200: DisclosureList, ...errorResponses },
      },
    },
    async (request) => listDisclosures({ db: app.db, query: request.query }),
  );

  app.post(
    '/disclosures',
    {
      config: { policy: 'disclosures.write' },
      schema: {
        tags: ['disclosures'],
        summary: "Add a disclosure to a participating unit's page",
        headers: IdempotencyHeaders,
        body: DisclosureBody,
        response: { 201: Disclosure, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createDisclosure({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/disclosures/:id',
    {
      config: { policy: 'disclosures.write' },
      schema: {
        tags: ['disclosures'],
        summary: 'Change a disclosure',
        params: IdParams,
        body: DisclosurePatch,
        response: { 200: Disclosure, ...errorResponses },
      },
    },
    async (request) =>
      changeDisclosure({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/disclosures/:id',
    {
      config: { policy: 'disclosures.write' },
      schema: {
        tags: ['disclosures'],
        summary: 'Remove a disclosure',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeDisclosure({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
