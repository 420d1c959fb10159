import { Type, type Static } from 'typebox';
import {
  IsoDate,
  IsoDateTime,
  Nullable,
  Page,
  PageQuery,
  StringEnum,
  Text,
  Uuid,
} from '../../platform/http/schemas.ts';
import { RatingSchema } from '../../domain/vocabulary.ts';
import { CampaignAttachment } from '../campaigns/schema.ts';
import { TopicCode } from '../topics/schema.ts';
import { PERSONAL_DATA_KINDS } from './personal-data.ts';

/** What a citizen sends: a question (answered within the limit), a suggestion or a complaint. */
export const REQUEST_KINDS = ['question', 'suggestion', 'complaint'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const RequestKindSchema = StringEnum(REQUEST_KINDS, {
  description: 'question: answered within the time limit; suggestion (意见建议) or complaint (投诉)',
});

/** The channels staff enter for a citizen: a hotline call or a mailbox letter. */
export const INTAKE_CHANNELS = ['hotline', 'mailbox'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** Who entered a request: the citizen online, staff for a call or letter, or an Open311 client. */
export type RequestSource = 'public' | 'staff' | 'open311';

/** The longest question, suggestion or complaint taken, in characters. */
export const MAX_TEXT = 2000;
/** The largest body the public routes read: the fields above with room to spare. */
export const PUBLIC_BODY_LIMIT = 16 * 1024;

// The same rule as a consultation's visitor phone: it ends up there.
const Phone = Type.String({ pattern: '^[0-9+][0-9 ()-]{4,24}$', description: 'A phone number to call back' });

const requestFields = {
  kind: RequestKindSchema,
  unitId: Type.Optional(Type.String({ format: 'uuid', description: 'The unit asked; or give topicCode instead' })),
  topicCode: Type.Optional({ ...TopicCode, description: 'A topic of the campaign; it routes to its unit' }),
  text: Text(MAX_TEXT, { description: 'The question, suggestion or complaint' }),
  contactName: Type.Optional(Text(100)),
  contactPhone: Type.Optional(Phone),
  contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  contactConsent: Type.Optional(
    Type.Boolean({ description: 'Must be true when any contact detail is given: they are kept to answer you' }),
  ),
};

/** A question asked online, without signing in. */
export const AskBody = Type.Object(
  {
    ...requestFields,
    website: Type.Optional(
      Type.String({ maxLength: 500, description: 'Leave empty (a field people do not see, to stop robots)' }),
    ),
  },
  { additionalProperties: false },
);
export type AskBody = Static<typeof AskBody>;

/** A hotline call or mailbox letter entered by staff for the citizen. */
export const IntakeBody = Type.Object(
  {
    campaignId: Uuid,
    channel: StringEnum(INTAKE_CHANNELS, { description: 'hotline: a call; mailbox: a letter' }),
    channelPointId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "The unit's hotline or mailbox (channel point) it came through, of the same kind as the channel",
      }),
    ),
    receivedAt: Type.Optional({
      ...IsoDateTime,
      description: 'When the call came or the letter arrived (the time limit counts from its day); default now',
    }),
    ...requestFields,
  },
  { additionalProperties: false },
);
export type IntakeBody = Static<typeof IntakeBody>;

/** The answer to a question asked: the code to follow it with, and when the reply is due. */
export const AskAnswer = Type.Object({
  trackingCode: Type.String({ description: 'Keep it: it shows the status and the reply, and lets you rate it' }),
  dueOn: { ...IsoDate, description: 'The reply is due by this day (working days on the holiday calendar)' },
  unitId: Uuid,
  unitName: Type.String({ description: 'The unit answering' }),
  unitNameEn: Nullable(Type.String()),
  later: Type.Optional(
    Type.Boolean({
      description:
        "true: asked after the campaign's last day, so answered as a later question, counted apart from the day's figures",
    }),
  ),
});
export type AskAnswer = Static<typeof AskAnswer>;

export const IntakeAnswer = Type.Object({ ...AskAnswer.properties, caseId: Uuid, consultationId: Uuid });
export type IntakeAnswer = Static<typeof IntakeAnswer>;

export const PublicTopic = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  group: Nullable(Type.String()),
  unitId: Uuid,
});

