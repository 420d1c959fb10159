import type { paths } from './schema.d.ts';

// The API's types, all from its OpenAPI document (schema.d.ts, written by `npm run api:types`):
// the console and the server cannot drift apart, and nothing of the server reaches the bundle.

/** The JSON body an operation of the API takes, from its OpenAPI document (schema.d.ts). */
export type RequestBody<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The JSON answer (200 or 201) an operation of the API gives, from its OpenAPI document. */
export type ResponseBody<P extends keyof paths, M extends Method> =
  NonNullable<paths[P][M]> extends { responses: infer R }
    ? R extends { 200: { content: { 'application/json': infer A } } }
      ? A
      : R extends { 201: { content: { 'application/json': infer A } } }
        ? A
        : never
    : never;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A listing's item. */
export type Item<L> = L extends { items: (infer I)[] } ? I : never;

export type Session = ResponseBody<'/auth/session', 'get'>;
export type Role = Session['user']['memberships'][number]['role'];
export type ApiToken = Item<ResponseBody<'/auth/tokens', 'get'>>;
export type Campaign = ResponseBody<'/campaigns/{id}', 'get'>;
export type Unit = ResponseBody<'/units/{id}', 'get'>;
export type UnitBody = RequestBody<'/units', 'post'>;
export type Region = Item<ResponseBody<'/regions', 'get'>>;
export type RegionBody = RequestBody<'/regions', 'post'>;
export type User = Item<ResponseBody<'/users', 'get'>>;
export type UserBody = RequestBody<'/users', 'post'>;
export type SetupRequest = RequestBody<'/setup', 'post'>;
export type CampaignDesk = Item<ResponseBody<'/campaigns/{campaignId}/desks', 'get'>>;
export type Plan = NonNullable<ResponseBody<'/campaigns/{campaignId}/units/{unitId}/plan', 'get'>>;
export type Partner = Item<ResponseBody<'/campaigns/{campaignId}/partners', 'get'>>;
export type ChannelPointList = ResponseBody<'/campaigns/{campaignId}/units/{unitId}/channel-points', 'get'>;
export type ChannelPoint = Item<ChannelPointList>;
export type Material = Item<ResponseBody<'/materials', 'get'>>;
export type DistributionBody = RequestBody<'/materials/{id}/distributions', 'post'>;
export type Consultation = ResponseBody<'/consultations/{id}', 'get'>;
export type ConsultationBody = RequestBody<'/consultations', 'post'>;
export type Outcome = ConsultationBody['outcome'];
export type Rating = NonNullable<ConsultationBody['rating']>;
export type Case = Item<ResponseBody<'/cases', 'get'>>;
export type CaseDetail = ResponseBody<'/cases/{id}', 'get'>;
export type CaseAction = CaseDetail['actions'][number];
export type CaseEvent = CaseDetail['events'][number];
export type DueDateExplanation = ResponseBody<'/cases/{id}/due-date', 'get'>;
export type ReturnVisitBody = RequestBody<'/cases/{id}/return-visits', 'post'>;
export type TransferBody = RequestBody<'/cases/{id}/transfer', 'post'>;
export type PublicationPreview = ResponseBody<'/cases/{id}/publication-preview', 'post'>;
export type PublishBody = RequestBody<'/cases/{id}/publish', 'post'>;
export type QaPage = ResponseBody<'/public/campaigns/{slug}/qa', 'get'>;
export type QaItem = Item<QaPage>;
export type CalendarYears = ResponseBody<'/calendar/years', 'get'>;
export type CalendarYearBody = RequestBody<'/calendar/years/{year}', 'put'>;
export type CalendarYearEdit = ResponseBody<'/calendar/years/{year}', 'put'>;
export type ScheduleDay = NonNullable<CalendarYearBody['days']>[number];
export type Dashboard = ResponseBody<'/campaigns/{id}/dashboard', 'get'>;
export type LiveFigures = Dashboard['totals'];
export type Breakdown = ResponseBody<'/campaigns/{id}/statistics/breakdown', 'get'>;
export type VillageStatistics = ResponseBody<'/campaigns/{id}/statistics/villages', 'get'>;
