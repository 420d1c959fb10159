import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { sendFile } from '../exports/service.ts';
import { SummaryParams, SummaryQuery } from '../summaries/schema.ts';
import {
  getStatisticalSummaryFile,
  getSummaryFile,
  REPORT_CONTENT_TYPES,
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
}
