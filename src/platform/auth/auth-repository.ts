import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Grant, Role } from './actor.ts';

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  language: 'zh-CN' | 'en-US';
  grants: Grant[];
}

interface GrantRow {
  id: string;
  username: string;
  display_name: string;
  language: 'zh-CN' | 'en-US';
  role: Role | null;
  unit_id: string | null;
  path: string | null;
  region_path: string | null;
  csrf_token?: string;
  token_id?: string;
  scope?: 'read' | 'write';
}

function toUser(rows: GrantRow[]): UserRecord | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    username: first.username,
    displayName: first.display_name,
    language: first.language,
    grants: rows
      .filter((r) => r.role && r.unit_id)
      .map((r) => ({ role: r.role as Role, unitId: r.unit_id!, unitPath: r.path!, regionPath: r.region_path! })),
  };
}

const USER_WITH_GRANTS = `
  SELECT u.id, u.username, u.display_name, u.language, m.role, m.unit_id, un.path, un.region_path`;
const GRANTS_JOIN = `
  LEFT JOIN memberships m ON m.user_id = u.id
  LEFT JOIN units un ON un.id = m.unit_id`;

export async function findUserForLogin(db: Db, username: string) {
  const { rows } = await db.query<{ id: string; password_hash: string }>(
    'SELECT id, password_hash FROM users WHERE lower(username) = lower($1) AND disabled_at IS NULL',
    [username],
  );
  return rows[0];
}

export async function findUserWithGrants(db: Db, userId: string): Promise<UserRecord | undefined> {
  const { rows } = await db.query<GrantRow>(
    `${USER_WITH_GRANTS} FROM users u ${GRANTS_JOIN} WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  return toUser(rows);
}

export async function findSession(db: Db, tokenHash: string) {
  const { rows } = await db.query<GrantRow>(
    `${USER_WITH_GRANTS}, s.csrf_token
     FROM sessions s JOIN users u ON u.id = s.user_id ${GRANTS_JOIN}
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  const user = toUser(rows);
  return user ? { user, csrfToken: rows[0]!.csrf_token! } : undefined;
}

export async function findApiToken(db: Db, tokenHash: string) {
  const { rows } = await db.query<GrantRow>(
    `${USER_WITH_GRANTS}, t.id AS token_id, t.scope
     FROM api_tokens t JOIN users u ON u.id = t.user_id ${GRANTS_JOIN}
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
       AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  const user = toUser(rows);
  return user ? { user, tokenId: rows[0]!.token_id!, scope: rows[0]!.scope! } : undefined;
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string;
    userAgent: string | undefined;
  },
) {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
    [session.tokenHash, session.userId, session.csrfToken, session.expiresAt, session.ip, session.userAgent ?? null],
  );
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of the user but the one kept (the caller's own, on a password change). */
export async function deleteSessionsOfUser(db: Db, userId: string, keepHash?: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
    userId,
    keepHash ?? '',
  ]);
  return rowCount;
}

/** Revokes every live API token of the user. */
export async function revokeTokensOfUser(db: Db, userId: string): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
  return rowCount;
}

/** The channel on which a change to who may sign in is announced to every instance's actor cache. */
export const AUTH_CHANGES_CHANNEL = 'openday_auth_changes';

/**
 * Tells every instance to drop what it cached of a user (`{ userId }`) or of one session or token
 * (`{ key }`, the actor cache's key). Sent inside the write's transaction: PostgreSQL delivers it
 * at commit, and never for a write rolled back.
 */
export async function announceAuthChange(db: Db, change: { userId: string } | { key: string }): Promise<void> {
  const payload = 'userId' in change ? `user:${change.userId}` : `key:${change.key}`;
  await db.query('SELECT pg_notify($1, $2)', [AUTH_CHANGES_CHANNEL, payload]);
}

export interface ApiTokenRow {
  id: string;
  user_id: string;
  username: string;
  name: string;
  scope: 'read' | 'write';
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/**
 * API tokens of these users (null: of everyone, for the operator), newest first, live and ended
 * alike: the list is also a record.
 */
export async function listApiTokens(db: Db, userIds: readonly string[] | null): Promise<ApiTokenRow[]> {
  const { rows } = await db.query<ApiTokenRow>(
    `SELECT t.id, t.user_id, u.username, t.name, t.scope, t.created_at, t.expires_at, t.revoked_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE $1::uuid[] IS NULL OR t.user_id = ANY($1::uuid[]) ORDER BY t.created_at DESC, t.id DESC LIMIT 1000`,
    [userIds],
  );
  return rows;
}

export async function findApiTokenById(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const { rows } = await db.query<ApiTokenRow>(
    `SELECT t.id, t.user_id, u.username, t.name, t.scope, t.created_at, t.expires_at, t.revoked_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
    [id],
  );
  return rows[0];
}

/** Revokes one token; answers the row as it is now (revoked_at set once, never moved). */
export async function revokeApiToken(db: Db, id: string): Promise<void> {
  await db.query('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
}

/** A user with every membership, disabled or not: for the commands that manage the account. */
export async function findAccount(
  db: Db,
  userId: string,
): Promise<(UserRecord & { disabledAt: Date | null; passwordHash: string }) | undefined> {
  const { rows } = await db.query<GrantRow & { disabled_at: Date | null; password_hash: string }>(
    `${USER_WITH_GRANTS}, u.disabled_at, u.password_hash FROM users u ${GRANTS_JOIN} WHERE u.id = $1`,
    [userId],
  );
  const user = toUser(rows);
  return user && { ...user, disabledAt: rows[0]!.disabled_at, passwordHash: rows[0]!.password_hash };
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.query(
    `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1`,
    [userId, disabled],
  );
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
}

export async function insertApiToken(
  db: Db,
  token: {
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    scope: 'read' | 'write';
    expiresAt: Date | null;
  },
) {
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, scope, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [token.id, token.userId, token.name, token.tokenHash, token.scope, token.expiresAt],
  );
}
