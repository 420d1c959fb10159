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
