import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import {
  CaseExportQuery,
  ConsultationExportQuery,
  OpinionExportQuery,
  StatisticsExportQuery,
  type ExportFormat,
} from './schema.ts';
import {
  CONTENT_TYPES,
  exportCases,
  exportConsultations,
  exportOpinions,
  exportStatistics,
  sendFile,
} from './service.ts';

const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

const fileResponse = (format: ExportFormat) => ({
  200: {
    description: format === 'csv' ? 'CSV, UTF-8 with a BOM' : 'An Excel workbook',
    content: {
      [CONTENT_TYPES[format].split(';')[0]!]: { schema: Type.String(format === 'xlsx' ? { format: 'binary' } : {}) },
    },
  },
  ...errorResponses,
});

/** Downloads: records and figures as spreadsheets, streamed as they are read. */
export async function exportRoutes(app: App) {
  for (const format of FORMATS) {
    app.get(
      `/exports/consultations.${format}`,
      {
        config: { policy: 'exports.read' },
        schema: {
          tags: ['exports'],
          summary: `Consultations as ${format.toUpperCase()}, with the columns you choose and the filters of GET /consultations`,
          description:
            'Visitor name and phone are shown only in the rows of a unit whose admin you are (and the export is audited); masked otherwise.',
          querystring: ConsultationExportQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await exportConsultations({ db: app.db, actor: requireUser(request.actor), query: request.query, format }),
        ),
    );

    app.get(
      `/exports/cases.${format}`,
      {
        config: { policy: 'exports.read' },
        schema: {
          tags: ['exports'],
          summary: `Cases (办件) as ${format.toUpperCase()}, with the columns you choose`,
          querystring: CaseExportQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await exportCases({ db: app.db, actor: requireUser(request.actor), query: request.query, format }),
        ),
    );

    app.get(
      `/exports/opinions.${format}`,
      {
        config: { policy: 'exports.read' },
        schema: {
          tags: ['exports'],
          summary: `Opinions raised at meetings (意见建议) as ${format.toUpperCase()}, with what became of each`,
          querystring: OpinionExportQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await exportOpinions({ db: app.db, actor: requireUser(request.actor), query: request.query, format }),
        ),
    );

    app.get(
      `/campaigns/:id/statistics.${format}`,
      {
        config: { policy: 'exports.read' },
        schema: {
          tags: ['exports'],
          summary: `The statistical summary (统计汇总表) as ${format.toUpperCase()}: one row per unit you may see, and the totals`,
          params: IdParams,
          querystring: StatisticsExportQuery,
          response: fileResponse(format),
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await exportStatistics({
            db: app.db,
            actor: requireUser(request.actor),
            campaignId: request.params.id,
            query: request.query,
            format,
          }),
        ),
    );
  }
}
