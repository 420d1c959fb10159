import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';
import { CASE_EVENT_KINDS, CaseStatusSchema, ChannelSchema, RatingSchema } from '../../domain/vocabulary.ts';
import { CountedDay } from '../calendar/schema.ts';

export {
  CASE_EVENT_KINDS,
  CASE_STATUSES,
  PENDING_STATUSES,
  CaseStatusSchema,
  type CaseEventKind,
  type CaseStatus,
} from '../../domain/vocabulary.ts';

/**
 * What a staff member may do to a case: each record lists those the reader may take now, decided
 * by the policy module and the case's state, the same checks the API makes when it is taken.
 */
export const CASE_ACTIONS = [
  'reply',
  'transfer',
  'extend',
  'close',
  'return_visit',
  'erase',
  'publish',
  'unpublish',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** One transition of a case: who, when, why. */
export const CaseEvent = Type.Object({
  id: Uuid,
  kind: StringEnum(CASE_EVENT_KINDS),
  at: IsoDateTime,
  actorUserId: Nullable(Uuid),
  actorName: Nullable(Type.String({ description: 'Display name of the user; null for the citizen or the system' })),
  fromUnitId: Nullable(Uuid),
  toUnitId: Nullable(Uuid),
  reason: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type CaseEvent = Static<typeof CaseEvent>;

/** 办件: the follow-up of a consultation that was not answered on the spot. */
export const Case = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  consultationId: Uuid,
  reference: Type.String({
    description: 'The case’s reference for staff (K-3F9A2C71); the citizen’s tracking code is never shown to staff',
  }),
  unitId: Type.String({ format: 'uuid', description: 'The unit responsible now' }),
  unitName: Type.String(),
  originUnitId: Type.String({ format: 'uuid', description: 'The unit that recorded the consultation' }),
  status: CaseStatusSchema,
  channel: ChannelSchema,
  topic: Nullable(Type.String()),
  question: Type.String(),
  visitorName: Nullable(Type.String({ description: 'Masked unless you are the admin of the unit' })),
  visitorPhone: Nullable(Type.String({ description: 'Masked unless you are the admin of the unit' })),
  clockStartOn: Type.String({
    format: 'date',
    description: 'The day the limit counts from: the consultation’s day, or the day of a poor rating',
  }),
  limitDays: Type.Integer({ description: 'Working days allowed' }),
  extensionDays: Nullable(Type.Integer()),
  extensionReason: Nullable(Type.String()),
  dueOn: IsoDate,
  dueUnconfirmed: Type.Boolean({
    description:
      'The days counted reach into a year without a known holiday schedule: counted Monday to Friday, may move',
  }),
  workingDaysLeft: Nullable(
    Type.Integer({ description: 'Working days from today to the due date while a reply is owed; negative when late' }),
  ),
  overdue: Type.Boolean({ description: 'Still owes a reply and the due date has passed (Asia/Shanghai)' }),
  repliedLate: Nullable(Type.Boolean({ description: 'Replied after the due date; null before a reply' })),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(IsoDateTime),
  repliedBy: Nullable(Uuid),
  closedAt: Nullable(IsoDateTime),
  rating: Nullable(RatingSchema),
  ratedAt: Nullable(IsoDateTime),
  publishedAt: Nullable(IsoDateTime),
  publicQuestion: Nullable(Type.String({ description: 'The question as published in the Q&A' })),
  publicAnswer: Nullable(Type.String({ description: 'The answer as published in the Q&A' })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  actions: Type.Array(StringEnum(CASE_ACTIONS), {
    description: 'What the reader may do to the case now; any other action is refused',
  }),
});
export type Case = Static<typeof Case>;

/** 回访: a follow-up call to the citizen about the case, recorded by a responder or an organizer. */
export const ReturnVisit = Type.Object({
  id: Uuid,
  caseId: Uuid,
  unitId: Type.String({ format: 'uuid', description: 'The unit responsible for the case at the call' }),
  visitedOn: IsoDate,
  reached: Type.Boolean(),
  rating: Nullable(RatingSchema),
  words: Nullable(Type.String({ description: 'What the citizen said, as noted by the caller' })),
  recordedBy: Nullable(Uuid),
  recordedByName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type ReturnVisit = Static<typeof ReturnVisit>;

export const ReturnVisitBody = Type.Object(
  {
    visitedOn: { ...IsoDate, description: 'The day of the call (not in the future)' },
    reached: Type.Boolean({ description: 'Whether the citizen was reached' }),
    rating: Type.Optional(
      Nullable({
        ...RatingSchema,
        description:
          'The rating the citizen gave on the call (only when reached, on a replied case); a poor one reopens the case',
      }),
    ),
    words: Type.Optional(Nullable(Text(2000, { description: 'What the citizen said' }))),
  },
  { additionalProperties: false },
);
export type ReturnVisitBody = Static<typeof ReturnVisitBody>;

export const CaseDetail = Type.Intersect([
  Case,
  Type.Object({ events: Type.Array(CaseEvent), returnVisits: Type.Array(ReturnVisit) }),
]);
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseQuery = Type.Object(
  {
    campaignId: Type.Optional(Uuid),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'The unit responsible now' })),
    countedUnitId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "The unit whose statistics count the case: the unit responsible now when it takes part in the case's campaign, " +
          'else the unit whose consultation it is (a case held by a partner unit that does not take part; ADR 36)',
      }),
    ),
    consultationId: Type.Optional(Uuid),
    status: Type.Optional(CaseStatusSchema),
    overdue: Type.Optional(Type.Boolean({ description: 'true: only overdue cases; false: only those not overdue' })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'A reference (K-3F9A2C71, or its start) or words that must all occur in the question or reply',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuery>;

export const TransferBody = Type.Object(
  {
    toUnitId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'A unit taking part in the campaign, or a partner unit at one of its desks (联合设台)',
      }),
    ),
    toPartnerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'Instead of toUnitId: a partner organisation of the campaign that is a unit (an outside one cannot receive cases)',
      }),
    ),
    reason: Text(1000, { description: 'Why this unit is the one able to answer' }),
  },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const ExtendBody = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 365, description: 'Working days added to the limit' }),
    reason: Text(1000),
  },
  { additionalProperties: false },
);
export type ExtendBody = Static<typeof ExtendBody>;

