import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Wrong proofs of a tracking code (ADR 17): a code may be given a wrong proof FREE times; each
 * wrong proof after that refuses the code for BASE_MS, doubling, at most MAX_MS, on every
 * instance (the counts are rows). A right proof clears the count; a count is forgotten a day after
 * its last failure. Last four digits are 10,000 guesses: at most about 10 a day per code.
 */
export const PROOF_THROTTLE = {
  FREE: 5,
  BASE_MS: 15 * 60 * 1000,
  MAX_MS: 24 * 60 * 60 * 1000,
  FORGET_AFTER_MS: 24 * 60 * 60 * 1000,
} as const;

/** What the citizen proves the case is theirs with, and what it is checked against. */
export interface HeldContact {
  visitor_phone: string | null;
  contact_email: string | null;
  visitor_name: string | null;
}

/**
 * Whether the proof matches what the citizen gave: the last four digits of the phone; without a
 * phone, the e-mail address; without either, the name. With nothing held there is nothing to
 * protect, and any proof does.
 */
export function proofMatches(held: HeldContact, proof: string): boolean {
  const given = proof.trim();
  if (held.visitor_phone) {
    const digits = held.visitor_phone.replace(/\D/g, '');
    return digits.length >= 4 && given.replace(/[\s-]/g, '') === digits.slice(-4);
  }
  if (held.contact_email) return given.toLowerCase() === held.contact_email.trim().toLowerCase();
  if (held.visitor_name) return given.replace(/\s/g, '') === held.visitor_name.replace(/\s/g, '');
  return true;
}

/** Throws 429 with Retry-After while the code is refused after too many wrong proofs. */
export async function checkProofAllowed(db: Db, key: string): Promise<void> {
  const { rows } = await db.query<{ wait_ms: number }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()) * 1000)::float8 AS wait_ms
     FROM proof_failures WHERE key = $1 AND locked_until > now()`,
    [key],
  );
  if (rows.length === 0) return;
  const retryAfter = Math.max(1, Math.ceil(rows[0]!.wait_ms / 1000));
  throw new AppError(
    429,
    'rate_limited',
    `Too many wrong attempts for this code; try again in ${retryAfter} s / 该查询码尝试错误次数过多，请 ${retryAfter} 秒后再试`,
    [{ field: 'proof', reason: `is refused for ${retryAfter} s after repeated wrong attempts` }],
    { 'retry-after': String(retryAfter) },
  );
}

/** Counts a wrong proof (or an unknown code) against the code, refusing it as the back-off says. */
export async function recordProofFailure(db: Db, key: string): Promise<void> {
  const { FREE, BASE_MS, MAX_MS, FORGET_AFTER_MS } = PROOF_THROTTLE;
  await db.query(
    `INSERT INTO proof_failures AS f (key, failures, last_failure_at, locked_until)
     VALUES ($1, 1, now(), NULL)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.last_failure_at < now() - $2::float8 * interval '1 millisecond' THEN 1 ELSE f.failures + 1 END,
       last_failure_at = now(),
       locked_until = CASE
         WHEN f.last_failure_at < now() - $2::float8 * interval '1 millisecond' THEN NULL
         WHEN f.failures + 1 > $3::int
           THEN now() + least($4::float8 * power(2, least(f.failures - $3::int, 30)), $5::float8) * interval '1 millisecond'
         ELSE NULL
       END`,
    [key, FORGET_AFTER_MS, FREE, BASE_MS, MAX_MS],
  );
  if (Math.random() < 0.02) {
    await db.query(`DELETE FROM proof_failures WHERE last_failure_at < now() - $1::float8 * interval '1 millisecond'`, [
      FORGET_AFTER_MS,
    ]);
  }
}

/** A right proof: the code starts afresh. */
export async function clearProofFailures(db: Db, key: string): Promise<void> {
  await db.query('DELETE FROM proof_failures WHERE key = $1', [key]);
}
