import { AppError } from '../../platform/http/errors.ts';
import { readDocxTextInWorker } from '../../platform/documents/read-in-worker.ts';

/**
 * The text of a DOCX: one line per paragraph, tabs and breaks kept as whitespace. Read in a worker
 * thread with a streaming parser, so that no file can hold up the server.
 */
export const readDocxText = (buffer: Buffer): Promise<string> => readDocxTextInWorker(buffer, MAX_SUMMARY_CHARACTERS);

/** Is this buffer a ZIP (DOCX) rather than text? */
export const isZip = (buffer: Buffer) => buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;

/** The largest summary file taken: a DOCX with its photos, with room to spare. */
export const MAX_SUMMARY_BYTES = 20 * 1024 * 1024;

/** The most text a summary is checked over, as for a summary sent as text. */
export const MAX_SUMMARY_CHARACTERS = 200_000;

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const unsupported = (reason: string) =>
  new AppError(415, 'unsupported_media_type', `file: ${reason}`, [{ field: 'file', reason }]);

/** The OLE2 compound file of a Word 97–2003 .doc (and of old .xls/.ppt). */
const isOle2 = (buffer: Buffer) => buffer.length > 8 && buffer.readUInt32BE(0) === 0xd0cf11e0;

/** Text in UTF-8 (a BOM is dropped) or, failing that, GB18030 — what Chinese offices save as plain text. */
function decodeText(buffer: Buffer): string {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(buffer);
    } catch {
      // try the next encoding
    }
  }
  throw unsupported('is neither a DOCX document nor text in UTF-8 or GB18030');
}

/**
 * The text of an uploaded summary: a DOCX (by its content: a ZIP holding word/document.xml) or
 * plain text (UTF-8 or GB18030). Anything else — a Word 97–2003 .doc, a PDF, an image, binary
 * data — is refused with 415, naming the file; what the client says the type is does not decide.
 */
export async function readSummaryFile(buffer: Buffer): Promise<string> {
  if (buffer.length === 0)
    throw new AppError(422, 'unprocessable', 'file: is empty', [{ field: 'file', reason: 'is empty' }]);
  if (isOle2(buffer)) throw unsupported('is a Word 97–2003 document (.doc): save it as .docx');
  const text = isZip(buffer) ? await readDocxText(buffer) : decodeText(buffer);
  // Control characters other than tab, line feed, carriage return and form feed mean binary data.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text)) throw unsupported('is not a DOCX document or plain text');
  if (text.length > MAX_SUMMARY_CHARACTERS)
    throw new AppError(422, 'unprocessable', `file: holds more than ${MAX_SUMMARY_CHARACTERS} characters of text`, [
      { field: 'file', reason: `holds more than ${MAX_SUMMARY_CHARACTERS} characters of text` },
    ]);
  return text.replace(/^\uFEFF/, '');
}
