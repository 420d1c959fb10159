import { ApiError, apiRequest, uploadFile } from '../../api/client.ts';
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
  return uploadFile<Photo>(`/photos?${query}`, options.file, options);
}
