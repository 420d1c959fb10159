import { Type, type Static } from 'typebox';
import { MediumSchema } from '../../domain/vocabulary.ts';
import { IsoDate, IsoDateTime, Nullable, PageQuery, StringEnum, Text, Uuid } from '../../platform/http/schemas.ts';

export const PUBLICITY_KINDS = [
  'banner',
  'panel',
  'led_slogan',
  'poster',
  'newspaper_window',
  'online_post',
  'media_report',
] as const;
export type PublicityKind = (typeof PUBLICITY_KINDS)[number];
/** The kinds that reach people through a medium: they have an outlet, a medium and a reach. */
export const MEDIA_KINDS: readonly PublicityKind[] = ['online_post', 'media_report'];

export const PublicityKindSchema = StringEnum(PUBLICITY_KINDS, {
  description:
    "banner 横幅, panel 展板, led_slogan LED标语, poster 标语, newspaper_window 报栏, online_post 网络发布 (a post of the unit's own, on its website or WeChat account), media_report 媒体报道 (coverage by an outside outlet)",
});

/** How many were put up; counted into the statistical summary. Bounded by the database integer only. */
const Quantity = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'How many were put up or posted' });

const HttpUrl = Type.String({
  format: 'uri',
  pattern: '^https?://\\S+$',
  maxLength: 2000,
  description: 'Where the post or report can be read, an http(s) address; required for an online post',
});

/** Views or reads, where the outlet or the platform gives them. */
const Reach = Type.Integer({
  minimum: 0,
  maximum: 2147483647,
  description: 'Views or reads (阅读量/浏览量) where known; media reports and online posts only',
});

/**
 * A publicity item (宣传): banners, panels, LED slogans, posters, newspaper windows, online posts
 * and media reports. Media coverage is a publicity item rather than a record of its own (ADR 23):
 * online posts were already items, the figures and the summary already read them, and one list
 * keeps what made the day known in one place. A media report or an online post has its outlet
 * (媒体名称), its medium, its date (`shownFrom`: the day it was published), its title (`text`),
 * its link (`url`) and its reach.
 */
export const PublicityItem = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  unitId: Uuid,
  kind: PublicityKindSchema,
  quantity: Type.Integer(),
  text: Nullable(Type.String({ description: 'The slogan or headline; the title of a report or post' })),
  url: Nullable(Type.String()),
  location: Nullable(Type.String()),
  regionId: Nullable(
    Type.String({ format: 'uuid', description: "The village or community it was put up in (under the unit's region)" }),
  ),
  shownFrom: Nullable(IsoDate),
  outlet: Nullable(Type.String({ description: 'The outlet (媒体名称) as named in Chinese: 辽宁日报' })),
  outletEn: Nullable(Type.String({ description: "The outlet's English name, where the unit entered one" })),
  medium: Nullable(MediumSchema),
  reach: Nullable(Type.Integer({ description: 'Views or reads, where known' })),
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
  regionId: Nullable(Uuid),
  shownFrom: Nullable(IsoDate),
  outlet: Nullable(Text(100, { description: 'The outlet (媒体名称); required for a media report' })),
  outletEn: Nullable(Text(100, { description: "The outlet's English name, used by the English summary" })),
  medium: Nullable(MediumSchema),
  reach: Nullable(Reach),
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
    regionId: Type.Optional(editable.regionId),
    shownFrom: Type.Optional(editable.shownFrom),
    outlet: Type.Optional(editable.outlet),
    outletEn: Type.Optional(editable.outletEn),
    medium: Type.Optional(editable.medium),
    reach: Type.Optional(editable.reach),
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
    medium: Type.Optional(MediumSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PublicityQuery = Static<typeof PublicityQuery>;
