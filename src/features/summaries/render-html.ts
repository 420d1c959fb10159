import { balancedTitleLines, TITLE_CHARS } from '../../platform/documents/title-lines.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Paragraph, Run, SummaryDocument } from './document.ts';

/** The typeset look of the summary page, one stylesheet for the served page and the downloaded file. */
export const SUMMARY_STYLESHEET = fs.readFileSync(new URL('./assets/summary.css', import.meta.url), 'utf8');
/** Served from the app under its content hash (cached for a year): the page's CSP allows no inline style. */
export const SUMMARY_STYLESHEET_PATH = `/assets/summary-${crypto
  .createHash('sha256')
  .update(SUMMARY_STYLESHEET)
  .digest('hex')
  .slice(0, 12)}.css`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A photo the unit chose, as the page shows it after section 六. */
export interface HtmlPhoto {
  /** The image's address: the API's image route, or a data: URL in a file of its own. */
  src: string;
  caption: string | null;
  /** What the photo shows, for those who cannot see it. */
  alt: string;
  width: number;
  height: number;
}

function renderRun(run: Run): string {
  if (run.kind !== 'figure') return escapeHtml(run.text);
  const cls = run.value === null ? 'figure unrecorded' : 'figure';
  const data = `data-key="${escapeHtml(run.key)}"`;
  return run.href
    ? `<a class="${cls}" ${data} href="${escapeHtml(run.href)}">${escapeHtml(run.text)}</a>`
    : `<span class="${cls}" ${data}>${escapeHtml(run.text)}</span>`;
}

const renderParagraph = (p: Paragraph) => `<p>${p.runs.map(renderRun).join('')}</p>`;

function renderPhotos(document: SummaryDocument, photos: readonly HtmlPhoto[]): string {
  const zh = document.language === 'zh-CN';
  const figures = photos.map((photo, i) => {
    const label = zh ? `图${i + 1}` : `Figure ${i + 1}`;
    const caption = photo.caption ? `${label}${zh ? ' ' : '. '}${escapeHtml(photo.caption)}` : label;
    return (
      `<figure><img src="${escapeHtml(photo.src)}" alt="${escapeHtml(photo.alt)}" width="${photo.width}" height="${photo.height}" loading="lazy">` +
      `<figcaption>${caption}</figcaption></figure>`
    );
  });
  return `<section data-section="photos"><h2>${zh ? '活动照片' : 'Photos of the day'}</h2>${figures.join('')}</section>`;
}

/**
 * The summary as a page of its own; each figure links to the API list of the records behind it.
 * The photos the unit chose follow section 六 (before the unit's remarks), each with its caption.
 * `stylesheet: 'linked'` (the page the server answers) links the app's stylesheet, which its CSP
 * allows; a file to download carries the same rules inside it, as it is read away from the app.
 */
export function renderSummaryHtml(
  document: SummaryDocument,
  photos: readonly HtmlPhoto[] = [],
  { stylesheet = 'inline' }: { stylesheet?: 'inline' | 'linked' } = {},
): string {
  const lang = document.language === 'zh-CN' ? 'zh-CN' : 'en';
  const sections = document.sections.map(
    (s) =>
      `<section data-section="${escapeHtml(s.key)}"><h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map(renderParagraph).join('')}</section>`,
  );
  if (photos.length) {
    const remarks = document.sections.findIndex((s) => s.key === 'remarks');
    sections.splice(remarks === -1 ? sections.length : remarks, 0, renderPhotos(document, photos));
  }
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(document.title)}</title>`,
    stylesheet === 'linked'
      ? `<link rel="stylesheet" href="${SUMMARY_STYLESHEET_PATH}">`
      : `<style>${SUMMARY_STYLESHEET}</style>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>',
    // The title in the lines the printed page breaks it into (at word boundaries, balanced): each
    // line kept whole where it fits, so a browser never breaks "…“5·15”政 / 务公开日…".
    `<h1>${balancedTitleLines(document.title, TITLE_CHARS)
      .map((line) => `<span class="title-line">${escapeHtml(line)}</span>`)
      .join(document.language === 'zh-CN' ? '' : ' ')}</h1>`,
    renderParagraph(document.opening),
    ...sections,
    ...(document.signature
      ? [`<p class="signature">${escapeHtml(document.signature.issuer)}<br>${escapeHtml(document.signature.date)}</p>`]
      : []),
    '</body></html>',
  ].join('\n');
}
