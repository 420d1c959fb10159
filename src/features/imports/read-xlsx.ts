import { readXlsxRowsInWorker } from '../../platform/documents/read-in-worker.ts';
import type { OnBytes, SheetRow, SniffedFile } from './sniffed-file.ts';

/**
 * Streams the rows of the first worksheet of an XLSX workbook, read in a worker thread with a
 * streaming parser and the limits of platform/documents/xlsx.ts: a hostile workbook costs that
 * thread, never the server.
 */
export const readXlsxRows = (file: SniffedFile, onBytes: OnBytes): AsyncGenerator<SheetRow> =>
  readXlsxRowsInWorker(file.path, file.size, onBytes);
