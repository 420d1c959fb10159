import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { addressKey, LOGIN_THROTTLE, pairKey, recordLoginFailure } from '../../platform/auth/login-throttle.ts';
import type { App } from '../../platform/http/app-types.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld, TEST_PASSWORD } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
/** The same server behind one nginx: TRUST_PROXY=1, the socket is the proxy's. */
let proxied: App;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  proxied = await buildApp({
    db: t.db,
    config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused', TRUST_PROXY: '1' }),
  });
});
afterAll(async () => {
  await proxied?.close();
  await t?.close();
});

const signIn = (app: App, username: string, password: string, remoteAddress: string, forwardedFor?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    payload: { username, password },
    ...(forwardedFor !== undefined && { headers: { 'x-forwarded-for': forwardedFor } }),
  });

let addresses = 0;
const freshAddress = () => `10.66.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

const failuresOf = async (key: string) =>
  (await t.db.query<{ failures: number }>('SELECT failures FROM login_failures WHERE key = $1', [key])).rows[0]
    ?.failures ?? 0;

/** `n` accounts of one unit sharing the test password (hashed once: argon2 is slow on purpose). */
async function buildAccounts(n: number): Promise<string[]> {
  const first = await buildUser(t.db, 'desk_staff', world.unitA.id);
  const { rows } = await t.db.query<{ username: string }>(
    `WITH made AS (
       INSERT INTO users (id, username, display_name, password_hash)
       SELECT gen_random_uuid(), u.username || '-' || i, u.display_name, u.password_hash
       FROM users u, generate_series(2, $2::int) AS i WHERE u.username = $1
       RETURNING id, username)
     , granted AS (INSERT INTO memberships (user_id, unit_id, role) SELECT id, $3, 'desk_staff' FROM made)
     SELECT username FROM made`,
    [first, n, world.unitA.id],
  );
  return [first, ...rows.map((r) => r.username)];
}

describe('TRUST_PROXY', () => {
  it('takes a number of hops or a list of proxy addresses, and refuses "trust every hop"', () => {
    const read = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    expect(read('')).toBe(false);
    expect(read('0')).toBe(false);
    expect(read('1')).toBe(1);
    expect(read('2')).toBe(2);
    expect(read('10.0.0.5, 10.1.0.0/16,::1,fd00::/8')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
    for (const bad of ['true', 'all', '10.0.0.300', '10.0.0.0/33', '::1/129', '10.0.0.1,', '11']) {
      expect(() => read(bad), bad).toThrow(ConfigError);
    }
    expect(() => read('true')).toThrow(/number of proxy hops .* or a comma-separated list/);
  });

  it('with 1 hop, a forged X-Forwarded-For entry does not change the address the throttle counts', async () => {
    const proxy = '127.0.0.1';
    const client = '203.0.113.9';
    const usernames = Array.from({ length: LOGIN_THROTTLE.ADDRESS_FREE + 1 }, (_, i) => `nobody-${i}-${Date.now()}`);
    // A client who reaches nginx sends its own X-Forwarded-For; a proxy that appends puts the real
    // address last, and only the last entry (the one the trusted proxy saw) is believed.
    for (const [i, username] of usernames.entries()) {
      const response = await signIn(proxied, username, 'guessing', proxy, `198.51.100.${i + 1}, ${client}`);
      expect(response.statusCode, response.body).toBe(401);
    }
    expect(await failuresOf(addressKey(client))).toBe(LOGIN_THROTTLE.ADDRESS_FREE + 1);
    const forged = await t.db.query(`SELECT key FROM login_failures WHERE key LIKE 'address:198.51.100.%'`);
    expect(forged.rows).toEqual([]);
    expect(await failuresOf(addressKey(proxy))).toBe(0);
    // The address is now held back, whatever it claims to be next (the lock made to last: this is
    // about which address is held back, not about answering within the first lock's second).
    await t.db.query(`UPDATE login_failures SET locked_until = now() + interval '1 hour' WHERE key = $1`, [
      addressKey(client),
    ]);
    const refused = await signIn(proxied, world.users.deskB, TEST_PASSWORD, proxy, `192.0.2.77, ${client}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.details).toEqual([{ field: 'address', reason: expect.stringContaining('locked') }]);
    // Another client behind the same proxy is not.
    expect((await signIn(proxied, world.users.deskB, TEST_PASSWORD, proxy, '203.0.113.10')).statusCode).toBe(200);
  });
});

