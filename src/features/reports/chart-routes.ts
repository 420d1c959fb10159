import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import {
  errorResponses,
  IdParams,
  IsoDate,
  IsoDateTime,
  Nullable,
  StringEnum,
  Uuid,
} from '../../platform/http/schemas.ts';
import { sendFile } from '../../platform/http/download.ts';
import { SummaryLanguageSchema, SummaryQuery } from '../summaries/schema.ts';
import { CHART_NAMES, renderStatisticsCharts } from './charts.ts';
import {
  COMPARED_FIGURES,
  generateStatisticalSummary,
  STATISTICAL_COLUMNS,
  VILLAGE_COLUMNS,
} from './generate-statistical-summary.ts';
import { blankVisitRecordForm } from './visit-record-form.ts';

const Count = Nullable(Type.Number());
const FigureChange = Type.Object({
  previous: Nullable(Type.Number({ description: 'The figure in the earlier campaign' })),
  change: Nullable(Type.Number({ description: 'Now minus then (percentage points for the satisfaction rate)' })),
  changePercent: Nullable(
    Type.Number({ description: 'The change in percent of the earlier figure; null when it was 0' }),
  ),
});
const SummaryCampaign = Type.Object({ id: Uuid, slug: Type.String(), title: Type.String(), openDay: IsoDate });

/** The statistical summary (统计汇总表) as JSON: the rows of the XLSX, typed. */
export const StatisticalSummaryResponse = Type.Object({
  campaign: SummaryCampaign,
  previousCampaign: Nullable(SummaryCampaign),
  language: SummaryLanguageSchema,
  generatedAt: IsoDateTime,
  issuer: Type.String({ description: 'The coordinating office that issues the table' }),
  rows: Type.Array(
    Type.Object({
      kind: StringEnum(['unit', 'subtotal', 'total'] as const),
      id: Nullable(Type.String({ description: "The unit's id, the region's on a subtotal, null on the total" })),
      label: Type.String(),
      region: Type.String(),
      figures: Type.Object(
        Object.fromEntries(STATISTICAL_COLUMNS.map((c) => [c.key, Count])) as Record<
          (typeof STATISTICAL_COLUMNS)[number]['key'],
          typeof Count
        >,
        { description: 'Null: not recorded. satisfactionRate in percent with one decimal' },
      ),
      comparison: Nullable(
        Type.Object(
          Object.fromEntries(COMPARED_FIGURES.map((key) => [key, FigureChange])) as Record<
            (typeof COMPARED_FIGURES)[number],
            typeof FigureChange
          >,
          { description: 'Against the earlier campaign; null when there is none or the unit did not take part' },
        ),
      ),
    }),
  ),
  villages: Type.Array(
    Type.Object({
      kind: StringEnum(['village', 'total'] as const),
      unitId: Nullable(Uuid),
      regionId: Nullable(Type.String({ format: 'uuid', description: 'The village or community; null on the total' })),
      unit: Type.String(),
      village: Type.String({
        description: 'Its name in the language asked for (Chinese where no English was entered)',
      }),
      ...(Object.fromEntries(
        VILLAGE_COLUMNS.map((c) => [c.key, Type.Integer({ minimum: 0, description: c.en })]),
      ) as Record<(typeof VILLAGE_COLUMNS)[number]['key'], ReturnType<typeof Type.Integer>>),
    }),
    {
      description:
        "Per unit and village or community (ADR 30): the unit's hotlines and mailboxes there, the questions through them, the publicity put up there; the total last",
    },
  ),
});

const ChartParams = Type.Object(
  { id: Uuid, name: StringEnum(CHART_NAMES, { description: 'units, topics or satisfaction' }) },
  { additionalProperties: false },
);

const FormQuery = Type.Object(
  { pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1, description: 'Sheets to print' })) },
  { additionalProperties: false },
);

const binary = (contentType: string, description: string) => ({
  200: { description, content: { [contentType]: { schema: Type.String({ format: 'binary' }) } } },
  ...errorResponses,
});

/**
 * The statistical summary as JSON with the change against the earlier campaign, its charts as
 * PNG images rendered on the server, and the printable blank visit-record form.
 */
export async function chartRoutes(app: App) {
  app.get(
    '/campaigns/:id/statistical-summary',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'The statistical summary (统计汇总表): one row per unit you may see, subtotals per city, the total, and each against the earlier campaign when the campaign names one',
        params: IdParams,
        querystring: SummaryQuery,
        response: { 200: StatisticalSummaryResponse, ...errorResponses },
      },
    },
    async (request) =>
      generateStatisticalSummary({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        language: request.query.lang ?? 'zh-CN',
      }),
  );

  app.get(
    '/campaigns/:id/statistics/charts/:name.png',
    {
      config: { policy: 'statistics.read' },
      schema: {
        tags: ['statistics'],
        summary:
          'A chart of the statistical summary as a PNG: units (people received and consultations per unit, or per region when there are many), topics, satisfaction',
        params: ChartParams,
        querystring: SummaryQuery,
        response: binary('image/png', 'A PNG image'),
      },
    },
    async (request, reply) => {
      const [chart] = await renderStatisticsCharts({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        language: request.query.lang ?? 'zh-CN',
        names: [request.params.name],
      });
      return reply
        .header('content-type', 'image/png')
        .header('cache-control', 'no-store')
        .send(chart!.png as never);
    },
  );

  app.get(
    '/forms/visit-record.pdf',
    {
      config: { policy: 'consultations.read' },
      schema: {
        tags: ['imports'],
        summary:
          'The printable blank visit-record form (来访登记表), A4 landscape, with the columns of the import template in its order',
        querystring: FormQuery,
        response: binary('application/pdf', 'A PDF with an embedded CJK font'),
      },
    },
    async (request, reply) =>
      sendFile(reply, {
        fileName: '来访登记表.pdf',
        contentType: 'application/pdf',
        stream: Readable.from([await blankVisitRecordForm(request.query.pages ?? 1)]),
      }),
  );
}
