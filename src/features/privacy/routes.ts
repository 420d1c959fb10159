import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import {
  CampaignIdParams,
  ErasureAnswer,
  ErasureBody,
  ErasureOnRequestAnswer,
  ErasureOnRequestBody,
  PersonalData,
  ProofQuery,
  Retention,
  RetentionBody,
  TrackingCodeParams,
} from './schema.ts';
import { eraseOnRequest, erasePersonalData, getPersonalData, getRetention, setRetention } from './service.ts';

/** Look-ups per address and minute: tracking codes cannot be tried in bulk. */
const LOOKUP_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

const rateLimit = {
  ...LOOKUP_LIMIT,
  keyGenerator: (request: FastifyRequest) => request.ip,
  errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
    new AppError(
      429,
      'rate_limited',
      `Too many look-ups from your address: at most ${LOOKUP_LIMIT.max} in ${LOOKUP_LIMIT.timeWindow}. Try again in ${context.after}.`,
      [{ field: 'address', reason: `sent more than ${LOOKUP_LIMIT.max} look-ups in ${LOOKUP_LIMIT.timeWindow}` }],
    ),
};

/**
 * 个人信息: a citizen sees and erases what is held about them by tracking code; organizers set how
 * long a campaign keeps contact details (the retention job erases them when the time is up).
 */
export async function privacyRoutes(app: App) {
  app.get(
    '/public/cases/:trackingCode/personal-data',
    {
      config: { policy: 'public', rateLimit },
      schema: {
        tags: ['public', 'personal data'],
        summary:
          'See the personal data held with a question: name, phone and e-mail as given, and when they are erased. ' +
          'Takes the tracking code and a proof only the citizen has (the last four digits of the phone given); ' +
          'an unknown code and a wrong proof both answer 404, and repeated wrong proofs refuse the code a while (429)',
        security: [],
        params: TrackingCodeParams,
        querystring: ProofQuery,
        response: { 200: PersonalData, ...errorResponses },
      },
    },
    async (request, reply) => {
      // Personal data: never kept by a browser or a proxy.
      reply.header('cache-control', 'no-store');
      return getPersonalData({
        db: app.db,
        trackingCode: request.params.trackingCode,
        proof: request.query.proof,
        defaultDays: app.config.retentionDaysAfterClose,
      });
    },
  );

  app.post(
    '/public/cases/:trackingCode/erase',
    {
      bodyLimit: 1024,
      config: { policy: 'public', csrfExempt: true, rateLimit },
      schema: {
        tags: ['public', 'personal data'],
        summary:
          'Erase the name, phone and e-mail given with a question (every question of the visit); the anonymous record stays',
        security: [],
        params: TrackingCodeParams,
        body: ErasureBody,
        response: { 200: ErasureAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return erasePersonalData({
        db: app.db,
        trackingCode: request.params.trackingCode,
        proof: request.body.proof,
        defaultDays: app.config.retentionDaysAfterClose,
      });
    },
  );

  app.post(
    '/cases/:id/personal-data/erasure',
    {
      bodyLimit: 4096,
      config: { policy: 'personal_data.erase_on_request' },
      schema: {
        tags: ['cases', 'personal data'],
        summary:
          'Erase the contact details of a case’s visit on a request the staff member received (erasure on request): ' +
          'recorded as their action, with the requester',
        params: IdParams,
        body: ErasureOnRequestBody,
        response: { 200: ErasureOnRequestAnswer, ...errorResponses },
      },
    },
    async (request) =>
      eraseOnRequest({
        db: app.db,
        actor: requireUser(request.actor),
        caseId: request.params.id,
        input: request.body,
        defaultDays: app.config.retentionDaysAfterClose,
      }),
  );

  app.get(
    '/campaigns/:campaignId/retention',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns', 'personal data'],
        summary: 'How long the campaign keeps contact details, and how many records hold them',
        params: CampaignIdParams,
        response: { 200: Retention, ...errorResponses },
      },
    },
    async (request) =>
      getRetention({
        db: app.db,
        campaignId: request.params.campaignId,
        defaultDays: app.config.retentionDaysAfterClose,
      }),
  );

  app.put(
    '/campaigns/:campaignId/retention',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns', 'personal data'],
        summary: 'Set how many days after a case closes contact details are kept (null: the instance default)',
        params: CampaignIdParams,
        body: RetentionBody,
        response: { 200: Retention, ...errorResponses },
      },
    },
    async (request) =>
      setRetention({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.campaignId,
        daysAfterClose: request.body.daysAfterClose,
        defaultDays: app.config.retentionDaysAfterClose,
      }),
  );
}
