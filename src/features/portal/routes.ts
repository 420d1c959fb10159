import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { App } from '../../platform/http/app-types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { readStoredAnswer, type IdempotencyKey } from '../../platform/http/idempotency.ts';
import { StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';
import { RATINGS } from '../../domain/vocabulary.ts';
import { ASK_LIMIT, asksPerPhone, LOOK_UPS, QUESTIONS, TRACK_LIMIT } from '../public/read.ts';
import { perAddress } from '../../platform/http/rate-limits.ts';
import { MAX_TEXT, PUBLIC_BODY_LIMIT, REQUEST_KINDS, type AskAnswer, type AskBody } from '../public/schema.ts';
import { askQuestion, getPublicCampaign, listQa, rateReply, trackCase } from '../public/service.ts';
import { CSRF_FIELD, PortalCsrf } from './csrf.ts';
import { chooseLocale, LOCALES, localizer, type Localizer } from './i18n.ts';
import { attachmentHeader } from '../../platform/http/download.ts';
import { getCampaignPage, getCollectionDownload, getUnitPage, listPortalCampaigns } from './service.ts';
import {
  askDonePage,
  askPage,
  campaignPage,
  errorPage,
  homePage,
  qaPage,
  trackPage,
  unitPage,
  type AskFormValues,
  type FieldError,
  type PageContext,
} from './views.ts';
import { chinaToday } from '../statistics/read.ts';

const STYLESHEET = fs.readFileSync(new URL('./assets/portal.css', import.meta.url));
// The site's icon: browsers ask for /favicon.ico on every page; an SVG answers both names.
const FAVICON = fs.readFileSync(new URL('./assets/favicon.svg', import.meta.url));
const STYLESHEET_HASH = crypto.createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 12);
/** The stylesheet's address carries its content hash, so it can be cached for a year. */
export const STYLESHEET_PATH = `/assets/portal-${STYLESHEET_HASH}.css`;

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

const Lang = Type.Optional(StringEnum(LOCALES));
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 63 }) });
const optionalText = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The ask form as a browser posts it: every field text, empty when left blank. */
const AskForm = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    key: Type.Optional(Uuid),
    kind: StringEnum(REQUEST_KINDS),
    target: Type.String({ maxLength: 100 }),
    text: Text(MAX_TEXT),
    contactName: optionalText(100),
    contactPhone: Type.Optional(Type.String({ pattern: '^(|[0-9+][0-9 ()-]{4,24})$' })),
    contactEmail: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 200 })])),
    contactConsent: Type.Optional(Type.Literal('on')),
    website: optionalText(500),
  },
  { additionalProperties: false },
);
type AskForm = Static<typeof AskForm>;

const RateForm = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 40 }),
    rating: StringEnum(RATINGS),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const normalizeCode = (code: string) => code.trim().toUpperCase();

