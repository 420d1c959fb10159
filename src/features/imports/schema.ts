import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, PageQuery, StringEnum, Uuid } from '../../platform/http/schemas.ts';
import { IMPORT_KINDS, LANGUAGES } from './columns.ts';

export const ImportKindSchema = StringEnum(IMPORT_KINDS, {
  description: 'What the file holds: consultations (visit records), publicity items, or materials',
});

export const LanguageSchema = StringEnum(LANGUAGES, { description: 'Language of the headers and words' });

/** Where an uploaded file goes. */
export const ImportTarget = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    kind: Type.Optional(ImportKindSchema),
  },
  { additionalProperties: false },
);
export type ImportTarget = Static<typeof ImportTarget>;

export const ImportHeaders = Type.Object({
  prefer: Type.Optional(
    Type.String({
      description:
        '"respond-async": answer 202 with the import\'s id as soon as the file is received, and import in the background (poll GET /imports/{id})',
    }),
  ),
});

const RowError = Type.Object({
  row: Type.Integer({ description: 'The row number as the spreadsheet program shows it (the header is row 1)' }),
  column: Type.String({ description: 'The header of the column, as the file writes it' }),
  value: Type.String(),
  reason: Type.String({ description: 'Why, in English' }),
  reasonZh: Type.Optional(
    Type.String({ description: 'Why, in Chinese (absent where a reason is written only in English)' }),
  ),
});

/** An import: running (its progress), completed (what it brought), or rejected (every bad row). */
export const Import = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: ImportKindSchema,
  state: StringEnum(['running', 'completed', 'rejected'] as const),
  phase: Nullable(
    StringEnum(['checking', 'writing'] as const, {
      description:
        'While running: writing (every row is checked and written in batches, in one transaction), or checking (rows are checked and nothing is written: before the first batch, and after a bad row, when the rest are checked so that all are listed and nothing will be stored)',
    }),
  ),
  fileName: Type.String(),
  format: StringEnum(['csv', 'xlsx'] as const),
  encoding: Nullable(StringEnum(['utf-8', 'utf-8-bom', 'gb18030'] as const)),
  fileSize: Type.Integer({ minimum: 0 }),
  bytesRead: Type.Integer({ minimum: 0, description: 'Bytes of the file read so far' }),
  rowsRead: Type.Integer({ minimum: 0, description: 'Rows read so far (the header not counted)' }),
  rowsImported: Type.Integer({ minimum: 0 }),
  duplicate: Type.Boolean({ description: 'The same file (or the same rows) was imported before; nothing was added' }),
  errorCount: Type.Integer({ minimum: 0, description: 'Rows with errors (all of them, even past the listed ones)' }),
  errors: Type.Array(RowError, { description: 'The first bad rows, each cell at fault' }),
  createdBy: Nullable(Uuid),
  startedAt: IsoDateTime,
  finishedAt: Nullable(IsoDateTime),
});
export type Import = Static<typeof Import>;

export const ImportListQuery = Type.Object(
  { campaignId: Uuid, unitId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
);
export type ImportListQuery = Static<typeof ImportListQuery>;

export const TemplateQuery = Type.Object(
  {
    kind: Type.Optional(ImportKindSchema),
    format: Type.Optional(
      StringEnum(['xlsx', 'csv'] as const, { description: 'xlsx (default) or csv (UTF-8 with BOM)' }),
    ),
    lang: Type.Optional(LanguageSchema),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;
