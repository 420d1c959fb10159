import type { UserActor } from '../../platform/auth/actor.ts';
import {
  announceAuthChange,
  deleteSessionsOfUser,
  findAccount,
  revokeTokensOfUser,
  setPasswordHash,
  setUserDisabled,
} from '../../platform/auth/auth-repository.ts';
import { checkPasswordRules, hashPassword } from '../../platform/auth/passwords.ts';
import { canManageUser } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { forbidden, notFound, unprocessable } from '../../platform/http/errors.ts';
import type { AccountChange } from './schema.ts';

export type Account = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/**
 * The account another user manages: 404 when there is none, 403 unless the policy lets the actor
 * manage it (every unit of the account within reach; an organizer's only by an organizer over it).
 */
export async function findManagedAccount(
  db: Db,
  actor: UserActor,
  userId: string,
  action: 'users.read' | 'users.write',
): Promise<Account> {
  const account = await findAccount(db, userId);
  if (!account) throw notFound('User');
  if (account.id === actor.userId)
    throw forbidden('Manage your own account on your account page', [
      { field: 'userId', reason: 'is your own account' },
    ]);
  if (!canManageUser(actor, action, account))
    throw forbidden('You may manage only the accounts of units you manage', [
      { field: 'userId', reason: 'belongs to a unit outside your reach' },
    ]);
  return account;
}

const unitOf = (account: Account) => account.grants[0]?.unitId ?? null;

/**
 * Disables an account: its sessions end and its API tokens are revoked in the same transaction,
 * and every instance is told to forget them, so nothing of it works a second later. Enabling it
 * again lets the user sign in; the revoked tokens stay revoked.
 */
export async function setAccountDisabled({
  db,
  actor,
  userId,
  disabled,
}: {
  db: Database;
  actor: UserActor;
  userId: string;
  disabled: boolean;
}): Promise<AccountChange> {
  const account = await findManagedAccount(db, actor, userId, 'users.write');
  return db.transaction(async (tx) => {
    await setUserDisabled(tx, userId, disabled);
    const sessionsEnded = disabled ? await deleteSessionsOfUser(tx, userId) : 0;
    const tokensRevoked = disabled ? await revokeTokensOfUser(tx, userId) : 0;
    const change = { userId, disabled, sessionsEnded, tokensRevoked };
    await writeAudit(tx, {
      actor,
      action: disabled ? 'disable' : 'enable',
      entity: 'user',
      entityId: userId,
      unitId: unitOf(account),
      before: { disabled: account.disabledAt !== null },
      after: change,
    });
    await announceAuthChange(tx, { userId });
    return change;
  });
}

async function newPasswordHash(password: string, username: string, field: string): Promise<string> {
  const problem = checkPasswordRules(password, username);
  if (problem) throw unprocessable(field, problem);
  return hashPassword(password);
}

/**
 * Sets a password and ends the account's sessions but the one kept (a user changing their own
 * keeps the session they are using). API tokens are not touched: they are listed and revoked
 * on their own. The audit entry never holds a password or its hash.
 */
export async function replacePassword({
  db,
  actor,
  account,
  password,
  keepSessionHash,
  field = 'password',
}: {
  db: Database;
  actor: UserActor;
  account: Account;
  password: string;
  keepSessionHash?: string | undefined;
  /** The request's field the password came in, for the error naming it. */
  field?: string;
}): Promise<AccountChange> {
  // argon2 is slow on purpose: hashed before the transaction.
  const passwordHash = await newPasswordHash(password, account.username, field);
  return db.transaction(async (tx) => {
    await setPasswordHash(tx, account.id, passwordHash);
    const sessionsEnded = await deleteSessionsOfUser(tx, account.id, keepSessionHash);
    const change = { userId: account.id, disabled: account.disabledAt !== null, sessionsEnded, tokensRevoked: 0 };
    await writeAudit(tx, {
      actor,
      action: account.id === actor.userId ? 'change_password' : 'reset_password',
      entity: 'user',
      entityId: account.id,
      unitId: unitOf(account),
      after: change,
    });
    await announceAuthChange(tx, { userId: account.id });
    return change;
  });
}

/** An admin sets a new password for a user of a unit they manage; every session of the user ends. */
export async function resetPassword({
  db,
  actor,
  userId,
  password,
}: {
  db: Database;
  actor: UserActor;
  userId: string;
  password: string;
}): Promise<AccountChange> {
  const account = await findManagedAccount(db, actor, userId, 'users.write');
  return replacePassword({ db, actor, account, password });
}
