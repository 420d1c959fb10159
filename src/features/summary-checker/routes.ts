import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/app-types.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { WorkSlots } from '../../platform/http/work-slots.ts';
import { MAX_SUMMARY_BYTES, readSummaryFile } from './read-docx.ts';
import { SummaryCheck, SummaryCheckBody } from './schema.ts';
import { checkSummary } from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MiB = MAX_SUMMARY_BYTES / 1024 / 1024;

/**
 * The parts of a multipart upload: the campaignId and unitId fields (in any order) and the file,
 * read into memory up to MAX_SUMMARY_BYTES.
 */
async function receiveSummary(request: FastifyRequest): Promise<SummaryCheckBody> {
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: MAX_SUMMARY_BYTES, files: 1, fields: 4, parts: 5 },
    })) {
      if (part.type === 'file') file = await part.toBuffer();
      else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(413, 'payload_too_large', `file: is larger than ${MiB} MiB`, [
        { field: 'file', reason: `is larger than ${MiB} MiB` },
      ]);
    throw error;
  }
  for (const field of ['campaignId', 'unitId'] as const) {
    const value = fields[field];
    if (value === undefined) throw badRequest(`${field}: is missing`, [{ field, reason: 'is missing' }]);
    if (!UUID.test(value)) throw badRequest(`${field}: must be a UUID`, [{ field, reason: 'must be a UUID' }]);
  }
  if (!file)
    throw badRequest('file: is missing', [{ field: 'file', reason: 'is missing: send the summary in a part' }]);
  return { campaignId: fields.campaignId!, unitId: fields.unitId!, text: await readSummaryFile(file) };
}

/** The summary checker: a hand-written summary in, its mistakes out, each with its place in the text. */
export async function summaryCheckRoutes(app: App) {
  await app.register(multipart, { limits: { fileSize: MAX_SUMMARY_BYTES } });
  const slots = new WorkSlots(app.config.maxConcurrentSummaryChecks, 2, { en: 'summary checks', zh: '总结检查' });

  app.post(
    '/summary-checks',
    {
      config: { policy: 'summaries.read' },
      schema: {
        tags: ['summaries'],
        summary:
          "Check a hand-written summary against the unit's records: placeholders, malformed numbers, contradicted figures, rates without a count, boilerplate, missing sections",
        description:
          `Send JSON {campaignId, unitId, text}, or multipart/form-data with the fields campaignId and unitId and the summary as a file part: ` +
          `a DOCX document or plain text (UTF-8 or GB18030), at most ${MiB} MiB. Another kind of file answers 415, a larger one 413. ` +
          `A DOCX is read in a worker thread within limits (unpacked size, nesting, time, memory); beyond them 413 names the limit. ` +
          `At most MAX_CONCURRENT_SUMMARY_CHECKS checks run at once on a server; one more answers 429 with Retry-After.`,
        consumes: ['application/json', 'multipart/form-data'],
        // Only JSON is validated by schema; a multipart upload is read and checked part by part.
        body: { content: { 'application/json': { schema: SummaryCheckBody } } },
        response: { 200: SummaryCheck, ...errorResponses },
      },
    },
    async (request) => {
      const multipartBody = request.isMultipart();
      if (!multipartBody && request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json')
        throw new AppError(415, 'unsupported_media_type', 'Send JSON or the file as multipart/form-data', [
          { field: 'content-type', reason: 'must be application/json or multipart/form-data' },
        ]);
      const free = slots.take();
      try {
        const input = multipartBody ? await receiveSummary(request) : (request.body as SummaryCheckBody);
        return await checkSummary({ db: app.db, actor: request.actor, ...input });
      } finally {
        free();
      }
    },
  );
}
