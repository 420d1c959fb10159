import fs from 'node:fs';
import { readRowsInWorker } from '../../platform/documents/read-in-worker.ts';
import { AppError } from '../../platform/http/errors.ts';
import { CsvReader, CsvSyntaxError } from './csv-reader.ts';
import { fileRefusal, type OnBytes, type SheetRow, type SniffedFile } from './sniffed-file.ts';

/** Undoes the guard exports put before a cell that a spreadsheet would run as a formula. */
function unguard(cell: string): string {
  return cell.length > 1 && cell.charCodeAt(0) === 39 /* ' */ && '=+-@'.includes(cell[1]!) ? cell.slice(1) : cell;
}

/**
 * Streams the records of a CSV file, read in a worker thread (readCsvRowsHere): a hostile text
 * costs that thread, never the server's event loop.
 */
export const readCsvRows = (file: SniffedFile, onBytes: OnBytes): AsyncGenerator<SheetRow> =>
  readRowsInWorker(new URL(import.meta.url), 'readCsvRowsHere', [file], onBytes);

/**
 * Streams the records of a CSV file, decoded from its encoding: never more than a chunk of the
 * file and its records in memory. Row numbers count records from 1 (the header), as a spreadsheet
 * program shows them; a blank line is a record too, so the numbers stay aligned.
 */
export async function* readCsvRowsHere(file: SniffedFile, onBytes: OnBytes): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(file.encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
  const reader = new CsvReader();
  const encoding = file.encoding === 'gb18030' ? 'GB18030' : 'UTF-8';
  const notText = () => fileRefusal((m) => m.imports.file.notText(encoding));
  let bytesRead = 0;
  let row = 0;
  const source = fs.createReadStream(file.path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      onBytes(bytesRead);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notText();
      }
      for (const record of reader.push(text)) yield { row: ++row, cells: record.map(unguard) };
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw notText();
    }
    for (const record of [...reader.push(tail), ...reader.end()]) yield { row: ++row, cells: record.map(unguard) };
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new AppError(422, 'unprocessable', `row ${row + 1}: ${error.message}`, [
        { field: `row ${row + 1}`, reason: error.message },
      ]);
    throw error;
  } finally {
    source.destroy();
  }
}
