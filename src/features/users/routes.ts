import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { listUsers } from './repository.ts';
import { User, UserBody, UserQuery } from './schema.ts';
import { createUser } from './service.ts';

export async function userRoutes(app: App) {
  app.get(
    '/users',
    {
      config: { policy: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'Staff accounts of the units you manage',
        querystring: UserQuery,
        response: { 200: Type.Object({ items: Type.Array(User) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listUsers(app.db, requireUser(request.actor), request.query.unitId) }),
  );

  app.post(
    '/users',
    {
      config: { policy: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Create a staff account in a unit you manage',
        headers: IdempotencyHeaders,
        body: UserBody,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createUser({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
