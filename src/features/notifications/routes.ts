import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import { Notification, NotificationQuery } from './schema.ts';
import { listNotifications, readNotification } from './service.ts';

/** The signed-in user's inbox: reminders and case notices, in their language. */
export async function notificationRoutes(app: App) {
  app.get(
    '/notifications',
    {
      config: { policy: 'notifications.read' },
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first (unread=true for the unread ones)',
        querystring: NotificationQuery,
        response: { 200: Page(Notification), ...errorResponses },
      },
    },
    async (request) => listNotifications({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { policy: 'notifications.write' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read (again is harmless: the first reading counts)',
        params: IdParams,
        response: { 200: Notification, ...errorResponses },
      },
    },
    async (request) => readNotification({ db: app.db, actor: requireUser(request.actor), id: request.params.id }),
  );
}
