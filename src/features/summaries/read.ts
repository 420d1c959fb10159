/** What reports render of a summary (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export type { Paragraph, SummaryDocument, SummaryLanguage } from './document.ts';
export { formatDate } from './dates.ts';
export { buildSummaryDocument, withOwnText } from './generate.ts';
export { listSummaryHtmlPhotos, photoAlt } from './html-photos.ts';
export { EMPTY_OWN_TEXT, readOwnText } from './own-text.ts';
export { renderSummaryHtml, type HtmlPhoto } from './render-html.ts';
export { findSummaryRow } from './repository.ts';