/** What a citizen needs to ask: the campaign, the units taking part, the topics. */
/** The campaign's notice as a document, as anyone may read it (ADR 28). */
export const PublicNotice = Type.Object({
  issuingOffice: Type.String({
    description: "The office that issued it: the one named, or the organizing unit's name",
  }),
  documentNumber: Nullable(Type.String({ description: 'e.g. 辽政办发〔2026〕12号' })),
  noticeTitle: Nullable(Type.String()),
  body: Type.String({ description: 'The text as issued' }),
  plansDueOn: Nullable(IsoDate),
  summaryDueOn: Nullable(IsoDate),
  attachments: Type.Array(CampaignAttachment, { description: 'Files that come with it, each downloadable by anyone' }),
});
export type PublicNotice = Static<typeof PublicNotice>;

export const PublicCampaign = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  theme: Type.String(),
  themeEn: Nullable(Type.String()),
  openDay: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate,
  replyLimitDays: Type.Integer({ description: 'Working days to answer a question' }),
  units: Type.Array(Type.Object({ id: Uuid, name: Type.String(), nameEn: Nullable(Type.String()) })),
  topics: Type.Array(PublicTopic),
  notice: PublicNotice,
});
export type PublicCampaign = Static<typeof PublicCampaign>;

export const PublicSlugParams = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 63 }) },
  { additionalProperties: false },
);
export const TrackingParams = Type.Object(
  { trackingCode: Type.String({ minLength: 1, maxLength: 40, description: 'XXXX-XXXX-XXXX' }) },
  { additionalProperties: false },
);

export const RatingBody = Type.Object(
  {
    rating: RatingSchema,
    comment: Type.Optional(
      Type.String({
        maxLength: 500,
        description: "Why, in the citizen's words (optional): shown to the unit with the rating",
      }),
    ),
  },
  { additionalProperties: false },
);
export type RatingBody = Static<typeof RatingBody>;

/** The edited texts of a replied case, without personal data, for the public Q&A. */
export const PublishBody = Type.Object(
  {
    publicQuestion: Text(MAX_TEXT, { description: 'The question as published: no name, phone or address' }),
    publicAnswer: Text(8000, { description: 'The answer as published: no personal data' }),
  },
  { additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

/** Texts to check before publishing; each defaults to the case's own question or reply. */
export const PublicationPreviewBody = Type.Object(
  {
    publicQuestion: Type.Optional(Text(MAX_TEXT)),
    publicAnswer: Type.Optional(Text(8000, { description: 'e.g. the reply being written, before it is sent' })),
  },
  { additionalProperties: false },
);
export type PublicationPreviewBody = Static<typeof PublicationPreviewBody>;

/** The texts with what looks like personal data masked, and each piece masked, to confirm. */
export const PublicationPreview = Type.Object({
  publicQuestion: Type.String(),
  publicAnswer: Type.String(),
  found: Type.Array(
    Type.Object({
      field: StringEnum(['publicQuestion', 'publicAnswer'] as const),
      kind: StringEnum(PERSONAL_DATA_KINDS),
      text: Type.String({ description: 'What was masked' }),
    }),
  ),
});
export type PublicationPreview = Static<typeof PublicationPreview>;

/** The texts as published in the Q&A, and when. */
const published = { publicQuestion: Type.String(), publicAnswer: Type.String(), publishedAt: IsoDateTime };

export const PublishedCase = Type.Object({ caseId: Uuid, ...published });
export type PublishedCase = Static<typeof PublishedCase>;

/** An answer given on the spot, as published in the Q&A. */
export const PublishedConsultation = Type.Object({ consultationId: Uuid, ...published });
export type PublishedConsultation = Static<typeof PublishedConsultation>;

/** One published question and its answer. */
export const QaItem = Type.Object({
  id: Uuid,
  kind: StringEnum(['case', 'on_the_spot'] as const, {
    description:
      'case: a replied case (id is the case; POST /cases/{id}/unpublish takes it out); on_the_spot: an answer given ' +
      'on the spot (id is the consultation; POST /consultations/{id}/unpublish)',
  }),
  question: Type.String(),
  answer: Type.String(),
  unitId: Uuid,
  unitName: Type.String(),
  unitNameEn: Nullable(Type.String()),
  topic: Nullable(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()) })),
  repliedAt: Nullable(IsoDateTime),
  publishedAt: IsoDateTime,
});
export type QaItem = Static<typeof QaItem>;

export const QaQuery = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    topic: Type.Optional({ ...TopicCode, description: 'A topic code' }),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Words to find in the question or answer, Chinese included (暖气); all must occur',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type QaQuery = Static<typeof QaQuery>;

export const QaPage = Page(QaItem);
export type QaPage = Static<typeof QaPage>;
