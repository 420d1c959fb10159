import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import {
  Case,
  CaseDetail,
  CaseQuery,
  CloseBody,
  DueDateExplanation,
  ExtendBody,
  ReplyBody,
  ReturnVisitBody,
  TransferBody,
} from './schema.ts';
import {
  closeCase,
  explainDueDate,
  extendCase,
  getCase,
  listCases,
  recordReturnVisit,
  replyCase,
  transferCase,
} from './service.ts';

/** 办件: follow-up of consultations not answered on the spot. */
export async function caseRoutes(app: App) {
  app.get(
    '/cases',
    {
      config: { policy: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Cases you may read (of your units, now or at the start), soonest due first',
        querystring: CaseQuery,
        response: { 200: Page(Case), ...errorResponses },
      },
    },
    async (request) => listCases({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.get(
    '/cases/:id',
    {
      config: { policy: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'One case with its chain of events (who, when, why)',
        params: IdParams,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request) => getCase({ db: app.db, actor: request.actor, id: request.params.id }),
  );

  app.get(
    '/cases/:id/due-date',
    {
      config: { policy: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'How the due date was computed: start, limit, extension, each day counted or skipped and why',
        params: IdParams,
        response: { 200: DueDateExplanation, ...errorResponses },
      },
    },
    async (request) => explainDueDate({ db: app.db, actor: request.actor, id: request.params.id }),
  );

  app.post(
    '/cases/:id/transfer',
    {
      config: { policy: 'cases.handle' },
      schema: {
        tags: ['cases'],
        summary: 'Pass the case to the unit able to answer it (a unit taking part in the campaign)',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: TransferBody,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await transferCase({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.post(
    '/cases/:id/extend',
    {
      config: { policy: 'cases.handle' },
      schema: {
        tags: ['cases'],
        summary: 'Extend the limit once, by working days, with a reason',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: ExtendBody,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await extendCase({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.post(
    '/cases/:id/reply',
    {
      config: { policy: 'cases.handle' },
      schema: {
        tags: ['cases'],
        summary: 'Reply to the citizen',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: ReplyBody,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await replyCase({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.post(
    '/cases/:id/return-visits',
    {
      config: { policy: 'cases.return_visit' },
      schema: {
        tags: ['cases'],
        summary:
          'Record a return visit (回访): the follow-up call, whether the citizen was reached, their rating and words. ' +
          'Counted apart from the ratings citizens give with their code; a poor rating reopens the case',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: ReturnVisitBody,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await recordReturnVisit({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.post(
    '/cases/:id/close',
    {
      config: { policy: 'cases.handle' },
      // The body (an optional reason) may be left out altogether.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: ['cases'],
        summary: 'Close a replied case (the body with a reason may be left out)',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: CloseBody,
        response: { 200: CaseDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await closeCase({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
