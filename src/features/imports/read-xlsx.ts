import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { fileError, type OnBytes, type SheetRow, type SniffedFile } from './read-file.ts';

/** Shared strings above this size are refused: they are held in memory while the sheet streams. */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** OOXML writes control characters as _xHHHH_ inside text. */
const unescapeOoxml = (text: string) =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

/** "AB12" → 27 (0-based column of a cell reference), or undefined. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? undefined : column - 1;
}

async function readEntryText(zip: ZipFile, entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Feeds an entry's XML to a SAX parser chunk by chunk; `drain` is called after each chunk. */
async function* parseEntry(
  stream: Readable,
  parser: SaxesParser,
  afterChunk: (uncompressedBytes: number) => void,
): AsyncGenerator<void> {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    parser.write(decoder.decode(chunk, { stream: true }));
    afterChunk(bytes);
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  yield;
}

/** The path of the first worksheet, the shared strings part, and whether dates count from 1904. */
async function readWorkbook(zip: ZipFile, entries: Map<string, Entry>) {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw fileError('is a ZIP file but not an Excel workbook (.xlsx)');
  const workbookXml = await readEntryText(zip, workbook);
  const relsXml = await readEntryText(zip, rels);
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbookXml)?.[1];
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const targets = new Map<string, { type: string; target: string }>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const attrs = match[1]!;
    const id = /\bId="([^"]+)"/.exec(attrs)?.[1];
    const target = /\bTarget="([^"]+)"/.exec(attrs)?.[1];
    const type = /\bType="([^"]+)"/.exec(attrs)?.[1] ?? '';
    if (id && target) targets.set(id, { type, target });
  }
  const resolve = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  const sheetTarget = firstSheet ? targets.get(firstSheet)?.target : undefined;
  if (!sheetTarget) throw fileError('is a workbook without a worksheet');
  const strings = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'));
  return {
    sheetPath: resolve(sheetTarget),
    sharedStringsPath: strings ? resolve(strings.target) : 'xl/sharedStrings.xml',
    date1904,
  };
}

/** The shared strings table: every distinct text of the workbook, in order (phonetic runs left out). */
async function readSharedStrings(zip: ZipFile, entry: Entry | undefined): Promise<string[]> {
  if (!entry) return [];
  if (entry.uncompressedSize > MAX_SHARED_STRINGS_BYTES)
    throw fileError('holds too much distinct text for a workbook import; save it as CSV (UTF-8) and import that');
  const strings: string[] = [];
  const parser = new SaxesParser();
  let current: string | undefined;
  let inText = false;
  let inPhonetic = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (name === 'si') current = '';
    else if (name === 't') inText = !tag.isSelfClosing;
    else if (name === 'rPh') inPhonetic++;
  });
  parser.on('text', (text) => {
    if (inText && inPhonetic === 0 && current !== undefined) current += text;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') inPhonetic--;
    else if (name === 'si') {
      strings.push(unescapeOoxml(current ?? ''));
      current = undefined;
    }
  });
  for await (const _ of parseEntry(await zip.openReadStreamPromise(entry), parser, () => {}));
  return strings;
}

/**
 * Streams the rows of the first worksheet of an XLSX workbook. The file is read by its central
 * directory, so the shared strings are read first wherever they lie in the archive; the sheet
 * itself is inflated and parsed chunk by chunk. Numbers stay numbers (dates and times arrive as
 * Excel serials; the row converter knows which columns hold them).
 */
export async function* readXlsxRows(file: SniffedFile, onBytes: OnBytes): AsyncGenerator<SheetRow> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file.path, { lazyEntries: true, autoClose: false });
  } catch {
    throw fileError('is not a readable Excel workbook (.xlsx)');
  }
  try {
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const { sheetPath, sharedStringsPath, date1904 } = await readWorkbook(zip, entries);
    const sheet = entries.get(sheetPath);
    if (!sheet) throw fileError('is a workbook whose first worksheet is missing');
    const shared = await readSharedStrings(zip, entries.get(sharedStringsPath));

    const parser = new SaxesParser();
    const ready: SheetRow[] = [];
    let rowNumber = 0;
    let cells: (string | number | null)[] = [];
    let column = 0;
    let type: string | undefined;
    let value = '';
    let capture = false;
    let inInline = false;
    let inPhonetic = 0;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      switch (localName(tag.name)) {
        case 'row':
          rowNumber = Number(tag.attributes.r) || rowNumber + 1;
          cells = [];
          break;
        case 'c':
          column = columnOf(tag.attributes.r) ?? cells.length;
          type = tag.attributes.t;
          value = '';
          break;
        case 'v':
          capture = !tag.isSelfClosing;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          capture = inInline && !tag.isSelfClosing;
          break;
        case 'rPh':
          inPhonetic++;
          break;
      }
    });
    parser.on('text', (text) => {
      if (capture && inPhonetic === 0) value += text;
    });
    parser.on('closetag', (tag) => {
      switch (localName(tag.name)) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic--;
          break;
        case 'c':
          cells[column] = cellValue(type, value, shared);
          break;
        case 'row': {
          for (let i = 0; i < cells.length; i++) cells[i] ??= null;
          ready.push({ row: rowNumber, cells, date1904 });
          break;
        }
      }
    });
    const stream = await zip.openReadStreamPromise(sheet);
    const total = Math.max(1, sheet.uncompressedSize);
    for await (const _ of parseEntry(stream, parser, (bytes) =>
      onBytes(Math.round((Math.min(bytes, total) / total) * file.size)),
    )) {
      for (const row of ready.splice(0)) yield row;
    }
  } finally {
    zip.close();
  }
}

function cellValue(type: string | undefined, raw: string, shared: readonly string[]): string | number | null {
  switch (type) {
    case 's':
      return shared[Number(raw)] ?? null;
    case 'inlineStr':
    case 'str':
    case 'd':
    case 'e':
      return unescapeOoxml(raw);
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    default: {
      if (raw === '') return null;
      const number = Number(raw);
      return Number.isFinite(number) ? number : raw;
    }
  }
}
