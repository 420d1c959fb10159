import { Type, type Static } from 'typebox';
import { IsoDate, StringEnum, Uuid } from '../../platform/http/schemas.ts';
import { CASE_STATUSES, ChannelSchema, OutcomeSchema } from '../../domain/vocabulary.ts';
import { RecordWords } from '../consultations/schema.ts';
import { LanguageSchema } from '../imports/schema.ts';

const Columns = Type.String({
  maxLength: 1000,
  pattern: '^[A-Za-z_]+(,[A-Za-z_]+)*$',
  description: 'The columns to write, in order, comma-separated (keys as listed for the export); all when omitted',
});

const shape = { columns: Type.Optional(Columns), lang: Type.Optional(LanguageSchema) };

/** The filters of GET /consultations (a campaign is required: an export is of one campaign). */
export const ConsultationExportQuery = Type.Object(
  {
    campaignId: Uuid,
    unitId: Type.Optional(Uuid),
    deskId: Type.Optional(Uuid),
    topic: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    channel: Type.Optional(ChannelSchema),
    outcome: Type.Optional(OutcomeSchema),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    q: Type.Optional(RecordWords),
    ...shape,
  },
  { additionalProperties: false },
);
export type ConsultationExportQuery = Static<typeof ConsultationExportQuery>;

export const CaseExportQuery = Type.Object(
  {
    campaignId: Uuid,
    unitId: Type.Optional(Uuid),
    status: Type.Optional(StringEnum(CASE_STATUSES)),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    ...shape,
  },
  { additionalProperties: false },
);
export type CaseExportQuery = Static<typeof CaseExportQuery>;

/** The opinions raised at the campaign's meetings, of one unit or of every unit the reader may see. */
export const OpinionExportQuery = Type.Object(
  { campaignId: Uuid, unitId: Type.Optional(Uuid), ...shape },
  { additionalProperties: false },
);
export type OpinionExportQuery = Static<typeof OpinionExportQuery>;

export const StatisticsExportQuery = Type.Object(shape, { additionalProperties: false });
export type StatisticsExportQuery = Static<typeof StatisticsExportQuery>;

export type ExportFormat = 'csv' | 'xlsx';
