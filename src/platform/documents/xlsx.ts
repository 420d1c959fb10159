import type { SaxesTagPlain } from 'saxes';
import { documentError, limitError } from './errors.ts';
import { parseXml } from './xml.ts';
import { openZip, readEntryChunks, type OpenZip } from './zip.ts';

/** One row of a sheet: its number as the spreadsheet program shows it, and its cells. */
export interface SheetRow {
  row: number;
  cells: (string | number | null)[];
  /** A workbook whose date serials count from 1904 (old Mac Excel) rather than 1900. */
  date1904?: boolean;
}

/**
 * What an uploaded workbook may hold. One cell holds at most 32,767 characters in Excel itself;
 * the shared strings (every distinct text of the workbook) are kept in memory while the sheet
 * streams, so their number and their total length are bounded; a form too large for that is
 * imported as CSV, which streams throughout.
 */
export const XLSX_LIMITS = {
  /** Characters in one cell or one shared string (Excel's own limit). */
  cellCharacters: 32_767,
  sharedStrings: 1_000_000,
  sharedStringCharacters: 32 * 1024 * 1024,
  /** Unpacked bytes of each part. */
  workbookBytes: 4 * 1024 * 1024,
  relationshipsBytes: 1024 * 1024,
  sharedStringsBytes: 256 * 1024 * 1024,
  sheetBytes: 4 * 1024 * 1024 * 1024,
};

const SAVE_AS_CSV = 'save it as CSV (UTF-8) and import that';

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** OOXML writes control characters as _xHHHH_ inside text; read without a regular expression. */
function unescapeOoxml(text: string): string {
  let at = text.indexOf('_x');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  for (; at >= 0; at = text.indexOf('_x', at + 1)) {
    if (at < from || text.charCodeAt(at + 6) !== 95 /* _ */) continue;
    const hex = text.slice(at + 2, at + 6);
    if (!/^[0-9A-Fa-f]{4}$/.test(hex)) continue;
    out += text.slice(from, at) + String.fromCharCode(parseInt(hex, 16));
    from = at + 7;
  }
  return out + text.slice(from);
}

/** Excel's last column, XFD. */
const MAX_COLUMN = 16_383;

/** "AB12" → 27 (0-based column of a cell reference), or undefined; beyond column XFD is refused. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    if (column - 1 > MAX_COLUMN) throw documentError(`has a cell ${ref.slice(0, 20)} beyond Excel's last column (XFD)`);
  }
  return i === 0 ? undefined : column - 1;
}

/** Parses a whole (small) part for its handlers. */
async function parsePart(zip: OpenZip, path: string, maxBytes: number, handlers: Parameters<typeof parseXml>[1]) {
  const entry = zip.entries.get(path)!;
  const limits = { part: path, maxText: XLSX_LIMITS.cellCharacters };
  for await (const _ of parseXml(readEntryChunks(zip, entry, maxBytes), handlers, limits));
}

/** The path of the first worksheet (or the one named), the shared strings part, and whether dates count from 1904. */
async function readWorkbook(zip: OpenZip, sheetName?: string) {
  if (!zip.entries.has('xl/workbook.xml') || !zip.entries.has('xl/_rels/workbook.xml.rels'))
    throw documentError('is a ZIP file but not an Excel workbook (.xlsx)');
  let firstSheet: string | undefined;
  let date1904 = false;
  await parsePart(zip, 'xl/workbook.xml', XLSX_LIMITS.workbookBytes, {
    open: (tag) => {
      const name = localName(tag.name);
      if (
        name === 'sheet' &&
        firstSheet === undefined &&
        (sheetName === undefined || tag.attributes.name === sheetName)
      )
        firstSheet = tag.attributes['r:id'];
      else if (name === 'workbookPr') date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
    },
  });
  const targets = new Map<string, { type: string; target: string }>();
  await parsePart(zip, 'xl/_rels/workbook.xml.rels', XLSX_LIMITS.relationshipsBytes, {
    open: (tag) => {
      if (localName(tag.name) !== 'Relationship') return;
      const { Id: id, Target: target, Type: type = '' } = tag.attributes;
      if (id && target) targets.set(id, { type, target });
    },
  });
  const resolve = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  const sheetTarget = firstSheet ? targets.get(firstSheet)?.target : undefined;
  if (!sheetTarget)
    throw documentError(
      sheetName === undefined ? 'is a workbook without a worksheet' : `has no worksheet ${sheetName}`,
    );
  const strings = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'));
  return {
    sheetPath: resolve(sheetTarget),
    sharedStringsPath: strings ? resolve(strings.target) : 'xl/sharedStrings.xml',
    date1904,
  };
}

