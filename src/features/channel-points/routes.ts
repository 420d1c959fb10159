import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { ChannelPoint, ChannelPointBody, ChannelPointList, ChannelPointParams, ChannelPointPatch } from './schema.ts';
import { addChannelPoint, changeChannelPoint, listChannelPoints, removeChannelPoint } from './service.ts';

/** A unit's hotlines (热线) and mailboxes (意见箱), with the village, address or number where each is. */
export async function channelPointRoutes(app: App) {
  app.get(
    '/campaigns/:campaignId/units/:unitId/channel-points',
    {
      config: { policy: 'channels.read' },
      schema: {
        tags: ['channel-points'],
        summary: "The unit's hotlines and mailboxes in the campaign, with their villages",
        params: ChannelPointParams,
        response: { 200: ChannelPointList, ...errorResponses },
      },
    },
    async (request) =>
      listChannelPoints({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.campaignId,
        unitId: request.params.unitId,
      }),
  );

  app.post(
    '/campaigns/:campaignId/units/:unitId/channel-points',
    {
      config: { policy: 'channels.write' },
      schema: {
        tags: ['channel-points'],
        summary: 'Add a hotline (with its number) or a mailbox (with its village or address)',
        headers: IdempotencyHeaders,
        params: ChannelPointParams,
        body: ChannelPointBody,
        response: { 201: ChannelPoint, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await addChannelPoint({
          db: app.db,
          actor: requireUser(request.actor),
          campaignId: request.params.campaignId,
          unitId: request.params.unitId,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/channel-points/:id',
    {
      config: { policy: 'channels.write' },
      schema: {
        tags: ['channel-points'],
        summary: 'Change a hotline or mailbox',
        params: IdParams,
        body: ChannelPointPatch,
        response: { 200: ChannelPoint, ...errorResponses },
      },
    },
    async (request) =>
      changeChannelPoint({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/channel-points/:id',
    {
      config: { policy: 'channels.write' },
      schema: {
        tags: ['channel-points'],
        summary: 'Delete a hotline or mailbox (refused while a consultation came through it)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeChannelPoint({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
