import crypto from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read out on the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new tracking code: 60 random bits as 12 Crockford base32 characters, shown XXXX-XXXX-XXXX.
 * Public (the citizen holds it) and not enumerable: guessing one takes about 2^59 tries.
 */
export function newTrackingCode(): string {
  let bits = crypto.randomBytes(8).readBigUInt64BE() >> 4n;
  let code = '';
  for (let i = 0; i < 12; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return formatTrackingCode(code);
}

function formatTrackingCode(plain: string): string {
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8, 12)}`;
}

/**
 * A code as a person typed it, in its stored form, or undefined when it cannot be one: case and
 * spaces or dashes do not matter, and I/L read as 1, O as 0 (Crockford's rule).
 */
export function normalizeTrackingCode(input: string): string | undefined {
  if (input.length > 40) return undefined;
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(plain)) return undefined;
  return formatTrackingCode(plain);
}

/** The case's reference as staff see it (K-3F9A2C71); shared with features that name a case they link to. */
export { caseReference } from '../../domain/case-reference.ts';
