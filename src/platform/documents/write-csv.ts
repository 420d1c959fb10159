/**
 * The one CSV writer (exports, open data, the statistical summary's CSV): RFC 4180 as Excel opens
 * it. A maintained library (csv-stringify, with the same options) writes the same bytes 2.5 to 4
 * times slower here: `node bench/csv.ts` measures both and checks they agree (ADR 35).
 */
import { Readable } from 'node:stream';

export type Cell = string | number | null;
/** CSV also writes true and false as they are (open data's flags). */
export type CsvCell = Cell | boolean;

/** Spreadsheet programs run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  // A leading apostrophe makes Excel show the text as it is; imports take it off again.
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
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

/** A whole CSV text at once (open data's small tables): the header line, then a line per row. */
export function renderCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\ufeff${[header, ...rows].map(csvLine).join('')}`;
}
