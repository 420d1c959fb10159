import crypto from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../platform/auth/policy.ts';
import type { App } from '../../platform/http/app-types.ts';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import { IdempotencyHeaders, idempotencyKeyOf, sendStored } from '../../platform/http/idempotency.ts';
import { errorResponses, IdParams, Page } from '../../platform/http/schemas.ts';
import { Photo, PHOTO_CONTENT_TYPES, PhotoPatch, PhotoQuery, PhotoTarget } from './schema.ts';
import { addPhoto, changePhoto, checkPhotoTarget, getPhotoImage, listPhotos, removePhoto } from './service.ts';

/** The largest upload: a phone camera's full-size JPEG, with room to spare. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

/** Reads the one file part of a multipart upload into memory (bounded by MAX_PHOTO_BYTES). */
async function receivePhoto(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Send the photo as multipart/form-data', [
      { field: 'content-type', reason: 'must be multipart/form-data with the image in one part' },
    ]);
  }
  const part = await request.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, parts: 6 } });
  if (!part) throw badRequest('file: is missing', [{ field: 'file', reason: 'is missing: send the image in a part' }]);
  if (!(PHOTO_CONTENT_TYPES as readonly string[]).includes(part.mimetype)) {
    part.file.resume();
    throw new AppError(415, 'unsupported_media_type', 'file: must be a JPEG, PNG or WebP image', [
      { field: 'file', reason: 'must be a JPEG, PNG or WebP image' },
    ]);
  }
  // Throws 413 (FST_REQ_FILE_TOO_LARGE) when the part is longer than the limit.
  return part.toBuffer();
}

const IMAGE = {
  description: 'The stored image',
  content: Object.fromEntries(PHOTO_CONTENT_TYPES.map((t) => [t, { schema: Type.String({ format: 'binary' }) }])),
};

/** Photos of the day: banners, desks and crowds, kept for the unit's summary. */
export async function photoRoutes(app: App) {
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES } });

  app.get(
    '/photos',
    {
      config: { policy: 'photos.read' },
      schema: {
        tags: ['photos'],
        summary: 'Photos of the units you may see, newest first, by page',
        querystring: PhotoQuery,
        response: { 200: Page(Photo), ...errorResponses },
      },
    },
    async (request) => listPhotos({ db: app.db, actor: requireUser(request.actor), query: request.query }),
  );

  app.post(
    '/photos',
    {
      config: { policy: 'photos.write' },
      schema: {
        tags: ['photos'],
        summary: 'Upload a photo of the day (JPEG, PNG or WebP, at most 15 MiB)',
        description:
          'Send the image as the file part of multipart/form-data. It is stored upright, at most 1600 px on its ' +
          `longest side, and with all metadata (EXIF, GPS position, XMP) removed. A unit keeps at most 200 photos a campaign.`,
        consumes: ['multipart/form-data'],
        querystring: PhotoTarget,
        headers: IdempotencyHeaders,
        response: { 201: Photo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request.actor);
      await checkPhotoTarget({ db: app.db, actor, target: request.query });
      const file = await receivePhoto(request);
      const key = idempotencyKeyOf(request);
      // The body is not in the request's hash (it is read as a stream): bind the key to the file too.
      const digest = crypto.createHash('sha256').update(file).digest('base64url');
      const result = await addPhoto({
        db: app.db,
        actor,
        target: request.query,
        file,
        key: key && { ...key, requestHash: `${key.requestHash}.${digest}` },
      });
      return sendStored(reply, result);
    },
  );

  app.get(
    '/photos/:id/image',
    {
      config: { policy: 'photos.read' },
      schema: {
        tags: ['photos'],
        summary: 'The image of a photo',
        params: IdParams,
        response: { 200: IMAGE, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { image, contentType } = await getPhotoImage({
        db: app.db,
        actor: requireUser(request.actor),
        id: request.params.id,
      });
      return (
        reply
          .header('content-type', contentType)
          .header('cache-control', 'private, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          // The schema's 200 is the image's bytes (an OpenAPI content map), which the type provider cannot express.
          .send(image as never)
      );
    },
  );

  app.patch(
    '/photos/:id',
    {
      config: { policy: 'photos.write' },
      schema: {
        tags: ['photos'],
        summary: 'Change the caption or kind of a photo',
        params: IdParams,
        body: PhotoPatch,
        response: { 200: Photo, ...errorResponses },
      },
    },
    async (request) =>
      changePhoto({ db: app.db, actor: requireUser(request.actor), id: request.params.id, patch: request.body }),
  );

  app.delete(
    '/photos/:id',
    {
      config: { policy: 'photos.write' },
      schema: {
        tags: ['photos'],
        summary: 'Delete a photo',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removePhoto({ db: app.db, actor: requireUser(request.actor), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
