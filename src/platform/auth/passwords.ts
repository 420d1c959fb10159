import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { Type } from 'typebox';

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

/** Where the list of common passwords lives: one a line, lower case, `#` lines are its header. */
export const COMMON_PASSWORDS_FILE = new URL('./common-passwords.txt', import.meta.url);

let commonPasswords: Set<string> | undefined;

/** The common passwords, read once on first use (about 90,000, from leaked-password frequency lists). */
export function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const lines = fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n');
    const start = lines.findIndex((line) => !line.startsWith('#'));
    commonPasswords = new Set(lines.slice(start).filter(Boolean));
  }
  return commonPasswords;
}

/** The shortest and longest password taken (ASVS 5.0 V6.2.1 and V6.2.9: at least 12, at least 64 allowed). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * ASVS level 2: length over composition (no rule about character classes), at least 12 characters,
 * up to 128, and not a common password nor the username. Answers the reason, or undefined when fine.
 */
export function checkPasswordRules(password: string, username: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters long`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters long`;
  const lower = password.toLowerCase();
  if (loadCommonPasswords().has(lower)) return 'is too common';
  if (lower.includes(username.toLowerCase()) && username.length >= 3) return 'must not contain the username';
  if (new Set(password).size < 4) return 'has too few different characters';
  return undefined;
}

/** A new password, as every route that sets one takes it (the rules above are checked after). */
export const NewPassword = Type.String({
  minLength: 12,
  maxLength: 128,
  description: 'At least 12 characters; common passwords are refused',
});
