import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Uuid } from '../../platform/http/schemas.ts';

export const SummaryCheckBody = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    text: Type.String({ minLength: 1, maxLength: 200_000, description: 'The hand-written summary as plain text' }),
  },
  { additionalProperties: false },
);
export type SummaryCheckBody = Static<typeof SummaryCheckBody>;

export const FindingSchema = Type.Object({
  kind: StringEnum([
    'placeholder',
    'malformed_number',
    'impossible_date',
    'parts_not_summing',
    'contradiction',
    'rate_without_count',
    'boilerplate',
    'missing_section',
  ] as const),
  offset: Type.Integer({ minimum: 0, description: 'Character offset in the text' }),
  line: Type.Integer({ minimum: 1 }),
  column: Type.Integer({ minimum: 1 }),
  text: Type.String({ description: 'The words found; empty for a missing section' }),
  message: Type.String(),
  figure: Type.Optional(Type.String()),
  written: Type.Optional(Type.String({ description: 'What the text states' })),
  recorded: Type.Optional(Nullable(Type.Number({ description: 'What the records show' }))),
});

export const SummaryCheck = Type.Object({
  campaignId: Uuid,
  unitId: Uuid,
  problems: Type.Integer({ minimum: 0 }),
  findings: Type.Array(FindingSchema),
});
export type SummaryCheck = Static<typeof SummaryCheck>;
