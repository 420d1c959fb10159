// The API's types from the server's own TypeBox schemas (type-only: nothing of the server is bundled).
export type {
  Desk,
  DeskBody,
  DeskPatch,
  DutyStaff,
  DutyStaffBody,
  Meeting,
  MeetingBody,
  MeetingPatch,
  MeetingWithOpinions,
  Opinion,
  OpinionBody,
  Partner,
  PartnerBody,
  PartnerList,
  PartnerPatch,
  Plan,
  PlanBody,
  Site,
  SiteBody,
  SiteWithDesks,
} from '../../../../../src/features/plans/schema.ts';
export type {
  ChannelPoint,
  ChannelPointBody,
  ChannelPointList,
  ChannelPointPatch,
} from '../../../../../src/features/channel-points/schema.ts';
export type { Material, MaterialBody } from '../../../../../src/features/materials/schema.ts';
export type { PublicityBody, PublicityItem, PublicityPatch } from '../../../../../src/features/publicity/schema.ts';
export type { Photo } from '../../../../../src/features/photos/schema.ts';
export type { Disclosure, DisclosureBody } from '../../../../../src/features/disclosures/schema.ts';
export type { Unit } from '../../../../../src/features/units/schema.ts';
export type { User, UserBody } from '../../../../../src/features/users/schema.ts';
export type { Consultation } from '../../../../../src/features/consultations/schema.ts';

/** Choices the screens offer; the same lists as the server's schemas. */
export const MEETING_KINDS = ['preparation', 'deployment', 'symposium', 'hearing', 'launch_ceremony'] as const;
export const PARTICIPANT_CATEGORIES = [
  'deputies',
  'cppcc_members',
  'media',
  'residents',
  'enterprises',
  'staff',
] as const;
export const OPINION_OUTCOMES = ['answered_on_spot', 'transferred', 'adopted', 'under_study', 'noted'] as const;
export const PARTNER_KINDS = [
  'government_agency',
  'public_institution',
  'enterprise',
  'social_organisation',
  'other',
] as const;
export const CHANNEL_POINT_KINDS = ['hotline', 'mailbox'] as const;
export const MATERIAL_KINDS = ['leaflet', 'brochure', 'service_guide', 'handbook', 'other'] as const;
/** What is put up; media reports and online posts have a card of their own. */
export const PUBLICITY_KINDS = ['banner', 'panel', 'led_slogan', 'poster', 'newspaper_window'] as const;
export const MEDIA_KINDS = ['media_report', 'online_post'] as const;
export const MEDIA = [
  'newspaper',
  'tv',
  'radio',
  'news_site',
  'wechat',
  'weibo',
  'gov_website',
  'short_video',
] as const;
export const ONLINE_MEDIA = ['gov_website', 'wechat', 'weibo', 'news_site', 'short_video'] as const;
export const PHOTO_KINDS = ['banner', 'desk', 'crowd', 'other'] as const;
export const DISCLOSURE_KINDS = ['functions', 'service_matter', 'service_guide', 'phone'] as const;
export const STAFF_ROLES = ['desk_staff', 'responder'] as const;
export const CHANNELS = ['on_site', 'hotline', 'mailbox', 'online', 'symposium'] as const;
export const OUTCOMES = ['answered_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint'] as const;
