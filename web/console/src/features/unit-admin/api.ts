import { answer, ApiError, client, idempotent, uploadFile } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { RequestBody } from '../../api/types.ts';
import type { Photo } from './types.ts';

/** The filters of the unit's records, as GET /consultations takes them. */
export type ConsultationQuery = NonNullable<NonNullable<paths['/consultations']['get']>['parameters']['query']>;

const byId = (id: string) => ({ params: { path: { id } } });

/** Undefined for a 404 (e.g. a plan not made yet), the answer otherwise. */
async function orNothing<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The unit admin's requests, on the client typed from the API's OpenAPI document. Every add
 * carries the Idempotency-Key of its form (made once per form), so a retry stores once.
 */
export const unitAdminApi = {
  // The plan and its parts.
  plan: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    orNothing(
      answer(
        client.GET('/campaigns/{campaignId}/units/{unitId}/plan', { params: { path: { campaignId, unitId } }, signal }),
      ),
    ),
  savePlan: (
    campaignId: string,
    unitId: string,
    body: RequestBody<'/campaigns/{campaignId}/units/{unitId}/plan', 'put'>,
  ) =>
    answer(
      client.PUT('/campaigns/{campaignId}/units/{unitId}/plan', { params: { path: { campaignId, unitId } }, body }),
    ),
  campaign: (id: string, signal?: AbortSignal) => answer(client.GET('/campaigns/{id}', { ...byId(id), signal })),
  unitDays: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/unit-days', { ...byId(id), signal })),
  addMeeting: (planId: string, body: RequestBody<'/plans/{planId}/meetings', 'post'>, key: string) =>
    answer(client.POST('/plans/{planId}/meetings', { params: { path: { planId } }, body, ...idempotent(key) })),
  updateMeeting: (id: string, body: RequestBody<'/meetings/{id}', 'patch'>) =>
    answer(client.PATCH('/meetings/{id}', { ...byId(id), body })),
  removeMeeting: (id: string) => answer(client.DELETE('/meetings/{id}', byId(id))),
  addOpinion: (meetingId: string, body: RequestBody<'/meetings/{meetingId}/opinions', 'post'>, key: string) =>
    answer(
      client.POST('/meetings/{meetingId}/opinions', { params: { path: { meetingId } }, body, ...idempotent(key) }),
    ),
  updateOpinion: (id: string, body: RequestBody<'/opinions/{id}', 'patch'>) =>
    answer(client.PATCH('/opinions/{id}', { ...byId(id), body })),
  removeOpinion: (id: string) => answer(client.DELETE('/opinions/{id}', byId(id))),
  addSite: (planId: string, body: RequestBody<'/plans/{planId}/sites', 'post'>, key: string) =>
    answer(client.POST('/plans/{planId}/sites', { params: { path: { planId } }, body, ...idempotent(key) })),
  updateSite: (id: string, body: RequestBody<'/sites/{id}', 'patch'>) =>
    answer(client.PATCH('/sites/{id}', { ...byId(id), body })),
  removeSite: (id: string) => answer(client.DELETE('/sites/{id}', byId(id))),
  addDesk: (siteId: string, body: RequestBody<'/sites/{siteId}/desks', 'post'>, key: string) =>
    answer(client.POST('/sites/{siteId}/desks', { params: { path: { siteId } }, body, ...idempotent(key) })),
  updateDesk: (id: string, body: RequestBody<'/desks/{id}', 'patch'>) =>
    answer(client.PATCH('/desks/{id}', { ...byId(id), body })),
  removeDesk: (id: string) => answer(client.DELETE('/desks/{id}', byId(id))),
  addStaff: (planId: string, body: RequestBody<'/plans/{planId}/staff', 'post'>, key: string) =>
    answer(client.POST('/plans/{planId}/staff', { params: { path: { planId } }, body, ...idempotent(key) })),
  updateStaff: (id: string, body: RequestBody<'/staff/{id}', 'patch'>) =>
    answer(client.PATCH('/staff/{id}', { ...byId(id), body })),
  removeStaff: (id: string) => answer(client.DELETE('/staff/{id}', byId(id))),
  // Partners (联合设台).
  partners: (campaignId: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{campaignId}/partners', { params: { path: { campaignId } }, signal })),
  campaignUnits: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/campaigns/{id}/units', { ...byId(id), signal })),
  subUnits: (parentId: string, signal?: AbortSignal) =>
    answer(client.GET('/units', { params: { query: { parentId } }, signal })),
  addPartner: (
    campaignId: string,
    unitId: string,
    body: RequestBody<'/campaigns/{campaignId}/units/{unitId}/partners', 'post'>,
    key: string,
  ) =>
    answer(
      client.POST('/campaigns/{campaignId}/units/{unitId}/partners', {
        params: { path: { campaignId, unitId } },
        body,
        ...idempotent(key),
      }),
    ),
  updatePartner: (id: string, body: RequestBody<'/partners/{id}', 'patch'>) =>
    answer(client.PATCH('/partners/{id}', { ...byId(id), body })),
  removePartner: (id: string) => answer(client.DELETE('/partners/{id}', byId(id))),
  // Materials, publicity, media, photos, disclosures, channel points.
  materials: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/materials', { params: { query: { campaignId, unitId, limit: 100 } }, signal })),
  addMaterial: (body: RequestBody<'/materials', 'post'>, key: string) =>
    answer(client.POST('/materials', { body, ...idempotent(key) })),
  updateMaterial: (id: string, body: RequestBody<'/materials/{id}', 'patch'>) =>
    answer(client.PATCH('/materials/{id}', { ...byId(id), body })),
  removeMaterial: (id: string) => answer(client.DELETE('/materials/{id}', byId(id))),
  publicity: (
    query: { campaignId: string; unitId: string; kind?: RequestBody<'/publicity', 'post'>['kind'] },
    signal?: AbortSignal,
  ) => answer(client.GET('/publicity', { params: { query: { ...query, limit: 200 } }, signal })),
  addPublicity: (body: RequestBody<'/publicity', 'post'>, key: string) =>
    answer(client.POST('/publicity', { body, ...idempotent(key) })),
  updatePublicity: (id: string, body: RequestBody<'/publicity/{id}', 'patch'>) =>
    answer(client.PATCH('/publicity/{id}', { ...byId(id), body })),
  removePublicity: (id: string) => answer(client.DELETE('/publicity/{id}', byId(id))),
  photos: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/photos', { params: { query: { campaignId, unitId, limit: 100 } }, signal })),
  updatePhoto: (id: string, body: RequestBody<'/photos/{id}', 'patch'>) =>
    answer(client.PATCH('/photos/{id}', { ...byId(id), body })),
  removePhoto: (id: string) => answer(client.DELETE('/photos/{id}', byId(id))),
  disclosures: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/disclosures', { params: { query: { campaignId, unitId, limit: 500 } }, signal })),
  addDisclosure: (body: RequestBody<'/disclosures', 'post'>, key: string) =>
    answer(client.POST('/disclosures', { body, ...idempotent(key) })),
  updateDisclosure: (id: string, body: RequestBody<'/disclosures/{id}', 'patch'>) =>
    answer(client.PATCH('/disclosures/{id}', { ...byId(id), body })),
  removeDisclosure: (id: string) => answer(client.DELETE('/disclosures/{id}', byId(id))),
  channelPoints: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(
      client.GET('/campaigns/{campaignId}/units/{unitId}/channel-points', {
        params: { path: { campaignId, unitId } },
        signal,
      }),
    ),
  addChannelPoint: (
    campaignId: string,
    unitId: string,
    body: RequestBody<'/campaigns/{campaignId}/units/{unitId}/channel-points', 'post'>,
    key: string,
  ) =>
    answer(
      client.POST('/campaigns/{campaignId}/units/{unitId}/channel-points', {
        params: { path: { campaignId, unitId } },
        body,
        ...idempotent(key),
      }),
    ),
  updateChannelPoint: (id: string, body: RequestBody<'/channel-points/{id}', 'patch'>) =>
    answer(client.PATCH('/channel-points/{id}', { ...byId(id), body })),
  removeChannelPoint: (id: string) => answer(client.DELETE('/channel-points/{id}', byId(id))),
  // Staff accounts.
  users: (unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/users', { params: { query: { unitId } }, signal })),
  addUser: (body: RequestBody<'/users', 'post'>, key: string) =>
    answer(client.POST('/users', { body, ...idempotent(key) })),
  resetPassword: (userId: string, password: string) =>
    answer(client.POST('/users/{userId}/password', { params: { path: { userId } }, body: { password } })),
  disableUser: (userId: string) => answer(client.POST('/users/{userId}/disable', { params: { path: { userId } } })),
  enableUser: (userId: string) => answer(client.POST('/users/{userId}/enable', { params: { path: { userId } } })),
  // Records (consultations) and cases.
  desks: (campaignId: string, unitId: string, signal?: AbortSignal) =>
    answer(
      client.GET('/campaigns/{campaignId}/desks', { params: { path: { campaignId }, query: { unitId } }, signal }),
    ),
  consultations: (query: ConsultationQuery, signal?: AbortSignal) =>
    answer(client.GET('/consultations', { params: { query }, signal })),
  consultation: (id: string, signal?: AbortSignal) =>
    answer(client.GET('/consultations/{id}', { ...byId(id), signal })),
  cases: (query: { campaignId: string; unitId: string; q?: string }, signal?: AbortSignal) =>
    answer(client.GET('/cases', { params: { query: { ...query, limit: 20 } }, signal })),
  previewPublication: (id: string) =>
    answer(client.POST('/consultations/{id}/publication-preview', { ...byId(id), body: {} })),
  publish: (id: string, body: RequestBody<'/consultations/{id}/publish', 'post'>, key: string) =>
    answer(client.POST('/consultations/{id}/publish', { ...byId(id), body, ...idempotent(key) })),
  unpublish: (id: string) => answer(client.POST('/consultations/{id}/unpublish', byId(id))),
};

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
