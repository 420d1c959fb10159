import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

/** The channels a channel point is: a hotline 热线 or a mailbox 意见箱 (the consultation's channel). */
export const CHANNEL_POINT_KINDS = ['hotline', 'mailbox'] as const;
export type ChannelPointKind = (typeof CHANNEL_POINT_KINDS)[number];

export const ChannelPointKindSchema = StringEnum(CHANNEL_POINT_KINDS, {
  description: 'hotline 热线 (has its number) or mailbox 意见箱 (has its place: a village or an address)',
});

/**
 * A channel point (渠道点): one of a unit's hotlines or mailboxes in a campaign, with where it is —
 * a village or community of the region tree under the unit's region, an address, a number. A
 * consultation names the one it came through (ADR 30).
 */
export const ChannelPoint = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: ChannelPointKindSchema,
  name: Type.String({ description: '石门村意见箱, 乡政务服务热线' }),
  nameEn: Nullable(Type.String({ description: 'The English name, as the English summary writes it' })),
  regionId: Nullable(
    Type.String({ format: 'uuid', description: "The village or community (a region under the unit's region)" }),
  ),
  address: Nullable(Type.String()),
  number: Nullable(Type.String({ description: 'The telephone number of a hotline' })),
});
export type ChannelPoint = Static<typeof ChannelPoint>;

const fields = {
  kind: ChannelPointKindSchema,
  name: Text(100),
  nameEn: Nullable(Text(200)),
  regionId: Nullable(Uuid),
  address: Nullable(Text(200)),
  number: Nullable(
    Type.String({
      pattern: '^[0-9+][0-9 ()-]{2,24}$',
      description: 'A telephone number: digits, spaces, + ( ) -; required for a hotline',
    }),
  ),
};

export const ChannelPointBody = Type.Object(
  {
    kind: fields.kind,
    name: fields.name,
    nameEn: Type.Optional(fields.nameEn),
    regionId: Type.Optional(fields.regionId),
    address: Type.Optional(fields.address),
    number: Type.Optional(fields.number),
  },
  { additionalProperties: false },
);
export type ChannelPointBody = Static<typeof ChannelPointBody>;

export const ChannelPointPatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type ChannelPointPatch = Static<typeof ChannelPointPatch>;

export const ChannelPointList = Type.Object({ items: Type.Array(ChannelPoint) });
export type ChannelPointList = Static<typeof ChannelPointList>;

export const ChannelPointParams = Type.Object({ campaignId: Uuid, unitId: Uuid }, { additionalProperties: false });
