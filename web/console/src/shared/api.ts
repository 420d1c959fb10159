import { answer, client } from '../api/client.ts';

// The requests of the console's shared parts (the session, the campaign chosen, the receivers of a
// transfer, the villages of a unit), on the client typed from the API's OpenAPI document.

export const sharedApi = {
  session: () => answer(client.GET('/auth/session')),
  signIn: (username: string, password: string) => answer(client.POST('/auth/login', { body: { username, password } })),
  signOut: () => answer(client.POST('/auth/logout')),
  units: (signal?: AbortSignal) => answer(client.GET('/units', { signal })),
  unit: (id: string, signal?: AbortSignal) => answer(client.GET('/units/{id}', { params: { path: { id } }, signal })),
  regionsWithin: (within: string, signal?: AbortSignal) =>
    answer(client.GET('/regions', { params: { query: { within } }, signal })),
  // GET /campaigns has no paging parameters: it answers every campaign.
  campaigns: (signal?: AbortSignal) => answer(client.GET('/campaigns', { signal })),
  campaignUnits: (campaignId: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/units', { params: { path: { id: campaignId } }, signal })),
  campaignPartners: (campaignId: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{campaignId}/partners', { params: { path: { campaignId } }, signal })),
};
