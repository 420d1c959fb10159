import { newId } from '../../platform/ids.ts';
import type { Database } from '../../platform/db/database.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import {
  announceAuthChange,
  findAccount,
  findApiTokenById,
  listApiTokens,
  revokeApiToken,
  type ApiTokenRow,
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
import { AppError, notFound, unprocessable } from '../../platform/http/errors.ts';
import { canManageUser } from '../../platform/auth/policy.ts';
import { findManagedAccount, replacePassword } from '../users/service.ts';
import type { ApiToken } from './schema.ts';
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
    if (endedHash) {
      await deleteSession(tx, endedHash);
      await announceAuthChange(tx, { key: `s:${endedHash}` });
    }
    await insertSession(tx, { tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt, ip, userAgent });
  });
  return { token, csrfToken, expiresAt, user, endedHash };
}

/** Ends the session on every instance: the others are told to drop it from their actor caches. */
export async function logout({ db, token }: { db: Database; token: string }) {
  const tokenHash = sha256(token);
  await db.transaction(async (tx) => {
    await deleteSession(tx, tokenHash);
    await announceAuthChange(tx, { key: `s:${tokenHash}` });
  });
  return tokenHash;
}

/** Days an API token lives when its maker names none. */
export const TOKEN_DEFAULT_DAYS = 90;

/**
 * Makes an API token for the user; the token itself is returned once and only its hash kept.
 * Every token expires: after `expiresInDays`, or TOKEN_DEFAULT_DAYS, never later than `maxDays`
 * (API_TOKEN_MAX_DAYS).
 */
export async function createApiToken({
  db,
  actor,
  userId,
  name,
  scope,
  expiresInDays,
  maxDays = 365,
}: {
  db: Database;
  actor: UserActor | null;
  userId: string;
  name: string;
  scope: 'read' | 'write';
  expiresInDays?: number | undefined;
  maxDays?: number | undefined;
}) {
  if (expiresInDays !== undefined && expiresInDays > maxDays)
    throw unprocessable('expiresInDays', `is more than the longest a token may live here, ${maxDays} days`);
  const days = expiresInDays ?? Math.min(TOKEN_DEFAULT_DAYS, maxDays);
  const token = `od_${randomToken()}`;
  const id = newId();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await db.transaction(async (tx) => {
    await insertApiToken(tx, { id, userId, name, tokenHash: sha256(token), scope, expiresAt });
    if (actor) {
      await writeAudit(tx, {
        actor,
        action: 'create',
        entity: 'api_token',
        entityId: id,
        after: { name, scope, userId, expiresAt },
      });
    }
  });
  return { id, name, scope, token, expiresAt: expiresAt.toISOString() };
}

function tokenState(row: ApiTokenRow, now: Date): ApiToken['state'] {
  if (row.revoked_at) return 'revoked';
  return row.expires_at && row.expires_at <= now ? 'expired' : 'active';
}

export function toApiToken(row: ApiTokenRow, now = new Date()): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    scope: row.scope,
    state: tokenState(row, now),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * The API tokens of a user: one's own, or (with `userId`) those of an account the actor manages
 * (policy: canManageUser for users.read).
 */
export async function listTokens({
  db,
  actor,
  userId,
}: {
  db: Database;
  actor: UserActor;
  userId?: string | undefined;
}): Promise<ApiToken[]> {
  if (userId && userId !== actor.userId) await findManagedAccount(db, actor, userId, 'users.read');
  return (await listApiTokens(db, [userId ?? actor.userId])).map((row) => toApiToken(row));
}

/**
 * Revokes an API token: one's own, or one of an account the actor manages. From the commit on,
 * every instance refuses it (the actor caches are told). Revoking twice changes nothing.
 * Without actor: the operator on the command line.
 */
export async function revokeToken({
  db,
  actor,
  tokenId,
}: {
  db: Database;
  actor: UserActor | null;
  tokenId: string;
}): Promise<ApiToken> {
  const row = await findApiTokenById(db, tokenId);
  if (!row) throw notFound('API token');
  if (actor && row.user_id !== actor.userId) {
    // Another user's token: not even its existence is told to someone who may not manage them.
    const account = await findAccount(db, row.user_id);
    if (!account || !canManageUser(actor, 'users.write', account)) throw notFound('API token');
  }
  await db.transaction(async (tx) => {
    await revokeApiToken(tx, tokenId);
    if (actor && !row.revoked_at)
      await writeAudit(tx, {
        actor,
        action: 'revoke',
        entity: 'api_token',
        entityId: tokenId,
        before: { name: row.name, scope: row.scope, userId: row.user_id },
      });
    await announceAuthChange(tx, { userId: row.user_id });
  });
  return toApiToken((await findApiTokenById(db, tokenId))!);
}

/**
 * Changes one's own password, given the current one: every other session of the user ends, the
 * one in use goes on. A wrong current password counts as a failed sign-in for the throttle.
 */
export async function changeOwnPassword({
  db,
  actor,
  currentPassword,
  newPassword,
  sessionHash,
  ip,
}: {
  db: Database;
  actor: UserActor;
  currentPassword: string;
  newPassword: string;
  sessionHash: string | undefined;
  ip: string;
}): Promise<{ sessionsEnded: number }> {
  await checkLoginAllowed(db, actor.username, ip);
  const account = await findAccount(db, actor.userId);
  if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
    await recordLoginFailure(db, actor.username, ip);
    throw new AppError(422, 'invalid_credentials', 'The current password is wrong', [
      { field: 'currentPassword', reason: 'does not match your password' },
    ]);
  }
  if (currentPassword === newPassword) throw unprocessable('newPassword', 'is the same as the current password');
  const change = await replacePassword({
    db,
    actor,
    account,
    password: newPassword,
    keepSessionHash: sessionHash,
    field: 'newPassword',
  });
  return { sessionsEnded: change.sessionsEnded };
}
