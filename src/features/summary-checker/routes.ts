import type { App } from '../../platform/http/app-types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { SummaryCheck, SummaryCheckBody } from './schema.ts';
import { checkSummary } from './service.ts';

/** The summary checker: a hand-written summary in, its mistakes out, each with its place in the text. */
export async function summaryCheckRoutes(app: App) {
  app.post(
    '/summary-checks',
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary:
          "Check a hand-written summary against the unit's records: placeholders, malformed numbers, contradicted figures, rates without a count, boilerplate, missing sections",
        body: SummaryCheckBody,
        response: { 200: SummaryCheck, ...errorResponses },
      },
    },
    async (request) => checkSummary({ db: app.db, actor: request.actor, ...request.body }),
  );
}
