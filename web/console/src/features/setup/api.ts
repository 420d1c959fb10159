import { answer, client } from '../../api/client.ts';
import type { RequestBody } from '../../api/types.ts';

/** The first run's requests, on the client typed from the API's OpenAPI document. */
export const setupApi = {
  /** Whether no account exists yet (the set-up screen comes before the sign-in). */
  state: (signal?: AbortSignal) => answer(client.GET('/setup', { signal })),
  setUp: (body: RequestBody<'/setup', 'post'>) => answer(client.POST('/setup', { body })),
};
