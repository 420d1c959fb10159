import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.ts';
import { buildWorld, TEST_PASSWORD } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
});
afterAll(() => t?.close());

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user, roles and CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: world.users.adminA, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'openday_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const body = response.json();
    expect(body.user.memberships).toEqual([{ unitId: world.unitA.id, role: 'unit_admin' }]);
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.rows.some((r) => r.token_hash === cookie.value)).toBe(false);
  });

  it('gives a fresh session id at every sign-in', async () => {
    const a = await login(t.app, world.users.deskA);
    const b = await login(t.app, world.users.deskA);
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('refuses a wrong password with 401 and the error shape, the same as an unknown user', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: world.users.adminA, password: 'not-the-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody-at-all', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('ends the session at logout', async () => {
    const client = await login(t.app, world.users.responderA);
    expect((await client.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);
    expect((await client.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await client.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('creates a token that reads, and a read token that cannot write', async () => {
    const admin = await login(t.app, world.users.adminA);
    const read = (
      await admin.request({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'dashboard', scope: 'read' } })
    ).json();
    const write = (
      await admin.request({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'intake', scope: 'write' } })
    ).json();
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/consultations', headers: as(read.token) })).statusCode,
    ).toBe(200);
    const body = { campaignId: world.campaign.id, unitId: world.unitA.id, question: '令牌' };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultations',
      headers: as(read.token),
      payload: body,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details[0].field).toBe('scope');
    // Bearer requests need no CSRF token: no cookie is involved.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/consultations', headers: as(write.token), payload: body }))
        .statusCode,
    ).toBe(201);
    const stored = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(stored.rows.some((r) => r.token_hash === write.token)).toBe(false);
  });

  it('answers 401 for an unknown or malformed token', async () => {
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/units',
          headers: { authorization: 'Bearer od_unknown_token_value_123456' },
        })
      ).statusCode,
    ).toBe(401);
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/units',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
    expect(malformed.json().error.details[0].field).toBe('authorization');
  });
});

describe('staff accounts', () => {
  it('lets a unit admin add desk staff to their unit, with ASVS password rules', async () => {
    const admin = await login(t.app, world.users.adminA);
    const newDesk = { username: 'desk-new', displayName: '新人', role: 'desk_staff', unitId: world.unitA.id };
    const addUser = (payload: Record<string, string>) =>
      admin.request({ method: 'POST', url: '/api/v1/users', payload: { ...newDesk, ...payload } });
    const weak = await addUser({ password: 'qwerty123456' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details[0]).toEqual({ field: 'password', reason: 'is too common' });
    const short = await addUser({ password: 'short' });
    expect(short.statusCode).toBe(400);
    const created = await addUser({ password: 'a long enough passphrase' });
    expect(created.statusCode).toBe(201);
    expect((await login(t.app, 'desk-new', 'a long enough passphrase')).csrfToken).toBeTruthy();
    const promote = await addUser({
      username: 'boss-new',
      displayName: '新领导',
      password: 'a long enough passphrase',
      role: 'organizer',
    });
    expect(promote.statusCode).toBe(403);
    const otherUnit = await addUser({
      username: 'spy-new',
      displayName: '外人',
      password: 'a long enough passphrase',
      unitId: world.unitB.id,
    });
    expect(otherUnit.statusCode).toBe(403);
  });
});
