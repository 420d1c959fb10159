import { ApiError, apiRequest, NetworkError } from '../../api/client.ts';
import type { Photo } from './types.ts';

/** The unit admin's calls: every write carries its own Idempotency-Key, so a retry stores once. */
export const call = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, { signal }),
  post: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    apiRequest<T>('POST', path, { body, idempotencyKey }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  remove: (path: string) => apiRequest<void>('DELETE', path),
};

/** Undefined for a 404 (e.g. a plan not made yet), the answer otherwise. */
export async function getOrNothing<T>(path: string, signal?: AbortSignal): Promise<T | undefined> {
  try {
    return await call.get<T>(path, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Sends a photo as multipart/form-data; where it goes and what it shows travel in the query. */
export async function uploadPhoto(options: {
  campaignId: string;
  unitId: string;
  kind: string;
  caption?: string;
  file: File;
  csrfToken: string;
  idempotencyKey: string;
}): Promise<Photo> {
  const query = new URLSearchParams({ campaignId: options.campaignId, unitId: options.unitId, kind: options.kind });
  if (options.caption) query.set('caption', options.caption);
  const form = new FormData();
  form.append('file', options.file, options.file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/photos?${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'x-csrf-token': options.csrfToken,
        'idempotency-key': options.idempotencyKey,
      },
      body: form,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const payload = (await response.json().catch(() => undefined)) as
    Photo | { error?: { code: string; message: string; details: { field: string; reason: string }[] } } | undefined;
  if (!response.ok) {
    const error = payload && 'error' in payload ? payload.error : undefined;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return payload as Photo;
}
