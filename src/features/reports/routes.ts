import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { attachmentHeader, sendFile } from '../../platform/http/download.ts';
import { SummaryParams, SummaryQuery } from '../summaries/schema.ts';
import { Collection, CollectionBody, CollectionList } from './schema.ts';
import {
  getCollection,
  getCollectionFile,
  getStatisticalSummaryFile,
  getSummaryFile,
  listCollections,
  publishCollection,
  REPORT_CONTENT_TYPES,
  startCollection,
  type SummaryFormat,
  type TableFormat,
} from './service.ts';

const DESCRIPTIONS: Record<'docx' | 'pdf' | TableFormat, string> = {
  docx: 'A Word document laid out to GB/T 9704-2012',
  pdf: 'A PDF with an embedded CJK font',
  xlsx: 'An Excel workbook',
  csv: 'CSV, UTF-8 with a BOM',
};

const fileResponse = (format: 'docx' | 'pdf' | TableFormat) => ({
  200: {
    description: DESCRIPTIONS[format],
    content: {
      [REPORT_CONTENT_TYPES[format].split(';')[0]!]: {
        schema: Type.String(format === 'csv' ? {} : { format: 'binary' }),
      },
    },
  },
  ...errorResponses,
});

/** Reports as files: a unit's summary as DOCX or PDF, the statistical summary as XLSX or CSV. */
export async function reportRoutes(app: App) {
  for (const format of ['docx', 'pdf'] as const satisfies readonly SummaryFormat[]) {
    app.get(
      `/summaries/campaigns/:campaignId/units/:unitId/summary.${format}`,
      {
        config: { policy: 'summaries.read' },
        schema: {
          tags: ['summaries'],
          summary: `The unit's summary (its last version) as ${format.toUpperCase()}: ${DESCRIPTIONS[format]}`,
          params: SummaryParams,
          querystring: SummaryQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await getSummaryFile({
            db: app.db,
            actor: request.actor,
            ...request.params,
            language: request.query.lang ?? 'zh-CN',
            format,
          }),
        ),
    );
  }

  for (const format of ['xlsx', 'csv'] as const satisfies readonly TableFormat[]) {
    app.get(
      `/campaigns/:id/statistical-summary.${format}`,
      {
        config: { policy: 'exports.read' },
        schema: {
          tags: ['exports'],
          summary: `The statistical summary (统计汇总表) as ${format.toUpperCase()}: one row per unit you may see, subtotals per city, and the total`,
          params: IdParams,
          querystring: SummaryQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await getStatisticalSummaryFile({
            db: app.db,
            actor: requireUser(request.actor),
            campaignId: request.params.id,
            language: request.query.lang ?? 'zh-CN',
            format,
          }),
        ),
    );
  }

  app.post(
    '/campaigns/:id/collections',
    {
      config: { policy: 'summaries.review' },
      schema: {
        tags: ['summaries'],
        summary: 'Start the collection of summaries (总结汇编) of a campaign: a background job with progress',
        description:
          'One document (DOCX laid out to GB/T 9704-2012, or PDF) with a cover, a table of contents, the statistical ' +
          'summary, every approved summary in region order (each on a new page) and an annex of the units whose summary ' +
          'is missing or not approved. Answers 202 at once with the collection; poll GET /collections/{id} (its Location) ' +
          'for the progress (units done of units total), then download GET /collections/{id}/file. ' +
          'Only organizers of the campaign.',
        params: IdParams,
        body: CollectionBody,
        headers: IdempotencyHeaders,
        response: {
          202: Collection,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await startCollection({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        input: request.body,
        key: idempotencyKeyOf(request),
      });
      reply.header('location', `/api/v1/collections/${result.body.id}`);
      return sendStored(reply, result);
    },
  );

  app.get(
    '/campaigns/:id/collections',
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: "The campaign's collections of summaries, newest first (organizers of the campaign)",
        params: IdParams,
        response: { 200: CollectionList, ...errorResponses },
      },
    },
    async (request) => listCollections({ db: app.db, actor: request.actor, campaignId: request.params.id }),
  );

  app.get(
    '/collections/:id',
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: 'A collection of summaries: its state, progress {done, total}, error, and its file once completed',
        params: IdParams,
        response: { 200: Collection, ...errorResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getCollection({ db: app.db, actor: request.actor, id: request.params.id });
    },
  );

  app.get(
    '/collections/:id/file',
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary: 'The document of a completed collection of summaries (409 while it is being written)',
        params: IdParams,
        response: {
          200: {
            description: 'The DOCX or PDF, as an attachment named in Content-Disposition',
            content: {
              [REPORT_CONTENT_TYPES.docx]: { schema: Type.String({ format: 'binary' }) },
              [REPORT_CONTENT_TYPES.pdf]: { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await getCollectionFile({ db: app.db, actor: request.actor, id: request.params.id });
      reply.header('content-length', String(file.bytes));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.stream as never);
    },
  );

  app.post(
    '/collections/:id/publish',
    {
      config: { policy: 'summaries.review' },
      schema: {
        tags: ['summaries'],
        summary: "Publish a completed collection: it becomes downloadable on the portal's campaign page",
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: Collection, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await publishCollection({
          db: app.db,
          actor: requireUser(request.actor),
          id: request.params.id,
          key: idempotencyKeyOf(request),
        }),
      ),
  );
}
