import { Type, type Static } from 'typebox';
import type { App } from '../http/app-types.ts';
import {
  decodeCursor,
  encodeCursor,
  errorResponses,
  IsoDateTime,
  Nullable,
  Page,
  PageQuery,
  StringEnum,
  Uuid,
} from '../http/schemas.ts';
import { JOB_STATES, listJobRows, type JobRow } from './queue.ts';

export const Job = Type.Object({
  id: Uuid,
  name: Type.String({ description: "The job definition's stable name" }),
  state: StringEnum(JOB_STATES, {
    description: 'queued → active → completed; a failed attempt → retry (after a backoff) or failed for good',
  }),
  attempts: Type.Integer({ description: 'Attempts made so far' }),
  maxAttempts: Type.Integer(),
  runAt: IsoDateTime,
  lastError: Nullable(Type.String({ description: 'The error of the last failed attempt' })),
  createdAt: IsoDateTime,
  startedAt: Nullable(IsoDateTime),
  finishedAt: Nullable(IsoDateTime),
});
export type Job = Static<typeof Job>;

const JobQuery = Type.Object(
  {
    state: Type.Optional(StringEnum(JOB_STATES)),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at.toISOString(),
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** Background jobs, for organizers: what ran, what is waiting, and what failed and why. */
export async function jobRoutes(app: App) {
  app.get(
    '/jobs',
    {
      config: { policy: 'jobs.read' },
      schema: {
        tags: ['jobs'],
        summary: 'Recent background jobs, newest first (e.g. ?state=failed), without their payloads',
        querystring: JobQuery,
        response: { 200: Page(Job), ...errorResponses },
      },
    },
    async (request) => {
      const { state, name, limit = 50 } = request.query;
      const cursor = decodeCursor(request.query.cursor, ['uuid']);
      const rows = await listJobRows(app.db, { state, name, before: cursor?.[0], limit });
      const page = rows.slice(0, limit);
      return {
        items: page.map(toJob),
        nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
      };
    },
  );
}
