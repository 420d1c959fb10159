import crypto from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import { attachmentHeader } from '../../platform/http/download.ts';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/app-types.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams } from '../../platform/http/schemas.ts';
import { listCampaigns, listCampaignUnits, listUnitDays } from './repository.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachment-file.ts';
import {
  Campaign,
  CampaignAttachment,
  CampaignAttachmentParams,
  CampaignBody,
  CampaignPatch,
  CampaignUnitParams,
  CampaignUnits,
  SlugParams,
  UnitDays,
  UnitDaysBody,
  UnitDaysList,
} from './schema.ts';
import {
  addAttachment,
  agreeUnitDays,
  changeCampaign,
  checkAttachmentTarget,
  createCampaign,
  getAttachmentFile,
  getCampaign,
  getCampaignBySlug,
  inviteUnit,
  listAttachments,
  removeAttachment,
  uninviteUnit,
} from './service.ts';

/** Reads the one file part of a multipart upload into memory (bounded by MAX_ATTACHMENT_BYTES). */
async function receiveAttachment(request: FastifyRequest): Promise<{ file: Buffer; name: string | undefined }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data', [
      { field: 'content-type', reason: 'must be multipart/form-data with the file in one part' },
    ]);
  }
  const part = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
  if (!part) throw badRequest('file: is missing', [{ field: 'file', reason: 'is missing: send the file in a part' }]);
  // Throws 413 (FST_REQ_FILE_TOO_LARGE) when the part is longer than the limit.
  return { file: await part.toBuffer(), name: part.filename || undefined };
}

const FILE = {
  description: 'The attached file, as uploaded',
  content: Object.fromEntries(
    Object.values(ATTACHMENT_TYPES).map((t) => [t, { schema: Type.String({ format: 'binary' }) }]),
  ),
};

export async function campaignRoutes(app: App) {
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES } });

  app.get(
    '/campaigns/:id/attachments',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: "The files of the campaign's notice (plan template, statistical form …), oldest first",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CampaignAttachment) }), ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listAttachments(app.db, request.params.id) };
    },
  );

  app.post(
    '/campaigns/:id/attachments',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Attach a file to the notice (PDF, DOCX or XLSX, at most 10 MiB)',
        description:
          'Send the file as the file part of multipart/form-data. Its type is read from its bytes (a PDF header, ' +
          'or the ZIP directory of a Word document or an Excel workbook); anything else is refused with 415. ' +
          'A notice carries at most 20 files. Anyone may download them from the portal.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 201: CampaignAttachment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      await checkAttachmentTarget({ db: app.db, actor, campaignId: request.params.id });
      const { file, name } = await receiveAttachment(request);
      const key = idempotencyKeyOf(request);
      // The body is not in the request's hash (it is read as a stream): bind the key to the file too.
      const digest = crypto.createHash('sha256').update(file).digest('base64url');
      return sendStored(
        reply,
        await addAttachment({
          db: app.db,
          actor,
          campaignId: request.params.id,
          fileName: name,
          file,
          key: key && { ...key, requestHash: `${key.requestHash}.${digest}` },
        }),
      );
    },
  );

  app.delete(
    '/campaigns/:id/attachments/:attachmentId',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Remove a file from the notice',
        params: CampaignAttachmentParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeAttachment({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/public/attachments/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['public'],
        summary: "A file of a campaign's notice, for anyone",
        params: IdParams,
        response: { 200: FILE, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getAttachmentFile(app.db, request.params.id);
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-disposition', attachmentHeader(file.fileName))
          .header('cache-control', 'public, max-age=300')
          .header('x-content-type-options', 'nosniff')
          // The schema's 200 is the file's bytes (an OpenAPI content map), which the type provider cannot express.
          .send(file.content as never)
      );
    },
  );

  app.get(
    '/campaigns',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Open days, newest first',
        response: { 200: Type.Object({ items: Type.Array(Campaign) }), ...errorResponses },
      },
    },
    async () => ({ items: await listCampaigns(app.db) }),
  );

  app.get(
    '/campaigns/:id',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'One open day',
        params: IdParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => getCampaign(app.db, request.params.id),
  );

  app.get(
    '/campaigns/by-slug/:slug',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'One open day by its slug',
        params: SlugParams,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) => getCampaignBySlug(app.db, request.params.slug),
  );

  app.post(
    '/campaigns',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Create an open day and invite units',
        headers: IdempotencyHeaders,
        body: CampaignBody,
        response: { 201: Campaign, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendStored(
        reply,
        await createCampaign({
          db: app.db,
          actor: requireUser(request.actor),
          input: request.body,
          key: idempotencyKeyOf(request),
        }),
      ),
  );

  app.patch(
    '/campaigns/:id',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Change an open day',
        params: IdParams,
        body: CampaignPatch,
        response: { 200: Campaign, ...errorResponses },
      },
    },
    async (request) =>
      changeCampaign({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.get(
    '/campaigns/:id/units',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Participating units',
        params: IdParams,
        response: { 200: CampaignUnits, ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listCampaignUnits(app.db, request.params.id) };
    },
  );

  app.put(
    '/campaigns/:id/units/:unitId',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Invite a unit',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await inviteUnit({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/campaigns/:id/units/:unitId',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Withdraw an invitation',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await uninviteUnit({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/campaigns/:id/unit-days',
    {
      config: { policy: 'campaigns.read' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Other dates agreed for units (另定活动日期): units that hold their open day outside the campaign’s window',
        params: IdParams,
        response: { 200: UnitDaysList, ...errorResponses },
      },
    },
    async (request) => {
      await getCampaign(app.db, request.params.id);
      return { items: await listUnitDays(app.db, request.params.id) };
    },
  );

  app.put(
    '/campaigns/:id/units/:unitId/days',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary:
          'Agree other dates for a unit’s open day (organizers): its summary states them without naming them a problem, and says they were agreed',
        params: CampaignUnitParams,
        body: UnitDaysBody,
        response: { 200: UnitDays, ...errorResponses },
      },
    },
    async (request) =>
      (await agreeUnitDays({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
        days: request.body,
      }))!,
  );

  app.delete(
    '/campaigns/:id/units/:unitId/days',
    {
      config: { policy: 'campaigns.write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Withdraw the other dates agreed for a unit',
        params: CampaignUnitParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await agreeUnitDays({
        db: app.db,
        actor: requireUser(request.actor),
        campaignId: request.params.id,
        unitId: request.params.unitId,
        days: null,
      });
      return reply.status(204).send(null);
    },
  );
}
