import { Readable } from 'node:stream';

export type Cell = string | number | null;

/** Spreadsheet programs run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  // A leading apostrophe makes Excel show the text as it is; imports take it off again.
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * CSV as Excel opens it: UTF-8 with a BOM (so Chinese shows correctly), CRLF lines, quoted
 * where needed. Streams: rows are pulled only as fast as the reader takes the text.
 */
export function writeCsv(rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>): Readable {
  async function* lines() {
    yield '\ufeff';
    let buffer = '';
    for await (const row of rows) {
      buffer += csvLine(row);
      if (buffer.length >= 64 * 1024) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  return Readable.from(lines(), { objectMode: false });
}
