import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DatabaseUnavailableError,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
} from '../db/database.ts';
import { setSecurityHeaders } from './security-headers.ts';

export interface ErrorDetail {
  field: string;
  reason: string;
  /**
   * The reason in Chinese, where a feature words it for a screen that lists it (an import's
   * errors). The API's answer gives `field` and `reason` alone, in English.
   */
  reasonZh?: string;
}

/** Every failure the API reports: an HTTP status, a stable code, a message, and the fields at fault. */
export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Headers the answer carries, e.g. Retry-After of a 429. */
  readonly headers: Record<string, string>;
  constructor(
    statusCode: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new AppError(400, 'bad_request', message, details);
export const unprocessable = (field: string, reason: string) =>
  new AppError(422, 'unprocessable', `${field}: ${reason}`, [{ field, reason }]);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in or send an API token');
export const forbidden = (message = 'Not allowed', details: ErrorDetail[] = []) =>
  new AppError(403, 'forbidden', message, details);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError(409, 'conflict', message, details);

/** invalid byte sequence (a NUL in text) and \u0000 in jsonb. */
const PG_NOT_IN_REPERTOIRE = '22021';
const PG_UNTRANSLATABLE = '22P05';

/** Busboy's words for a multipart body it cannot read: it throws plain errors, without a status. */
const MALFORMED_MULTIPART =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Malformed urlencoded form)$/;

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns one schema-validation error into the field it concerns and a reason a person can read. */
function describeValidationError(context: string | undefined, error: AjvError): ErrorDetail {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  let field = base;
  if (error.keyword === 'required') field = [base, String(error.params.missingProperty)].filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    field = [base, String(error.params.additionalProperty)].filter(Boolean).join('.');
    return { field: qualify(context, field), reason: 'is not a known field' };
  }
  let reason = error.message ?? error.keyword;
  if (error.keyword === 'enum') reason = `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'required') reason = 'is required';
  return { field: qualify(context, field), reason };
}

function qualify(context: string | undefined, field: string): string {
  if (context === 'body' || !context) return field || 'body';
  return field ? `${context}.${field}` : context;
}

/** One detail per field: a value failing both branches of "string or null" reads as one reason. */
function mergeByField(details: ErrorDetail[]): ErrorDetail[] {
  const merged = new Map<string, string[]>();
  for (const { field, reason } of details) {
    const reasons = merged.get(field) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    merged.set(field, reasons);
  }
  return [...merged].map(([field, reasons]) => ({ field, reason: reasons.join(' or ') }));
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The API field behind a violated constraint: PostgreSQL names the column in "Key (desk_id)=…". */
function fieldOfConstraint(error: PgError): string {
  const column = error.column ?? /Key \(([a-z_]+)\)/.exec(error.detail ?? '')?.[1];
  return column ? camel(column) : (error.constraint ?? 'body');
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** The one error shape and status mapping for every route. Unknown errors are 500 and logged. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & PgError, request, reply) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'Something went wrong on our side; it has been logged.';
    let details: ErrorDetail[] = [];

    if (error instanceof AppError) {
      ({ statusCode: status, code, message, details } = error);
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    } else if (error.validation) {
      status = 400;
      code = 'invalid_request';
      details = mergeByField(
        (error.validation as AjvError[])
          .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
          .map((e) => describeValidationError(error.validationContext, e)),
      );
      message = details.map((d) => `${d.field} ${d.reason}`).join('; ');
    } else if (error instanceof DatabaseUnavailableError) {
      status = 503;
      code = 'database_unavailable';
      message = 'The database is not answering; try again shortly.';
      reply.header('retry-after', '5');
    } else if (MALFORMED_MULTIPART.test(error.message)) {
      status = 400;
      code = 'invalid_multipart';
      message = 'The multipart/form-data body cannot be read';
      details = [{ field: 'body', reason: 'is not a readable multipart/form-data body' }];
    } else if (error.code === PG_UNIQUE_VIOLATION) {
      status = 409;
      code = 'conflict';
      message = 'A record with the same key already exists';
      details = [{ field: error.constraint ?? 'unknown', reason: 'already exists' }];
    } else if (error.code === PG_FOREIGN_KEY_VIOLATION || error.code === PG_CHECK_VIOLATION) {
      status = 422;
      code = 'unprocessable';
      message = 'The record refers to something that does not exist or breaks a rule';
      details = [
        {
          field: fieldOfConstraint(error),
          reason: error.code === PG_FOREIGN_KEY_VIOLATION ? 'refers to something that does not exist' : 'breaks a rule',
        },
      ];
    } else if (error.code === PG_NOT_IN_REPERTOIRE || error.code === PG_UNTRANSLATABLE) {
      // Text PostgreSQL cannot store (a NUL character): validation refuses it first; this is the net.
      status = 400;
      code = 'invalid_request';
      message = 'A value contains a character that cannot be stored';
      details = [
        { field: error.column ? camel(error.column) : 'body', reason: 'contains a character that cannot be stored' },
      ];
    } else if (error.code === '22P02' || error.code === '22007' || error.code === '22008' || error.code === '22003') {
      status = 400;
      code = 'invalid_request';
      message = 'A value has the wrong form or is out of range';
      details = [
        { field: error.column ? camel(error.column) : 'body', reason: 'has the wrong form or is out of range' },
      ];
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = fastifyCode(error.code, status);
      message = error.message;
      if (status === 413) details = [{ field: 'body', reason: 'is larger than the limit' }];
      if (status === 415) details = [{ field: 'content-type', reason: 'is not supported; send application/json' }];
      if (code === 'invalid_json') details = [{ field: 'body', reason: 'is not valid JSON' }];
    }

    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    return reply
      .status(status)
      .send({ error: { code, message, details: details.map(({ field, reason }) => ({ field, reason })) } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: [] },
    }),
  );
}

/**
 * Fastify's `frameworkErrors` option: an address the router cannot read (bad percent-encoding) or
 * with a part longer than maxParamLength is answered in the one error shape too, not Fastify's own.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  request.log.info({ code: error.code }, 'request refused');
  setSecurityHeaders(request, reply);
  void reply.status(tooLong ? 414 : 400).send({
    error: {
      code: tooLong ? 'uri_too_long' : 'bad_url',
      message: tooLong ? 'A part of the address is too long' : 'The address is not a valid URL',
      details: [{ field: 'url', reason: tooLong ? 'has a part longer than the limit' : 'is not a valid URL' }],
    },
  });
}

function fastifyCode(code: string | undefined, status: number): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'invalid_json';
    case 'FST_ERR_RATE_LIMIT':
      return 'rate_limited';
    default:
      return status === 429 ? 'rate_limited' : 'bad_request';
  }
}
