import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, StringEnum, Uuid } from '../../platform/http/schemas.ts';
import { SummaryLanguageSchema } from '../summaries/schema.ts';

export const CollectionFormatSchema = StringEnum(['docx', 'pdf'] as const, {
  description: 'docx: Word, laid out to GB/T 9704-2012; pdf: with an embedded CJK font, bookmarks and linked contents',
});

/** What to make: the collection of summaries (总结汇编) of a campaign. */
export const CollectionBody = Type.Object(
  {
    format: CollectionFormatSchema,
    lang: Type.Optional(SummaryLanguageSchema),
  },
  { additionalProperties: false },
);
export type CollectionBody = Static<typeof CollectionBody>;

export const CollectionStateSchema = StringEnum(['queued', 'running', 'completed', 'failed'] as const, {
  description: 'queued → running → completed; failed with the error when a summary could not be written',
});

/** A collection of summaries: how far its job has got, and its file once written. */
export const Collection = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  format: CollectionFormatSchema,
  lang: SummaryLanguageSchema,
  state: CollectionStateSchema,
  progress: Type.Object(
    {
      done: Type.Integer({ description: 'Approved summaries written so far' }),
      total: Type.Integer({ description: 'Approved summaries the collection holds' }),
    },
    { description: 'Units done out of units total; total is known once the job has started' },
  ),
  error: Nullable(Type.String({ description: 'Why it failed, naming the unit whose summary could not be written' })),
  fileName: Nullable(Type.String()),
  bytes: Nullable(Type.Integer()),
  pages: Nullable(Type.Integer({ description: 'Pages of a PDF; null for a DOCX (laid out by the word processor)' })),
  fileUrl: Nullable(Type.String({ description: 'Where the document is downloaded, once completed' })),
  publishedAt: Nullable(IsoDateTime),
  /** The portal's address of the document, once published. */
  portalUrl: Nullable(Type.String({ description: "The document's address on the public portal, once published" })),
  createdAt: IsoDateTime,
  createdBy: Nullable(Uuid),
  startedAt: Nullable(IsoDateTime),
  finishedAt: Nullable(IsoDateTime),
});
export type Collection = Static<typeof Collection>;

export const CollectionList = Type.Object({ items: Type.Array(Collection) });
