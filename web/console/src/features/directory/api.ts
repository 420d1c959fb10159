import { answer, client, idempotent } from '../../api/client.ts';
import type { RequestBody } from '../../api/types.ts';

/** The directory's requests, on the client typed from the API's OpenAPI document. */
export const directoryApi = {
  regions: (signal?: AbortSignal) => answer(client.GET('/regions', { signal })),
  units: (signal?: AbortSignal) => answer(client.GET('/units', { signal })),
  users: (signal?: AbortSignal) => answer(client.GET('/users', { signal })),
  addRegion: (body: RequestBody<'/regions', 'post'>, key: string) =>
    answer(client.POST('/regions', { body, ...idempotent(key) })),
  addUnit: (body: RequestBody<'/units', 'post'>, key: string) =>
    answer(client.POST('/units', { body, ...idempotent(key) })),
  addUser: (body: RequestBody<'/users', 'post'>, key: string) =>
    answer(client.POST('/users', { body, ...idempotent(key) })),
};
