import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import { listAuditRows } from './repository.ts';
import type { App } from '../../platform/http/app-types.ts';
import {
  decodeCursor,
  encodeCursor,
  errorResponses,
  IsoDateTime,
  Nullable,
  Page,
  PageQuery,
  Uuid,
} from '../../platform/http/schemas.ts';

const AuditEntry = Type.Object({
  id: Uuid,
  occurredAt: IsoDateTime,
  actorUserId: Nullable(Uuid),
  actorTokenId: Nullable(Uuid),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  unitId: Nullable(Uuid),
  campaignId: Nullable(Uuid),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const AuditQuery = Type.Object(
  {
    unitId: Type.Optional(Uuid),
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/**
 * An entry's record without the citizen's tracking code: entries written before codes were kept out
 * of the log carry one, and the log is append-only, so it is left out when read.
 */
function withoutTrackingCodes(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => key !== 'caseTrackingCode' && key !== 'trackingCode'),
  );
}

/** The audit log, read-only: a unit admin sees their units' entries, an organizer their region's. */
export async function auditRoutes(app: App) {
  app.get(
    '/audit',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what, newest first (read-only)',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireUser(request.actor);
      const { unitId, entity, entityId, limit = 50 } = request.query;
      const cursor = decodeCursor(request.query.cursor, ['uuid']);
      const rows = await listAuditRows(app.db, actor, {
        unitId,
        entity,
        entityId,
        before: cursor?.[0],
        limit,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          occurredAt: r.occurred_at.toISOString(),
          actorUserId: r.actor_user_id,
          actorTokenId: r.actor_token_id,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          unitId: r.unit_id,
          campaignId: r.campaign_id,
          before: withoutTrackingCodes(r.before),
          after: withoutTrackingCodes(r.after),
        })),
        nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
      };
    },
  );
}
