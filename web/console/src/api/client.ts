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

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: [] } } | undefined)?.error;
    // A proxy or a server that is not there answers 502/503/504 without our error shape: retry later.
    if (!error && response.status >= 502) throw new NetworkError(`HTTP ${response.status}`);
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return payload as T;
}

/**
 * Sends one file as multipart/form-data (the part named "file"), as the photo and attachment
 * uploads take it; errors as apiRequest throws them.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  options: { idempotencyKey: string; csrfToken?: string },
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
      },
      body: form,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const payload = (await response.json().catch(() => undefined)) as
    T | { error?: { code: string; message: string; details: { field: string; reason: string }[] } } | undefined;
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

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, { signal }),
  post: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    apiRequest<T>('POST', path, { body, idempotencyKey }),
  put: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    apiRequest<T>('PUT', path, { body, idempotencyKey }),
  patch: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    apiRequest<T>('PATCH', path, { body, idempotencyKey }),
  delete: (path: string) => apiRequest<void>('DELETE', path),
};

/** A random UUID (v4) — also on plain http at a village desk, where crypto.randomUUID is missing. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
