/**
 * Builders of hostile uploads: DOCX and XLSX packages whose parts repeat, nest, unpack to far more
 * than they weigh, or are broken, and CSV text with huge records and cells.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import yazl from 'yazl';

export type Part = string | Buffer | (() => Iterable<string>);

/** A ZIP package of the parts; a part given as a function is streamed (it may unpack to gigabytes). */
export async function zipOf(parts: Record<string, Part>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts)) {
    if (typeof content === 'function') zip.addReadStream(Readable.from(content()), name);
    else zip.addBuffer(Buffer.from(content), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `text` written `times` times, in chunks of about 1 MiB. */
export function* repeated(text: string, times: number, prefix = '', suffix = ''): Generator<string> {
  yield prefix;
  const perChunk = Math.max(1, Math.floor((1 << 20) / text.length));
  const chunk = text.repeat(perChunk);
  let left = times;
  for (; left >= perChunk; left -= perChunk) yield chunk;
  yield text.repeat(left);
  yield suffix;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const DOCX_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A DOCX whose word/document.xml is the given part. */
export const docxOf = (document: Part) => zipOf({ '[Content_Types].xml': DOCX_TYPES, 'word/document.xml': document });

/** The probe's DOCX: document.xml repeats `<w:t ` 60,000 times (774 bytes packed). */
export const stallingDocx = () => docxOf(() => repeated('<w:t ', 60_000, `<w:document ${W}><w:body><w:p><w:r>`));

const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>';
const SHEET_OPEN =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';
const ONE_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';

/** An XLSX of the given parts, the others those of a one-cell workbook. */
export const xlsxOf = (parts: { workbook?: Part; sheet?: Part; sharedStrings?: Part }) =>
  zipOf({
    'xl/workbook.xml': parts.workbook ?? WORKBOOK,
    'xl/_rels/workbook.xml.rels': RELS,
    'xl/worksheets/sheet1.xml': parts.sheet ?? SHEET_OPEN + ONE_ROW + SHEET_CLOSE,
    'xl/sharedStrings.xml': parts.sharedStrings ?? '<sst><si><t>日期</t></si></sst>',
  });

/** The probe's XLSX: workbook.xml repeats `<sheet ` (about 2 KB packed). */
export const stallingXlsx = () =>
  xlsxOf({
    workbook: () =>
      repeated(
        '<sheet ',
        60_000,
        '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>',
      ),
  });

/** The probe's memory bomb: shared strings that unpack to about 250 MB from a few hundred KB. */
export const sharedStringsBomb = (kind: 'many' | 'one') =>
  xlsxOf({
    sharedStrings:
      kind === 'many'
        ? () => repeated('<si><t>来访群众咨询供热问题</t></si>', 5_500_000, '<sst>', '</sst>')
        : () => repeated('供热', 42_000_000, '<sst><si><t>', '</t></si></sst>'),
  });

/** Fragments of markup a hostile part repeats: tags left open, attributes, entities, quotes. */
const fragment = fc.constantFrom(
  '<w:t ',
  '<w:t>',
  '<w:p><w:r><w:t>',
  '<a',
  '<a b="',
  '&amp;',
  '&#x',
  '<!--',
  '<![CDATA[',
  '"',
  ' ',
  '<x:si><x:t>',
  '<sheet r:id="',
  '<c r="A1" t="s"><v>',
  'ＸＸ某某20xx',
  '1',
);

/** A hostile part: a fragment repeated, elements nested deep, or text far too long. Never well-formed or within limits. */
export const hostilePart = fc.oneof(
  fc.record({ kind: fc.constant('repeat' as const), text: fragment, times: fc.integer({ min: 1000, max: 200_000 }) }),
  fc.record({
    kind: fc.constant('nest' as const),
    text: fc.constantFrom('<a>', '<w:p>', '<x:row>'),
    times: fc.integer({ min: 300, max: 400_000 }),
  }),
  fc.record({
    kind: fc.constant('bomb' as const),
    text: fc.constantFrom(' ', 'a', '<a/>'),
    times: fc.integer({ min: 20_000_000, max: 60_000_000 }),
  }),
);

export type HostilePart = typeof hostilePart extends fc.Arbitrary<infer T> ? T : never;

/** The part's text, streamed; left unclosed, so it is never a well-formed document. */
export const partText = (part: HostilePart, open: string) => () => repeated(part.text, part.times, open);

/** A file broken at random: cut short, or with bytes overwritten. */
export const broken = (file: Buffer, cut: number, flips: number[]) => {
  const copy = Buffer.from(file.subarray(0, Math.max(4, Math.floor(file.length * cut))));
  for (const at of flips) copy[at % copy.length] = copy[at % copy.length]! ^ 0xff;
  // Still a ZIP to the sniffers: the signature stays.
  copy.writeUInt32LE(0x04034b50, 0);
  return copy;
};

/** Hostile CSV text: a quote never closed, a record of megabytes, a cell of spaces after a date, a header of brackets. */
export const hostileCsv = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((n) => Buffer.from(`日期,时间,问题\n"${'很长的问题'.repeat(80_000 * n)}`)),
  fc.integer({ min: 2, max: 4 }).map((n) => Buffer.from(`日期,时间,问题\n${'a,'.repeat(300_000 * n)}\n`)),
  fc
    .integer({ min: 20_000, max: 100_000 })
    .map((n) => Buffer.from(`日期,时间,问题\n2026-05-15${' '.repeat(n)}x,9:${' '.repeat(n)}x,问\n`)),
  fc.integer({ min: 20_000, max: 100_000 }).map((n) => Buffer.from(`${'('.repeat(n)},${'（'.repeat(n)}\n1,2\n`)),
);
