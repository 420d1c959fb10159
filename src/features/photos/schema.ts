import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const PHOTO_KINDS = ['banner', 'desk', 'crowd', 'other'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

export const PhotoKindSchema = StringEnum(PHOTO_KINDS, {
  description: 'banner 横幅, desk 咨询台, crowd 现场群众, other 其他',
});

/** The image types an upload may carry; anything else is refused before it is decoded. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** A photo of the day, as stored: resized, its metadata (EXIF, GPS) removed. */
export const Photo = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: PhotoKindSchema,
  caption: Nullable(Type.String()),
  inSummary: Type.Boolean({ description: "Chosen for the unit's summary: shown, with its caption, after section 六" }),
  width: Type.Integer({ description: 'Pixels, after resizing (longest side at most 1600)' }),
  height: Type.Integer(),
  bytes: Type.Integer({ description: 'Size of the stored image' }),
  contentType: StringEnum(PHOTO_CONTENT_TYPES),
  imageUrl: Type.String({ description: 'Where the image is read: GET /api/v1/photos/{id}/image' }),
  createdAt: IsoDateTime,
  createdBy: Nullable(Uuid),
});
export type Photo = Static<typeof Photo>;

const Caption = Text(500, { description: 'What the photo shows' });

/** Where an upload goes; the image itself is the multipart body's file part. */
export const PhotoTarget = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    kind: Type.Optional(PhotoKindSchema),
    caption: Type.Optional(Caption),
    inSummary: Type.Optional(Type.Boolean({ description: "Choose it for the unit's summary at once (default false)" })),
  },
  { additionalProperties: false },
);
export type PhotoTarget = Static<typeof PhotoTarget>;

export const PhotoPatch = Type.Object(
  {
    kind: Type.Optional(PhotoKindSchema),
    caption: Type.Optional(Nullable(Caption)),
    inSummary: Type.Optional(
      Type.Boolean({ description: "true: the photo appears in the unit's summary, after section 六 (default false)" }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PhotoPatch = Static<typeof PhotoPatch>;

export const PhotoQuery = Type.Object(
  {
    campaignId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    kind: Type.Optional(PhotoKindSchema),
    inSummary: Type.Optional(
      Type.Boolean({ description: 'Only the photos chosen (true) or not chosen (false) for the summary' }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PhotoQuery = Static<typeof PhotoQuery>;
