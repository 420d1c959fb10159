import type { Db } from '../../platform/db/database.ts';
import { loadSummaryPhotoImage, type SummaryPhoto } from '../photos/service.ts';
import { photoAlt, type SummaryLanguage } from '../summaries/read.ts';
import type { DocumentPhoto } from './docx-writer.ts';

/** The unit's chosen photos as a document takes them: the image is read only when it is written. */
export function documentPhotos(
  db: Db,
  photos: readonly SummaryPhoto[],
  unitName: string,
  language: SummaryLanguage,
): DocumentPhoto[] {
  return photos.map((photo) => ({
    id: photo.id,
    caption: photo.caption,
    alt: photoAlt(photo, unitName, language),
    width: photo.width,
    height: photo.height,
    contentType: photo.documentType,
    load: () => loadSummaryPhotoImage(db, photo.id),
  }));
}