describe('sign-in limits that fit a crowd', () => {
  it('lets 100 staff of one office sign in from one address (one NAT), one after another and at once', async () => {
    const office = '10.66.250.1';
    const accounts = await buildAccounts(100);
    const inTurn = [];
    for (const username of accounts.slice(0, 50))
      inTurn.push((await signIn(t.app, username, TEST_PASSWORD, office)).statusCode);
    const atOnce = await Promise.all(
      accounts.slice(50).map(async (username) => (await signIn(t.app, username, TEST_PASSWORD, office)).statusCode),
    );
    expect([...inTurn, ...atOnce]).toEqual(accounts.map(() => 200));
    // Successes leave nothing behind in the throttle.
    expect(await failuresOf(addressKey(office))).toBe(0);
  });

  it('counts a few typos in the office against nobody else', async () => {
    const office = '10.66.250.2';
    const accounts = await buildAccounts(20);
    for (const username of accounts) {
      expect((await signIn(t.app, username, 'a typo in it', office)).statusCode).toBe(401);
      expect((await signIn(t.app, username, TEST_PASSWORD, office)).statusCode).toBe(200);
    }
    expect(await failuresOf(addressKey(office))).toBe(20);
  });
});

describe('throttling that cannot be turned into a lock-out', () => {
  it('never refuses the right password from an address that has not failed, while the guesser waits', async () => {
    const owner = await buildUser(t.db, 'responder', world.unitA.id);
    const guesser = freshAddress();
    for (let i = 0; i <= LOGIN_THROTTLE.ACCOUNT_FREE; i++) {
      expect((await signIn(t.app, owner, `guess-${i}`, guesser)).statusCode).toBe(401);
    }
    // Locked by the back-off. A long lock, so that this test does not depend on the machine's speed:
    // what matters is who the lock holds back, not how long it lasts (session-security.test.ts).
    await t.db.query(`UPDATE login_failures SET locked_until = now() + interval '1 hour' WHERE key = $1`, [
      `account:${owner}`,
    ]);
    const held = await signIn(t.app, owner, TEST_PASSWORD, guesser);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.details).toEqual([{ field: 'username', reason: expect.stringContaining('locked') }]);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(3000);
    // The owner at their desk signs in.
    const desk = freshAddress();
    expect((await signIn(t.app, owner, TEST_PASSWORD, desk)).statusCode).toBe(200);
    // Which starts the account afresh, with this address's record; the guesser's stays.
    expect(await failuresOf(`account:${owner}`)).toBe(0);
    expect(await failuresOf(pairKey(owner, desk))).toBe(0);
    expect(await failuresOf(pairKey(owner, guesser))).toBe(LOGIN_THROTTLE.ACCOUNT_FREE + 1);
  });

  it('gives a new address one guess at a locked account, then holds it back too', async () => {
    const owner = await buildUser(t.db, 'responder', world.unitA.id);
    for (let i = 0; i <= LOGIN_THROTTLE.ACCOUNT_FREE; i++) await signIn(t.app, owner, `guess-${i}`, freshAddress());
    await t.db.query(`UPDATE login_failures SET locked_until = now() + interval '1 hour' WHERE key = $1`, [
      `account:${owner}`,
    ]);
    const another = freshAddress();
    expect((await signIn(t.app, owner, 'one more guess', another)).statusCode).toBe(401);
    expect((await signIn(t.app, owner, 'and another', another)).statusCode).toBe(429);
    expect((await signIn(t.app, owner, TEST_PASSWORD, another)).statusCode).toBe(429);
    // The failure counted and doubled the account's back-off.
    expect(await failuresOf(`account:${owner}`)).toBe(LOGIN_THROTTLE.ACCOUNT_FREE + 2);
  });

  it('still holds back an address spraying guesses over many accounts', async () => {
    const sprayer = freshAddress();
    // Well past the free failures, so the lock is minutes long and holds however slow the machine.
    for (let i = 0; i < LOGIN_THROTTLE.ADDRESS_FREE + 10; i++) await recordLoginFailure(t.db, `sprayed-${i}`, sprayer);
    const refused = await signIn(t.app, world.users.deskA, TEST_PASSWORD, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.details[0].field).toBe('address');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    // Each failure is forgiven after a while: a bucket that drains, not a count that only grows.
    await t.db.query(
      `UPDATE login_failures SET last_failure_at = last_failure_at - $2::float8 * interval '1 millisecond',
         locked_until = NULL WHERE key = $1`,
      [addressKey(sprayer), (LOGIN_THROTTLE.ADDRESS_FREE + 10) * LOGIN_THROTTLE.ADDRESS_FORGIVE_MS],
    );
    await recordLoginFailure(t.db, 'sprayed-after', sprayer);
    expect(await failuresOf(addressKey(sprayer))).toBe(1);
  });
});
