import type { UserActor } from '../../platform/auth/actor.ts';
import { findUserWithGrants } from '../../platform/auth/auth-repository.ts';
import { toActor } from '../../platform/auth/authenticate.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findOrganizerUsername, findUserIdByUsername } from './repository.ts';

/** The user a command acts as (`--as`), with their roles, as a request of theirs would be. */
export async function actorFor(db: Db, username: string): Promise<UserActor> {
  const userId = await findUserIdByUsername(db, username);
  const user = userId && (await findUserWithGrants(db, userId));
  if (!user) throw new AppError(404, 'not_found', `No active user "${username}"`);
  return toActor(user, 'token', null, 'write') as UserActor;
}

/** The user given with --as, or else the campaign organizer's first user (who may read every unit). */
export async function readerFor(db: Db, as: string | undefined, organizerUnitId: string): Promise<UserActor> {
  const username = as ?? (await findOrganizerUsername(db, organizerUnitId));
  if (!username) throw new AppError(404, 'not_found', 'The campaign’s organizer has no user; pass --as <username>');
  return actorFor(db, username);
}
