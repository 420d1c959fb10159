import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseUnavailableError } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app-types.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  CreateRequestBody,
  Discovery,
  FormatParams,
  JurisdictionQuery,
  Open311Errors,
  RequestCreated,
  RequestParams,
  RequestsQuery,
  Service,
  ServiceDefinition,
  ServiceParams,
  ServiceRequest,
  type Open311Error,
} from './schema.ts';
import {
  createRequest,
  discovery,
  getRequest,
  getServiceDefinition,
  listRequests,
  listServices,
  open311Error,
  resolveJurisdiction,
  type Language,
} from './service.ts';
import { el, fields, xmlDocument, type XmlElement, type XmlValue } from './xml.ts';

type Format = 'json' | 'xml';

/** The format a request asks for by its suffix; an unknown suffix is no route at all. */
function formatOf(request: FastifyRequest): Format {
  const format = (request.params as { format?: string }).format;
  if (format === 'json' || format === 'xml') return format;
  throw open311Error(404, `No such resource: use the .json or .xml suffix`);
}

/** Chinese unless the client prefers English. */
function languageOf(request: FastifyRequest): Language {
  const accept = request.headers['accept-language'];
  return typeof accept === 'string' && /^\s*en\b/i.test(accept) ? 'en-US' : 'zh-CN';
}

/** Sends JSON as is, or the spec's XML: a root element holding one element per item. */
function send(reply: FastifyReply, format: Format, status: number, json: unknown, xml: () => XmlElement): FastifyReply {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(xml()));
  return reply.type('application/json; charset=utf-8').send(json);
}

const list = <T extends object>(root: string, item: string, items: readonly T[]) =>
  el(
    root,
    items.map((i) => el(item, fields(i as Record<string, XmlValue>))),
  );

/** Every failure in the spec's shape: [{"code": 400, "description": "…"}], or its XML. */
function sendErrors(reply: FastifyReply, request: FastifyRequest, status: number, errors: Open311Error[]) {
  const format: Format = /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
  return send(reply, format, status, errors, () => list('errors', 'error', errors));
}

