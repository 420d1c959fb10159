import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.ts';

export async function healthRoutes(app: App) {
  app.get(
    '/healthz',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its database answer',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }),
          503: Type.Object({ status: Type.Literal('unavailable'), database: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      const up = await app.db.ping();
      return up
        ? reply.send({ status: 'ok', database: app.db.kind })
        : reply.status(503).send({ status: 'unavailable', database: app.db.kind });
    },
  );
}
