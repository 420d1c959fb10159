import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.ts';
import { RatingSchema } from '../../domain/vocabulary.ts';
import { Unit } from '../units/schema.ts';

export const Campaign = Type.Object({
  id: Uuid,
  slug: Type.String({ description: 'Stable short name used in URLs, e.g. demo or 2026' }),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  theme: Type.String(),
  themeEn: Nullable(Type.String({ description: 'The theme in English; null when not given' })),
  notice: Type.String({ description: 'The notice text the coordinating office issued (its body)' }),
  issuingOffice: Nullable(
    Type.String({ description: "The office that issued the notice; null: the organizing unit's name is shown" }),
  ),
  documentNumber: Nullable(Type.String({ description: "The notice's document number, e.g. 辽政办发〔2026〕12号" })),
  noticeTitle: Nullable(
    Type.String({ description: "The notice's title, e.g. 关于开展2026年“5·15”政务公开日活动的通知" }),
  ),
  organizerUnitId: Uuid,
  openDay: IsoDate,
  startsOn: IsoDate,
  endsOn: IsoDate,
  replyLimitDays: Type.Integer({ description: 'Working days to answer a case' }),
  reopenLimitDays: Type.Integer({
    description: 'Working days to handle again a case reopened after a poor rating (差评), from the rating day',
  }),
  satisfactionLevels: Type.Array(RatingSchema, {
    description: 'The rating levels counted as satisfied in the satisfaction rate',
  }),
  plansDueOn: Nullable(IsoDate),
  summaryDueOn: Nullable(IsoDate),
  previousCampaignId: Nullable(
    Type.String({
      format: 'uuid',
      description: 'The earlier open day the statistical summary compares this one with; null when none',
    }),
  ),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Campaign = Static<typeof Campaign>;

/** Default: very satisfied + satisfied + basically satisfied. */
const SatisfactionLevels = Type.Array(RatingSchema, {
  minItems: 1,
  maxItems: 5,
  uniqueItems: true,
  description: 'The rating levels counted as satisfied; default very_satisfied, satisfied, basically_satisfied',
});

const campaignFields = {
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Lower-case letters, digits and dashes' }),
  title: Text(200),
  titleEn: Type.Optional(Nullable(Text(300))),
  theme: Text(300),
  themeEn: Type.Optional(Nullable(Text(300))),
  notice: Type.Optional(Type.String({ maxLength: 20000 })),
  issuingOffice: Type.Optional(Nullable(Text(200, { description: "Null: the organizing unit's name" }))),
  documentNumber: Type.Optional(
    Nullable(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^\\S(.*\\S)?$',
        description: 'The document number as printed, e.g. 辽政办发〔2026〕12号 (no leading or trailing spaces)',
      }),
    ),
  ),
  noticeTitle: Type.Optional(Nullable(Text(300))),
  organizerUnitId: Uuid,
  openDay: IsoDate,
  startsOn: Type.Optional(IsoDate),
  endsOn: Type.Optional(IsoDate),
  replyLimitDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  reopenLimitDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Default 15 working days' })),
  satisfactionLevels: Type.Optional(SatisfactionLevels),
  plansDueOn: Type.Optional(
    Nullable(Type.String({ format: 'date', description: "The units' plans are due (on or before the last day)" })),
  ),
  summaryDueOn: Type.Optional(Nullable(IsoDate)),
  previousCampaignId: Type.Optional(
    Nullable(
      Type.String({
        format: 'uuid',
        description: 'An earlier open day (its open day before this one) to compare the figures with',
      }),
    ),
  ),
};

export const CampaignBody = Type.Object(
  { ...campaignFields, unitIds: Type.Optional(Type.Array(Uuid, { maxItems: 10000, uniqueItems: true })) },
  { additionalProperties: false },
);
export type CampaignBody = Static<typeof CampaignBody>;

export const CampaignPatch = Type.Partial(
  Type.Object({
    title: campaignFields.title,
    titleEn: campaignFields.titleEn,
    theme: campaignFields.theme,
    themeEn: campaignFields.themeEn,
    notice: campaignFields.notice,
    issuingOffice: campaignFields.issuingOffice,
    documentNumber: campaignFields.documentNumber,
    noticeTitle: campaignFields.noticeTitle,
    openDay: campaignFields.openDay,
    startsOn: IsoDate,
    endsOn: IsoDate,
    replyLimitDays: Type.Integer({ minimum: 1, maximum: 365 }),
    reopenLimitDays: Type.Integer({ minimum: 1, maximum: 365 }),
    satisfactionLevels: SatisfactionLevels,
    plansDueOn: campaignFields.plansDueOn,
    summaryDueOn: Nullable(IsoDate),
    previousCampaignId: campaignFields.previousCampaignId,
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type CampaignPatch = Static<typeof CampaignPatch>;

export const CampaignUnitParams = Type.Object({ id: Uuid, unitId: Uuid }, { additionalProperties: false });
export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 63 }) }, { additionalProperties: false });
export const CampaignUnits = Type.Object({ items: Type.Array(Unit) });

/** 另定活动日期: dates the organizer agreed a unit holds its open day on, outside the campaign's window. */
export const UnitDays = Type.Object({
  unitId: Uuid,
  from: IsoDate,
  to: IsoDate,
  reason: Type.String({ description: 'Why the unit holds its day on other dates, as agreed (shown to the unit)' }),
});
export type UnitDays = Static<typeof UnitDays>;

export const UnitDaysBody = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    reason: Text(500),
  },
  { additionalProperties: false },
);
export type UnitDaysBody = Static<typeof UnitDaysBody>;

export const UnitDaysList = Type.Object({ items: Type.Array(UnitDays) });

/** A file that comes with the notice (the plan template, the statistical form), public on the portal. */
export const CampaignAttachment = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  fileName: Type.String({ description: 'The name it is downloaded under' }),
  contentType: Type.String({ description: 'Read from the bytes: PDF, DOCX, XLSX, DOC, XLS, WPS' }),
  bytes: Type.Integer(),
  downloadUrl: Type.String({ description: 'Public: GET /api/v1/public/attachments/{id}' }),
  createdAt: IsoDateTime,
});
export type CampaignAttachment = Static<typeof CampaignAttachment>;

export const CampaignAttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false });
