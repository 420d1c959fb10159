import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { Authenticator } from '../../platform/auth/authenticate.ts';
import { checkLoginAllowed, LOGIN_THROTTLE, lockMs, recordLoginFailure } from '../../platform/auth/login-throttle.ts';
import { checkPasswordRules, loadCommonPasswords } from '../../platform/auth/passwords.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/app-types.ts';
import { createTestApp, login, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld, TEST_PASSWORD } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
/** A second instance of the server over the same database, as behind a load balancer. */
let other: App;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  other = await buildApp({ db: t.db, config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }) });
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

let address = 0;
/** Each sign-in from an address of its own, unless the test names one (the per-address limit is separate). */
const signIn = (app: App, username: string, password: string, extra: { cookie?: string; ip?: string } = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: extra.ip ?? `10.77.${Math.floor(++address / 250)}.${(address % 250) + 1}`,
    payload: { username, password },
    ...(extra.cookie && { headers: { cookie: extra.cookie } }),
  });
const sessionCookie = (response: { cookies: { name: string; value: string }[] }) =>
  `openday_session=${response.cookies.find((c) => c.name === 'openday_session')!.value}`;
const whoAmI = (app: App, cookie: string) =>
  app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('session id', () => {
  it('is replaced at sign-in: the id held before does not survive it', async () => {
    const before = await signIn(t.app, world.users.deskA, TEST_PASSWORD);
    const held = sessionCookie(before);
    expect((await whoAmI(t.app, held)).statusCode).toBe(200);
    const after = await signIn(t.app, world.users.deskA, TEST_PASSWORD, { cookie: held });
    expect(after.statusCode).toBe(200);
    const fresh = sessionCookie(after);
    expect(fresh).not.toBe(held);
    expect((await whoAmI(t.app, held)).statusCode).toBe(401);
    expect((await whoAmI(t.app, fresh)).statusCode).toBe(200);
  });

  it('planted by someone else before sign-in gives them nothing after it', async () => {
    const planted = 'openday_session=attacker-chosen-value-0123456789abcdef';
    const response = await signIn(t.app, world.users.responderA, TEST_PASSWORD, { cookie: planted });
    expect(sessionCookie(response)).not.toBe(planted);
    expect((await whoAmI(t.app, planted)).statusCode).toBe(401);
  });

  it('is ended at logout on this instance at once, and on every other within the cache time', async () => {
    const cookie = sessionCookie(await signIn(t.app, world.users.adminA, TEST_PASSWORD));
    // Both instances have the session in their cache.
    expect((await whoAmI(t.app, cookie)).statusCode).toBe(200);
    expect((await whoAmI(other, cookie)).statusCode).toBe(200);
    const loggedOut = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(loggedOut.statusCode).toBe(204);
    expect((await whoAmI(t.app, cookie)).statusCode).toBe(401);
    expect(
      (
        await t.db.query('SELECT 1 FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)', [
          world.users.adminA,
        ])
      ).rows,
    ).toEqual([]);
    // The other instance learns it when its cached entry expires (Authenticator.CACHE_MS).
    await sleep(Authenticator.CACHE_MS + 200);
    expect((await whoAmI(other, cookie)).statusCode).toBe(401);
    for (const url of ['/api/v1/consultations', '/api/v1/units', '/api/v1/notifications']) {
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(401);
      expect((await other.inject({ method: 'GET', url, headers: { cookie } })).statusCode).toBe(401);
    }
  });
});

