import { Type, type Static, type TOptional } from 'typebox';
import {
  MEETING_KINDS,
  OPINION_OUTCOMES,
  PARTICIPANT_CATEGORIES,
  type ParticipantCategory,
} from '../../domain/vocabulary.ts';
import { IsoDate, IsoDateTime, Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export { MEETING_KINDS, OPINION_OUTCOMES, PARTICIPANT_CATEGORIES } from '../../domain/vocabulary.ts';
export type { MeetingKind, OpinionOutcome, ParticipantCategory } from '../../domain/vocabulary.ts';

export const MeetingKindSchema = StringEnum(MEETING_KINDS, {
  description:
    'preparation: 筹备会; deployment: 部署会; symposium: 座谈会 with citizens or businesses; hearing: 听证会; launch_ceremony: 启动仪式',
});

export const ParticipantCategorySchema = StringEnum(PARTICIPANT_CATEGORIES, {
  description:
    'deputies: 人大代表; cppcc_members: 政协委员; media: 媒体; residents: 群众代表 (residents or villagers); enterprises: 企业代表; staff: 工作人员',
});

/** A time of day on the open day's own clock. */
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Time of day, HH:MM' });

/** A count that fits the database's integer. */
const Count = Type.Integer({ minimum: 0, maximum: 2147483647 });

/** How many came from each category; a category left out sent nobody (or was not counted). */
const ParticipantCategories = Type.Object(
  Object.fromEntries(PARTICIPANT_CATEGORIES.map((c) => [c, Type.Optional(Count)])) as Record<
    ParticipantCategory,
    TOptional<typeof Count>
  >,
  {
    additionalProperties: false,
    description:
      'Participants by category, category → count. participantCount is at least their sum (others took part too: cadres, experts); when participantCount is left out it is the sum.',
  },
);

export const OpinionOutcomeSchema = StringEnum(OPINION_OUTCOMES, {
  description:
    'answered_on_spot: 当场答复; transferred: 转办 (caseId names the case); adopted: 采纳; under_study: 研究办理; noted: 记录在案',
});

/** An opinion (意见建议) raised at a meeting, with what became of it. Its text may name people: never published. */
export const Opinion = Type.Object({
  id: Uuid,
  meetingId: Uuid,
  text: Type.String(),
  raisedBy: Nullable(ParticipantCategorySchema),
  outcome: OpinionOutcomeSchema,
  response: Type.String({ description: 'What was answered or done, as the minutes say' }),
  caseId: Nullable(Uuid),
  caseReference: Nullable(Type.String({ description: "The case's reference as staff see it (K-3F9A2C71)" })),
  consultationId: Nullable(Uuid),
  createdAt: IsoDateTime,
});
export type Opinion = Static<typeof Opinion>;

const opinionFields = {
  text: Text(2000),
  raisedBy: Nullable(ParticipantCategorySchema),
  outcome: OpinionOutcomeSchema,
  response: Type.String({ maxLength: 4000 }),
  caseId: Nullable(
    Type.String({ format: 'uuid', description: 'A case of the same campaign; only for a transferred opinion' }),
  ),
  consultationId: Nullable(Type.String({ format: 'uuid', description: 'A consultation of the same campaign' })),
};

export const OpinionBody = Type.Object(
  {
    text: opinionFields.text,
    raisedBy: Type.Optional(opinionFields.raisedBy),
    outcome: opinionFields.outcome,
    response: Type.Optional(opinionFields.response),
    caseId: Type.Optional(opinionFields.caseId),
    consultationId: Type.Optional(opinionFields.consultationId),
  },
  { additionalProperties: false },
);
export type OpinionBody = Static<typeof OpinionBody>;

export const OpinionPatch = Type.Partial(Type.Object(opinionFields), { additionalProperties: false, minProperties: 1 });
export type OpinionPatch = Static<typeof OpinionPatch>;

const meetingProperties = {
  id: Uuid,
  planId: Uuid,
  kind: MeetingKindSchema,
  heldOn: IsoDate,
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: 'The English title, as the English summary writes it' })),
  location: Nullable(Type.String()),
  locationEn: Nullable(Type.String({ description: 'The place in English, as the English summary writes it' })),
  chair: Nullable(Type.String({ description: 'Who chaired the meeting (主持人)' })),
  participantCount: Nullable(Type.Integer({ minimum: 0, description: 'How many took part; null: not counted' })),
  participantCategories: ParticipantCategories,
  participants: Type.String({ description: 'Who took part, as written in the minutes' }),
  decisions: Type.String({ description: 'What was decided or heard' }),
};

export const Meeting = Type.Object(meetingProperties);
export type Meeting = Static<typeof Meeting>;

/** A meeting as part of its plan, with the opinions raised there. */
export const MeetingWithOpinions = Type.Object({ ...meetingProperties, opinions: Type.Array(Opinion) });
export type MeetingWithOpinions = Static<typeof MeetingWithOpinions>;

