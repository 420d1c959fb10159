import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { getCampaign } from '../campaigns/service.ts';
import { Topic, TopicBody, TopicParams, TopicPatch, Topics } from './schema.ts';
import { changeTopic, createTopic, listTopics, removeTopic } from './service.ts';

/** 咨询主题: what a campaign answers and which unit answers it; Open311 lists them as services. */
export async function topicRoutes(app: App) {
  app.get(
    '/campaigns/:id/topics',
    {
      config: { policy: 'topics.read' },
      schema: {
        tags: ['topics'],
        summary: "The campaign's topics and the units that answer them",
        params: IdParams,
        response: { 200: Topics, ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listTopics(app.db, request.params.id) };
    },
  );

  app.post(
    '/campaigns/:id/topics',
    {
      config: { policy: 'topics.write' },
      schema: {
        tags: ['topics'],
        summary: 'Add a topic, answered by one of the participating units',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: TopicBody,
        response: { 201: Topic, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createTopic({
          db: app.db,
          actor: requireUser(request.actor),
          campaignId: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/campaigns/:id/topics/:topicId',
    {
      config: { policy: 'topics.write' },
      schema: {
        tags: ['topics'],
        summary: 'Change a topic (its code stays)',
        params: TopicParams,
        body: TopicPatch,
        response: { 200: Topic, ...errorResponses },
      },
    },
    async (request) =>
      changeTopic({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        topicId: request.params.topicId,
        patch: request.body,
      }),
  );

  app.delete(
    '/campaigns/:id/topics/:topicId',
    {
      config: { policy: 'topics.write' },
      schema: {
        tags: ['topics'],
        summary: 'Remove a topic',
        params: TopicParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeTopic({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        topicId: request.params.topicId,
      });
      return reply.status(204).send(null);
    },
  );
}
