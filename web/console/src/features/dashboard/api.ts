import { answer, client } from '../../api/client.ts';

/** The dashboard's requests, on the client typed from the API's OpenAPI document. */
export const dashboardApi = {
  dashboard: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/dashboard', { params: { path: { id } }, signal })),
  byRegion: (id: string, signal?: AbortSignal) =>
    answer(
      client.GET('/campaigns/{id}/statistics/breakdown', { params: { path: { id }, query: { by: 'region' } }, signal }),
    ),
  villages: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/statistics/villages', { params: { path: { id } }, signal })),
};