export const ReplyBody = Type.Object(
  { reply: Text(8000, { description: 'The answer the citizen reads' }) },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

export const CloseBody = Type.Object({ reason: Type.Optional(Text(1000)) }, { additionalProperties: false });
export type CloseBody = Static<typeof CloseBody>;

export const DueDateExplanation = Type.Object({
  caseId: Uuid,
  clockStartOn: IsoDate,
  clockStartReason: StringEnum(['consultation', 'reopened'] as const, {
    description: 'consultation: the day of the question; reopened: the day of a poor rating',
  }),
  limitDays: Type.Integer(),
  extensionDays: Nullable(Type.Integer()),
  extensionReason: Nullable(Type.String()),
  workingDays: Type.Integer({ description: 'limit + extension: the working days counted' }),
  dueOn: IsoDate,
  unconfirmedYears: Type.Array(Type.Integer(), {
    description: 'Years counted without a known holiday schedule (Monday to Friday); the date may move',
  }),
  days: Type.Array(CountedDay, { description: 'Every day after the start up to the due date' }),
});
export type DueDateExplanation = Static<typeof DueDateExplanation>;

const BilingualText = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });

/** A case as the citizen holding its tracking code sees it: plain words, no personal data. */
export const PublicCase = Type.Object({
  trackingCode: Type.String(),
  status: CaseStatusSchema,
  statusText: BilingualText,
  unitName: Type.String({ description: 'The unit handling it now' }),
  unitNameEn: Nullable(Type.String()),
  openedAt: IsoDateTime,
  question: Type.String({ description: 'The question as asked' }),
  dueOn: IsoDate,
  dueUnconfirmed: Type.Boolean({ description: 'Counted on a year whose holiday schedule is not known yet' }),
  chain: Type.Array(Type.Object({ kind: StringEnum(CASE_EVENT_KINDS), at: IsoDateTime, text: BilingualText })),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(IsoDateTime),
  rating: Nullable(RatingSchema),
  canRate: Type.Boolean({ description: 'A reply is there and has not been rated yet' }),
});
export type PublicCase = Static<typeof PublicCase>;