describe('sign-in throttling', () => {
  /**
   * A lock made to last, or ended, by the test: the tests are about who a lock holds back and how
   * long the back-off makes it, which the database states; not about the machine being quick enough
   * to ask again within the one second the first lock lasts.
   */
  const holdLock = (key: string) =>
    t.db.query(`UPDATE login_failures SET locked_until = now() + interval '1 hour' WHERE key = $1`, [key]);
  const endLock = (key: string) =>
    t.db.query(`UPDATE login_failures SET locked_until = now() - interval '1 millisecond' WHERE key = $1`, [key]);
  const lockLength = async (key: string) =>
    Math.round(
      (
        await t.db.query<{ ms: number }>(
          `SELECT extract(epoch FROM locked_until - last_failure_at)::float8 * 1000 AS ms FROM login_failures WHERE key = $1`,
          [key],
        )
      ).rows[0]!.ms,
    );

  it('holds back the address an account failed from after 5 failures, doubling, with 429 + Retry-After', async () => {
    const username = await buildUser(t.db, 'desk_staff', world.unitA.id);
    const account = `account:${username}`;
    const ip = '10.201.0.1';
    for (let i = 1; i <= LOGIN_THROTTLE.ACCOUNT_FREE; i++) {
      expect((await signIn(t.app, username, `wrong-guess-${i}`, { ip })).statusCode).toBe(401);
    }
    // The sixth failure is still answered as a failure, and locks the account for 1 s.
    expect((await signIn(t.app, username, 'wrong-guess-6', { ip })).statusCode).toBe(401);
    expect(await lockLength(account)).toBe(1000);
    await holdLock(account);
    const locked = await signIn(t.app, username, TEST_PASSWORD, { ip });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(locked.json()).toMatchObject({
      error: { code: 'rate_limited', details: [{ field: 'username' }] },
    });
    expect(locked.json().error.message).toMatch(/^该账号.*请 \d+ 秒后再试 \/ Too many failed sign-ins/);
    // The lock is in the database: the other instance holds that address back too.
    expect((await signIn(other, username, TEST_PASSWORD, { ip })).statusCode).toBe(429);
    await endLock(account);
    // The next failure doubles the wait.
    expect((await signIn(t.app, username, 'wrong-guess-7', { ip })).statusCode).toBe(401);
    expect(await lockLength(account)).toBe(2000);
    await endLock(account);
    // Success resets: five more failures are free again.
    expect((await signIn(t.app, username, TEST_PASSWORD, { ip })).statusCode).toBe(200);
    expect((await t.db.query('SELECT 1 FROM login_failures WHERE key = $1', [account])).rows).toEqual([]);
    for (let i = 1; i <= LOGIN_THROTTLE.ACCOUNT_FREE; i++) {
      expect((await signIn(t.app, username, `again-${i}`, { ip })).statusCode).toBe(401);
    }
    expect((await signIn(t.app, username, TEST_PASSWORD, { ip })).statusCode).toBe(200);
  });

  it('backs off exponentially to at most 15 minutes', () => {
    const free = LOGIN_THROTTLE.ACCOUNT_FREE;
    expect([free, free + 1, free + 2, free + 3, free + 4].map((n) => lockMs(n, free))).toEqual([
      0, 1000, 2000, 4000, 8000,
    ]);
    expect(lockMs(free + 10, free)).toBe(512_000);
    expect(lockMs(free + 11, free)).toBe(15 * 60 * 1000);
    expect(lockMs(10_000, free)).toBe(15 * 60 * 1000);
  });

  it('caps the lock stored in the database at 15 minutes', async () => {
    const username = `capped-${Date.now()}`;
    await t.db.query(`INSERT INTO login_failures (key, failures, last_failure_at) VALUES ($1, 500, now())`, [
      `account:${username}`,
    ]);
    await recordLoginFailure(t.db, username, '10.1.2.3');
    const row = await t.db.query<{ failures: number; ms: number }>(
      `SELECT failures, extract(epoch FROM locked_until - last_failure_at)::float8 * 1000 AS ms FROM login_failures WHERE key = $1`,
      [`account:${username}`],
    );
    expect(row.rows[0]).toMatchObject({ failures: 501 });
    expect(Math.round(row.rows[0]!.ms)).toBe(15 * 60 * 1000);
  });

  it('locks an address past its free failures across accounts, even for a right password of another account', async () => {
    const ip = '10.200.0.7';
    for (let i = 0; i < LOGIN_THROTTLE.ADDRESS_FREE; i++) {
      await recordLoginFailure(t.db, `sprayed-${i}`, ip);
      await checkLoginAllowed(t.db, `sprayed-${i + 1}`, ip);
    }
    await recordLoginFailure(t.db, 'sprayed-last', ip);
    expect(await lockLength(`address:${ip}`)).toBe(1000);
    await holdLock(`address:${ip}`);
    const refused = await checkLoginAllowed(t.db, world.users.deskB, ip).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ statusCode: 429, details: [{ field: 'address' }] });
    const response = await signIn(t.app, world.users.deskB, TEST_PASSWORD, { ip });
    expect(response.statusCode).toBe(429);
    expect(response.json().error.details[0].field).toBe('address');
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The same account from elsewhere is not held back by that address.
    expect((await signIn(t.app, world.users.deskB, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a locked unknown account the same way as a known one', async () => {
    const known = await buildUser(t.db, 'responder', world.unitA.id);
    const unknown = `nobody-${Date.now()}`;
    const ip = '10.201.0.2';
    for (const username of [known, unknown]) {
      for (let i = 0; i <= LOGIN_THROTTLE.ACCOUNT_FREE; i++) {
        expect((await signIn(t.app, username, `guess-${i}`, { ip })).statusCode).toBe(401);
      }
      expect(await lockLength(`account:${username}`)).toBe(1000);
      await holdLock(`account:${username}`);
    }
    const a = await signIn(t.app, known, 'guess-x', { ip });
    const b = await signIn(t.app, unknown, 'guess-x', { ip });
    expect(a.statusCode).toBe(429);
    expect(b.statusCode).toBe(429);
    // The same answer but for the seconds left, which differ by when each was asked.
    const shape = (response: typeof a) => JSON.stringify(response.json()).replace(/\d+/g, 'N');
    expect(shape(a)).toBe(shape(b));
    expect(a.json().error.details).toEqual([
      { field: 'username', reason: expect.stringMatching(/^is locked for \d+ s/) },
    ]);
  });
});

describe('password rules (ASVS level 2)', () => {
  it('checks against a list of at least 10,000 common passwords', () => {
    const list = loadCommonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    for (const common of ['123456', 'password', 'woaini1314', '5201314', 'qwertyuiop', '1qaz2wsx3edc']) {
      expect(list.has(common), common).toBe(true);
    }
    for (const common of ['woaini1314520', '1qaz2wsx3edc', 'qwerty123456', '123456789012', 'Password2024!']) {
      expect(checkPasswordRules(common, 'someone'), common).toBe('is too common');
    }
  });

  it('asks for length, not composition: 12 to 128 characters of anything, 64 and more allowed', () => {
    expect(checkPasswordRules('eleven-char', 'someone')).toMatch(/at least 12/);
    expect(checkPasswordRules('plain lowercase words', 'someone')).toBeUndefined();
    expect(checkPasswordRules('政务公开日我们一起来办事情', 'someone')).toBeUndefined();
    expect(checkPasswordRules('x'.repeat(40) + 'a long passphrase of sixty-four chars', 'someone')).toBeUndefined();
    expect(checkPasswordRules('correct horse '.repeat(9).slice(0, 128), 'someone')).toBeUndefined();
    expect(checkPasswordRules('correct horse '.repeat(10), 'someone')).toMatch(/at most 128/);
    expect(checkPasswordRules('my name is desk-lee, hello', 'desk-lee')).toBe('must not contain the username');
  });

  it('refuses a common password through the API with 422 naming the field', async () => {
    const admin = await login(t.app, world.users.adminA);
    const response = await admin.request({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: `desk-common-${Date.now()}`,
        displayName: '新人',
        password: 'woaini1314520',
        role: 'desk_staff',
        unitId: world.unitA.id,
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([{ field: 'password', reason: 'is too common' }]);
  });
});