const meetingFields = {
  kind: MeetingKindSchema,
  heldOn: IsoDate,
  title: Text(200),
  titleEn: Nullable(Text(300)),
  location: Nullable(Text(200)),
  locationEn: Nullable(Text(300)),
  chair: Nullable(Text(100)),
  participantCount: Nullable(Count),
  participantCategories: ParticipantCategories,
  participants: Type.String({ maxLength: 4000 }),
  decisions: Type.String({ maxLength: 8000 }),
};

export const MeetingBody = Type.Object(
  {
    kind: meetingFields.kind,
    heldOn: meetingFields.heldOn,
    title: meetingFields.title,
    titleEn: Type.Optional(meetingFields.titleEn),
    location: Type.Optional(meetingFields.location),
    locationEn: Type.Optional(meetingFields.locationEn),
    chair: Type.Optional(meetingFields.chair),
    participantCount: Type.Optional(meetingFields.participantCount),
    participantCategories: Type.Optional(meetingFields.participantCategories),
    participants: Type.Optional(meetingFields.participants),
    decisions: Type.Optional(meetingFields.decisions),
  },
  { additionalProperties: false },
);
export type MeetingBody = Static<typeof MeetingBody>;

export const MeetingPatch = Type.Partial(Type.Object(meetingFields), { additionalProperties: false, minProperties: 1 });
export type MeetingPatch = Static<typeof MeetingPatch>;

/** What kind of organisation a partner is. */
export const PARTNER_KINDS = [
  'government_agency',
  'public_institution',
  'enterprise',
  'social_organisation',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PartnerKindSchema = StringEnum(PARTNER_KINDS, {
  description:
    'government_agency 机关, public_institution 事业单位, enterprise 企业, social_organisation 社会组织, other',
});

/**
 * A partner organisation (合作单位) that runs desks with a unit (联合设台), entered once per campaign:
 * a unit of OpenDay (a sub-unit of a participating unit, which can receive cases) or an outside
 * organisation (which cannot).
 */
export const Partner = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  enteredByUnitId: Uuid,
  unitId: Nullable(
    Type.String({
      format: 'uuid',
      description: 'The unit the partner is, if it is one: cases can be transferred to it',
    }),
  ),
  name: Type.String(),
  nameEn: Nullable(Type.String({ description: 'The English name, as the English summary writes it' })),
  kind: PartnerKindSchema,
  contact: Nullable(Type.String({ description: 'A contact person or telephone of the organisation' })),
});
export type Partner = Static<typeof Partner>;

const partnerFields = {
  name: Text(200),
  nameEn: Nullable(Text(300)),
  kind: PartnerKindSchema,
  contact: Nullable(Text(200)),
};

export const PartnerBody = Type.Object(
  {
    unitId: Type.Optional(
      Nullable(
        Type.String({
          format: 'uuid',
          description: 'A unit of the campaign or a sub-unit of one; its name is the partner’s name unless given',
        }),
      ),
    ),
    name: Type.Optional(partnerFields.name),
    nameEn: Type.Optional(partnerFields.nameEn),
    kind: partnerFields.kind,
    contact: Type.Optional(partnerFields.contact),
  },
  { additionalProperties: false },
);
export type PartnerBody = Static<typeof PartnerBody>;

export const PartnerPatch = Type.Partial(Type.Object(partnerFields), { additionalProperties: false, minProperties: 1 });
export type PartnerPatch = Static<typeof PartnerPatch>;

export const Desk = Type.Object({
  id: Uuid,
  planId: Uuid,
  siteId: Uuid,
  name: Type.String(),
  nameEn: Nullable(Type.String({ description: 'The English name, as the English summary writes it' })),
  topics: Type.Array(Type.String(), { description: 'What the desk answers: legal aid, heating, social insurance …' }),
  partnerIds: Type.Array(Uuid, { description: 'The partner organisations running the desk with the unit (联合设台)' }),
});
export type Desk = Static<typeof Desk>;

const deskFields = {
  name: Text(100),
  nameEn: Nullable(Text(200)),
  topics: Type.Array(Text(50), { maxItems: 30, uniqueItems: true }),
  partnerIds: Type.Array(Uuid, {
    maxItems: 20,
    uniqueItems: true,
    description: 'Partners of the campaign (GET /campaigns/{campaignId}/partners) at this desk; replaces the list',
  }),
};

export const DeskBody = Type.Object(
  {
    name: deskFields.name,
    nameEn: Type.Optional(deskFields.nameEn),
    topics: Type.Optional(deskFields.topics),
    partnerIds: Type.Optional(deskFields.partnerIds),
  },
  { additionalProperties: false },
);
export type DeskBody = Static<typeof DeskBody>;

export const DeskPatch = Type.Partial(Type.Object(deskFields), { additionalProperties: false, minProperties: 1 });
export type DeskPatch = Static<typeof DeskPatch>;

const siteProperties = {
  id: Uuid,
  planId: Uuid,
  name: Type.String(),
  nameEn: Nullable(Type.String({ description: 'The English name, as the English summary writes it' })),
  address: Type.String(),
  regionId: Nullable(Uuid),
  heldOn: IsoDate,
  opensAt: Clock,
  closesAt: Clock,
};

export const Site = Type.Object(siteProperties);
export type Site = Static<typeof Site>;

