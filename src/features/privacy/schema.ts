import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.ts';

export const TrackingCodeParams = Type.Object(
  { trackingCode: Type.String({ minLength: 1, maxLength: 40, description: 'The tracking code, XXXX-XXXX-XXXX' }) },
  { additionalProperties: false },
);

/** What OpenDay holds about the person behind a tracking code, as they gave it. */
export const PersonalData = Type.Object({
  trackingCode: Type.String(),
  recordedAt: IsoDateTime,
  visitorName: Nullable(Type.String({ description: 'The name given, in full' })),
  visitorPhone: Nullable(Type.String({ description: 'The phone number given, in full' })),
  contactEmail: Nullable(Type.String({ description: 'The e-mail address given, in full' })),
  contactConsent: Type.Boolean({ description: 'Whether consent to keep contact details was recorded' }),
  otherRecords: Type.Integer({
    description: 'Other questions of the same visit that hold the same kind of details; erasing covers them too',
  }),
  erasedAt: Nullable({ ...IsoDateTime, description: 'When contact details were erased; null while they are kept' }),
  retention: Type.Object({
    daysAfterClose: Type.Integer({ description: 'Contact details are erased this many days after the case closes' }),
    eraseOn: Nullable({
      ...IsoDate,
      description: 'The day they will be erased at the latest; null while the case is not closed',
    }),
  }),
  purpose: Type.String({ description: 'Why they are kept' }),
});
export type PersonalData = Static<typeof PersonalData>;

export const ErasureAnswer = Type.Object({
  trackingCode: Type.String(),
  erasedAt: Nullable({ ...IsoDateTime, description: 'When the details were erased; null when none were ever held' }),
  erased: Type.Object({
    consultations: Type.Integer({ description: 'Records of the visit whose name and phone were erased' }),
    caseRequests: Type.Integer({ description: 'Requests whose e-mail (and client ids) were erased' }),
    opinions: Type.Integer({
      description: 'Opinions raised at meetings, linked to the visit, whose names and numbers were masked',
    }),
  }),
  message: Type.String(),
});
export type ErasureAnswer = Static<typeof ErasureAnswer>;

/** The proof that the case is the citizen's, asked with the tracking code (ADR 17). */
export const Proof = Type.String({
  minLength: 1,
  maxLength: 200,
  description:
    'The last four digits of the phone number given with the question; when no phone was given, the e-mail ' +
    'address given; when neither, the name given',
});

export const ProofQuery = Type.Object({ proof: Proof }, { additionalProperties: false });

export const ErasureBody = Type.Object(
  { confirm: Type.Literal(true, { description: 'Must be true: erasing cannot be undone' }), proof: Proof },
  { additionalProperties: false },
);

/** Staff erase on a citizen's request they received: who asked is recorded with the staff member. */
export const ErasureOnRequestBody = Type.Object(
  {
    confirm: Type.Literal(true, { description: 'Must be true: erasing cannot be undone' }),
    requester: Text(100, { description: 'Who asked, as they named themselves (e.g. the visitor, by phone)' }),
    note: Type.Optional(Text(1000, { description: 'How and when the request was received' })),
  },
  { additionalProperties: false },
);
export type ErasureOnRequestBody = Static<typeof ErasureOnRequestBody>;

export const ErasureOnRequestAnswer = Type.Object({
  caseId: Uuid,
  reference: Type.String(),
  requester: Type.String(),
  erasedAt: Nullable({ ...IsoDateTime, description: 'When the details were erased; null when none were ever held' }),
  erased: Type.Object({
    consultations: Type.Integer({ description: 'Records of the visit whose name and phone were erased' }),
    caseRequests: Type.Integer({ description: 'Requests whose e-mail (and client ids) were erased' }),
    opinions: Type.Integer({
      description: 'Opinions raised at meetings, linked to the visit, whose names and numbers were masked',
    }),
  }),
});
export type ErasureOnRequestAnswer = Static<typeof ErasureOnRequestAnswer>;

export const Retention = Type.Object({
  campaignId: Uuid,
  daysAfterClose: Nullable(
    Type.Integer({ description: "The campaign's own setting; null takes the instance's default" }),
  ),
  defaultDays: Type.Integer({ description: 'RETENTION_DAYS_AFTER_CLOSE of this instance' }),
  effectiveDays: Type.Integer({ description: 'The retention in force for this campaign' }),
  held: Type.Integer({ description: 'Records that still hold contact details' }),
  due: Type.Integer({ description: 'Of those, how many are past their time (erased at the next run of the job)' }),
});
export type Retention = Static<typeof Retention>;

export const RetentionBody = Type.Object(
  {
    daysAfterClose: Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        description:
          'Days after a case closes (or a consultation without a case) before contact details are erased; null for the default',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RetentionBody = Static<typeof RetentionBody>;

export const CampaignIdParams = Type.Object({ campaignId: Uuid }, { additionalProperties: false });
