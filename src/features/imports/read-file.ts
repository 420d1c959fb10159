import crypto from 'node:crypto';
import fs from 'node:fs';
import { readCsvRows } from './read-csv.ts';
import { readXlsxRows } from './read-xlsx.ts';
import { fileRefusal, type OnBytes, type SheetRow, type SniffedFile } from './sniffed-file.ts';

export { fileRefusal, type Encoding, type OnBytes, type SheetRow, type SniffedFile } from './sniffed-file.ts';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads the file once, streaming: its hash, whether it is a workbook or text, and the text's
 * encoding. A BOM means UTF-8; text that decodes as UTF-8 throughout is UTF-8; anything else is
 * taken as GB18030, what Excel on Chinese Windows writes ("CSV (逗号分隔)").
 */
export async function sniffFile(path: string, name: string): Promise<SniffedFile> {
  const hash = crypto.createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let head: Buffer | undefined;
  let size = 0;
  let validUtf8 = true;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    head ??= chunk.subarray(0, 4);
    size += chunk.length;
    hash.update(chunk);
    if (validUtf8 && !head.subarray(0, 4).equals(ZIP)) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  if (!head || size === 0) throw fileRefusal((m) => m.imports.file.empty);
  if (head.equals(OLE)) throw fileRefusal((m) => m.imports.file.oldExcel);
  const isZip = head.equals(ZIP);
  return {
    path,
    name,
    size,
    format: isZip ? 'xlsx' : 'csv',
    encoding: isZip ? null : head.subarray(0, 3).equals(BOM) ? 'utf-8-bom' : validUtf8 ? 'utf-8' : 'gb18030',
    hash: hash.digest('hex'),
  };
}

/** The rows of the file's first sheet (or of the CSV text), streamed. */
export function readRows(file: SniffedFile, onBytes: OnBytes = () => {}): AsyncGenerator<SheetRow> {
  return file.format === 'xlsx' ? readXlsxRows(file, onBytes) : readCsvRows(file, onBytes);
}
