import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld, TEST_PASSWORD } from '../../../test/builders.ts';
import { findUserIdByUsername } from './repository.ts';

/**
 * Every grant can be taken back: API tokens are listed, expire and are revoked; an account is
 * disabled (its sessions and tokens end at once) and enabled; one's own password is changed (the
 * other sessions end) and an admin resets a user's. Each is audited.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
});
afterAll(() => t?.close());

const NEW_PASSWORD = 'a brand new passphrase 2026';

async function makeToken(client: Client, body: Record<string, unknown> = { name: 'integration', scope: 'read' }) {
  return client.request({ method: 'POST', url: '/api/v1/auth/tokens', payload: body });
}

const withToken = (token: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { authorization: `Bearer ${token}` } });

async function auditOf(entityId: string) {
  const { rows } = await t.db.query<{ action: string; actor_user_id: string }>(
    'SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((r) => r.action);
}

describe('API tokens', () => {
  it('expire after 90 days unless told otherwise, and never later than the configured maximum', async () => {
    const desk = await login(t.app, world.users.deskA);
    const made = await makeToken(desk);
    expect(made.statusCode).toBe(201);
    const days = (Date.parse(made.json().expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const tooLong = await makeToken(desk, { name: 'forever', scope: 'read', expiresInDays: 3000 });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.details).toEqual([{ field: 'expiresInDays', reason: expect.stringMatching(/365/) }]);
    const { rows } = await t.db.query("SELECT 1 FROM api_tokens WHERE name = 'forever'");
    expect(rows).toHaveLength(0);
  });

  it('lists one’s own tokens without the secret, and revokes them at once', async () => {
    const responder = await login(t.app, world.users.responderA);
    const { token, id } = (await makeToken(responder)).json();
    expect((await withToken(token)).statusCode).toBe(200);
    const list = await responder.request({ method: 'GET', url: '/api/v1/auth/tokens' });
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((i: { id: string }) => i.id === id);
    expect(listed).toMatchObject({ name: 'integration', scope: 'read', state: 'active', revokedAt: null });
    expect(list.body).not.toContain(token);

    const revoked = await responder.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().state).toBe('revoked');
    expect((await withToken(token)).statusCode).toBe(401);
    expect(await auditOf(id)).toEqual(['create', 'revoke']);
  });

  it('lets the unit admin list and revoke a staff member’s token, but not another unit’s admin', async () => {
    const desk = await login(t.app, world.users.deskA);
    const { token, id } = (await makeToken(desk)).json();
    const deskId = (await findUserIdByUsername(t.db, world.users.deskA))!;

    const otherAdmin = await login(t.app, world.users.adminB);
    const refusedList = await otherAdmin.request({ method: 'GET', url: `/api/v1/auth/tokens?userId=${deskId}` });
    expect(refusedList.statusCode).toBe(403);
    expect(refusedList.json().error.details[0].field).toBe('userId');
    expect((await otherAdmin.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` })).statusCode).toBe(404);
    // A desk colleague is no manager either.
    const colleague = await login(t.app, world.users.responderA);
    expect((await colleague.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` })).statusCode).toBe(404);
    expect((await withToken(token)).statusCode).toBe(200);

    const admin = await login(t.app, world.users.adminA);
    const list = await admin.request({ method: 'GET', url: `/api/v1/auth/tokens?userId=${deskId}` });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` })).statusCode).toBe(200);
    expect((await withToken(token)).statusCode).toBe(401);
  });
});

describe('disabling an account', () => {
  it('ends its sessions and tokens at once, refuses its sign-in, and enabling lets it sign in again', async () => {
    const username = await buildUser(t.db, 'desk_staff', world.unitA.id);
    const userId = (await findUserIdByUsername(t.db, username))!;
    const session = await login(t.app, username);
    const { token } = (await makeToken(session, { name: 'sync', scope: 'write' })).json();
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);

    const admin = await login(t.app, world.users.adminA);
    const disabled = await admin.request({ method: 'POST', url: `/api/v1/users/${userId}/disable` });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toEqual({ userId, disabled: true, sessionsEnded: 1, tokensRevoked: 1 });
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    expect((await withToken(token)).statusCode).toBe(401);
    await expect(login(t.app, username)).rejects.toThrow(/401/);
    const listed = await admin.request({ method: 'GET', url: `/api/v1/users?unitId=${world.unitA.id}` });
    expect(listed.json().items.find((u: { id: string }) => u.id === userId).disabledAt).toEqual(expect.any(String));

    const enabled = await admin.request({ method: 'POST', url: `/api/v1/users/${userId}/enable` });
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect(
      (await (await login(t.app, username)).request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode,
    ).toBe(200);
    // The tokens revoked with the account stay revoked.
    expect((await withToken(token)).statusCode).toBe(401);
    expect(await auditOf(userId)).toEqual(['disable', 'enable']);
  });

  it('is refused for one’s own account, an organizer’s (by a unit admin) and another unit’s users', async () => {
    const admin = await login(t.app, world.users.adminA);
    const self = (await findUserIdByUsername(t.db, world.users.adminA))!;
    const own = await admin.request({ method: 'POST', url: `/api/v1/users/${self}/disable` });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.details).toEqual([{ field: 'userId', reason: 'is your own account' }]);
    const organizer = (await findUserIdByUsername(t.db, world.users.organizer))!;
    expect((await admin.request({ method: 'POST', url: `/api/v1/users/${organizer}/disable` })).statusCode).toBe(403);
    const deskB = (await findUserIdByUsername(t.db, world.users.deskB))!;
    expect((await admin.request({ method: 'POST', url: `/api/v1/users/${deskB}/disable` })).statusCode).toBe(403);
    const unknown = await admin.request({
      method: 'POST',
      url: '/api/v1/users/0190c0de-0000-7000-8000-000000000000/disable',
    });
    expect(unknown.statusCode).toBe(404);
    const { rows } = await t.db.query('SELECT 1 FROM users WHERE disabled_at IS NOT NULL AND id = ANY($1::uuid[])', [
      [self, organizer, deskB],
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('passwords', () => {
  it('changes one’s own: the other sessions end, this one goes on, the old password no longer works', async () => {
    const username = await buildUser(t.db, 'responder', world.unitA.id);
    const here = await login(t.app, username);
    const there = await login(t.app, username);
    const wrong = await here.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0].field).toBe('currentPassword');
    const common = await here.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'password1234' },
    });
    expect(common.statusCode).toBe(422);
    expect(common.json().error.details[0].field).toBe('newPassword');
    expect((await login(t.app, username)).cookie).toBeTruthy();

    const changed = await here.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().sessionsEnded).toBe(2);
    expect((await here.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);
    expect((await there.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    await expect(login(t.app, username)).rejects.toThrow(/401/);
    expect((await login(t.app, username, NEW_PASSWORD)).cookie).toBeTruthy();
    const userId = (await findUserIdByUsername(t.db, username))!;
    expect(await auditOf(userId)).toEqual(['change_password']);
    const { rows } = await t.db.query<{ after: string }>(
      "SELECT after::text FROM audit_log WHERE entity_id = $1 AND action = 'change_password'",
      [userId],
    );
    expect(rows[0]!.after).not.toContain(NEW_PASSWORD);
  });

  it('is reset by the unit admin: every session of the user ends and the new password works', async () => {
    const username = await buildUser(t.db, 'desk_staff', world.subUnitA.id);
    const userId = (await findUserIdByUsername(t.db, username))!;
    const session = await login(t.app, username);
    const admin = await login(t.app, world.users.adminA);
    const weak = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${userId}/password`,
      payload: { password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const reset = await admin.request({
      method: 'POST',
      url: `/api/v1/users/${userId}/password`,
      payload: { password: NEW_PASSWORD },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ userId, sessionsEnded: 1 });
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
    expect((await login(t.app, username, NEW_PASSWORD)).cookie).toBeTruthy();
    expect(await auditOf(userId)).toEqual(['reset_password']);
    const desk = await login(t.app, world.users.deskA);
    const refused = await desk.request({
      method: 'POST',
      url: `/api/v1/users/${userId}/password`,
      payload: { password: NEW_PASSWORD },
    });
    expect(refused.statusCode).toBe(403);
  });
});
