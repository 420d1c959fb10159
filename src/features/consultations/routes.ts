import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import { Consultation, ConsultationBody, ConsultationPatch, ConsultationQuery } from './schema.ts';
import {
  changeConsultation,
  getConsultation,
  listConsultations,
  recordConsultation,
  removeConsultation,
} from './service.ts';

export async function consultationRoutes(app: App) {
  app.post(
    '/consultations',
    {
      config: { policy: 'consultations.create' },
      schema: {
        tags: ['consultations'],
        summary: 'Record a consultation (a visit record)',
        headers: IdempotencyHeaders,
        body: ConsultationBody,
        response: { 201: Consultation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await recordConsultation({
        db: app.db,
        actor: requireUser(request.actor),
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      return sendStored(reply, result);
    },
  );

  app.get(
    '/consultations',
    {
      config: { policy: 'consultations.read' },
      schema: {
        tags: ['consultations'],
        summary: 'Consultations you may read, newest first, filtered and paginated',
        querystring: ConsultationQuery,
        response: { 200: Page(Consultation), ...errorResponses },
      },
    },
    async (request) => listConsultations({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.get(
    '/consultations/:id',
    {
      config: { policy: 'consultations.read' },
      schema: {
        tags: ['consultations'],
        summary: 'One consultation',
        params: IdParams,
        response: { 200: Consultation, ...errorResponses },
      },
    },
    async (request) => getConsultation({ db: app.db, actor: request.actor, id: request.params.id }),
  );

  app.patch(
    '/consultations/:id',
    {
      config: { policy: 'consultations.update' },
      schema: {
        tags: ['consultations'],
        summary:
          'Correct or complete a consultation: the unit admin any record; desk staff their own, on the day they ' +
          'recorded it, while its case has not moved on (409 otherwise)',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: ConsultationPatch,
        response: { 200: Consultation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await changeConsultation({
        db: app.db,
        actor: requireUser(request.actor),
        id: request.params.id,
        patch: request.body,
        key: idempotencyKeyOf(request),
      });
      return sendStored(reply, result);
    },
  );

  app.delete(
    '/consultations/:id',
    {
      config: { policy: 'consultations.delete' },
      schema: {
        tags: ['consultations'],
        summary:
          'Withdraw a consultation: the unit admin any record; desk staff their own, on the day they recorded ' +
          'it, while its case has not moved on (409 otherwise)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeConsultation({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
