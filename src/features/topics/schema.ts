import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, Text, Uuid } from '../../platform/http/schemas.ts';

/** Stable short code of a topic: the Open311 service_code, never changed once given. */
export const TopicCode = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,39}$',
  description: 'Stable short code (lower-case letters, digits, - and _), used as the Open311 service_code',
});

/** 咨询主题: something the campaign answers (heating, legal aid …), and the unit that answers it. */
export const Topic = Type.Object({
  id: Uuid,
  campaignId: Uuid,
  code: TopicCode,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Type.String(),
  keywords: Type.Array(Type.String()),
  group: Nullable(Type.String({ description: 'A heading that groups topics (民生, 法律 …)' })),
  unitId: Type.String({ format: 'uuid', description: 'The unit that answers questions on this topic' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Topic = Static<typeof Topic>;

const topicFields = {
  name: Text(100),
  nameEn: Nullable(Text(200)),
  description: Type.String({ maxLength: 2000 }),
  keywords: Type.Array(Text(50), { maxItems: 20, uniqueItems: true }),
  group: Nullable(Text(50)),
  unitId: Type.String({ format: 'uuid', description: 'A unit taking part in the campaign' }),
};

export const TopicBody = Type.Object(
  {
    code: TopicCode,
    name: topicFields.name,
    nameEn: Type.Optional(topicFields.nameEn),
    description: Type.Optional(topicFields.description),
    keywords: Type.Optional(topicFields.keywords),
    group: Type.Optional(topicFields.group),
    unitId: topicFields.unitId,
  },
  { additionalProperties: false },
);
export type TopicBody = Static<typeof TopicBody>;

/** Everything but the code, which stays as Open311 clients know it. */
export const TopicPatch = Type.Partial(Type.Object(topicFields), { additionalProperties: false, minProperties: 1 });
export type TopicPatch = Static<typeof TopicPatch>;

export const TopicParams = Type.Object({ id: Uuid, topicId: Uuid }, { additionalProperties: false });
export const Topics = Type.Object({ items: Type.Array(Topic) });
