import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { PublicCase } from '../cases/schema.ts';
import {
  AskAnswer,
  AskBody,
  IntakeAnswer,
  IntakeBody,
  PUBLIC_BODY_LIMIT,
  PublicCampaign,
  PublicSlugParams,
  PublishBody,
  PublishedCase,
  QaPage,
  QaQuery,
  RatingBody,
  TrackingParams,
} from './schema.ts';
import {
  askQuestion,
  enterIntake,
  getPublicCampaign,
  listQa,
  publishCase,
  rateReply,
  trackCase,
  unpublishCase,
} from './service.ts';

/** Asks per address and window: enough for a family at one address, too few for a flood. */
export const ASK_LIMIT = { max: 5, timeWindow: '10 minutes' } as const;
/** Look-ups of a tracking code per address and minute: codes cannot be tried in bulk. */
const TRACK_LIMIT = { max: 60, timeWindow: '1 minute' } as const;

/** A refusal by the rate limit in the one error shape, saying what the limit is and when to retry. */
const limited =
  (what: string, limit: { max: number; timeWindow: string }) =>
  (_request: FastifyRequest, context: { after: string }) =>
    new AppError(
      429,
      'rate_limited',
      `Too many ${what} from your address: at most ${limit.max} in ${limit.timeWindow}. Try again in ${context.after}.`,
      [{ field: 'address', reason: `sent more than ${limit.max} ${what} in ${limit.timeWindow}` }],
    );

const perAddress = (what: string, limit: { max: number; timeWindow: string }) => ({
  ...limit,
  keyGenerator: (request: FastifyRequest) => request.ip,
  errorResponseBuilder: limited(what, limit),
});

/**
 * The public channel, no sign-in: the campaign's units and topics, asking, following a question
 * with its tracking code, rating the reply, and the public Q&A. Staff enter hotline calls and
 * letters through the same command; unit admins publish replied cases.
 */
export async function publicRoutes(app: App) {
  app.get(
    '/public/campaigns/:slug',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['public'],
        summary: 'A campaign for citizens: its participating units and topics',
        security: [],
        params: PublicSlugParams,
        response: { 200: PublicCampaign, ...errorResponses },
      },
    },
    async (request) => getPublicCampaign({ db: app.db, slug: request.params.slug }),
  );

  app.post(
    '/public/campaigns/:slug/questions',
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { policy: 'public', csrfExempt: true, rateLimit: perAddress('questions', ASK_LIMIT) },
      schema: {
        tags: ['public'],
        summary: 'Ask a question, or leave a suggestion or complaint, addressed to a unit or a topic',
        description:
          'Contact details are optional and kept only with contactConsent: true. Answers the tracking code that ' +
          'shows the status and the reply. At most 5 a 10 minutes from one address.',
        security: [],
        headers: IdempotencyHeaders,
        params: PublicSlugParams,
        body: AskBody,
        response: { 201: AskAnswer, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await askQuestion({
          db: app.db,
          slug: request.params.slug,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.get(
    '/public/cases/:trackingCode',
    {
      config: { policy: 'public', rateLimit: perAddress('look-ups', TRACK_LIMIT) },
      schema: {
        tags: ['public'],
        summary: 'Follow a question with its tracking code: status, the chain in plain words, the reply',
        security: [],
        params: TrackingParams,
        response: { 200: PublicCase, ...errorResponses },
      },
    },
    async (request) => trackCase({ db: app.db, trackingCode: request.params.trackingCode }),
  );

  app.post(
    '/public/cases/:trackingCode/rating',
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { policy: 'public', csrfExempt: true, rateLimit: perAddress('look-ups', TRACK_LIMIT) },
      schema: {
        tags: ['public'],
        summary: 'Rate the reply on the five levels, once; a poor rating has the case handled again',
        security: [],
        params: TrackingParams,
        body: RatingBody,
        response: { 200: PublicCase, ...errorResponses },
      },
    },
    async (request) =>
      rateReply({ db: app.db, trackingCode: request.params.trackingCode, rating: request.body.rating }),
  );

  app.get(
    '/public/campaigns/:slug/qa',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Published questions and answers, by unit, topic and text (Chinese included)',
        security: [],
        params: PublicSlugParams,
        querystring: QaQuery,
        response: { 200: QaPage, ...errorResponses },
      },
    },
    async (request) => listQa({ db: app.db, slug: request.params.slug, query: request.query }),
  );

  app.post(
    '/cases/intake',
    {
      config: { policy: 'cases.intake' },
      schema: {
        tags: ['public'],
        summary: 'Enter a hotline call or a mailbox letter for a citizen (the same path as asking online)',
        headers: IdempotencyHeaders,
        body: IntakeBody,
        response: { 201: IntakeAnswer, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await enterIntake({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.post(
    '/cases/:id/publish',
    {
      config: { policy: 'cases.publish' },
      schema: {
        tags: ['public'],
        summary: "Publish a replied case to the campaign's public Q&A, with texts free of personal data",
        params: IdParams,
        body: PublishBody,
        response: { 200: PublishedCase, ...errorResponses },
      },
    },
    async (request) =>
      publishCase({ db: app.db, actor: requireUser(request.actor), caseId: request.params.id, input: request.body }),
  );

  app.post(
    '/cases/:id/unpublish',
    {
      config: { policy: 'cases.publish' },
      schema: {
        tags: ['public'],
        summary: 'Take a case out of the public Q&A',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await unpublishCase({ db: app.db, actor: requireUser(request.actor), caseId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
