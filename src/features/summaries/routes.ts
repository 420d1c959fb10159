import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  ApproveBody,
  OwnTextBody,
  ReturnBody,
  Summary,
  SummaryParams,
  SummaryQuery,
  SummaryVersions,
} from './schema.ts';
import { SUMMARY_STYLESHEET, SUMMARY_STYLESHEET_PATH } from './render-html.ts';
import {
  generateSummary,
  getSummary,
  getSummaryHtml,
  listSummaryVersions,
  reviewSummary,
  saveOwnText,
} from './service.ts';

const BASE = '/summaries/campaigns/:campaignId/units/:unitId/summary';

/**
 * The summary page's own policy: its stylesheet and images from the app, nothing that runs, and
 * framed only by the app itself (the console shows it as the preview of the typeset summary).
 */
export const SUMMARY_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The summary page's stylesheet, outside the API (a page's asset, the same for every reader). */
export async function summaryStylesheetRoutes(app: App) {
  app.get(SUMMARY_STYLESHEET_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(SUMMARY_STYLESHEET),
  );
}

/** 活动总结: a unit's summary, generated from its records, edited by the unit, reviewed by the organizer. */
export async function summaryRoutes(app: App) {
  app.get(
    BASE,
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: "The unit's summary of the campaign (the last version), with the unit's own paragraphs",
        params: SummaryParams,
        querystring: SummaryQuery,
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (request) =>
      getSummary({
        db: app.db,
        actor: request.actor,
        ...request.params,
        language: request.query.lang ?? 'zh-CN',
      }),
  );

  app.get(
    `${BASE}.html`,
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: 'The summary as an HTML page; every figure links to the API list of the records behind it',
        params: SummaryParams,
        querystring: SummaryQuery,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'text/html' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const html = await getSummaryHtml({
        db: app.db,
        actor: request.actor,
        ...request.params,
        language: request.query.lang ?? 'zh-CN',
      });
      return reply
        .header('cache-control', 'no-store')
        .header('content-security-policy', SUMMARY_PAGE_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  app.get(
    `${BASE}/versions`,
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: 'Every version of the summary, newest first, with the figures that changed',
        params: SummaryParams,
        response: { 200: SummaryVersions, ...errorResponses },
      },
    },
    async (request) => listSummaryVersions({ db: app.db, actor: request.actor, ...request.params }),
  );

  app.post(
    `${BASE}/generate`,
    {
      config: { policy: 'summaries.write' },
      schema: {
        tags: ['summaries'],
        summary: "Compute the summary from the records now (a new version; the unit's own paragraphs are kept)",
        params: SummaryParams,
        querystring: SummaryQuery,
        headers: IdempotencyHeaders,
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await generateSummary({
          db: app.db,
          actor: requireUser(request.actor),
          ...request.params,
          language: request.query.lang ?? 'zh-CN',
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.put(
    `${BASE}/own-text`,
    {
      config: { policy: 'summaries.write' },
      schema: {
        tags: ['summaries'],
        summary:
          "Write the unit's own paragraphs in one language: section 六 (next steps) and remarks (a new version); the other language's text is kept",
        params: SummaryParams,
        querystring: SummaryQuery,
        headers: IdempotencyHeaders,
        body: OwnTextBody,
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await saveOwnText({
          db: app.db,
          actor: requireUser(request.actor),
          ...request.params,
          input: request.body,
          language: request.query.lang ?? request.body.language,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  const transitions = [
    ['submit', 'summaries.write', 'Submit the summary to the organizer (stops the summary-owed reminders)', undefined],
    ['approve', 'summaries.review', 'Approve a submitted summary', ApproveBody],
    ['return', 'summaries.review', 'Return a submitted summary to the unit with a comment', ReturnBody],
  ] as const;
  for (const [transition, policy, summary, body] of transitions) {
    app.post(
      `${BASE}/${transition}`,
      {
        config: { policy },
        schema: {
          tags: ['summaries'],
          summary,
          params: SummaryParams,
          querystring: SummaryQuery,
          headers: IdempotencyHeaders,
          ...(body ? { body } : {}),
          response: { 200: Summary, ...errorResponses },
        },
      },
      async (request, reply) =>
        sendStored(
          reply,
          await reviewSummary({
            db: app.db,
            actor: requireUser(request.actor),
            ...(request.params as { campaignId: string; unitId: string }),
            transition,
            // Submit takes no body: whatever is sent (a number, a string) is not a comment.
            input: (request.body && typeof request.body === 'object' ? request.body : {}) as { comment?: string },
            language: (request.query as { lang?: 'zh-CN' | 'en-US' }).lang ?? 'zh-CN',
            key: idempotencyKeyOf(request),
          }),
        ),
    );
  }
}
