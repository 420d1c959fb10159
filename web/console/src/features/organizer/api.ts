import { answer, client, idempotent } from '../../api/client.ts';
import type { RequestBody } from '../../api/types.ts';

const campaign = (id: string) => ({ params: { path: { id } } });

/** The organizer's requests, on the client typed from the API's OpenAPI document. */
export const organizerApi = {
  campaigns: (signal?: AbortSignal) => answer(client.GET('/campaigns', { signal })),
  campaign: (id: string, signal?: AbortSignal) => answer(client.GET('/campaigns/{id}', { ...campaign(id), signal })),
  campaignUnits: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/units', { ...campaign(id), signal })),
  createCampaign: (body: RequestBody<'/campaigns', 'post'>, key: string) =>
    answer(client.POST('/campaigns', { body, ...idempotent(key) })),
  updateCampaign: (id: string, body: RequestBody<'/campaigns/{id}', 'patch'>) =>
    answer(client.PATCH('/campaigns/{id}', { ...campaign(id), body })),
  invite: (id: string, unitId: string) =>
    answer(client.PUT('/campaigns/{id}/units/{unitId}', { params: { path: { id, unitId } } })),
  uninvite: (id: string, unitId: string) =>
    answer(client.DELETE('/campaigns/{id}/units/{unitId}', { params: { path: { id, unitId } } })),
  progress: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/progress', { ...campaign(id), signal })),
  attachments: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/attachments', { ...campaign(id), signal })),
  removeAttachment: (id: string, attachmentId: string) =>
    answer(client.DELETE('/campaigns/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  collections: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/collections', { ...campaign(id), signal })),
  collection: (id: string) => answer(client.GET('/collections/{id}', { params: { path: { id } } })),
  collect: (id: string, body: RequestBody<'/campaigns/{id}/collections', 'post'>) =>
    answer(client.POST('/campaigns/{id}/collections', { ...campaign(id), body })),
  publishCollection: (id: string) => answer(client.POST('/collections/{id}/publish', { params: { path: { id } } })),
  unitDays: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/unit-days', { ...campaign(id), signal })),
  agreeUnitDays: (id: string, unitId: string, body: RequestBody<'/campaigns/{id}/units/{unitId}/days', 'put'>) =>
    answer(client.PUT('/campaigns/{id}/units/{unitId}/days', { params: { path: { id, unitId } }, body })),
  withdrawUnitDays: (id: string, unitId: string) =>
    answer(client.DELETE('/campaigns/{id}/units/{unitId}/days', { params: { path: { id, unitId } } })),
  calendarYears: (signal?: AbortSignal) => answer(client.GET('/calendar/years', { signal })),
  saveCalendarYear: (year: number, body: RequestBody<'/calendar/years/{year}', 'put'>) =>
    answer(client.PUT('/calendar/years/{year}', { params: { path: { year } }, body })),
  qa: (slug: string, q: string, signal?: AbortSignal) =>
    answer(
      client.GET('/public/campaigns/{slug}/qa', {
        params: { path: { slug }, query: { limit: 50, ...(q && { q }) } },
        signal,
      }),
    ),
  unpublish: (kind: 'case' | 'on_the_spot', id: string) =>
    kind === 'case'
      ? answer(client.POST('/cases/{id}/unpublish', { params: { path: { id } } }))
      : answer(client.POST('/consultations/{id}/unpublish', { params: { path: { id } } })),
  units: (q: string, signal?: AbortSignal) =>
    answer(client.GET('/units', { params: { query: q ? { q } : {} }, signal })),
};
