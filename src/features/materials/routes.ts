import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import {
  Distribution,
  DistributionBody,
  DistributionQuery,
  Material,
  MaterialBody,
  MaterialPatch,
  MaterialQuery,
} from './schema.ts';
import {
  changeMaterial,
  createMaterial,
  listDistributions,
  listMaterials,
  recordDistribution,
  removeMaterial,
} from './service.ts';

/** 宣传资料: printed materials, their print run and the copies handed out at the desks. */
export async function materialRoutes(app: App) {
  app.get(
    '/materials',
    {
      config: { policy: 'materials.read' },
      schema: {
        tags: ['materials'],
        summary: 'Printed materials of the units you may see, each with the copies handed out',
        querystring: MaterialQuery,
        response: { 200: Page(Material), ...errorResponses },
      },
    },
    async (request) => listMaterials({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.post(
    '/materials',
    {
      config: { policy: 'materials.write' },
      schema: {
        tags: ['materials'],
        summary: 'Add a printed material (unit admin)',
        headers: IdempotencyHeaders,
        body: MaterialBody,
        response: { 201: Material, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createMaterial({
        db: app.db,
        actor: requireUser(request.actor),
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      return sendStored(reply, result);
    },
  );

  app.patch(
    '/materials/:id',
    {
      config: { policy: 'materials.write' },
      schema: {
        tags: ['materials'],
        summary: 'Change a printed material (unit admin)',
        params: IdParams,
        body: MaterialPatch,
        response: { 200: Material, ...errorResponses },
      },
    },
    async (request) =>
      changeMaterial({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/materials/:id',
    {
      config: { policy: 'materials.write' },
      schema: {
        tags: ['materials'],
        summary: 'Delete a printed material and its distributions (unit admin)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMaterial({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/materials/:id/distributions',
    {
      config: { policy: 'materials.distribute' },
      schema: {
        tags: ['materials'],
        summary: 'Count copies handed out, at a desk or without one (send an Idempotency-Key)',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: DistributionBody,
        response: { 201: Distribution, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await recordDistribution({
        db: app.db,
        actor: requireUser(request.actor),
        materialId: request.params.id,
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      return sendStored(reply, result);
    },
  );

  app.get(
    '/materials/:id/distributions',
    {
      config: { policy: 'materials.read' },
      schema: {
        tags: ['materials'],
        summary: "A material's distributions, newest first, by page",
        params: IdParams,
        querystring: DistributionQuery,
        response: { 200: Page(Distribution), ...errorResponses },
      },
    },
    async (request) =>
      listDistributions({
        db: app.db,
        actor: requireUser(request.actor),
        materialId: request.params.id,
        query: request.query,
      }),
  );
}
