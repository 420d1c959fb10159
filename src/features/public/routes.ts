import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { countedLimit, perAddress } from '../../platform/http/rate-limits.ts';
import { PublicCase } from '../cases/schema.ts';
import {
  AskAnswer,
  AskBody,
  IntakeAnswer,
  IntakeBody,
  PUBLIC_BODY_LIMIT,
  PublicCampaign,
  PublicSlugParams,
  PublicationPreview,
  PublicationPreviewBody,
  PublishBody,
  PublishedCase,
  PublishedConsultation,
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
  previewPublication,
  previewConsultationPublication,
  publishCase,
  publishConsultation,
  rateReply,
  trackCase,
  unpublishCase,
  unpublishConsultation,
} from './service.ts';

/**
 * Questions per address and hour. A village square's visitors ask through one hotspot, so one address
 * is a crowd: the largest unit of the reference collection received 736 people in its whole day, and
 * even if all of them asked online within one hour through one hotspot they would stay under this.
 * A flood is held back by the honeypot, the per-phone limit and nginx in front (docs/deployment.md).
 */
export const ASK_LIMIT = { max: 1000, timeWindow: '1 hour' } as const;
/**
 * Questions accepted per phone number and hour, whichever way they come: a person, or a family
 * sharing one phone, with a few questions each; a flood with one number stops here.
 */
export const ASK_PHONE_LIMIT = { max: 10, timeWindow: '1 hour' } as const;
/** Look-ups of a tracking code per address and minute: codes cannot be tried in bulk. */
export const TRACK_LIMIT = { max: 60, timeWindow: '1 minute' } as const;

export const QUESTIONS = { zh: '提问', en: 'questions' } as const;
export const LOOK_UPS = { zh: '查询', en: 'look-ups' } as const;

/** The digits of a phone number, without a leading +86 or 0086, so one phone is one key however written. */
export function phoneKey(phone: string | undefined): string | undefined {
  const digits = (phone ?? '').replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
  return digits.length >= 5 ? digits : undefined;
}

const phoneLimits = new WeakMap<object, ReturnType<typeof countedLimit>>();

/**
 * The per-phone limit of asking, one counter per process shared by the API and the portal's form
 * (both built on the same database object), counted when a question is accepted.
 */
export function asksPerPhone(app: App): ReturnType<typeof countedLimit> {
  let limit = phoneLimits.get(app.db);
  if (!limit) {
    limit = countedLimit(app, {
      ...ASK_PHONE_LIMIT,
      counted: QUESTIONS,
      field: 'contactPhone',
      by: { zh: '电话号码', en: 'phone number' },
      keyOf: (request) => phoneKey((request.body as { contactPhone?: string } | undefined)?.contactPhone),
    });
    phoneLimits.set(app.db, limit);
  }
  return limit;
}

/**
 * The public channel, no sign-in: the campaign's units and topics, asking, following a question
 * with its tracking code, rating the reply, and the public Q&A. Staff enter hotline calls and
 * letters through the same command; unit admins publish replied cases.
 */
export async function publicRoutes(app: App) {
  const phoneLimit = asksPerPhone(app);
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
      config: { policy: 'public', csrfExempt: true, rateLimit: perAddress(QUESTIONS, ASK_LIMIT) },
      schema: {
        tags: ['public'],
        summary: 'Ask a question, or leave a suggestion or complaint, addressed to a unit or a topic',
        description:
          'Contact details are optional and kept only with contactConsent: true. Answers the tracking code that ' +
          'shows the status and the reply. At most 1,000 an hour from one address and 10 an hour from one phone number.',
        security: [],
        headers: IdempotencyHeaders,
        params: PublicSlugParams,
        body: AskBody,
        response: { 201: AskAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      await phoneLimit.check(request);
      const answer = await askQuestion({
        db: app.db,
        slug: request.params.slug,
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      await phoneLimit.count(request);
      return sendStored(reply, answer);
    },
  );

  app.get(
    '/public/cases/:trackingCode',
    {
      config: { policy: 'public', rateLimit: perAddress(LOOK_UPS, TRACK_LIMIT) },
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
      config: { policy: 'public', csrfExempt: true, rateLimit: perAddress(LOOK_UPS, TRACK_LIMIT) },
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
      rateReply({
        db: app.db,
        trackingCode: request.params.trackingCode,
        rating: request.body.rating,
        comment: request.body.comment,
      }),
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
    '/cases/:id/publication-preview',
    {
      config: { policy: 'cases.publish' },
      schema: {
        tags: ['public'],
        summary:
          'The texts a case would be published with, personal data masked, and what was masked (nothing is stored)',
        params: IdParams,
        body: PublicationPreviewBody,
        response: { 200: PublicationPreview, ...errorResponses },
      },
    },
    async (request) =>
      previewPublication({
        db: app.db,
        actor: requireUser(request.actor),
        caseId: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/cases/:id/unpublish',
    {
      config: { policy: 'cases.unpublish' },
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

  app.post(
    '/consultations/:id/publication-preview',
    {
      config: { policy: 'consultations.publish' },
      schema: {
        tags: ['public'],
        summary:
          'The texts an answer given on the spot would be published with, personal data masked, and what was masked ' +
          '(nothing is stored)',
        params: IdParams,
        body: PublicationPreviewBody,
        response: { 200: PublicationPreview, ...errorResponses },
      },
    },
    async (request) =>
      previewConsultationPublication({
        db: app.db,
        actor: requireUser(request.actor),
        consultationId: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/consultations/:id/publish',
    {
      config: { policy: 'consultations.publish' },
      schema: {
        tags: ['public'],
        summary: "Publish an answer given on the spot to the campaign's public Q&A, with texts free of personal data",
        params: IdParams,
        body: PublishBody,
        response: { 200: PublishedConsultation, ...errorResponses },
      },
    },
    async (request) =>
      publishConsultation({
        db: app.db,
        actor: requireUser(request.actor),
        consultationId: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/consultations/:id/unpublish',
    {
      config: { policy: 'consultations.unpublish' },
      schema: {
        tags: ['public'],
        summary: 'Take an answer given on the spot out of the public Q&A',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await unpublishConsultation({
        db: app.db,
        actor: requireUser(request.actor),
        consultationId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );
}
