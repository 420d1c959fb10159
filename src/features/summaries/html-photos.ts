import type { Db } from '../../platform/db/database.ts';
import { listSummaryPhotos, type SummaryPhoto } from '../photos/service.ts';
import type { SummaryLanguage } from './document.ts';
import type { HtmlPhoto } from './render-html.ts';

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
