import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const MATERIAL_KINDS = ['leaflet', 'brochure', 'service_guide', 'handbook', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export const MaterialKindSchema = StringEnum(MATERIAL_KINDS, {
  description: 'leaflet 宣传单, brochure 宣传册, service_guide 办事指南, handbook 手册, other',
});

/** A count that fits the database's integer. */
const Copies = (minimum: number, description: string) => Type.Integer({ minimum, maximum: 2147483647, description });

/** A printed item (宣传资料) with its print run and the copies handed out so far. */
export const Material = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  title: Type.String(),
  titleEn: Nullable(Type.String({ description: 'The English title, as the English summary writes it' })),
  kind: MaterialKindSchema,
  printRun: Nullable(Type.Integer({ description: 'Copies printed; null when not recorded' })),
  distributed: Type.Integer({ description: 'Copies handed out so far, at all desks' }),
  createdAt: IsoDateTime,
});
export type Material = Static<typeof Material>;

const editable = {
  title: Text(200),
  titleEn: Nullable(Text(300)),
  kind: MaterialKindSchema,
  printRun: Nullable(Copies(0, 'Copies printed; null when not recorded')),
};

export const MaterialBody = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    title: editable.title,
    titleEn: Type.Optional(editable.titleEn),
    kind: editable.kind,
    printRun: Type.Optional(editable.printRun),
  },
  { additionalProperties: false },
);
export type MaterialBody = Static<typeof MaterialBody>;

export const MaterialPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 });
export type MaterialPatch = Static<typeof MaterialPatch>;

export const MaterialQuery = Type.Object(
  { campaignId: Type.Optional(Uuid), unitId: Type.Optional(Uuid), ...PageQuery },
  { additionalProperties: false },
);
export type MaterialQuery = Static<typeof MaterialQuery>;

/** Copies of a material handed out, at a desk or without one. */
export const Distribution = Type.Object({
  id: Uuid,
  materialId: Uuid,
  campaignId: Uuid,
  deskId: Nullable(Uuid),
  copies: Type.Integer(),
  recordedAt: IsoDateTime,
  recordedBy: Nullable(Uuid),
});
export type Distribution = Static<typeof Distribution>;

export const DistributionBody = Type.Object(
  {
    copies: Copies(1, 'Copies handed out'),
    deskId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type DistributionBody = Static<typeof DistributionBody>;

export const DistributionQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type DistributionQuery = Static<typeof DistributionQuery>;
