import type { SummaryDocument, SummaryLanguage } from '../summaries/read.ts';
import type { DocumentPhoto } from './docx-writer.ts';
import { GbPdf, pdfBytes, writeSummaryPdf } from './pdf-writer.ts';

export { MissingFontError, PDF_FONTS, registerPdfFonts } from './pdf-writer.ts';

/**
 * The summary as a PDF on the GB/T 9704 page (A4, the same margins, 22 lines a page), in
 * Noto Serif CJK (the 仿宋 of a machine without office fonts), headings 一、 in Noto Sans CJK,
 * "— 1 —" page numbers; the photos the unit chose after section 六, each with its caption.
 */
export async function renderSummaryPdf(
  document: SummaryDocument,
  language: SummaryLanguage,
  photos: readonly DocumentPhoto[] = [],
): Promise<Buffer> {
  const pdf = await GbPdf.open({ title: document.title, language });
  const bytes = pdfBytes(pdf.doc);
  pdf.addPage();
  await writeSummaryPdf(pdf, document, photos);
  pdf.doc.end();
  return bytes;
}
