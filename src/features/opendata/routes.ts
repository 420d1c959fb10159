import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { DATASET_NAMES, DATASETS, datasetResponse, Dictionary, SlugParams } from './schema.ts';
import { getDictionary, getOpenDataset, renderDatasetCsv, renderDictionaryCsv } from './service.ts';

const CsvText = {
  content: { 'text/csv': { schema: Type.String({ description: 'UTF-8 with BOM, CRLF, header row' }) } },
};

/** Open data may be fetched by anyone, from any page, and cached for a few minutes. */
function openHeaders(reply: FastifyReply, filename?: string): FastifyReply {
  reply.header('cache-control', 'public, max-age=300');
  reply.header('access-control-allow-origin', '*');
  if (filename) reply.header('content-disposition', `inline; filename="${filename}"`);
  return reply;
}

/**
 * 开放数据: a campaign's figures per unit, topic, channel, day and village, its meetings per unit and
 * its media coverage per unit and medium, aggregated and anonymized with small cells withheld, as
 * CSV and JSON at stable public URLs, and their data dictionary.
 */
export async function openDataRoutes(app: App) {
  for (const dataset of DATASET_NAMES) {
    app.get(
      `/open-data/campaigns/:slug/${dataset}.json`,
      {
        config: { policy: 'public' },
        schema: {
          tags: ['open data'],
          summary: `${DATASETS[dataset].titleEn} (JSON; small cells withheld as null)`,
          security: [],
          params: SlugParams,
          response: { 200: datasetResponse(dataset), ...errorResponses },
        },
      },
      async (request, reply) => {
        const data = await getOpenDataset({
          db: app.db,
          baseUrl: app.config.baseUrl,
          slug: request.params.slug,
          dataset,
        });
        return openHeaders(reply).send(data);
      },
    );

    app.get(
      `/open-data/campaigns/:slug/${dataset}.csv`,
      {
        config: { policy: 'public' },
        schema: {
          tags: ['open data'],
          summary: `${DATASETS[dataset].titleEn} (CSV; small cells withheld as empty, flagged in "suppressed")`,
          security: [],
          params: SlugParams,
          response: { 200: CsvText, ...errorResponses },
        },
      },
      async (request, reply) => {
        const data = await getOpenDataset({
          db: app.db,
          baseUrl: app.config.baseUrl,
          slug: request.params.slug,
          dataset,
        });
        return openHeaders(reply, `${data.campaign.slug}-${dataset}.csv`)
          .type('text/csv; charset=utf-8; header=present')
          .send(renderDatasetCsv(data));
      },
    );
  }

  app.get(
    '/open-data/campaigns/:slug/dictionary.json',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['open data'],
        summary:
          "The data dictionary of a campaign's open data: every column's meaning and unit, and the suppression rule",
        security: [],
        params: SlugParams,
        response: { 200: Dictionary, ...errorResponses },
      },
    },
    async (request, reply) =>
      openHeaders(reply).send(
        await getDictionary({ db: app.db, baseUrl: app.config.baseUrl, slug: request.params.slug }),
      ),
  );

  app.get(
    '/open-data/campaigns/:slug/dictionary.csv',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['open data'],
        summary: 'The data dictionary as CSV: one line per column of each table',
        security: [],
        params: SlugParams,
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const dictionary = await getDictionary({ db: app.db, baseUrl: app.config.baseUrl, slug: request.params.slug });
      return openHeaders(reply, `${dictionary.campaign.slug}-dictionary.csv`)
        .type('text/csv; charset=utf-8; header=present')
        .send(renderDictionaryCsv(dictionary));
    },
  );
}
