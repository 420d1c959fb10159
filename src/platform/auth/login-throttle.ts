import type { Db } from '../db/database.ts';
import { AppError } from '../http/errors.ts';

/**
 * Sign-in throttling with exponential back-off, per account and per address (ASVS 5.0 V6.3.1).
 * The counts live in the database, so every instance holds the same lock. An account may fail
 * ACCOUNT_FREE times, an address (an office behind one NAT signs in many people) ADDRESS_FREE
 * times; each failure after that locks the key for BASE_MS, doubling, at most MAX_MS. While a key
 * is locked every attempt is refused with 429 before the password is even looked at — a correct
 * one too. A successful sign-in clears its account's count; an address's count is forgotten a day
 * after its last failure (clearing it on success would let one known account reset the guessing
 * of others from the same address).
 */
export const LOGIN_THROTTLE = {
  ACCOUNT_FREE: 5,
  ADDRESS_FREE: 20,
  BASE_MS: 1000,
  MAX_MS: 15 * 60 * 1000,
  FORGET_AFTER_MS: 24 * 60 * 60 * 1000,
} as const;

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** How long a key is locked after its `failures`-th failure in a row (0 while still free). */
export function lockMs(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(LOGIN_THROTTLE.BASE_MS * 2 ** Math.min(failures - free - 1, 30), LOGIN_THROTTLE.MAX_MS);
}

/** Throws 429 with Retry-After (seconds) when the account or the address is locked now. */
export async function checkLoginAllowed(db: Db, username: string, ip: string): Promise<void> {
  const { rows } = await db.query<{ key: string; wait_ms: number }>(
    `SELECT key, ceil(extract(epoch FROM locked_until - now()) * 1000)::float8 AS wait_ms
     FROM login_failures WHERE key = ANY($1::text[]) AND locked_until > now()`,
    [[accountKey(username), addressKey(ip)]],
  );
  if (rows.length === 0) return;
  const waitMs = Math.max(...rows.map((r) => r.wait_ms));
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  const field = rows.some((r) => r.key.startsWith('account:')) ? 'username' : 'address';
  throw new AppError(
    429,
    'rate_limited',
    `Too many failed sign-ins; try again in ${retryAfter} s / 登录失败次数过多，请 ${retryAfter} 秒后再试`,
    [{ field, reason: `is locked for ${retryAfter} s after repeated failed sign-ins` }],
    { 'retry-after': String(retryAfter) },
  );
}

/** Counts a failed sign-in against the account and the address, locking them as the back-off says. */
export async function recordLoginFailure(db: Db, username: string, ip: string): Promise<void> {
  const { ACCOUNT_FREE, ADDRESS_FREE, BASE_MS, MAX_MS, FORGET_AFTER_MS } = LOGIN_THROTTLE;
  // One statement for both keys; the count restarts when the last failure is older than a day.
  await db.query(
    `INSERT INTO login_failures AS f (key, failures, last_failure_at, locked_until)
     SELECT key, 1, now(), NULL FROM unnest($1::text[]) AS key
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.last_failure_at < now() - $2::float8 * interval '1 millisecond' THEN 1 ELSE f.failures + 1 END,
       last_failure_at = now(),
       locked_until = CASE
         WHEN f.last_failure_at < now() - $2::float8 * interval '1 millisecond' THEN NULL
         WHEN f.failures + 1 > (CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $4::int END)
           THEN now() + least(
             $5::float8 * power(2, least(f.failures - (CASE WHEN f.key LIKE 'account:%' THEN $3::int ELSE $4::int END), 30)),
             $6::float8) * interval '1 millisecond'
         ELSE NULL
       END`,
    [[accountKey(username), addressKey(ip)], FORGET_AFTER_MS, ACCOUNT_FREE, ADDRESS_FREE, BASE_MS, MAX_MS],
  );
  // Keys nobody has failed with for a day are dropped now and then, so guessed names do not pile up.
  if (Math.random() < 0.02) {
    await db.query(`DELETE FROM login_failures WHERE last_failure_at < now() - $1::float8 * interval '1 millisecond'`, [
      FORGET_AFTER_MS,
    ]);
  }
}

/** A successful sign-in: the account starts afresh. */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE key = $1', [accountKey(username)]);
}
