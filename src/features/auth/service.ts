import { newId } from '../../platform/ids.ts';
import type { Database } from '../../platform/db/database.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import {
  deleteSession,
  findUserForLogin,
  findUserWithGrants,
  insertApiToken,
  insertSession,
  randomToken,
  sha256,
} from '../../platform/auth/auth-repository.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from '../../platform/auth/login-throttle.ts';
import { AppError } from '../../platform/http/errors.ts';
import { writeAudit } from '../../platform/audit.ts';

export const SESSION_DAYS = 7;

/**
 * Checks a username and password and opens a new session. The session id is new at every sign-in
 * and the session the browser held before (if any) is ended, so an id planted before sign-in is
 * worth nothing after it. Repeated failures hold back the address they came from, and the account
 * at the addresses it failed from, for a while (platform/auth/login-throttle.ts); the right password
 * from an address that has not failed is never refused, so nobody can lock an account's owner out.
 * Answers the new session and the hash of the session ended, for the caller's cache.
 */
export async function login({
  db,
  username,
  password,
  ip,
  userAgent,
  previousToken,
}: {
  db: Database;
  username: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
  previousToken?: string | undefined;
}) {
  await checkLoginAllowed(db, username, ip);
  const found = await findUserForLogin(db, username);
  const ok = await verifyPassword(found?.password_hash, password);
  if (!found || !ok) {
    await recordLoginFailure(db, username, ip);
    throw new AppError(401, 'invalid_credentials', 'The username or password is wrong', [
      { field: 'password', reason: 'does not match the username' },
    ]);
  }
  const user = (await findUserWithGrants(db, found.id))!;
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  const endedHash = previousToken ? sha256(previousToken) : undefined;
  await db.transaction(async (tx) => {
    await clearLoginFailures(tx, username, ip);
    if (endedHash) await deleteSession(tx, endedHash);
    await insertSession(tx, { tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt, ip, userAgent });
  });
  return { token, csrfToken, expiresAt, user, endedHash };
}

export async function logout({ db, token }: { db: Database; token: string }) {
  const tokenHash = sha256(token);
  await deleteSession(db, tokenHash);
  return tokenHash;
}

/** Makes an API token for the user; the token itself is returned once and only its hash kept. */
export async function createApiToken({
  db,
  actor,
  userId,
  name,
  scope,
  expiresInDays,
}: {
  db: Database;
  actor: UserActor | null;
  userId: string;
  name: string;
  scope: 'read' | 'write';
  expiresInDays?: number | undefined;
}) {
  const token = `od_${randomToken()}`;
  const id = newId();
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  await db.transaction(async (tx) => {
    await insertApiToken(tx, { id, userId, name, tokenHash: sha256(token), scope, expiresAt });
    if (actor) {
      await writeAudit(tx, {
        actor,
        action: 'create',
        entity: 'api_token',
        entityId: id,
        after: { name, scope, userId },
      });
    }
  });
  return { id, name, scope, token, expiresAt: expiresAt?.toISOString() ?? null };
}
