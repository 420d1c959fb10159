import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createApiToken } from '../src/features/auth/service.ts';
import { findUserIdByUsername } from '../src/features/users/repository.ts';
import { ACTIONS, needsTopRegion, type Action } from '../src/platform/auth/policy.ts';
import { requirePolicies } from '../src/platform/auth/authenticate.ts';
import { createTestApp, login, type TestApp } from './app.ts';
import { buildWorld } from './builders.ts';

/**
 * Walks every API route × every kind of actor and checks that the route's gate answers what the
 * policy module says: 401 for anonymous on non-public routes, 403 (field "role") for a role the
 * action does not name, 403 (field "scope") for a read token on a write, and otherwise a pass.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
type Send = (
  method: string,
  url: string,
  body?: unknown,
) => Promise<{ statusCode: number; json: () => { error: { details: { field: string }[] } } }>;
/** `top`: the actor's organizer grant is held at a top region (the province), which some actions need. */
const actors: Record<string, { send: Send; roles: string[]; top?: boolean; scope: 'read' | 'write' | null }> = {};

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const asUser = async (username: string, role: string, top = false) => {
    const client = await login(t.app, username);
    actors[username] = {
      roles: [role],
      top,
      scope: 'write',
      send: (method, url, body) =>
        client.request({ method: method as 'GET', url, ...(body !== undefined && { payload: body as object }) }),
    };
  };
  actors.anonymous = {
    roles: [],
    scope: null,
    send: (method, url, body) =>
      t.app.inject({ method: method as 'GET', url, ...(body !== undefined && { payload: body as object }) }),
  };
  await asUser(world.users.organizer, 'organizer', true);
  await asUser(world.users.cityBOrganizer, 'organizer');
  await asUser(world.users.adminA, 'unit_admin');
  await asUser(world.users.deskA, 'desk_staff');
  await asUser(world.users.responderA, 'responder');
  await asUser(world.users.adminB, 'unit_admin');
  for (const scope of ['read', 'write'] as const) {
    const userId = (await findUserIdByUsername(t.db, world.users.adminA))!;
    const { token } = await createApiToken({ db: t.db, actor: null, userId, name: `matrix-${scope}`, scope });
    actors[`${scope}-token`] = {
      roles: ['unit_admin'],
      scope,
      send: (method, url, body) =>
        t.app.inject({
          method: method as 'GET',
          url,
          headers: { authorization: `Bearer ${token}` },
          ...(body !== undefined && { payload: body as object }),
        }),
    };
  }
}, 600_000);
afterAll(() => t?.close());

function fillPath(url: string): string {
  return url
    .replace(':campaignId', world.campaign.id)
    .replace(':unitId', world.unitA.id)
    .replace(':slug', world.campaign.slug)
    .replace(/:[A-Za-z]+/g, '0190c0de-0000-7000-8000-000000000000');
}

describe('route × role matrix', () => {
  it('gives every API route a policy action that exists', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(15);
    for (const route of api) {
      expect(route.policy, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(ACTIONS), `${route.method} ${route.url}`).toContain(route.policy);
    }
  });

  it('gates the staff routes that act for a citizen by their own actions', () => {
    const policyOf = (method: string, url: string) =>
      t.app.routeTable.find((r) => r.method === method && r.url === url)?.policy;
    expect(policyOf('POST', '/api/v1/cases/:id/return-visits')).toBe('cases.return_visit');
    expect(policyOf('POST', '/api/v1/cases/:id/personal-data/erasure')).toBe('personal_data.erase_on_request');
    expect(ACTIONS['cases.return_visit'].roles).toEqual(['organizer', 'unit_admin', 'responder']);
    expect(ACTIONS['personal_data.erase_on_request'].roles).toEqual(['unit_admin', 'responder']);
  });

  it('refuses to build an app with an API route that has no policy', async () => {
    // The same hook buildApp installs, on an app of its own.
    const app = Fastify();
    const table: { method: string; url: string; policy: string | undefined }[] = [];
    requirePolicies(app, table);
    app.get('/api/v1/guarded', { config: { policy: 'units.read' } }, async () => ({}));
    expect(() => app.get('/api/v1/unguarded', async () => ({}))).toThrow(/declares no policy/);
    expect(table).toEqual([{ method: 'GET', url: '/api/v1/guarded', policy: 'units.read' }]);
  });

  it('lets only an organizer of a top region change the calendar or read the jobs', async () => {
    const holiday = { kind: 'holiday', name: '区里的假日' };
    const district = await actors[world.users.cityBOrganizer]!.send('PUT', '/api/v1/calendar/days/2026-05-20', holiday);
    expect(district.statusCode).toBe(403);
    expect(district.json().error.details[0]!.field).toBe('role');
    expect((await actors[world.users.cityBOrganizer]!.send('GET', '/api/v1/jobs')).statusCode).toBe(403);
    expect((await actors[world.users.cityBOrganizer]!.send('GET', '/api/v1/calendar?year=2026')).statusCode).toBe(200);
    const days = await t.db.query("SELECT 1 FROM holidays WHERE day = '2026-05-20'");
    expect(days.rowCount).toBe(0);
    expect((await actors[world.users.organizer]!.send('GET', '/api/v1/jobs')).statusCode).toBe(200);
  });

  // Hundreds of requests: the timeout is a safety net for a busy machine, not the assertion.
  it('answers every route × actor as the policy says', { timeout: 900_000 }, async () => {
    // Logout ends the session the other checks use, so it goes last.
    const api = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1/') && r.policy)
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    const failures: string[] = [];
    let checked = 0;
    for (const route of api) {
      const rule = ACTIONS[route.policy as Action];
      const url = fillPath(route.url);
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined;
      for (const [name, actor] of Object.entries(actors)) {
        const response = await actor.send(route.method, url, body);
        const status = response.statusCode;
        const field = status === 403 ? response.json().error.details[0]?.field : undefined;
        let expected: string;
        if (rule.roles === 'anyone') expected = 'pass';
        else if (actor.scope === null) expected = '401';
        else if (rule.write && actor.scope === 'read') expected = '403 scope';
        else if (needsTopRegion(route.policy as Action) && !actor.top) expected = '403 role';
        else if (rule.roles === 'user' || actor.roles.some((r) => (rule.roles as readonly string[]).includes(r)))
          expected = 'pass';
        else expected = '403 role';
        const actual =
          status === 401 ? '401' : status === 403 && (field === 'role' || field === 'scope') ? `403 ${field}` : 'pass';
        if (status >= 500) failures.push(`${route.method} ${route.url} as ${name}: ${status}`);
        if (actual !== expected)
          failures.push(`${route.method} ${route.url} as ${name}: expected ${expected}, got ${status} ${field ?? ''}`);
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(api.length * Object.keys(actors).length);
  });
});