/** The form field a service's or the schema's complaint is about, and its message. */
function toFieldErrors(l: Localizer, error: FastifyError): FieldError[] {
  const details =
    error instanceof AppError
      ? error.details.map((d) => ({ field: d.field, keyword: '' }))
      : ((error.validation ?? []) as { instancePath: string; keyword: string; params?: { missingProperty?: string } }[])
          .filter((v) => v.keyword !== 'anyOf')
          .map((v) => ({ field: v.params?.missingProperty ?? v.instancePath.replace(/^\//, ''), keyword: v.keyword }));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const { field: raw, keyword } of details) {
    const field = raw === 'unitId' || raw === 'topicCode' ? 'target' : raw;
    if (seen.has(field)) continue;
    seen.add(field);
    const label = (l.t as unknown as Record<string, string>)[`field_${field}`] ?? field;
    const reason =
      field === 'contactConsent'
        ? l.t.reason_consent
        : field === 'website'
          ? l.t.reason_honeypot
          : field === 'target' && error instanceof AppError
            ? l.t.reason_notParticipating
            : keyword === 'minLength' || keyword === 'required' || (field === 'text' && error instanceof AppError)
              ? l.t.reason_required
              : keyword === 'maxLength'
                ? l.t.reason_tooLong
                : l.t.reason_invalid;
    out.push({ field, message: `${label}${l.t.colon}${reason}` });
  }
  return out;
}

/**
 * 门户: the public portal, server-rendered HTML in the reader's language, working without
 * JavaScript. It reads and writes only through the public channel's services.
 */
/** Where a portal question's answer is stored under the form's key (idempotency and the page after it). */
const askScope = (slug: string) => `portal POST /c/:slug/ask ${slug}`;

export async function portalRoutes(app: App) {
  const csrf = new PortalCsrf(process.env.PORTAL_CSRF_SECRET, app.config.secureCookies);
  const phoneLimit = asksPerPhone(app);

  // Forms post application/x-www-form-urlencoded; only the portal's routes read it.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [name, value] of new URLSearchParams(body as string)) if (!(name in fields)) fields[name] = value;
      done(null, fields);
    },
  );

  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('x-frame-options', 'DENY');
  });

  const contextOf = (request: FastifyRequest, reply: FastifyReply): PageContext => {
    const l = localizer(chooseLocale(request, reply, app.config.secureCookies));
    const url = new URL(request.url, 'http://portal.invalid');
    url.searchParams.set('lang', l.locale === 'zh-CN' ? 'en-US' : 'zh-CN');
    // A post's page switches language by showing the page it came from.
    const path = request.method === 'GET' ? url.pathname : request.url.startsWith('/track') ? '/track' : url.pathname;
    reply.header('vary', 'Accept-Language, Cookie');
    return {
      l,
      switchHref: `${path}${request.method === 'GET' ? url.search : `?lang=${url.searchParams.get('lang')}`}`,
      stylesheet: STYLESHEET_PATH,
    };
  };

  const sendPage = (reply: FastifyReply, page: string, status = 200) =>
    reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);

  const renderAsk = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: AskFormValues,
    errors: FieldError[],
    status: number,
  ) => {
    const campaign = await getPublicCampaign({ db: app.db, slug });
    const page = askPage(contextOf(request, reply), campaign, {
      csrf: csrf.tokenFor(request, reply),
      key: crypto.randomUUID(),
      values,
      errors,
    });
    return sendPage(reply, page, status);
  };

  const renderTrack = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: { rated?: boolean; errors?: FieldError[]; status?: number } = {},
  ) => {
    const ctx = contextOf(request, reply);
    let found;
    let notFound = false;
    if (code) {
      try {
        found = await trackCase({ db: app.db, trackingCode: normalizeCode(code) });
      } catch (error) {
        if (!(error instanceof AppError && error.statusCode === 404)) throw error;
        notFound = true;
      }
    }
    const page = trackPage(ctx, {
      code,
      found,
      notFound,
      rated: extra.rated ?? false,
      csrf: csrf.tokenFor(request, reply),
      errors: extra.errors ?? [],
    });
    return sendPage(reply, page, extra.status ?? (notFound ? 404 : 200));
  };

  // Problems are pages in the reader's language; a form comes back with what was typed.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error instanceof AppError ? error.statusCode : error.validation ? 400 : (error.statusCode ?? 500);
    const ctx = contextOf(request, reply);
    const route = request.routeOptions.url;
    if (status >= 500) request.log.error(error);
    if (
      (status === 400 || status === 422) &&
      request.method === 'POST' &&
      route === '/c/:slug/ask' &&
      error.validationContext !== 'params'
    ) {
      const params = request.params as { slug: string };
      return renderAsk(
        request,
        reply,
        params.slug,
        (request.body ?? {}) as AskFormValues,
        toFieldErrors(ctx.l, error),
        status,
      );
    }
    if (status < 500 && status !== 403 && status !== 429 && request.method === 'POST' && route === '/track/rate') {
      const body = (request.body ?? {}) as { code?: string };
      const errors =
        status === 409
          ? [{ field: 'rating', message: `${ctx.l.t.field_rating}${ctx.l.t.colon}${ctx.l.t.reason_alreadyRated}` }]
          : toFieldErrors(ctx.l, error);
      return renderTrack(request, reply, typeof body.code === 'string' ? body.code : '', { errors, status });
    }
    const message =
      status === 404
        ? ctx.l.t.errorNotFound
        : status === 429
          ? ctx.l.t.errorTooMany
          : status === 403
            ? ctx.l.t.errorForm
            : status >= 500
              ? ctx.l.t.errorServer
              : toFieldErrors(ctx.l, error)
                  .map((e) => e.message)
                  .join('；') || ctx.l.t.errorNotFound;
    if (status === 429) reply.header('retry-after', '60');
    return sendPage(reply, errorPage(ctx, message), status);
  });

  const hidden = { hide: true };

  for (const iconPath of ['/favicon.ico', '/favicon.svg'])
    app.get(iconPath, { schema: hidden }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON),
    );

  app.get(STYLESHEET_PATH, { schema: hidden }, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(STYLESHEET),
  );

  app.get('/', { schema: { ...hidden, querystring: Type.Object({ lang: Lang }) } }, async (request, reply) => {
    return sendPage(reply, homePage(contextOf(request, reply), await listPortalCampaigns(app.db, chinaToday())));
  });

  app.get(
    '/c/:slug',
    { schema: { ...hidden, params: SlugParams, querystring: Type.Object({ lang: Lang }) } },
    async (request, reply) => {
      const { campaign, sites, collections, figures } = await getCampaignPage(app.db, request.params.slug);
      return sendPage(reply, campaignPage(contextOf(request, reply), campaign, sites, collections, figures));
    },
  );

  // 总结汇编: a collection of summaries the organizer published, downloadable without signing in.
  app.get(
    '/c/:slug/collections/:id',
    { schema: { ...hidden, params: Type.Object({ slug: SlugParams.properties.slug, id: Uuid }) } },
    async (request, reply) => {
      const file = await getCollectionDownload(app.db, request.params.slug, request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.bytes))
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('cache-control', 'public, max-age=300')
        .send(file.stream);
    },
  );

  app.get(
    '/c/:slug/units/:unitId',
    {
      schema: {
        ...hidden,
        params: Type.Object({ slug: SlugParams.properties.slug, unitId: Uuid }),
        querystring: Type.Object({ lang: Lang }),
      },
    },
    async (request, reply) => {
      const data = await getUnitPage(app.db, request.params.slug, request.params.unitId);
      return sendPage(reply, unitPage(contextOf(request, reply), data));
    },
  );

  app.get(
    '/c/:slug/ask',
    {
      schema: {
        ...hidden,
        params: SlugParams,
        querystring: Type.Object({
          lang: Lang,
          unit: Type.Optional(Type.String({ maxLength: 100 })),
          asked: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      // After a question is sent (post/redirect/get): its answer, read back by the form's own key.
      if (request.query.asked) {
        const answer = await readStoredAnswer<AskAnswer>(app.db, askScope(request.params.slug), request.query.asked);
        if (answer) {
          const campaign = await getPublicCampaign({ db: app.db, slug: request.params.slug });
          return sendPage(reply, askDonePage(contextOf(request, reply), campaign, answer));
        }
      }
      return renderAsk(
        request,
        reply,
        request.params.slug,
        { target: request.query.unit ? `unit:${request.query.unit}` : undefined },
        [],
        200,
      );
    },
  );

  app.post(
    '/c/:slug/ask',
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { csrfExempt: true, rateLimit: perAddress(QUESTIONS, ASK_LIMIT) },
      schema: { ...hidden, params: SlugParams, body: AskForm },
    },
    async (request, reply) => {
      const form: AskForm = request.body;
      csrf.check(request, form[CSRF_FIELD]);
      const [targetKind, targetValue] = [
        form.target.slice(0, form.target.indexOf(':')),
        form.target.slice(form.target.indexOf(':') + 1),
      ];
      if (!['unit', 'topic'].includes(targetKind) || !targetValue) {
        throw new AppError(422, 'unprocessable', 'target: choose a unit or a topic', [
          { field: 'target', reason: 'choose a unit or a topic' },
        ]);
      }
      if (
        targetKind === 'unit' &&
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(targetValue)
      ) {
        throw new AppError(422, 'unprocessable', 'target: is not a unit', [
          { field: 'target', reason: 'is not a unit' },
        ]);
      }
      const input: AskBody = {
        kind: form.kind,
        ...(targetKind === 'unit' ? { unitId: targetValue } : { topicCode: targetValue }),
        text: form.text,
        contactName: blankToUndefined(form.contactName),
        contactPhone: blankToUndefined(form.contactPhone),
        contactEmail: blankToUndefined(form.contactEmail),
        contactConsent: form.contactConsent === 'on' ? true : undefined,
        website: form.website || undefined,
      };
      // The form's own key, made when the form was shown: sending it twice stores one question.
      const { _csrf: _token, key: formKey, ...fields } = form;
      const key: IdempotencyKey | undefined = formKey
        ? {
            scope: askScope(request.params.slug),
            key: formKey,
            requestHash: crypto.createHash('sha256').update(JSON.stringify(fields)).digest('base64url'),
          }
        : undefined;
      const campaign = await getPublicCampaign({ db: app.db, slug: request.params.slug });
      await phoneLimit.check(request);
      const result = await askQuestion({ db: app.db, slug: request.params.slug, input, key });
      await phoneLimit.count(request);
      // Post/redirect/get: Back and reload show the answer again, never a form sent twice.
      if (formKey)
        return reply.redirect(
          `/c/${encodeURIComponent(request.params.slug)}/ask?asked=${encodeURIComponent(formKey)}`,
          303,
        );
      return sendPage(reply, askDonePage(contextOf(request, reply), campaign, result.body), 201);
    },
  );

  app.get(
    '/track',
    {
      config: { rateLimit: perAddress(LOOK_UPS, TRACK_LIMIT) },
      schema: {
        ...hidden,
        querystring: Type.Object({
          lang: Lang,
          code: Type.Optional(Type.String({ maxLength: 40 })),
          rated: Type.Optional(Type.String({ maxLength: 1 })),
        }),
      },
    },
    async (request, reply) =>
      renderTrack(request, reply, request.query.code?.trim() ?? '', { rated: request.query.rated === '1' }),
  );

  app.post(
    '/track/rate',
    {
      bodyLimit: PUBLIC_BODY_LIMIT,
      config: { csrfExempt: true, rateLimit: perAddress(LOOK_UPS, TRACK_LIMIT) },
      schema: { ...hidden, body: RateForm },
    },
    async (request, reply) => {
      csrf.check(request, request.body[CSRF_FIELD]);
      const code = normalizeCode(request.body.code);
      await rateReply({
        db: app.db,
        trackingCode: code,
        rating: request.body.rating,
        comment: blankToUndefined(request.body.comment),
      });
      // Post/redirect/get: reloading the answer does not send the rating again.
      return reply.redirect(`/track?code=${encodeURIComponent(code)}&rated=1`, 303);
    },
  );

  app.get(
    '/c/:slug/qa',
    {
      schema: {
        ...hidden,
        params: SlugParams,
        querystring: Type.Object({
          lang: Lang,
          q: optionalText(100),
          unit: Type.Optional(Type.Union([Type.Literal(''), Uuid])),
          topic: optionalText(64),
          cursor: optionalText(200),
        }),
      },
    },
    async (request, reply) => {
      const { q = '', unit = '', topic = '', cursor } = request.query;
      const campaign = await getPublicCampaign({ db: app.db, slug: request.params.slug });
      const page = await listQa({
        db: app.db,
        slug: request.params.slug,
        query: {
          limit: 20,
          ...(q.trim() && { q: q.trim() }),
          ...(unit && { unitId: unit }),
          ...(topic && { topic }),
          ...(cursor && { cursor }),
        },
      });
      const next = page.nextCursor
        ? `/c/${encodeURIComponent(campaign.slug)}/qa?${new URLSearchParams({ q, unit, topic, cursor: page.nextCursor }).toString()}`
        : null;
      return sendPage(reply, qaPage(contextOf(request, reply), campaign, { q, unit, topic }, page, next));
    },
  );
}
