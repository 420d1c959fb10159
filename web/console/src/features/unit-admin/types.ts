import type { Item, Plan, RequestBody, ResponseBody } from '../../api/types.ts';

// The unit admin's API types, from the API's OpenAPI document (schema.d.ts).
export type {
  ChannelPoint,
  ChannelPointList,
  Consultation,
  Material,
  Partner,
  Plan,
  Unit,
  User,
  UserBody,
} from '../../api/types.ts';

export type PlanBody = RequestBody<'/campaigns/{campaignId}/units/{unitId}/plan', 'put'>;
export type MeetingWithOpinions = Plan['meetings'][number];
export type Meeting = ResponseBody<'/meetings/{id}', 'patch'>;
export type MeetingBody = RequestBody<'/plans/{planId}/meetings', 'post'>;
export type MeetingPatch = RequestBody<'/meetings/{id}', 'patch'>;
export type Opinion = MeetingWithOpinions['opinions'][number];
export type OpinionBody = RequestBody<'/meetings/{meetingId}/opinions', 'post'>;
export type SiteWithDesks = Plan['sites'][number];
export type Site = ResponseBody<'/plans/{planId}/sites', 'post'>;
export type SiteBody = RequestBody<'/plans/{planId}/sites', 'post'>;
export type Desk = SiteWithDesks['desks'][number];
export type DeskBody = RequestBody<'/sites/{siteId}/desks', 'post'>;
export type DeskPatch = RequestBody<'/desks/{id}', 'patch'>;
export type DutyStaff = Plan['staff'][number];
export type DutyStaffBody = RequestBody<'/plans/{planId}/staff', 'post'>;
export type PartnerList = ResponseBody<'/campaigns/{campaignId}/partners', 'get'>;
export type PartnerBody = RequestBody<'/campaigns/{campaignId}/units/{unitId}/partners', 'post'>;
export type PartnerPatch = RequestBody<'/partners/{id}', 'patch'>;
export type ChannelPointBody = RequestBody<'/campaigns/{campaignId}/units/{unitId}/channel-points', 'post'>;
export type ChannelPointPatch = RequestBody<'/channel-points/{id}', 'patch'>;
export type MaterialBody = RequestBody<'/materials', 'post'>;
export type PublicityItem = Item<ResponseBody<'/publicity', 'get'>>;
export type PublicityBody = RequestBody<'/publicity', 'post'>;
export type PublicityPatch = RequestBody<'/publicity/{id}', 'patch'>;
export type Photo = Item<ResponseBody<'/photos', 'get'>>;
export type Disclosure = Item<ResponseBody<'/disclosures', 'get'>>;
export type DisclosureBody = RequestBody<'/disclosures', 'post'>;
