import type { Role } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Language, MessageParams } from './messages.ts';

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  params: MessageParams;
  case_id: string | null;
  unit_id: string | null;
  campaign_id: string | null;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface Recipient {
  id: string;
  email: string | null;
  language: Language;
}

/**
 * The active users named, plus the members of a unit holding one of the roles: each once. Users
 * and memberships are the users feature's tables, read here in the notifying transaction so that
 * a notice goes to whoever holds the role when it is written.
 */
export async function findRecipients(
  db: Db,
  to: { userIds: readonly string[]; unitId: string | null; roles: readonly Role[] },
): Promise<Recipient[]> {
  const { rows } = await db.query<Recipient>(
    `SELECT u.id, u.email, u.language FROM users u
     WHERE u.disabled_at IS NULL
       AND (u.id = ANY($1::uuid[])
            OR EXISTS (SELECT 1 FROM memberships m
                       WHERE m.user_id = u.id AND m.unit_id = $2::uuid AND m.role = ANY($3::text[])))
     ORDER BY u.id`,
    [to.userIds, to.unitId, to.roles],
  );
  return rows;
}

/** One notice to several recipients: a row each, with ids made by the caller. */
export async function insertNotifications(
  db: Db,
  notice: {
    ids: readonly string[];
    userIds: readonly string[];
    kind: string;
    params: MessageParams;
    caseId: string | null;
    unitId: string | null;
    campaignId: string | null;
  },
): Promise<void> {
  if (notice.ids.length === 0) return;
  await db.query(
    `INSERT INTO notifications (id, user_id, kind, params, case_id, unit_id, campaign_id)
     SELECT n.id, n.user_id, $3, $4::jsonb, $5, $6, $7
     FROM unnest($1::uuid[], $2::uuid[]) AS n (id, user_id)`,
    [
      notice.ids,
      notice.userIds,
      notice.kind,
      JSON.stringify(notice.params),
      notice.caseId,
      notice.unitId,
      notice.campaignId,
    ],
  );
}

/** A page of a user's notifications, newest first. */
export async function listNotificationRows(
  db: Db,
  filter: { userId: string; unread: boolean; before?: string | undefined; limit: number },
): Promise<NotificationRow[]> {
  const params: unknown[] = [filter.userId];
  const where = ['user_id = $1'];
  if (filter.unread) where.push('read_at IS NULL');
  if (filter.before) where.push(`id < $${params.push(filter.before)}::uuid`);
  const { rows } = await db.query<NotificationRow>(
    `SELECT * FROM notifications WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}

/** Marks the user's notification read (the first reading counts); undefined when it is not theirs. */
export async function markNotificationRead(db: Db, id: string, userId: string): Promise<NotificationRow | undefined> {
  const { rows } = await db.query<NotificationRow>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING *`,
    [id, userId],
  );
  return rows[0];
}

/** A notification with where and in which language its email goes. */
export async function findNotificationForEmail(
  db: Db,
  id: string,
): Promise<(NotificationRow & { email: string | null; language: Language }) | undefined> {
  const { rows } = await db.query<NotificationRow & { email: string | null; language: Language }>(
    `SELECT n.*, u.email, u.language FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.id = $1 AND u.disabled_at IS NULL`,
    [id],
  );
  return rows[0];
}

export async function markNotificationEmailed(db: Db, id: string): Promise<void> {
  await db.query('UPDATE notifications SET emailed_at = now() WHERE id = $1', [id]);
}
