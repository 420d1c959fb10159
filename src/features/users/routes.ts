import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { listUsers } from './repository.ts';
import { AccountChange, PasswordResetBody, User, UserBody, UserParams, UserQuery } from './schema.ts';
import { createUser } from './service.ts';
import { resetPassword, setAccountDisabled } from './account.ts';

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

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/users/:userId/${verb}`,
      {
        config: { policy: 'users.write' },
        schema: {
          tags: ['users'],
          summary: disabled
            ? 'Disable an account: its sessions end and its API tokens are revoked on every instance at once'
            : 'Let a disabled account sign in again (its revoked API tokens stay revoked)',
          params: UserParams,
          response: { 200: AccountChange, ...errorResponses },
        },
      },
      async (request) => {
        const change = await setAccountDisabled({
          db: app.db,
          actor: requireUser(request.actor),
          userId: request.params.userId,
          disabled,
        });
        app.authenticator.forgetUser(change.userId);
        return change;
      },
    );
  }

  app.post(
    '/users/:userId/password',
    {
      config: { policy: 'users.write' },
      schema: {
        tags: ['users'],
        summary: "Set a new password for a user of a unit you manage; the user's sessions end",
        params: UserParams,
        body: PasswordResetBody,
        response: { 200: AccountChange, ...errorResponses },
      },
    },
    async (request) => {
      const change = await resetPassword({
        db: app.db,
        actor: requireUser(request.actor),
        userId: request.params.userId,
        password: request.body.password,
      });
      app.authenticator.forgetUser(change.userId);
      return change;
    },
  );
}
