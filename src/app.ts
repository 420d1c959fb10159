import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import {
  Authenticator,
  registerAuthentication,
  requirePolicies,
  SESSION_COOKIE,
} from './platform/auth/authenticate.ts';
import type { Database } from './platform/db/database.ts';
import type { App } from './platform/http/app-types.ts';
import { answerFrameworkError, registerErrorHandling } from './platform/http/errors.ts';
import { serializeRequest } from './platform/http/log-redaction.ts';
import { ErrorResponse } from './platform/http/schemas.ts';
import { registerValidation } from './platform/http/validation.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { authRoutes } from './features/auth/routes.ts';
import { campaignRoutes } from './features/campaigns/routes.ts';
import { consultationRoutes } from './features/consultations/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { materialRoutes } from './features/materials/routes.ts';
import { planRoutes } from './features/plans/routes.ts';
import { channelPointRoutes } from './features/channel-points/routes.ts';
import { publicityRoutes } from './features/publicity/routes.ts';
import { regionRoutes } from './features/regions/routes.ts';
import { statisticsRoutes } from './features/statistics/routes.ts';
import { unitRoutes } from './features/units/routes.ts';
import { userRoutes } from './features/users/routes.ts';
import { setupRoutes } from './features/setup/routes.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { publicRoutes } from './features/public/routes.ts';
import { topicRoutes } from './features/topics/routes.ts';
import { open311Routes } from './features/open311/routes.ts';
import { calendarRoutes } from './features/calendar/routes.ts';
import { caseRoutes } from './features/cases/routes.ts';
import { recomputeDueDates } from './features/cases/service.ts';
import { notificationRoutes } from './features/notifications/routes.ts';
import { jobRoutes } from './platform/jobs/routes.ts';
import { openDataRoutes } from './features/opendata/routes.ts';
import { icalRoutes } from './features/ical/routes.ts';
import { privacyRoutes } from './features/privacy/routes.ts';
import { importRoutes } from './features/imports/routes.ts';
import { exportRoutes } from './features/exports/routes.ts';
import { consoleHostRoutes } from './features/console-host/routes.ts';
import { disclosureRoutes } from './features/disclosures/routes.ts';
import { portalRoutes } from './features/portal/routes.ts';
import { summaryRoutes, summaryStylesheetRoutes } from './features/summaries/routes.ts';
import { summaryCheckRoutes } from './features/summary-checker/routes.ts';
import { photoRoutes } from './features/photos/routes.ts';
import { progressRoutes } from './features/progress/routes.ts';
import { reportRoutes } from './features/reports/routes.ts';
import { chartRoutes } from './features/reports/chart-routes.ts';

export interface BuildAppOptions {
  db: Database;
  config: Config;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the HTTP application on an open database. Listening is the caller's business. */
export async function buildApp({ db, config, logger = false }: BuildAppOptions): Promise<App> {
  const { trustProxy } = config;
  const app = Fastify({
    // Tracking codes never reach the log: the request serializer redacts them from every URL.
    logger:
      logger === false || logger === undefined
        ? false
        : { ...(logger === true ? {} : logger), serializers: { req: serializeRequest } },
    bodyLimit: 1024 * 1024,
    // A number of hops as Fastify reads it: the nearest `n` addresses (the socket's first) are proxies.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('authenticator', new Authenticator(db));
  app.decorate('routeTable', []);
  requirePolicies(app, app.routeTable);

  registerErrorHandling(app);
  registerSecurityHeaders(app);
  registerValidation(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenDay API',
        version: '1',
        description:
          'Run a Government Open Day (政务公开日): campaigns, plans, desks, publicity, materials, consultations and their figures. ' +
          'Errors always have the shape {"error":{"code","message","details":[{"field","reason"}]}}. ' +
          'Writes accept an Idempotency-Key header. Browser sessions send the CSRF token in x-csrf-token on writes.',
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `openday token create`' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, app.authenticator);
  // Hears the other instances' announcements of access taken back (logout, revoke, disable).
  app.addHook('onReady', () => app.authenticator.listen());
  app.addHook('onClose', () => app.authenticator.close());

  await app.register(healthRoutes);
  await app.register(consoleHostRoutes);
  await app.register(openDataRoutes);
  await app.register(icalRoutes);
  await app.register(open311Routes, { prefix: '/open311' });
  await app.register(portalRoutes);
  await app.register(summaryStylesheetRoutes);
  await app.register(
    async (api: App) => {
      await api.register(authRoutes);
      await api.register(setupRoutes);
      await api.register(regionRoutes);
      await api.register(unitRoutes);
      await api.register(userRoutes);
      await api.register(campaignRoutes);
      await api.register(planRoutes);
      await api.register(channelPointRoutes);
      await api.register(publicityRoutes);
      await api.register(materialRoutes);
      await api.register(consultationRoutes);
      await api.register(statisticsRoutes);
      await api.register(auditRoutes);
      await api.register(topicRoutes);
      await api.register(publicRoutes);
      await api.register(calendarRoutes, { moveDueDates: recomputeDueDates });
      await api.register(caseRoutes);
      await api.register(notificationRoutes);
      await api.register(summaryRoutes);
      await api.register(summaryCheckRoutes);
      await api.register(jobRoutes);
      await api.register(privacyRoutes);
      await api.register(importRoutes);
      await api.register(exportRoutes);
      await api.register(disclosureRoutes);
      await api.register(photoRoutes);
      await api.register(progressRoutes);
      await api.register(reportRoutes);
      await api.register(chartRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}
