import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** A hash to compare against when the user does not exist, so that timing does not tell. */
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash('not-a-real-password', OPTIONS);
  try {
    return await verify(passwordHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  '123456789012',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'qwerty123456',
  'iloveyou',
  'admin123456',
  'administrator',
  'letmein12345',
  'welcome12345',
  'passw0rd1234',
  '1q2w3e4r5t6y',
  'aaaaaaaaaaaa',
  'abcdefghijkl',
  'woaini1314520',
  'a123456789',
  'qq123456789',
  '88888888',
  '11111111',
  '00000000',
  '66666666',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'changeme1234',
  'openday12345',
]);

/** ASVS level 2: length over composition, at least 12 characters, not a common password. */
export function checkPasswordRules(password: string, username: string): string | undefined {
  if ([...password].length < 12) return 'must be at least 12 characters long';
  if ([...password].length > 128) return 'must be at most 128 characters long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'is too common';
  if (lower.includes(username.toLowerCase()) && username.length >= 3) return 'must not contain the username';
  if (new Set(password).size < 4) return 'has too few different characters';
  return undefined;
}
