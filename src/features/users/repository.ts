import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';
import type { User } from './schema.ts';

export async function insertUser(
  db: Db,
  user: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    language: string;
    email: string | null;
  },
): Promise<void> {
  await db.query(
    'INSERT INTO users (id, username, display_name, password_hash, language, email) VALUES ($1, $2, $3, $4, $5, $6)',
    [user.id, user.username, user.displayName, user.passwordHash, user.language, user.email],
  );
}

export async function insertMembership(
  db: Db,
  membership: { userId: string; unitId: string; role: string },
): Promise<void> {
  await db.query('INSERT INTO memberships (user_id, unit_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    membership.userId,
    membership.unitId,
    membership.role,
  ]);
}

export async function findUserIdByUsername(db: Db, username: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(username) = lower($1)', [username]);
  return rows[0]?.id;
}

/** Users with a membership in a unit the actor may manage users of, disabled ones included (to enable them). */
export async function listUsers(db: Db, actor: UserActor, unitId: string | undefined): Promise<User[]> {
  const params: unknown[] = [];
  const visible = visibleUnitsSql(actor, 'users.read', 'un', params);
  const unitFilter = unitId ? `AND m.unit_id = $${params.push(unitId)}` : '';
  const { rows } = await db.query<{
    id: string;
    username: string;
    display_name: string;
    language: User['language'];
    memberships: User['memberships'];
    disabled_at: Date | null;
  }>(
    `SELECT u.id, u.username, u.display_name, u.language, u.disabled_at,
            json_agg(json_build_object('unitId', m.unit_id, 'role', m.role) ORDER BY m.role) AS memberships
     FROM users u JOIN memberships m ON m.user_id = u.id JOIN units un ON un.id = m.unit_id
     WHERE ${visible} ${unitFilter}
     GROUP BY u.id ORDER BY u.username LIMIT 1000`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    language: r.language,
    memberships: r.memberships,
    disabledAt: r.disabled_at?.toISOString() ?? null,
  }));
}

/** The first active organizer of a coordinating office, for commands run on its behalf. */
export async function findOrganizerUsername(db: Db, organizerUnitId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ username: string }>(
    `SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.unit_id = $1 AND m.role = 'organizer' AND u.disabled_at IS NULL ORDER BY u.created_at LIMIT 1`,
    [organizerUnitId],
  );
  return rows[0]?.username;
}
