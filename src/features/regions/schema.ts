import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const REGION_LEVELS = ['country', 'province', 'city', 'district', 'street', 'community'] as const;
export const RegionLevel = StringEnum(REGION_LEVELS);

export const Region = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  level: RegionLevel,
  path: Type.String({ description: 'Codes from the root, e.g. /210000/211400/' }),
});
export type Region = Static<typeof Region>;

export const RegionBody = Type.Object(
  {
    parentId: Type.Optional(Nullable(Uuid)),
    code: Type.String({ pattern: '^[0-9A-Za-z]{1,20}$', description: 'Administrative division code' }),
    name: Text(100),
    nameEn: Type.Optional(Nullable(Text(200))),
    level: RegionLevel,
  },
  { additionalProperties: false },
);
export type RegionBody = Static<typeof RegionBody>;

export const RegionQuery = Type.Object(
  {
    parentId: Type.Optional(Uuid),
    level: Type.Optional(RegionLevel),
    within: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only the regions below this one (its subtree without it)' }),
    ),
  },
  { additionalProperties: false },
);
