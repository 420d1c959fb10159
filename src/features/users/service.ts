import type { Role, UserActor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { checkPasswordRules, hashPassword } from '../../platform/auth/passwords.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, forbidden, unprocessable } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  findStoredResponse,
  runIdempotent,
  type IdempotencyKey,
  type StoredResponse,
} from '../../platform/http/idempotency.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import { findUserIdByUsername, insertMembership, insertUser } from './repository.ts';
import type { User } from './schema.ts';

/** The account commands (password, disabling), beside the user commands. */
export { findManagedAccount, replacePassword } from './account.ts';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  language?: 'zh-CN' | 'en-US' | undefined;
  role: Role;
  unitId: string;
  /** Where reminders and notices are mailed, when mail is configured. */
  email?: string | undefined;
}

/**
 * Creates a user with one membership. A unit admin may add staff to their own unit and sub-units
 * but not organizers; an organizer anyone in their region. Without actor: system set-up (CLI).
 */
export async function createUser({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor | null;
  input: CreateUserInput;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<User>> {
  if (key) {
    const stored = await findStoredResponse<User>(db, key);
    if (stored) return stored;
  }
  const unit = await getUnitRow(db, input.unitId).catch(() => {
    throw unprocessable('unitId', 'does not exist');
  });
  if (actor) {
    if (!can(actor, 'users.write', toScope(unit))) throw forbidden('You may add users only to units you manage');
    const isOrganizer = actor.grants.some((g) => g.role === 'organizer' && unit.region_path.startsWith(g.regionPath));
    if (input.role === 'organizer' && !isOrganizer) throw forbidden('Only an organizer may make another organizer');
  }
  const problem = checkPasswordRules(input.password, input.username);
  if (problem) throw unprocessable('password', problem);
  if (await findUserIdByUsername(db, input.username))
    throw conflict('The username is taken', [{ field: 'username', reason: 'is taken' }]);
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  const language = input.language ?? 'zh-CN';
  const user: User = {
    id,
    username: input.username,
    displayName: input.displayName,
    language,
    memberships: [{ unitId: unit.id, role: input.role }],
    disabledAt: null,
  };
  // The password is hashed before the transaction: argon2 is slow on purpose.
  return runIdempotent(db, key, async (tx) => {
    const email = input.email ?? null;
    await insertUser(tx, {
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      language,
      email,
    });
    await insertMembership(tx, { userId: id, unitId: unit.id, role: input.role });
    if (actor)
      await writeAudit(tx, { actor, action: 'create', entity: 'user', entityId: id, unitId: unit.id, after: user });
    return { statusCode: 201, body: user };
  });
}
