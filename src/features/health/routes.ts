import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.ts';

const Health = (status: 'ok' | 'unavailable') =>
  Type.Object({
    status: Type.Literal(status),
    /** Which database this instance uses: embedded or postgres. */
    database: Type.String(),
    checks: Type.Object({ database: Type.Literal(status === 'ok' ? 'up' : 'down') }),
  });

/**
 * Liveness and readiness in one: 200 while the database answers, 503 (and `checks.database:
 * "down"`) while it does not, so a load balancer stops sending requests and an operator sees why.
 * The server itself stays up and answers again as soon as the database does.
 */
export async function healthRoutes(app: App) {
  app.get(
    '/healthz',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its database answer',
        response: { 200: Health('ok'), 503: Health('unavailable') },
      },
    },
    async (_request, reply) => {
      const up = await app.db.ping();
      if (!up) reply.header('retry-after', '5');
      return up
        ? reply.send({ status: 'ok', database: app.db.kind, checks: { database: 'up' } })
        : reply.status(503).send({ status: 'unavailable', database: app.db.kind, checks: { database: 'down' } });
    },
  );
}
