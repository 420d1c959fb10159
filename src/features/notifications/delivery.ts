import type { Database } from '../../platform/db/database.ts';
import { sendEmail } from './email.ts';
import { renderEmail } from './messages.ts';
import { findNotificationForEmail, markNotificationEmailed } from './repository.ts';

/**
 * Mails one notification to its recipient in their language. Nothing to do when the notification
 * or the address is gone, or it was mailed already (a retry after the server accepted it).
 */
export async function deliverNotificationEmail({
  db,
  notificationId,
}: {
  db: Database;
  notificationId: string;
}): Promise<'sent' | 'skipped'> {
  const row = await findNotificationForEmail(db, notificationId);
  if (!row || !row.email || row.emailed_at) return 'skipped';
  const { subject, text } = renderEmail(row.kind, row.params, row.language);
  await sendEmail({ to: row.email, subject, text, language: row.language });
  await markNotificationEmailed(db, notificationId);
  return 'sent';
}
