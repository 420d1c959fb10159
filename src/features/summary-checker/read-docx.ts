import yauzl from 'yauzl';
import { AppError } from '../../platform/http/errors.ts';

/** The largest word/document.xml read, unpacked: far beyond any summary, small enough for memory. */
const MAX_DOCUMENT_XML = 20 * 1024 * 1024;

const notDocx = () =>
  new AppError(422, 'unprocessable', 'file: is not a DOCX document', [
    { field: 'file', reason: 'is not a DOCX document' },
  ]);

function readEntry(buffer: Buffer, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(notDocx());
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        found = true;
        if (entry.uncompressedSize > MAX_DOCUMENT_XML) return reject(notDocx());
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(notDocx());
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_DOCUMENT_XML) stream.destroy(notDocx());
            else chunks.push(chunk);
          });
          stream.on('error', () => reject(notDocx()));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.on('end', () => {
        if (!found) reject(notDocx());
      });
      zip.on('error', () => reject(notDocx()));
      zip.readEntry();
    });
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e.toLowerCase()]!,
  );

/** The text of a DOCX: one line per paragraph, tabs and breaks kept as whitespace. */
export async function readDocxText(buffer: Buffer): Promise<string> {
  const xml = (await readEntry(buffer, 'word/document.xml')).toString('utf8');
  const paragraphs = xml.split(/<\/w:p>/);
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((m) => (m[1] !== undefined ? decode(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n'))
        .join(''),
    )
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .join('\n')
    .trimEnd();
}

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
  const text = isZip(buffer)
    ? await readDocxText(buffer).catch(() => {
        throw unsupported('is a ZIP file that is not a DOCX document');
      })
    : decodeText(buffer);
  // Control characters other than tab, line feed, carriage return and form feed mean binary data.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text)) throw unsupported('is not a DOCX document or plain text');
  if (text.length > MAX_SUMMARY_CHARACTERS)
    throw new AppError(422, 'unprocessable', `file: holds more than ${MAX_SUMMARY_CHARACTERS} characters of text`, [
      { field: 'file', reason: `holds more than ${MAX_SUMMARY_CHARACTERS} characters of text` },
    ]);
  return text.replace(/^\uFEFF/, '');
}
