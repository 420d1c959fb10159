import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import { WorkSlots } from '../../platform/http/work-slots.ts';
import { sendFile } from '../../platform/http/download.ts';
import { Import, ImportHeaders, ImportListQuery, ImportTarget, TemplateQuery } from './schema.ts';
import { checkTarget, getImport, importFile, listImports, renderTemplate, startImport } from './service.ts';

/** The largest file an upload may carry: a million visit records as CSV fit with room to spare. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/**
 * Streams the uploaded file to a temporary file (never into memory): an import reads it twice,
 * and an upload cut short must not be imported half.
 */
async function receiveUpload(request: FastifyRequest): Promise<{ path: string; name: string; remove: () => void }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data', [
      { field: 'content-type', reason: 'must be multipart/form-data with the file in one part' },
    ]);
  }
  const part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  if (!part) throw badRequest('file: is missing', [{ field: 'file', reason: 'is missing: send the file in a part' }]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-import-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const target = path.join(dir, 'upload');
    await pipeline(part.file, fs.createWriteStream(target));
    const name = path.basename(part.filename || 'upload').slice(0, 200) || 'upload';
    return { path: target, name, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

const FILE = {
  description: 'The file',
  content: {
    'text/csv': { schema: Type.String() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
  },
};

export async function importRoutes(app: App) {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES } });
  const slots = new WorkSlots(app.config.maxConcurrentImports, 10, { en: 'imports', zh: '导入' });

  app.post(
    '/imports',
    {
      config: { policy: 'imports.write' },
      schema: {
        tags: ['imports'],
        summary: 'Import a filled-in form (CSV or XLSX) into a unit’s records: all rows or none',
        description:
          'Send the file as multipart/form-data. CSV may be UTF-8 (with or without BOM) or GB18030; headers in Chinese or English. ' +
          'Every row is checked before anything is written; a file with bad rows answers 422 listing each (row, column, value, reason). ' +
          'The same file again answers 200 with the earlier import and adds nothing. With "Prefer: respond-async" the answer is 202 at once; poll GET /imports/{id}. ' +
          'A workbook is read in a worker thread within limits (one cell, the shared strings, each part unpacked); beyond them 413 names the limit. ' +
          'At most MAX_CONCURRENT_IMPORTS imports run at once on a server; one more answers 429 with Retry-After.',
        consumes: ['multipart/form-data'],
        querystring: ImportTarget,
        headers: ImportHeaders,
        response: { 200: Import, 201: Import, 202: Import, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      await checkTarget(app.db, actor, request.query.campaignId, request.query.unitId);
      const free = slots.take();
      let upload: Awaited<ReturnType<typeof receiveUpload>>;
      try {
        upload = await receiveUpload(request);
      } catch (error) {
        free();
        throw error;
      }
      const settled = () => {
        upload.remove();
        free();
      };
      const target = {
        db: app.db,
        actor,
        campaignId: request.query.campaignId,
        unitId: request.query.unitId,
        kind: request.query.kind ?? 'consultations',
        file: upload,
      };
      if (/\brespond-async\b/i.test(request.headers.prefer ?? '')) {
        const result = await startImport({ ...target, onSettled: settled });
        return reply.status(result.statusCode).send(result.body);
      }
      try {
        const result = await importFile(target);
        return reply.status(result.statusCode).send(result.body);
      } finally {
        settled();
      }
    },
  );

  app.get(
    '/imports/template',
    {
      config: { policy: 'imports.read' },
      schema: {
        tags: ['imports'],
        summary: 'The empty form to fill in, with the columns of the printed visit record form',
        querystring: TemplateQuery,
        response: { 200: FILE, ...errorResponses },
      },
    },
    async (request, reply) => {
      const template = renderTemplate({
        kind: request.query.kind ?? 'consultations',
        format: request.query.format ?? 'xlsx',
        language: request.query.lang ?? requireUser(request.actor).language,
      });
      return sendFile(reply, template);
    },
  );

  app.get(
    '/imports',
    {
      config: { policy: 'imports.read' },
      schema: {
        tags: ['imports'],
        summary: 'Imports that landed in a campaign, newest first',
        querystring: ImportListQuery,
        response: { 200: Page(Import), ...errorResponses },
      },
    },
    async (request) => listImports({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.get(
    '/imports/:id',
    {
      config: { policy: 'imports.read' },
      schema: {
        tags: ['imports'],
        summary: 'An import: its progress while it runs, what it brought, or the rows that stopped it',
        params: IdParams,
        response: { 200: Import, ...errorResponses },
      },
    },
    async (request) => getImport({ db: app.db, actor: requireUser(request.actor), id: request.params.id }),
  );
}
