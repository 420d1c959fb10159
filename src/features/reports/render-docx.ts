import { Writable } from 'node:stream';
import type { SummaryDocument, SummaryLanguage } from '../summaries/read.ts';
import { summaryParagraphs, writeDocx, type DocumentPhoto } from './docx-writer.ts';

export { GB9704, mmToTwip, OFFICE_FONTS } from './gb9704.ts';

/** A writable that keeps what it is given, for a document small enough to answer whole. */
export function collectBytes(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

/**
 * The summary as a DOCX laid out to GB/T 9704-2012: A4, margins 37/28 mm, 22 lines of 28
 * characters, title in 小标宋, headings 一、 in 黑体, （一） in 楷体, body in 仿宋, "— 1 —" page
 * numbers; the photos the unit chose after section 六, each with its caption.
 */
export async function renderSummaryDocx(
  document: SummaryDocument,
  language: SummaryLanguage,
  photos: readonly DocumentPhoto[] = [],
): Promise<Buffer> {
  const { sink, bytes } = collectBytes();
  await writeDocx(sink, {
    title: document.title,
    language,
    body: (body) => summaryParagraphs(document, photos, body),
  });
  return bytes();
}
