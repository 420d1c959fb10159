import type { Db } from '../db/database.ts';
import { AppError } from '../http/errors.ts';

/**
 * Sign-in throttling that slows guessing without handing anyone a way to lock others out
 * (ASVS 5.0 V6.3.1; ADR 13). Only failures count, never successes. The counts live in the
 * database, so every instance holds the same locks.
 *
 * - The account: it may fail ACCOUNT_FREE times; each failure after that locks it for BASE_MS,
 *   doubling, at most MAX_MS. The lock holds back only the addresses the account failed from:
 *   an address that has not failed for this account is still let through to the password check, so
 *   whoever guesses at an account cannot keep its owner out. Each new address gets one guess at a
 *   locked account, then waits like the rest.
 * - The address: every failure from it, whatever the account, fills a bucket that empties by one
 *   every ADDRESS_FORGIVE_MS; past ADDRESS_FREE the address is locked (the same doubling) for every
 *   account. An office of hundreds behind one NAT mistypes well under that; a password sprayer
 *   from one address gets ADDRESS_FREE guesses and then about one per ADDRESS_FORGIVE_MS.
 * - The pair (address, account) remembers that this address failed for this account.
 *
 * A successful sign-in clears its account's count and its pair; an address's bucket only drains
 * with time (clearing it on success would let one known account reset the guessing of others from
 * the same address). A count restarts when its last failure is older than FORGET_AFTER_MS.
 */
export const LOGIN_THROTTLE = {
  ACCOUNT_FREE: 5,
  ADDRESS_FREE: 30,
  ADDRESS_FORGIVE_MS: 2 * 60 * 1000,
  BASE_MS: 1000,
  MAX_MS: 15 * 60 * 1000,
  FORGET_AFTER_MS: 24 * 60 * 60 * 1000,
} as const;

const normalizeUsername = (username: string) => username.trim().toLowerCase();
export const accountKey = (username: string) => `account:${normalizeUsername(username)}`;
export const addressKey = (ip: string) => `address:${ip}`;
/** An address never contains "|", so the pair key cannot be mistaken for another. */
export const pairKey = (username: string, ip: string) => `pair:${ip}|${normalizeUsername(username)}`;

/** How long a key is locked after its `failures`-th failure in a row (0 while still free). */
export function lockMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(LOGIN_THROTTLE.BASE_MS * 2 ** Math.min(failures - free - 1, 30), LOGIN_THROTTLE.MAX_MS);
}

/**
 * Throws 429 with Retry-After (seconds) when the address is locked, or when the account is locked
 * and this address is one it failed from. Anything else goes on to the password check.
 */
export async function checkLoginAllowed(db: Db, username: string, ip: string): Promise<void> {
  const { rows } = await db.query<{ key: string; wait_ms: number | null }>(
    `SELECT key, CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()) * 1000)::float8 END AS wait_ms
     FROM login_failures
     WHERE key = ANY($1::text[]) AND last_failure_at >= now() - $2::float8 * interval '1 millisecond'`,
    [[accountKey(username), addressKey(ip), pairKey(username, ip)], LOGIN_THROTTLE.FORGET_AFTER_MS],
  );
  const waitOf = (prefix: string) => rows.find((r) => r.key.startsWith(prefix))?.wait_ms ?? null;
  const address = waitOf('address:');
  const account = rows.some((r) => r.key.startsWith('pair:')) ? waitOf('account:') : null;
  if (address === null && account === null) return;
  const field = account !== null ? 'username' : 'address';
  const retryAfter = Math.max(1, Math.ceil(Math.max(address ?? 0, account ?? 0) / 1000));
  throw new AppError(
    429,
    'rate_limited',
    field === 'username'
      ? `该账号从您的网络地址登录失败次数过多，请 ${retryAfter} 秒后再试 / Too many failed sign-ins to this account from your address; try again in ${retryAfter} s`
      : `您的网络地址登录失败次数过多，请 ${retryAfter} 秒后再试 / Too many failed sign-ins from your address; try again in ${retryAfter} s`,
    [{ field, reason: `is locked for ${retryAfter} s after repeated failed sign-ins` }],
    { 'retry-after': String(retryAfter) },
  );
}

/**
 * Counts a failed sign-in against the account, the address and the pair, locking the first two as
 * the back-off says. One statement for the three keys, so concurrent failures all count.
 */
export async function recordLoginFailure(db: Db, username: string, ip: string): Promise<void> {
  const { ACCOUNT_FREE, ADDRESS_FREE, ADDRESS_FORGIVE_MS, BASE_MS, MAX_MS, FORGET_AFTER_MS } = LOGIN_THROTTLE;
  // The failures already standing: none after a day's quiet; an address's minus those forgiven since.
  const before = `(CASE
    WHEN f.last_failure_at < now() - $2::float8 * interval '1 millisecond' THEN 0
    WHEN f.key LIKE 'address:%'
      THEN greatest(0, f.failures - floor(extract(epoch FROM now() - f.last_failure_at) * 1000 / $4::float8)::int)
    ELSE f.failures END)`;
  const free = `(CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $5::int END)`;
  await db.query(
    `INSERT INTO login_failures AS f (key, failures, last_failure_at, locked_until)
     SELECT key, 1, now(), NULL FROM unnest($1::text[]) AS key
     ON CONFLICT (key) DO UPDATE SET
       failures = ${before} + 1,
       last_failure_at = now(),
       locked_until = CASE
         WHEN f.key LIKE 'pair:%' OR ${before} + 1 <= ${free} THEN NULL
         ELSE now() + least($6::float8 * power(2, least(${before} - ${free}, 30)), $7::float8) * interval '1 millisecond'
       END`,
    [
      [accountKey(username), addressKey(ip), pairKey(username, ip)],
      FORGET_AFTER_MS,
      ACCOUNT_FREE,
      ADDRESS_FORGIVE_MS,
      ADDRESS_FREE,
      BASE_MS,
      MAX_MS,
    ],
  );
  // Keys nobody has failed with for a day are dropped now and then, so guessed names do not pile up.
  if (Math.random() < 0.02) {
    await db.query(`DELETE FROM login_failures WHERE last_failure_at < now() - $1::float8 * interval '1 millisecond'`, [
      FORGET_AFTER_MS,
    ]);
  }
}

/** A successful sign-in: the account starts afresh, and so does this address's record with it. */
export async function clearLoginFailures(db: Db, username: string, ip: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key = ANY($1::text[])', [
    [accountKey(username), pairKey(username, ip)],
  ]);
}
