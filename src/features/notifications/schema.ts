import { Type, type Static } from 'typebox';
import { IsoDateTime, Nullable, PageQuery, Uuid } from '../../platform/http/schemas.ts';

/** One notification in the signed-in user's inbox, in their language. */
export const Notification = Type.Object({
  id: Uuid,
  kind: Type.String({ description: "What it is about, e.g. 'case.due_today', 'case.overdue', 'summary.owed'" }),
  title: Type.String({ description: "In the reader's language" }),
  body: Type.String({ description: "In the reader's language" }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
    description: 'The values the texts were filled with (tracking code, due date …)',
  }),
  caseId: Nullable(Uuid),
  unitId: Nullable(Uuid),
  campaignId: Nullable(Uuid),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
export type Notification = Static<typeof Notification>;

export const NotificationQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true: only those not read yet' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;
