import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const UNIT_KINDS = ['office', 'bureau', 'street', 'town', 'community', 'company', 'other'] as const;
export const UnitKind = StringEnum(UNIT_KINDS);

export const Unit = Type.Object({
  id: Uuid,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  kind: UnitKind,
  regionId: Uuid,
  parentId: Nullable(Uuid),
});
export type Unit = Static<typeof Unit>;

export const UnitBody = Type.Object(
  {
    name: Text(200),
    nameEn: Type.Optional(Nullable(Text(300))),
    kind: UnitKind,
    regionId: Uuid,
    parentId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type UnitBody = Static<typeof UnitBody>;

export const UnitQuery = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' })),
  },
  { additionalProperties: false },
);
export type UnitQuery = Static<typeof UnitQuery>;
