// The API's types from the server's own TypeBox schemas (type-only: nothing of the server is bundled).
export type {
  Desk,
  DeskBody,
  DeskPatch,
  DutyStaff,
  DutyStaffBody,
  Meeting,
  MeetingBody,
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
export type { Material, MaterialBody } from '../../../../../src/features/materials/schema.ts';
export type { PublicityBody, PublicityItem } from '../../../../../src/features/publicity/schema.ts';
export type { Photo } from '../../../../../src/features/photos/schema.ts';
export type { Disclosure, DisclosureBody } from '../../../../../src/features/disclosures/schema.ts';
export type { Unit } from '../../../../../src/features/units/schema.ts';
export type { User, UserBody } from '../../../../../src/features/users/schema.ts';
export type { Consultation } from '../../../../../src/features/consultations/schema.ts';

/** Choices the screens offer; the same lists as the server's schemas. */
export const MEETING_KINDS = ['preparation', 'symposium'] as const;
export const PARTNER_KINDS = [
  'government_agency',
  'public_institution',
  'enterprise',
  'social_organisation',
  'other',
] as const;
export const MATERIAL_KINDS = ['leaflet', 'brochure', 'service_guide', 'handbook', 'other'] as const;
export const PUBLICITY_KINDS = ['banner', 'panel', 'led_slogan', 'poster', 'newspaper_window', 'online_post'] as const;
export const PHOTO_KINDS = ['banner', 'desk', 'crowd', 'other'] as const;
export const DISCLOSURE_KINDS = ['functions', 'service_matter', 'service_guide', 'phone'] as const;
export const STAFF_ROLES = ['desk_staff', 'responder'] as const;
export const CHANNELS = ['on_site', 'hotline', 'mailbox', 'online', 'symposium'] as const;
export const OUTCOMES = ['answered_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint'] as const;
