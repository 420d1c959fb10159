import { Type, type Static } from 'typebox';
import { IsoDateTime, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

/** What a unit discloses: 职能 functions, 服务事项及办事程序, 服务指南 service guide, 联系电话 phone numbers. */
export const DISCLOSURE_KINDS = ['functions', 'service_matter', 'service_guide', 'phone'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const DisclosureKindSchema = StringEnum(DISCLOSURE_KINDS, {
  description:
    'functions: the unit’s functions; service_matter: a service matter and its procedure; ' +
    'service_guide: a service guide; phone: a phone number to call',
});

/** 公开事项: one item a participating unit publishes on its portal page for a campaign. */
export const Disclosure = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: DisclosureKindSchema,
  title: Type.String(),
  body: Type.String({ description: 'Plain text; line breaks are kept' }),
  sort: Type.Integer({ description: 'Order on the unit’s page: lower first' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Disclosure = Static<typeof Disclosure>;

const disclosureFields = {
  kind: DisclosureKindSchema,
  title: Text(200),
  body: Type.String({ maxLength: 20000 }),
  sort: Type.Integer({ minimum: -100000, maximum: 100000 }),
};

export const DisclosureBody = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    kind: disclosureFields.kind,
    title: disclosureFields.title,
    body: Type.Optional(disclosureFields.body),
    sort: Type.Optional(disclosureFields.sort),
  },
  { additionalProperties: false },
);
export type DisclosureBody = Static<typeof DisclosureBody>;

export const DisclosurePatch = Type.Partial(Type.Object(disclosureFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type DisclosurePatch = Static<typeof DisclosurePatch>;

export const DisclosureQuery = Type.Object(
  {
    campaignId: Uuid,
    unitId: Type.Optional(Uuid),
    kind: Type.Optional(DisclosureKindSchema),
    limit: PageQuery.limit,
  },
  { additionalProperties: false },
);
export type DisclosureQuery = Static<typeof DisclosureQuery>;

export const DisclosureList = Type.Object({ items: Type.Array(Disclosure) });
export type DisclosureList = Static<typeof DisclosureList>;
