/**
 * The citizen's tracking code, made the same way on the server and on the desk's phone (which
 * gives it on the spot, offline: ADR 26): 60 random bits from the platform's CSPRNG
 * (`crypto.getRandomValues`, in Node and in browsers) as 12 Crockford base32 characters,
 * shown XXXX-XXXX-XXXX. Public (the citizen holds it) and not enumerable: guessing one takes
 * about 2^59 tries. Nothing in it is sequential or derived from the device.
 */

/** Crockford's base32: no I, L, O or U, so a code read out on the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code in its stored form, as the schemas and the database's CHECK accept it. */
export const TRACKING_CODE_PATTERN = '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$';

export function newTrackingCode(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  let bits = new DataView(bytes.buffer).getBigUint64(0) >> 4n;
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
