import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../platform/auth/authenticate.ts';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { countedLimit } from '../../platform/http/rate-limits.ts';
import { findSession, sha256, type UserRecord } from '../../platform/auth/auth-repository.ts';
import {
  ApiToken,
  ApiTokenList,
  LoginBody,
  PasswordChangeBody,
  PasswordChanged,
  SessionResponse,
  TokenBody,
  TokenParams,
  TokenQuery,
  TokenResponse,
} from './schema.ts';
import { changeOwnPassword, createApiToken, listTokens, login, logout, revokeToken, SESSION_DAYS } from './service.ts';
import { Type } from 'typebox';

function toSessionResponse(user: UserRecord, csrfToken: string) {
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      language: user.language,
      memberships: user.grants.map((g) => ({ unitId: g.unitId, role: g.role })),
    },
    csrfToken,
  };
}

/**
 * Successful sign-ins per address and window. Failures are throttled per account and per address
 * by login-throttle.ts; this ceiling only stops one address opening sessions without end, and is set
 * so that a building of staff behind one NAT all signing in at 8:00 stays well under it.
 */
export const SIGN_IN_CEILING = { max: 600, timeWindow: '10 minutes' } as const;

export async function authRoutes(app: App) {
  const signIns = countedLimit(app, {
    ...SIGN_IN_CEILING,
    counted: { zh: '成功登录', en: 'successful sign-ins' },
    field: 'address',
    keyOf: (request) => request.ip,
  });
  const setCookie = (reply: FastifyReply, value: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      maxAge,
    });

  app.post(
    '/auth/login',
    {
      config: { policy: 'public', csrfExempt: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a username and password; sets the session cookie',
        security: [],
        body: LoginBody,
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      await signIns.check(request);
      const session = await login({
        db: app.db,
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        previousToken: request.cookies[SESSION_COOKIE],
      });
      await signIns.count(request);
      if (session.endedHash) app.authenticator.forget(`s:${session.endedHash}`);
      setCookie(reply, session.token, SESSION_DAYS * 86_400);
      return toSessionResponse(session.user, session.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { policy: 'public', csrfExempt: true },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) app.authenticator.forget(`s:${await logout({ db: app.db, token })}`);
      setCookie(reply, '', 0);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { policy: 'self.read' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their units and roles, and the CSRF token',
        response: { 200: SessionResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await findSession(app.db, sha256(cookie)) : undefined;
      return toSessionResponse(
        {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          language: actor.language,
          grants: actor.grants,
        },
        session?.csrfToken ?? '',
      );
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { policy: 'self.write' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for the signed-in user',
        body: TokenBody,
        response: { 201: TokenResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      const created = await createApiToken({
        db: app.db,
        actor,
        userId: actor.userId,
        ...request.body,
        maxDays: app.config.apiTokenMaxDays,
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { policy: 'self.read' },
      schema: {
        tags: ['auth'],
        summary:
          'Your API tokens (or, with userId, those of a user of a unit you manage), live and ended, newest first',
        querystring: TokenQuery,
        response: { 200: ApiTokenList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listTokens({ db: app.db, actor: requireUser(request.actor), userId: request.query.userId }),
    }),
  );

  app.delete(
    '/auth/tokens/:tokenId',
    {
      config: { policy: 'self.write' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (yours, or of a user of a unit you manage): refused on every instance at once',
        params: TokenParams,
        response: { 200: ApiToken, ...errorResponses },
      },
    },
    async (request) => {
      const revoked = await revokeToken({
        db: app.db,
        actor: requireUser(request.actor),
        tokenId: request.params.tokenId,
      });
      app.authenticator.forgetUser(revoked.userId);
      return revoked;
    },
  );

  app.post(
    '/auth/password',
    {
      config: { policy: 'self.write' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end, this one goes on',
        body: PasswordChangeBody,
        response: { 200: PasswordChanged, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const cookie = request.cookies[SESSION_COOKIE];
      const changed = await changeOwnPassword({
        db: app.db,
        actor,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        sessionHash: actor.via === 'session' && cookie ? sha256(cookie) : undefined,
        ip: request.ip,
      });
      app.authenticator.forgetUser(actor.userId);
      return changed;
    },
  );
}
