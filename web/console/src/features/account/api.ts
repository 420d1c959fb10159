import { answer, client } from '../../api/client.ts';
import type { RequestBody } from '../../api/types.ts';

/** The account screen's requests, on the client typed from the API's OpenAPI document. */
export const accountApi = {
  changePassword: (body: RequestBody<'/auth/password', 'post'>) => answer(client.POST('/auth/password', { body })),
  tokens: (signal?: AbortSignal) => answer(client.GET('/auth/tokens', { signal })),
  createToken: (body: RequestBody<'/auth/tokens', 'post'>) => answer(client.POST('/auth/tokens', { body })),
  revokeToken: (tokenId: string) => answer(client.DELETE('/auth/tokens/{tokenId}', { params: { path: { tokenId } } })),
};
