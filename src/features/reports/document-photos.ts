import type { Db } from '../../platform/db/database.ts';
import { listSummaryPhotos, loadSummaryPhotoImage, type SummaryPhoto } from '../photos/service.ts';
import type { SummaryLanguage } from '../summaries/document.ts';
import type { HtmlPhoto } from '../summaries/render-html.ts';
import type { DocumentPhoto } from './docx-writer.ts';

const KIND: Record<SummaryPhoto['kind'], [string, string]> = {
  banner: ['横幅', 'Banner'],
  desk: ['咨询台', 'Service desk'],
  crowd: ['现场群众', 'Visitors on site'],
  other: ['活动照片', 'Photo of the day'],
};

/** The words a screen reader says for a photo: what it shows and its caption. */
export function photoAlt(photo: Pick<SummaryPhoto, 'kind' | 'caption'>, unitName: string, language: SummaryLanguage) {
  const zh = language === 'zh-CN';
  const kind = KIND[photo.kind][zh ? 0 : 1];
  if (photo.caption) return `${kind}${zh ? '：' : ': '}${photo.caption}`;
  return zh ? `${unitName}${kind}` : `${kind}, ${unitName}`;
}

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

/**
 * The photos a unit chose, as its summary's HTML page shows them after section 六: each image
 * from the API's image route (the reader's session reads it), with its alt text and caption.
 */
export async function listSummaryHtmlPhotos(
  db: Db,
  campaignId: string,
  unitId: string,
  unitName: string,
  language: SummaryLanguage,
): Promise<HtmlPhoto[]> {
  const chosen = (await listSummaryPhotos(db, campaignId, [unitId])).get(unitId) ?? [];
  return chosen.map((photo) => ({
    src: `/api/v1/photos/${photo.id}/image`,
    caption: photo.caption,
    alt: photoAlt(photo, unitName, language),
    width: photo.width,
    height: photo.height,
  }));
}
