import { loadSharp } from '../../platform/documents/sharp.ts';
import { AppError, unprocessable } from '../../platform/http/errors.ts';
import type { PhotoContentType } from './schema.ts';

/** The longest side of a stored photo: enough for a summary page or a slide, small for a phone. */
export const MAX_PHOTO_SIDE = 1600;

/** A camera's full-size picture fits; a decompression bomb does not. */
const MAX_INPUT_PIXELS = 100_000_000;

const FORMATS: Record<string, PhotoContentType> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface PreparedPhoto {
  image: Buffer;
  width: number;
  height: number;
  contentType: PhotoContentType;
}

/**
 * Turns an upload into the stored photo: upright (EXIF orientation applied), at most
 * MAX_PHOTO_SIDE on its longest side, and re-encoded WITHOUT any metadata — no EXIF, no GPS
 * position, no XMP, no camera serial — so that a photo of a crowd never tells where or on what it
 * was taken. The type is read from the bytes, not from what the sender claims.
 */
export async function preparePhoto(input: Buffer): Promise<PreparedPhoto> {
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw unprocessable('file', 'is not an image that can be read');
  }
  const contentType = format ? FORMATS[format] : undefined;
  if (!contentType) {
    throw new AppError(415, 'unsupported_media_type', 'file: must be a JPEG, PNG or WebP image', [
      { field: 'file', reason: 'must be a JPEG, PNG or WebP image' },
    ]);
  }
  // sharp writes no metadata unless asked (withMetadata/keepExif); nothing here asks.
  const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded =
    contentType === 'image/jpeg'
      ? pipeline.jpeg({ quality: 82, mozjpeg: true })
      : contentType === 'image/png'
        ? pipeline.png({ compressionLevel: 9 })
        : pipeline.webp({ quality: 80 });
  try {
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { image: data, width: info.width, height: info.height, contentType };
  } catch {
    throw unprocessable('file', 'is a damaged or unreadable image');
  }
}

/** An image a DOCX or PDF can embed as it is. */
export interface DocumentImage {
  data: Buffer;
  contentType: 'image/jpeg' | 'image/png';
}

/**
 * The stored photo as documents take it: JPEG and PNG as they are; WebP, which neither Word nor
 * PDF embeds, turned into PNG (lossless, the same pixels).
 */
export async function toDocumentImage(image: Buffer, contentType: PhotoContentType): Promise<DocumentImage> {
  if (contentType === 'image/jpeg' || contentType === 'image/png') return { data: image, contentType };
  const sharp = await loadSharp();
  return { data: await sharp(image).png({ compressionLevel: 6 }).toBuffer(), contentType: 'image/png' };
}
