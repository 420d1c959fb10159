import type { App } from '../../platform/http/app-types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { perAddress } from '../../platform/http/rate-limits.ts';
import { SetupRequest, SetupResult, SetupState } from './schema.ts';
import { getSetupState, initialize } from './service.ts';

/** Tries of a set-up code from one address: enough for typos, far too few to guess 40 bits. */
const SETUP_LIMIT = { max: 20, timeWindow: '1 hour' } as const;

export async function setupRoutes(app: App) {
  app.get(
    '/setup',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether the installation still needs its first organizer',
        response: { 200: SetupState, ...errorResponses },
      },
    },
    async () => getSetupState(app.db),
  );

  app.post(
    '/setup',
    {
      config: {
        policy: 'public',
        csrfExempt: true,
        rateLimit: perAddress({ zh: '初始化尝试', en: 'set-up attempts' }, SETUP_LIMIT),
      },
      schema: {
        tags: ['setup'],
        summary:
          'First run: the root region, the coordinating office and its first organizer, with the code the server printed',
        body: SetupRequest,
        response: { 201: SetupResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { setupCode, ...input } = request.body;
      return reply.code(201).send(await initialize({ db: app.db, input, setupCode }));
    },
  );
}
