import type { Item, RequestBody, ResponseBody } from '../../api/types.ts';

// The organizer's API types, from the API's OpenAPI document (schema.d.ts).
export type { Campaign, Unit } from '../../api/types.ts';

export type CampaignAttachment = Item<ResponseBody<'/campaigns/{id}/attachments', 'get'>>;
export type CampaignBody = RequestBody<'/campaigns', 'post'>;
export type CampaignPatch = RequestBody<'/campaigns/{id}', 'patch'>;
export type UnitDays = Item<ResponseBody<'/campaigns/{id}/unit-days', 'get'>>;
export type CampaignProgress = ResponseBody<'/campaigns/{id}/progress', 'get'>;
export type UnitProgress = CampaignProgress['rows'][number];
export type Collection = ResponseBody<'/collections/{id}', 'get'>;
