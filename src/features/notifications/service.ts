import type { Role, UserActor } from '../../platform/auth/actor.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueMany } from '../../platform/jobs/queue.ts';
import { emailEnabled } from './email.ts';
import { sendEmailJob } from './jobs.ts';
import { renderMessage, type Language } from './messages.ts';
import {
  findRecipients,
  insertNotifications,
  listNotificationRows,
  markNotificationRead,
  type NotificationRow,
} from './repository.ts';
import type { Notification, NotificationQuery } from './schema.ts';

/** Who gets a unit's notices when no roles are named: the people who answer its cases. */
export const DEFAULT_UNIT_ROLES: readonly Role[] = ['unit_admin', 'responder'];

export interface NotifyInput {
  /** These users … */
  userIds?: string[];
  /** … and the members of this unit holding one of `roles` (default: unit admins and responders). */
  unitId?: string;
  roles?: Role[];
  /** A key of the catalog in messages.ts, e.g. 'case.due_today'. */
  kind: string;
  /** The values its texts are filled with. */
  params: Record<string, string | number>;
  caseId?: string;
  /** The campaign it belongs to, when known (the key a distributed database shards by). */
  campaignId?: string;
}

/**
 * Writes one in-app notification per recipient, inside the caller's transaction (so a notice
 * exists exactly when the write it tells of was committed), and, when mail is configured, queues
 * an email for each recipient with an address. Disabled users are skipped; everyone gets it once.
 */
export async function notify(tx: Queryable, input: NotifyInput): Promise<{ userIds: string[] }> {
  const recipients = await findRecipients(tx, {
    userIds: input.userIds ?? [],
    unitId: input.unitId ?? null,
    roles: input.roles ?? DEFAULT_UNIT_ROLES,
  });
  const ids = recipients.map(() => newId());
  await insertNotifications(tx, {
    ids,
    userIds: recipients.map((r) => r.id),
    kind: input.kind,
    params: input.params,
    caseId: input.caseId ?? null,
    unitId: input.unitId ?? null,
    campaignId: input.campaignId ?? null,
  });
  if (emailEnabled()) {
    const mailed = ids.filter((_, i) => recipients[i]!.email);
    await enqueueMany(
      tx,
      sendEmailJob,
      mailed.map((notificationId) => ({ notificationId })),
    );
  }
  return { userIds: recipients.map((r) => r.id) };
}

export function toNotification(row: NotificationRow, language: Language): Notification {
  const { title, body } = renderMessage(row.kind, row.params, language);
  return {
    id: row.id,
    kind: row.kind,
    title,
    body,
    params: row.params,
    caseId: row.case_id,
    unitId: row.unit_id,
    campaignId: row.campaign_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/** The signed-in user's notifications, newest first. */
export async function listNotifications({
  db,
  actor,
  query,
}: {
  db: Database;
  actor: UserActor;
  query: NotificationQuery;
}): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, ['uuid']);
  const rows = await listNotificationRows(db, {
    userId: actor.userId,
    unread: query.unread ?? false,
    before: cursor?.[0],
    limit,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => toNotification(r, actor.language)),
    nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}

/** Marks one of the user's notifications read; another user's is "not found". */
export async function readNotification({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: UserActor;
  id: string;
}): Promise<Notification> {
  const row = await markNotificationRead(db, id, actor.userId);
  if (!row) throw notFound('Notification');
  return toNotification(row, actor.language);
}
