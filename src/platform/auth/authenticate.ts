import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Database, Db } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { ANONYMOUS, type Actor } from './actor.ts';
import { AUTH_CHANGES_CHANNEL, findApiToken, findSession, sha256, type UserRecord } from './auth-repository.ts';
import { checkRoute, type Action } from './policy.ts';

export const SESSION_COOKIE = 'openday_session';
export const CSRF_HEADER = 'x-csrf-token';

interface Cached {
  actor: Actor;
  csrfToken: string | null;
  loadedAt: number;
}

/**
 * Who sent a request. Sessions and tokens live in the database so that every instance accepts
 * them; a short-lived per-process cache spares the lookup on every request of a burst.
 *
 * What ends access (logout, a revoked token, a disabled user, a changed password) drops the
 * entries here at once and is announced on AUTH_CHANGES_CHANNEL (pg_notify, at commit), which
 * every other instance hears and drops its entries too. While an instance cannot hear (its
 * listening connection is being opened again) it keeps an entry at most UNHEARD_CACHE_MS, and
 * when it hears again it forgets everything, having perhaps missed an announcement. So access
 * taken back is refused on every instance within a second.
 */
export class Authenticator {
  static readonly CACHE_MS = 5000;
  static readonly UNHEARD_CACHE_MS = 1000;
  static readonly CACHE_MAX = 20_000;
  readonly #db: Db & Partial<Pick<Database, 'listen'>>;
  readonly #cache = new Map<string, Cached>();
  /** Only a server database has other instances; until they can be heard, entries live briefly. */
  #cacheMs: number;
  #stopListening: (() => Promise<void>) | undefined;
  /** Counts forgets: a lookup that a forget overtook does not put its answer in the cache. */
  #forgets = 0;

  constructor(db: Db & Partial<Pick<Database, 'listen'>>) {
    this.#db = db;
    this.#cacheMs = db.listen ? Authenticator.UNHEARD_CACHE_MS : Authenticator.CACHE_MS;
  }

  /** Starts hearing the other instances' announcements (when the database has other instances). */
  async listen(): Promise<void> {
    if (!this.#db.listen || this.#stopListening) return;
    this.#stopListening = await this.#db.listen(
      AUTH_CHANGES_CHANNEL,
      (payload) => this.#heard(payload),
      (on) => {
        this.#cacheMs = on ? Authenticator.CACHE_MS : Authenticator.UNHEARD_CACHE_MS;
        if (on) {
          this.#forgets++;
          this.#cache.clear();
        }
      },
    );
  }

  async close(): Promise<void> {
    await this.#stopListening?.();
    this.#stopListening = undefined;
  }

  /** Drops one cached session or token by its cache key (`s:<hash>`, `t:<hash>`). */
  forget(key: string): void {
    this.#forgets++;
    this.#cache.delete(key);
  }

  /** Drops every cached session and token of a user. */
  forgetUser(userId: string): void {
    this.#forgets++;
    for (const [key, entry] of this.#cache) {
      if (entry.actor.kind === 'user' && entry.actor.userId === userId) this.#cache.delete(key);
    }
  }

  #heard(payload: string): void {
    if (payload.startsWith('user:')) this.forgetUser(payload.slice(5));
    else if (payload.startsWith('key:')) this.forget(payload.slice(4));
  }

  async resolve(request: FastifyRequest): Promise<{ actor: Actor; csrfToken: string | null }> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization);
      if (!match)
        throw new AppError(401, 'unauthenticated', 'Authorization must be "Bearer <token>"', [
          { field: 'authorization', reason: 'is malformed' },
        ]);
      const found = await this.#cached(`t:${sha256(match[1]!)}`, async (hash) => {
        const token = await findApiToken(this.#db, hash.slice(2));
        return token && { actor: toActor(token.user, 'token', token.tokenId, token.scope), csrfToken: null };
      });
      if (!found) throw new AppError(401, 'unauthenticated', 'The API token is unknown, revoked or expired');
      return found;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const found = await this.#cached(`s:${sha256(cookie)}`, async (hash) => {
        const session = await findSession(this.#db, hash.slice(2));
        return session && { actor: toActor(session.user, 'session', null, 'write'), csrfToken: session.csrfToken };
      });
      if (found) return found;
    }
    return { actor: ANONYMOUS, csrfToken: null };
  }

  async #cached(
    key: string,
    load: (key: string) => Promise<{ actor: Actor; csrfToken: string | null } | undefined>,
  ): Promise<{ actor: Actor; csrfToken: string | null } | undefined> {
    const now = Date.now();
    const hit = this.#cache.get(key);
    if (hit && now - hit.loadedAt < this.#cacheMs) return hit;
    const forgets = this.#forgets;
    const loaded = await load(key);
    if (!loaded) {
      this.#cache.delete(key);
      return undefined;
    }
    if (forgets !== this.#forgets) return loaded;
    if (this.#cache.size >= Authenticator.CACHE_MAX) this.#cache.clear();
    this.#cache.set(key, { ...loaded, loadedAt: now });
    return loaded;
  }
}

export function toActor(
  user: UserRecord,
  via: 'session' | 'token',
  tokenId: string | null,
  scope: 'read' | 'write',
): Actor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    language: user.language,
    via,
    tokenId,
    scope,
    grants: user.grants,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** The policy action this route takes (src/platform/auth/policy.ts). Every API route names one. */
    policy?: Action;
    /** Cookie-authenticated writes need the CSRF header, except where there is no session yet. */
    csrfExempt?: boolean;
  }
}

/**
 * Resolves the actor of every request, then applies the route's policy gate and, for writes made
 * with the session cookie, the CSRF check. Runs before the body is read, so a refused request
 * costs little and stores nothing.
 */
export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  // Set on every request by the hook below; a reference type cannot be a shared default.
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const { actor, csrfToken } = await authenticator.resolve(request);
    request.actor = actor;
    if (!config.policy) return;
    checkRoute(actor, config.policy);
    if (
      actor.kind === 'user' &&
      actor.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      !config.csrfExempt &&
      request.headers[CSRF_HEADER] !== csrfToken
    ) {
      throw new AppError(403, 'csrf_failed', `Send the session's CSRF token in the ${CSRF_HEADER} header`, [
        { field: CSRF_HEADER, reason: 'is missing or does not match the session' },
      ]);
    }
  });
}

/** What a route declares beyond its method, address and policy: for the tests that walk every route. */
export interface RouteDetails {
  schema: FastifySchema | undefined;
  bodyLimit: number | undefined;
  csrfExempt: boolean;
}

const routeDetails = new WeakMap<object, RouteDetails>();

/** The schema, body limit and CSRF exemption of an entry of the route table. */
export function detailsOfRoute(entry: object): RouteDetails | undefined {
  return routeDetails.get(entry);
}

/**
 * Keeps the route table the route × role test walks, and refuses any API route that declares no
 * policy: the app does not start with one.
 */
export function requirePolicies(
  app: FastifyInstance,
  table: { method: string; url: string; policy: string | undefined }[],
): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const policy = route.config?.policy;
      if (route.url.startsWith('/api/v1/') && !policy) {
        throw new Error(`Route ${method} ${route.url} declares no policy (config.policy)`);
      }
      const entry = { method, url: route.url, policy };
      routeDetails.set(entry, {
        schema: route.schema,
        bodyLimit: route.bodyLimit,
        csrfExempt: route.config?.csrfExempt === true,
      });
      table.push(entry);
    }
  });
}
