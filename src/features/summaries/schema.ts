import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const SummaryParams = Type.Object({ campaignId: Uuid, unitId: Uuid }, { additionalProperties: false });
export type SummaryParams = Static<typeof SummaryParams>;

export const SummaryLanguageSchema = StringEnum(['zh-CN', 'en-US'] as const, {
  description: 'zh-CN (default) or en-US',
});
export const SummaryQuery = Type.Object(
  { lang: Type.Optional(SummaryLanguageSchema) },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof SummaryQuery>;

export const SummaryStatusSchema = StringEnum(['draft', 'submitted', 'approved', 'returned'] as const);

const RunSchema = Type.Union([
  Type.Object({ kind: Type.Literal('text'), text: Type.String() }),
  Type.Object({
    kind: Type.Literal('figure'),
    key: Type.String({ description: 'Stable name of the figure, e.g. peopleReceived or topic:供热收费:consultations' }),
    value: Nullable(Type.Number({ description: 'Computed from the records; null when not recorded' })),
    text: Type.String(),
    href: Nullable(Type.String({ description: 'The API list of the records behind the figure' })),
  }),
  Type.Object({
    kind: Type.Literal('record'),
    text: Type.String(),
    original: Type.Optional(
      Type.String({
        description: 'The Chinese name this English text gives in pinyin, when the unit has not named it in English',
      }),
    ),
  }),
  Type.Object({ kind: Type.Literal('enumerator'), text: Type.String() }),
]);
const ParagraphSchema = Type.Object({ runs: Type.Array(RunSchema) });

export const SummaryDocumentSchema = Type.Object({
  language: SummaryLanguageSchema,
  title: Type.String(),
  opening: ParagraphSchema,
  sections: Type.Array(
    Type.Object({ key: Type.String(), heading: Type.String(), paragraphs: Type.Array(ParagraphSchema) }),
  ),
  signature: Type.Optional(
    Type.Object(
      { issuer: Type.String(), date: Type.String() },
      { description: '落款: the issuing unit and the date written (成文日期)' },
    ),
  ),
});

export const OwnTextOfLanguage = Type.Object({
  nextSteps: Type.String({
    maxLength: 20_000,
    description: 'Section 六, written by the unit in this language; kept across regenerations',
  }),
  remarks: Type.String({ maxLength: 20_000, description: 'Further paragraphs of the unit, after section 六' }),
});
export const OwnText = Type.Object(
  { 'zh-CN': OwnTextOfLanguage, 'en-US': OwnTextOfLanguage },
  {
    description:
      "The unit's own paragraphs per language; a language the unit has not written is empty, never filled from the other",
  },
);
export type OwnText = Static<typeof OwnText>;
export const OwnTextBody = Type.Object(
  {
    language: SummaryLanguageSchema,
    nextSteps: Type.String({ maxLength: 20_000 }),
    remarks: Type.Optional(
      Type.String({ maxLength: 20_000, description: 'Kept as it is in this language when left out' }),
    ),
  },
  { additionalProperties: false },
);
export type OwnTextBody = Static<typeof OwnTextBody>;

export const FigureChange = Type.Object({
  key: Type.String(),
  before: Nullable(Type.Number()),
  after: Nullable(Type.Number()),
});
export type FigureChange = Static<typeof FigureChange>;

export const Summary = Type.Object({
  campaignId: Uuid,
  unitId: Uuid,
  status: SummaryStatusSchema,
  version: Type.Integer({ minimum: 1 }),
  generatedAt: IsoDateTime,
  submittedAt: Nullable(IsoDateTime),
  approvedAt: Nullable(IsoDateTime),
  reviewComment: Nullable(Type.String()),
  ownText: OwnText,
  changes: Type.Array(FigureChange, {
    description: 'Figures that changed at the last regeneration against the generation before it',
  }),
  document: SummaryDocumentSchema,
  untranslated: Type.Array(Type.String(), {
    description:
      'Names from the records the English document has no English for (written there in pinyin, or in Chinese for a publication), in Chinese, for the unit to give English names; the same in either language',
  }),
});
export type Summary = Static<typeof Summary>;

export const SummaryVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  kind: StringEnum(['generated', 'edited'] as const),
  createdAt: IsoDateTime,
  createdBy: Nullable(Uuid),
  ownText: OwnText,
  changes: Type.Array(FigureChange, { description: 'Figures that differ from the version before it' }),
});
export type SummaryVersion = Static<typeof SummaryVersion>;

export const SummaryVersions = Type.Object({ items: Type.Array(SummaryVersion) });

export const ReturnBody = Type.Object(
  { comment: Text(2000, { description: 'What the unit must correct' }) },
  { additionalProperties: false },
);
export type ReturnBody = Static<typeof ReturnBody>;
export const ApproveBody = Type.Object({ comment: Type.Optional(Text(2000)) }, { additionalProperties: false });
export type ApproveBody = Static<typeof ApproveBody>;
