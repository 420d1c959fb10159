import { answer, client, idempotent } from '../../api/client.ts';

/** The desk's requests, on the client typed from the API's OpenAPI document. */
export const intakeApi = {
  desks: (campaignId: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{campaignId}/desks', { params: { path: { campaignId } }, signal })),
  plan: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(
      client.GET('/campaigns/{campaignId}/units/{unitId}/plan', { params: { path: { campaignId, unitId } }, signal }),
    ),
  channelPoints: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(
      client.GET('/campaigns/{campaignId}/units/{unitId}/channel-points', {
        params: { path: { campaignId, unitId } },
        signal,
      }),
    ),
  materials: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/materials', { params: { query: { campaignId, unitId, limit: 100 } }, signal })),
  consultation: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/consultations/{id}', { params: { path: { id } }, signal })),
  /** Corrects a record sent today; `key` is made once per dialog, so a second tap stores once. */
  correct: (id: string, body: { question: string; answer: string | null }, key: string) =>
    answer(client.PATCH('/consultations/{id}', { params: { path: { id } }, body, ...idempotent(key) })),
  withdraw: (id: string) => answer(client.DELETE('/consultations/{id}', { params: { path: { id } } })),
  /**
   * Sends a record of the outbox under the Idempotency-Key it was made with. Its path and body
   * were made by this console (a consultation, or a distribution of a material) and kept in
   * IndexedDB, so they are sent as they were stored.
   */
  send: (path: string, body: unknown, key: string) =>
    answer(
      client.request('post', path as '/consultations', {
        body: body as never,
        ...idempotent(key),
      }) as Promise<{ data?: { id?: string; caseTrackingCode?: string | null }; response: Response }>,
    ),
};
