import type { RequestBody, ResponseBody } from '../api/types.ts';
import type { paths } from '../api/schema.d.ts';

// The choices the screens offer, in the order they show them. Each list is checked against the
// values the API's OpenAPI document allows (schema.d.ts), so a value the server does not take
// cannot be offered; a list may show fewer values than the server knows.

type Consultation = RequestBody<'/consultations', 'post'>;
export const OUTCOME_CHOICES = [
  'answered_on_spot',
  'handled_on_spot',
  'transferred',
  'follow_up',
] as const satisfies readonly Consultation['outcome'][];
export const RATING_CHOICES = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const satisfies readonly NonNullable<Consultation['rating']>[];
/** The channels a record is filtered by in the unit's records. */
export const CHANNELS = [
  'on_site',
  'hotline',
  'mailbox',
  'online',
  'symposium',
] as const satisfies readonly Consultation['channel'][];
/** The outcomes a record is filtered by in the unit's records. */
export const OUTCOMES = [
  'answered_on_spot',
  'transferred',
  'follow_up',
  'suggestion',
  'complaint',
] as const satisfies readonly Consultation['outcome'][];

type Meeting = RequestBody<'/plans/{planId}/meetings', 'post'>;
export const MEETING_KINDS = [
  'preparation',
  'deployment',
  'symposium',
  'hearing',
  'launch_ceremony',
] as const satisfies readonly Meeting['kind'][];
export const PARTICIPANT_CATEGORIES = [
  'deputies',
  'cppcc_members',
  'media',
  'residents',
  'enterprises',
  'staff',
] as const satisfies readonly (keyof NonNullable<Meeting['participantCategories']>)[];
export const OPINION_OUTCOMES = [
  'answered_on_spot',
  'transferred',
  'adopted',
  'under_study',
  'noted',
] as const satisfies readonly RequestBody<'/meetings/{meetingId}/opinions', 'post'>['outcome'][];
export const PARTNER_KINDS = [
  'government_agency',
  'public_institution',
  'enterprise',
  'social_organisation',
  'other',
] as const satisfies readonly RequestBody<'/campaigns/{campaignId}/units/{unitId}/partners', 'post'>['kind'][];
export const CHANNEL_POINT_KINDS = ['hotline', 'mailbox'] as const satisfies readonly RequestBody<
  '/campaigns/{campaignId}/units/{unitId}/channel-points',
  'post'
>['kind'][];
export const MATERIAL_KINDS = [
  'leaflet',
  'brochure',
  'service_guide',
  'handbook',
  'other',
] as const satisfies readonly RequestBody<'/materials', 'post'>['kind'][];

type Publicity = RequestBody<'/publicity', 'post'>;
/** What is put up; media reports and online posts have a card of their own. */
export const PUBLICITY_KINDS = [
  'banner',
  'panel',
  'led_slogan',
  'poster',
  'newspaper_window',
] as const satisfies readonly Publicity['kind'][];
export const MEDIA_KINDS = ['media_report', 'online_post'] as const satisfies readonly Publicity['kind'][];
export const MEDIA = [
  'newspaper',
  'tv',
  'radio',
  'news_site',
  'wechat',
  'weibo',
  'gov_website',
  'short_video',
] as const satisfies readonly NonNullable<Publicity['medium']>[];
export const ONLINE_MEDIA = [
  'gov_website',
  'wechat',
  'weibo',
  'news_site',
  'short_video',
] as const satisfies readonly NonNullable<Publicity['medium']>[];
export const PHOTO_KINDS = ['banner', 'desk', 'crowd', 'other'] as const satisfies readonly NonNullable<
  NonNullable<NonNullable<paths['/photos']['post']>['parameters']['query']>['kind']
>[];
export const DISCLOSURE_KINDS = [
  'functions',
  'service_matter',
  'service_guide',
  'phone',
] as const satisfies readonly RequestBody<'/disclosures', 'post'>['kind'][];

type Role = ResponseBody<'/auth/session', 'get'>['user']['memberships'][number]['role'];
export const STAFF_ROLES = ['desk_staff', 'responder'] as const satisfies readonly Role[];
export const ROLES = ['organizer', 'unit_admin', 'desk_staff', 'responder'] as const satisfies readonly Role[];

export const REGION_LEVELS = [
  'province',
  'city',
  'district',
  'street',
  'community',
] as const satisfies readonly RequestBody<'/regions', 'post'>['level'][];
export const UNIT_KINDS = [
  'office',
  'bureau',
  'street',
  'town',
  'community',
  'company',
  'other',
] as const satisfies readonly RequestBody<'/units', 'post'>['kind'][];

/** The same list as the server's PROGRESS_PROBLEMS, in the order the progress table shows them. */
export const PROBLEMS = [
  'plan_not_filed',
  'plan_overdue',
  'no_desks',
  'no_consultations',
  'cases_overdue',
  'summary_overdue',
] as const satisfies readonly ResponseBody<'/campaigns/{id}/progress', 'get'>['rows'][number]['problems'][number][];