function toOpen311Errors(error: FastifyError & { statusCode?: number }): { status: number; errors: Open311Error[] } {
  if (error instanceof AppError) {
    const described = error.details.length
      ? error.details.map((d) => `${d.field} ${d.reason}`).join('; ')
      : error.message;
    return { status: error.statusCode, errors: [{ code: error.statusCode, description: described }] };
  }
  if (error.validation) {
    return {
      status: 400,
      errors: error.validation.map((v) => {
        const field =
          (v.instancePath.replace(/^\//, '') || (v.params as { missingProperty?: string }).missingProperty) ??
          error.validationContext;
        return { code: 400, description: `${field ?? 'request'} ${v.message ?? 'is not valid'}` };
      }),
    };
  }
  if (error instanceof DatabaseUnavailableError) {
    return { status: 503, errors: [{ code: 503, description: 'The database is not answering; try again shortly.' }] };
  }
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  const description =
    status === 500
      ? 'Something went wrong on our side; it has been logged.'
      : status === 415
        ? 'Send the fields as application/x-www-form-urlencoded (or application/json)'
        : error.message;
  return { status, errors: [{ code: status, description }] };
}

const errorSchemas = {
  400: Open311Errors,
  403: Open311Errors,
  404: Open311Errors,
  413: Open311Errors,
  415: Open311Errors,
};

/**
 * Open311 GeoReport v2 at /open311/v2 and its discovery document at /open311/discovery: the
 * campaign's topics as services, questions as service requests. JSON, or XML with .xml.
 * Registered with the prefix /open311, outside /api/v1: its errors take the spec's shape.
 */
export async function open311Routes(app: App) {
  // Form-encoded bodies, as the spec posts them, for these routes only (JSON is taken too).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, errors } = toOpen311Errors(error);
    if (status >= 500) request.log.error({ err: error }, 'open311 request failed');
    return sendErrors(reply, request, status, errors);
  });
  app.setNotFoundHandler((request, reply) =>
    sendErrors(reply, request, 404, [{ code: 404, description: `No such resource: ${request.url.split('?')[0]}` }]),
  );

  const tags = ['open311'];

  app.get(
    '/discovery.:format',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'Open311 discovery: where the GeoReport v2 endpoint is',
        security: [],
        params: FormatParams,
        response: { 200: Discovery, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const doc = discovery(app.config.baseUrl);
      return send(reply, formatOf(request), 200, doc, () =>
        el('discovery', [
          el('changeset', doc.changeset),
          el('contact', doc.contact),
          el('key_service', doc.key_service),
          el(
            'endpoints',
            doc.endpoints.map((e) =>
              el('endpoint', [
                el('specification', e.specification),
                el('url', e.url),
                el('changeset', e.changeset),
                el('type', e.type),
                el(
                  'formats',
                  e.formats.map((f) => el('format', f)),
                ),
              ]),
            ),
          ),
        ]),
      );
    },
  );

  app.get(
    '/v2/services.:format',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: "GeoReport v2 service list: the campaign's topics",
        security: [],
        params: FormatParams,
        querystring: JurisdictionQuery,
        response: { 200: { type: 'array', items: Service }, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const campaign = await resolveJurisdiction(app.db, request.query.jurisdiction_id);
      const services = await listServices({ db: app.db, campaign, language: languageOf(request) });
      return send(reply, format, 200, services, () => list('services', 'service', services));
    },
  );

  app.get(
    '/v2/services/:service_code.:format',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'GeoReport v2 service definition (no service asks for attributes)',
        security: [],
        params: ServiceParams,
        querystring: JurisdictionQuery,
        response: { 200: ServiceDefinition, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const campaign = await resolveJurisdiction(app.db, request.query.jurisdiction_id);
      const definition = await getServiceDefinition({ db: app.db, campaign, serviceCode: request.params.service_code });
      return send(reply, format, 200, definition, () =>
        el('service_definition', [el('service_code', definition.service_code), el('attributes', [])]),
      );
    },
  );

  app.post(
    '/v2/requests.:format',
    {
      bodyLimit: 64 * 1024,
      // The api_key in the body authenticates, not a session: a cookie is not looked at.
      config: { policy: 'public', csrfExempt: true },
      schema: {
        tags,
        summary: 'GeoReport v2: create a service request (a question to the service’s unit), form-encoded',
        security: [],
        params: FormatParams,
        querystring: JurisdictionQuery,
        body: CreateRequestBody,
        response: { 201: { type: 'array', items: RequestCreated }, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const campaign = await resolveJurisdiction(
        app.db,
        request.body.jurisdiction_id || request.query.jurisdiction_id || undefined,
      );
      const created = await createRequest({ db: app.db, campaign, body: request.body, language: languageOf(request) });
      return send(reply, format, 201, created, () => list('service_requests', 'request', created));
    },
  );

  app.get(
    '/v2/requests.:format',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'GeoReport v2: service requests (default the last 90 days, at most 1000)',
        security: [],
        params: FormatParams,
        querystring: RequestsQuery,
        response: { 200: { type: 'array', items: ServiceRequest }, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const campaign = await resolveJurisdiction(app.db, request.query.jurisdiction_id || undefined);
      const requests = await listRequests({
        db: app.db,
        campaign,
        query: request.query,
        language: languageOf(request),
      });
      return send(reply, format, 200, requests, () => list('service_requests', 'request', requests));
    },
  );

  app.get(
    '/v2/requests/:service_request_id.:format',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'GeoReport v2: one service request',
        security: [],
        params: RequestParams,
        querystring: RequestsQuery,
        response: { 200: { type: 'array', items: ServiceRequest }, ...errorSchemas },
      },
    },
    async (request, reply) => {
      const format = formatOf(request);
      const campaign = await resolveJurisdiction(app.db, request.query.jurisdiction_id || undefined);
      const found = await getRequest({
        db: app.db,
        campaign,
        id: request.params.service_request_id,
        apiKey: request.query.api_key,
        language: languageOf(request),
      });
      return send(reply, format, 200, found, () => list('service_requests', 'request', found));
    },
  );
}
