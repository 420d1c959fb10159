import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/** The one error shape of the API: {"error":{"code","message","details":[{"field","reason"}]}}. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { field: string; reason: string }[];
  constructor(status: number, code: string, message: string, details: { field: string; reason: string }[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The request never reached the server (offline, server down): worth retrying later. */
export class NetworkError extends Error {}

let csrfToken = '';

/** The session's CSRF token, echoed in x-csrf-token on every write. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type ErrorPayload = { error?: { code?: string; message?: string; details?: { field: string; reason: string }[] } };

/** A refusal as the API words it; a 502/503/504 without the error shape (a proxy, no server) is a NetworkError. */
function failure(status: number, payload: unknown): Error {
  const error = (payload as ErrorPayload | undefined)?.error;
  if (!error && status >= 502) return new NetworkError(`HTTP ${status}`);
  return new ApiError(status, error?.code ?? 'http_error', error?.message ?? `HTTP ${status}`, error?.details);
}

/**
 * What every request carries and how every answer is read: the CSRF token on writes, a fresh
 * Idempotency-Key on POST, PUT and PATCH unless the caller gave one (the outbox gives its own, so a
 * retry stores once), and refusals thrown as ApiError, unreachable servers as NetworkError.
 */
const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && !request.headers.has('idempotency-key'))
      request.headers.set('idempotency-key', newId());
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const text = await response.clone().text();
    let payload: unknown;
    try {
      payload = text ? JSON.parse(text) : undefined;
    } catch {
      payload = undefined;
    }
    throw failure(response.status, payload);
  },
  onError({ error }) {
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    return new NetworkError(error instanceof Error ? error.message : String(error));
  },
};

/**
 * The API under /api/v1, typed from its OpenAPI document (schema.d.ts, `npm run api:types`):
 * paths, parameters, bodies and answers are checked by the compiler. A call resolves with the
 * answer or throws (see `session`); `answer()` takes the data out.
 */
export const client = createClient<paths>({
  baseUrl: '/api/v1',
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
});
client.use(session);

/**
 * The data of a call of `client`: a refusal has already been thrown by then, so what is left is
 * the answer (undefined for a 204).
 */
export async function answer<D>(pending: Promise<{ data?: D; response: Response }>): Promise<D> {
  return (await pending).data as D;
}

/** A header carrying the caller's own Idempotency-Key (the outbox's, kept for its retries). */
export const idempotent = (key: string) => ({ headers: { 'idempotency-key': key } });

/**
 * Sends one file as multipart/form-data (the part named "file"), as the photo and attachment
 * uploads take it; errors as the client throws them.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  options: { idempotencyKey: string; csrfToken?: string; headers?: Record<string, string> },
): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': options.csrfToken || csrfToken,
        'idempotency-key': options.idempotencyKey,
        ...options.headers,
      },
      body: form,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const payload = (await response.json().catch(() => undefined)) as T | ErrorPayload | undefined;
  if (!response.ok) {
    const error = payload && typeof payload === 'object' && 'error' in payload ? payload.error : undefined;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return payload as T;
}

/** A random UUID (v4) — also on plain http at a village desk, where crypto.randomUUID is missing. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
