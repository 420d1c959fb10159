import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, PageQuery, Text, Uuid } from '../../platform/http/schemas.ts';
import { ChannelSchema, OutcomeSchema, RatingSchema } from '../../domain/vocabulary.ts';
import { TRACKING_CODE_PATTERN } from '../../domain/tracking-code.ts';

// The vocabulary several features share lives in the domain module; kept here for existing imports.
export {
  CHANNELS,
  OUTCOMES,
  RATINGS,
  ChannelSchema,
  OutcomeSchema,
  RatingSchema,
  type Channel,
  type Outcome,
  type Rating,
} from '../../domain/vocabulary.ts';

const Phone = Type.String({
  pattern: '^[0-9+][0-9 ()-]{4,24}$',
  description: 'Visitor phone, stored as given, shown masked (138****5678)',
});

/** A consultation: one question of one visit (the visit record). */
export const Consultation = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  siteId: Nullable(Uuid),
  deskId: Nullable(Uuid),
  visitId: Type.String({ format: 'uuid', description: 'Questions of one visit share it: one person received' }),
  occurredAt: IsoDateTime,
  channel: ChannelSchema,
  topic: Nullable(Type.String()),
  question: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  outcome: Nullable(OutcomeSchema),
  handledMatter: Nullable(Type.String({ description: 'With handled_on_spot: the service completed at the desk' })),
  receivedBy: Nullable(
    Type.String({
      format: 'uuid',
      description: 'The staff member on duty (of the unit’s plan) who received the visitor',
    }),
  ),
  partnerId: Nullable(
    Type.String({
      format: 'uuid',
      description: 'The partner organisation at the desk (联合设台) whose staff answered',
    }),
  ),
  channelPointId: Nullable(
    Type.String({
      format: 'uuid',
      description: "The unit's hotline or mailbox (channel point) the question came through; its kind is the channel",
    }),
  ),
  rating: Nullable(RatingSchema),
  visitorName: Nullable(Type.String({ description: 'Masked unless you are the unit admin' })),
  visitorPhone: Nullable(Type.String({ description: 'Masked unless you are the unit admin' })),
  contactConsent: Type.Boolean(),
  publishedAt: Nullable(
    Type.String({
      format: 'date-time',
      description: 'When its answer, given on the spot, was published in the public Q&A; null when it is not',
    }),
  ),
  createdAt: IsoDateTime,
  createdBy: Nullable(Uuid),
  caseReference: Nullable(
    Type.String({ description: 'When the question needs a reply: its case’s reference for staff (K-3F9A2C71)' }),
  ),
  caseTrackingCode: Nullable(
    Type.String({
      description:
        'The code the visitor tracks the case with: only in the answer to the recording that opened the case ' +
        '(the desk’s slip), null in every read afterwards',
    }),
  ),
});
export type Consultation = Static<typeof Consultation>;

const editable = {
  occurredAt: IsoDateTime,
  channel: ChannelSchema,
  topic: Nullable(Text(100)),
  question: Nullable(Text(4000)),
  answer: Nullable(Text(8000)),
  outcome: Nullable(OutcomeSchema),
  handledMatter: Nullable(Text(200)),
  receivedBy: Nullable(Uuid),
  partnerId: Nullable(Uuid),
  channelPointId: Nullable(Uuid),
  rating: Nullable(RatingSchema),
  visitorName: Nullable(Text(100)),
  visitorPhone: Nullable(Phone),
  contactConsent: Type.Boolean({ description: 'The visitor agreed that their contact details be kept' }),
};

export const ConsultationBody = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    deskId: Type.Optional(Nullable(Uuid)),
    siteId: Type.Optional(Nullable(Uuid)),
    visitId: Type.Optional(Uuid),
    occurredAt: Type.Optional(editable.occurredAt),
    channel: Type.Optional(editable.channel),
    topic: Type.Optional(editable.topic),
    question: Type.Optional(editable.question),
    answer: Type.Optional(editable.answer),
    outcome: Type.Optional(editable.outcome),
    handledMatter: Type.Optional(editable.handledMatter),
    receivedBy: Type.Optional(editable.receivedBy),
    partnerId: Type.Optional(editable.partnerId),
    channelPointId: Type.Optional(editable.channelPointId),
    rating: Type.Optional(editable.rating),
    visitorName: Type.Optional(editable.visitorName),
    visitorPhone: Type.Optional(editable.visitorPhone),
    contactConsent: Type.Optional(editable.contactConsent),
    trackingCode: Type.Optional(
      Type.String({
        pattern: TRACKING_CODE_PATTERN,
        description:
          'With an outcome that opens a case: the tracking code the desk’s device made (60 random bits, ' +
          'XXXX-XXXX-XXXX in Crockford base32) and already gave the visitor, offline (ADR 26); the case keeps it. ' +
          'A code another case holds is refused with 409 trackingCode. Without it the server makes one.',
      }),
    ),
    transferToUnitId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'With the outcome transferred (转办): the unit that is to answer, a unit taking part in the campaign or a ' +
          'partner unit at one of its desks. The case opens at the recording unit and is transferred to it in the ' +
          'same transaction. Optional for API clients: without it (or transferToPartnerId) the case stays with ' +
          'the recording unit, as before',
      }),
    ),
    transferToPartnerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Instead of transferToUnitId: a partner organisation of the campaign that is a unit',
      }),
    ),
    transferReason: Type.Optional(Text(1000, { description: 'With a transfer target: why it goes there' })),
  },
  { additionalProperties: false },
);
export type ConsultationBody = Static<typeof ConsultationBody>;

export const ConsultationPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 });
export type ConsultationPatch = Static<typeof ConsultationPatch>;

/** Words to find in a record: each must occur in its question, answer or the matter handled. */
export const RecordWords = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Words that must all occur in the question, the answer or the matter handled (Chinese included: 暖气)',
});

export const ConsultationQuery = Type.Object(
  {
    campaignId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    deskId: Type.Optional(Uuid),
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    channel: Type.Optional(ChannelSchema),
    outcome: Type.Optional(OutcomeSchema),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    q: Type.Optional(RecordWords),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ConsultationQuery = Static<typeof ConsultationQuery>;
