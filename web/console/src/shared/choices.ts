import type { RequestBody, ResponseBody } from '../api/types.ts';
import type { paths } from '../api/schema.d.ts';

// The choices the screens offer, in the order they show them. Each list is checked against the
// values the API's OpenAPI document allows (schema.d.ts), so a value the server does not take
// cannot be offered. A list made with `every<T>()` must also hold every value of T: a value the
// server adds fails the type check until the screen offers it. The others show fewer on purpose
// (their comment says which and why).

/** The values of T the list L leaves out. */
type Missing<T, L extends readonly unknown[]> = Exclude<NonNullable<T>, L[number]>;

/** A list of every value of T, each once at most, in the order given. */
const every =
  <T>() =>
  <const L extends readonly T[]>(
    list: L & ([Missing<T, L>] extends [never] ? unknown : { missing: Missing<T, L> }),
  ): L =>
    list;

type Consultation = RequestBody<'/consultations', 'post'>;
/** What became of a question, as the desk records it and the unit's records are filtered by. */
export const OUTCOME_CHOICES = every<Consultation['outcome']>()([
  'answered_on_spot',
  'handled_on_spot',
  'transferred',
  'follow_up',
  'suggestion',
  'complaint',
]);
export const RATING_CHOICES = every<NonNullable<Consultation['rating']>>()([
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
]);
/** The channels a record is filtered by in the unit's records. */
export const CHANNELS = every<Consultation['channel']>()(['on_site', 'hotline', 'mailbox', 'online', 'symposium']);

type Meeting = RequestBody<'/plans/{planId}/meetings', 'post'>;
export const MEETING_KINDS = every<Meeting['kind']>()([
  'preparation',
  'deployment',
  'symposium',
  'hearing',
  'launch_ceremony',
]);
export const PARTICIPANT_CATEGORIES = every<keyof NonNullable<Meeting['participantCategories']>>()([
  'deputies',
  'cppcc_members',
  'media',
  'residents',
  'enterprises',
  'staff',
]);
export const OPINION_OUTCOMES = every<RequestBody<'/meetings/{meetingId}/opinions', 'post'>['outcome']>()([
  'answered_on_spot',
  'transferred',
  'adopted',
  'under_study',
  'noted',
]);
export const PARTNER_KINDS = every<RequestBody<'/campaigns/{campaignId}/units/{unitId}/partners', 'post'>['kind']>()([
  'government_agency',
  'public_institution',
  'enterprise',
  'social_organisation',
  'other',
]);
export const CHANNEL_POINT_KINDS = every<
  RequestBody<'/campaigns/{campaignId}/units/{unitId}/channel-points', 'post'>['kind']
>()(['hotline', 'mailbox']);
export const MATERIAL_KINDS = every<RequestBody<'/materials', 'post'>['kind']>()([
  'leaflet',
  'brochure',
  'service_guide',
  'handbook',
  'other',
]);

type Publicity = RequestBody<'/publicity', 'post'>;
/** What is put up; media reports and online posts have a card of their own. */
export const PUBLICITY_KINDS = [
  'banner',
  'panel',
  'led_slogan',
  'poster',
  'newspaper_window',
] as const satisfies readonly Publicity['kind'][];
/** The kinds on the card of media reports and online posts. */
export const MEDIA_KINDS = ['media_report', 'online_post'] as const satisfies readonly Publicity['kind'][];
export const MEDIA = every<NonNullable<Publicity['medium']>>()([
  'newspaper',
  'tv',
  'radio',
  'news_site',
  'wechat',
  'weibo',
  'gov_website',
  'short_video',
]);
/** The media an online post can be on (the newspaper, TV and radio report, they do not post). */
export const ONLINE_MEDIA = [
  'gov_website',
  'wechat',
  'weibo',
  'news_site',
  'short_video',
] as const satisfies readonly NonNullable<Publicity['medium']>[];
export const PHOTO_KINDS = every<
  NonNullable<NonNullable<NonNullable<paths['/photos']['post']>['parameters']['query']>['kind']>
>()(['banner', 'desk', 'crowd', 'other']);
export const DISCLOSURE_KINDS = every<RequestBody<'/disclosures', 'post'>['kind']>()([
  'functions',
  'service_matter',
  'service_guide',
  'phone',
]);

type Role = ResponseBody<'/auth/session', 'get'>['user']['memberships'][number]['role'];
/** The roles a unit admin gives to the unit's staff. */
export const STAFF_ROLES = ['desk_staff', 'responder'] as const satisfies readonly Role[];
export const ROLES = every<Role>()(['organizer', 'unit_admin', 'desk_staff', 'responder']);

export const REGION_LEVELS = every<RequestBody<'/regions', 'post'>['level']>()([
  'country',
  'province',
  'city',
  'district',
  'street',
  'community',
]);
export const UNIT_KINDS = every<RequestBody<'/units', 'post'>['kind']>()([
  'office',
  'bureau',
  'street',
  'town',
  'community',
  'company',
  'other',
]);

/** The same list as the server's PROGRESS_PROBLEMS, in the order the progress table shows them. */
export const PROBLEMS = every<ResponseBody<'/campaigns/{id}/progress', 'get'>['rows'][number]['problems'][number]>()([
  'plan_not_filed',
  'plan_overdue',
  'no_desks',
  'no_consultations',
  'cases_overdue',
  'summary_overdue',
]);