/** A site as part of its plan, with the desks standing there. */
export const SiteWithDesks = Type.Object({ ...siteProperties, desks: Type.Array(Desk) });
export type SiteWithDesks = Static<typeof SiteWithDesks>;

const siteFields = {
  name: Text(200),
  nameEn: Nullable(Text(300)),
  address: Text(300),
  regionId: Nullable(Uuid),
  heldOn: IsoDate,
  opensAt: Clock,
  closesAt: Clock,
};

export const SiteBody = Type.Object(
  {
    name: siteFields.name,
    nameEn: Type.Optional(siteFields.nameEn),
    address: siteFields.address,
    regionId: Type.Optional(siteFields.regionId),
    heldOn: siteFields.heldOn,
    opensAt: siteFields.opensAt,
    closesAt: siteFields.closesAt,
  },
  { additionalProperties: false },
);
export type SiteBody = Static<typeof SiteBody>;

export const SitePatch = Type.Partial(Type.Object(siteFields), { additionalProperties: false, minProperties: 1 });
export type SitePatch = Static<typeof SitePatch>;

/** Staff on duty for the day, at a desk or (without desk) for the whole day. */
export const DutyStaff = Type.Object({
  id: Uuid,
  planId: Uuid,
  deskId: Nullable(Uuid),
  name: Type.String(),
  title: Nullable(Type.String()),
  leader: Type.Boolean({ description: 'A leader on duty (领导带班): their receptions count as 领导接待' }),
});
export type DutyStaff = Static<typeof DutyStaff>;

const dutyStaffFields = {
  name: Text(100),
  title: Nullable(Text(100)),
  deskId: Nullable(Uuid),
  leader: Type.Boolean({ description: 'A leader on duty (领导带班); false when left out' }),
};

export const DutyStaffBody = Type.Object(
  {
    name: dutyStaffFields.name,
    title: Type.Optional(dutyStaffFields.title),
    deskId: Type.Optional(dutyStaffFields.deskId),
    leader: Type.Optional(dutyStaffFields.leader),
  },
  { additionalProperties: false },
);
export type DutyStaffBody = Static<typeof DutyStaffBody>;

/** A change to a staff member on duty: their name, title, desk (null: the whole day) or leader mark. */
export const DutyStaffPatch = Type.Partial(Type.Object(dutyStaffFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type DutyStaffPatch = Static<typeof DutyStaffPatch>;

/** A unit's plan for a campaign (活动方案), with everything planned in it. */
export const Plan = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  leaderName: Nullable(Type.String({ description: 'The leader in charge of the day' })),
  leaderNameEn: Nullable(Type.String({ description: 'The leader’s name as the English summary writes it' })),
  leaderTitle: Nullable(Type.String()),
  staffCount: Nullable(Type.Integer({ description: 'People taking part in the unit’s day' })),
  issuedOn: Nullable(IsoDate),
  notes: Type.String(),
  filedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  meetings: Type.Array(MeetingWithOpinions),
  sites: Type.Array(SiteWithDesks),
  staff: Type.Array(DutyStaff),
});
export type Plan = Static<typeof Plan>;

/** The plan's own fields. PUT replaces them all: a field left out is cleared. */
export const PlanBody = Type.Object(
  {
    leaderName: Type.Optional(Nullable(Text(100))),
    leaderNameEn: Type.Optional(Nullable(Text(200))),
    leaderTitle: Type.Optional(Nullable(Text(100))),
    staffCount: Type.Optional(Nullable(Count)),
    issuedOn: Type.Optional(Nullable(IsoDate)),
    notes: Type.Optional(Type.String({ maxLength: 20000 })),
    filed: Type.Optional(
      Type.Boolean({ description: 'The plan is filed with the organizer; keeps the first filing time' }),
    ),
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;

export const PlanParams = Type.Object({ campaignId: Uuid, unitId: Uuid }, { additionalProperties: false });
export const PlanIdParams = Type.Object({ planId: Uuid }, { additionalProperties: false });
export const SiteIdParams = Type.Object({ siteId: Uuid }, { additionalProperties: false });
export const MeetingIdParams = Type.Object({ meetingId: Uuid }, { additionalProperties: false });
export const CampaignIdParams = Type.Object({ campaignId: Uuid }, { additionalProperties: false });
export const PartnerList = Type.Object({ items: Type.Array(Partner) });
export type PartnerList = Static<typeof PartnerList>;

export const CampaignDeskQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
export type CampaignDeskQuery = Static<typeof CampaignDeskQuery>;

/** A partner as the desk picker shows it. */
export const DeskPartner = Type.Object({ id: Uuid, name: Type.String(), nameEn: Nullable(Type.String()) });
export type DeskPartner = Static<typeof DeskPartner>;

/** A desk with where it stands, for choosing the desk at intake. */
export const CampaignDesk = Type.Object({
  id: Uuid,
  name: Type.String(),
  topics: Type.Array(Type.String()),
  partners: Type.Array(DeskPartner, { description: 'Who runs the desk with the unit: whom intake may name' }),
  planId: Uuid,
  unitId: Uuid,
  site: Site,
});
export type CampaignDesk = Static<typeof CampaignDesk>;
