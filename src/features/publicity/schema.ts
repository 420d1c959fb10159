import { Type, type Static } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const PUBLICITY_KINDS = ['banner', 'panel', 'led_slogan', 'poster', 'newspaper_window', 'online_post'] as const;
export type PublicityKind = (typeof PUBLICITY_KINDS)[number];

export const PublicityKindSchema = StringEnum(PUBLICITY_KINDS, {
  description: 'banner 横幅, panel 展板, led_slogan LED标语, poster 标语, newspaper_window 报栏, online_post 网站/微信',
});

/** How many were put up; counted into the statistical summary. Bounded by the database integer only. */
const Quantity = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'How many were put up or posted' });

const HttpUrl = Type.String({
  format: 'uri',
  pattern: '^https?://\\S+$',
  maxLength: 2000,
  description: 'Where the post can be read, an http(s) address; required for an online post',
});

/** A publicity item (宣传): banners, panels, LED slogans, posters, newspaper windows, online posts. */
export const PublicityItem = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: PublicityKindSchema,
  quantity: Type.Integer(),
  text: Nullable(Type.String({ description: 'The slogan or headline' })),
  url: Nullable(Type.String()),
  location: Nullable(Type.String()),
  shownFrom: Nullable(IsoDate),
  createdAt: IsoDateTime,
  createdBy: Nullable(Uuid),
});
export type PublicityItem = Static<typeof PublicityItem>;

const editable = {
  kind: PublicityKindSchema,
  quantity: Quantity,
  text: Nullable(Text(500, { description: 'Required for an LED slogan' })),
  url: Nullable(HttpUrl),
  location: Nullable(Text(200)),
  shownFrom: Nullable(IsoDate),
};

export const PublicityBody = Type.Object(
  {
    campaignId: Uuid,
    unitId: Uuid,
    kind: editable.kind,
    quantity: Type.Optional(editable.quantity),
    text: Type.Optional(editable.text),
    url: Type.Optional(editable.url),
    location: Type.Optional(editable.location),
    shownFrom: Type.Optional(editable.shownFrom),
  },
  { additionalProperties: false },
);
export type PublicityBody = Static<typeof PublicityBody>;

export const PublicityPatch = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 });
export type PublicityPatch = Static<typeof PublicityPatch>;

export const PublicityQuery = Type.Object(
  {
    campaignId: Type.Optional(Uuid),
    unitId: Type.Optional(Uuid),
    kind: Type.Optional(PublicityKindSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PublicityQuery = Static<typeof PublicityQuery>;