/** The shared strings table: every distinct text of the workbook, in order (phonetic runs left out). */
async function readSharedStrings(zip: OpenZip, path: string): Promise<string[]> {
  if (!zip.entries.has(path)) return [];
  const strings: string[] = [];
  let characters = 0;
  let current: string | undefined;
  let inText = false;
  let inPhonetic = 0;
  const tooLong = () =>
    limitError(`has a text longer than ${XLSX_LIMITS.cellCharacters} characters, the most one cell may hold`);
  await parsePart(zip, path, XLSX_LIMITS.sharedStringsBytes, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'si') current = '';
      else if (name === 't') inText = !tag.isSelfClosing;
      else if (name === 'rPh') inPhonetic++;
    },
    text: (text) => {
      if (!inText || inPhonetic > 0 || current === undefined) return;
      current += text;
      if (current.length > XLSX_LIMITS.cellCharacters) throw tooLong();
    },
    close: (tag) => {
      const name = localName(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'si') {
        if (strings.length >= XLSX_LIMITS.sharedStrings)
          throw limitError(
            `holds more than ${XLSX_LIMITS.sharedStrings} distinct texts (shared strings); ${SAVE_AS_CSV}`,
          );
        characters += (current ?? '').length;
        if (characters > XLSX_LIMITS.sharedStringCharacters)
          throw limitError(
            `holds more than ${XLSX_LIMITS.sharedStringCharacters} characters of distinct text (shared strings); ${SAVE_AS_CSV}`,
          );
        strings.push(unescapeOoxml(current ?? ''));
        current = undefined;
      }
    },
  });
  return strings;
}

/**
 * Streams the rows of the first worksheet of an XLSX workbook. The file is read by its central
 * directory, so the shared strings are read first wherever they lie in the archive; the sheet
 * itself is inflated and parsed chunk by chunk. Numbers stay numbers (dates and times arrive as
 * Excel serials; the row converter knows which columns hold them). `onBytes` hears how far
 * through the file (in bytes of the file, estimated from the sheet's progress) reading has come.
 * `sheetName` reads the worksheet of that name instead of the first.
 */
export async function* readXlsxRows(
  path: string,
  fileSize: number,
  onBytes: (bytes: number) => void,
  sheetName?: string,
): AsyncGenerator<SheetRow> {
  const zip = await openZip(path, 'Excel workbook (.xlsx)');
  try {
    const { sheetPath, sharedStringsPath, date1904 } = await readWorkbook(zip, sheetName);
    const sheet = zip.entries.get(sheetPath);
    if (!sheet) throw documentError('is a workbook whose first worksheet is missing');
    const shared = await readSharedStrings(zip, sharedStringsPath);

    const ready: SheetRow[] = [];
    let rowNumber = 0;
    let cells: (string | number | null)[] = [];
    let column = 0;
    let type: string | undefined;
    let value = '';
    let capture = false;
    let inInline = false;
    let inPhonetic = 0;
    const handlers = {
      open: (tag: SaxesTagPlain) => {
        switch (localName(tag.name)) {
          case 'row':
            rowNumber = Number(tag.attributes.r) || rowNumber + 1;
            cells = [];
            break;
          case 'c':
            column = columnOf(tag.attributes.r) ?? cells.length;
            if (column > MAX_COLUMN) throw documentError(`has a row ${rowNumber} with more cells than Excel's columns`);
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
      },
      text: (text: string) => {
        if (!capture || inPhonetic > 0) return;
        value += text;
        if (value.length > XLSX_LIMITS.cellCharacters)
          throw limitError(
            `has a cell in row ${rowNumber} longer than ${XLSX_LIMITS.cellCharacters} characters, the most one cell may hold`,
          );
      },
      close: (tag: SaxesTagPlain) => {
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
      },
    };
    const total = Math.max(1, sheet.uncompressedSize);
    const limits = { part: sheetPath, maxText: XLSX_LIMITS.cellCharacters };
    for await (const bytes of parseXml(readEntryChunks(zip, sheet, XLSX_LIMITS.sheetBytes), handlers, limits)) {
      onBytes(Math.round((Math.min(bytes, total) / total) * fileSize));
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
