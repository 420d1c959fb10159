import { answer, client, idempotent } from '../../api/client.ts';
import type { CaseAction, RequestBody } from '../../api/types.ts';

/** Where each action on a case is sent. */
const ACTION_PATH = {
  reply: '/cases/{id}/reply',
  transfer: '/cases/{id}/transfer',
  extend: '/cases/{id}/extend',
  close: '/cases/{id}/close',
  return_visit: '/cases/{id}/return-visits',
  erase: '/cases/{id}/personal-data/erasure',
  publish: '/cases/{id}/publish',
  unpublish: '/cases/{id}/unpublish',
} as const satisfies Record<CaseAction, string>;

/** The body each action takes, as the API's OpenAPI document says. */
export type ActionBody<A extends CaseAction> = RequestBody<(typeof ACTION_PATH)[A], 'post'>;

/** The case pages' requests, on the client typed from the API's OpenAPI document. */
export const casesApi = {
  list: (campaignId: string, q: string, signal?: AbortSignal) =>
    answer(client.GET('/cases', { params: { query: { campaignId, limit: 200, ...(q && { q }) } }, signal })),
  campaignUnits: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/units', { params: { path: { id } }, signal })),
  detail: (id: string, signal?: AbortSignal) => answer(client.GET('/cases/{id}', { params: { path: { id } }, signal })),
  dueDate: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/cases/{id}/due-date', { params: { path: { id } }, signal })),
  publicationPreview: (id: string, body: RequestBody<'/cases/{id}/publication-preview', 'post'>) =>
    answer(client.POST('/cases/{id}/publication-preview', { params: { path: { id } }, body })),
  /** One action on a case, under the dialog's Idempotency-Key (a second tap acts once). */
  act: <A extends CaseAction>(id: string, action: A, body: ActionBody<A> | undefined, key: string) =>
    answer(
      // One call for the eight actions: the path of `action` takes the body of `action` (ActionBody).
      client.POST(ACTION_PATH[action] as '/cases/{id}/reply', {
        params: { path: { id } },
        body: body as ActionBody<'reply'>,
        ...idempotent(key),
      }),
    ),
};
