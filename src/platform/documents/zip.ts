import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { documentError, limitError } from './errors.ts';

/** More entries than any DOCX or XLSX written by an office program holds. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * Office XML packs 5 to 20 times; past its first MiB, an entry that unpacks to more than this many
 * times its packed size is a ZIP bomb, refused before it costs seconds of inflating.
 */
export const MAX_COMPRESSION_RATIO = 100;
const RATIO_CHECKED_AFTER = 1024 * 1024;

const MiB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${Math.round(bytes / 1024)} KiB`);

/** An open ZIP archive (DOCX, XLSX) and its entries by name, read from its central directory. */
export interface OpenZip {
  zip: ZipFile;
  entries: Map<string, Entry>;
  close: () => void;
}

/**
 * Opens a ZIP archive from a buffer or a file. `what` names the kind of document in the error of
 * a file that is no readable ZIP ("an Excel workbook (.xlsx)").
 */
export async function openZip(source: Buffer | string, what: string): Promise<OpenZip> {
  let zip: ZipFile;
  try {
    const options = { lazyEntries: true, autoClose: false };
    zip =
      typeof source === 'string'
        ? await yauzl.openPromise(source, options)
        : await yauzl.fromBufferPromise(source, options);
  } catch {
    throw documentError(`is not a readable ${what}`);
  }
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES)
      throw limitError(`holds ${zip.entryCount} ZIP entries, more than the limit of ${MAX_ZIP_ENTRIES}`);
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    return { zip, entries, close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw documentError(`is not a readable ${what}: its ZIP directory is damaged`);
  }
}

/**
 * The inflated bytes of one entry, chunk by chunk, refused with 413 as soon as more than maxBytes
 * have come out of the inflater: what the entry's header claims is not trusted.
 */
export async function* readEntryChunks(zip: OpenZip, entry: Entry, maxBytes: number): AsyncGenerator<Buffer> {
  const tooLarge = () =>
    limitError(`has a part ${entry.fileName} that unpacks to more than ${size(maxBytes)}, the limit for that part`);
  if (entry.uncompressedSize > maxBytes) throw tooLarge();
  let stream: Readable;
  try {
    // The header's size is checked against what inflates, but only at the end: we count as we go.
    stream = await zip.zip.openReadStreamPromise(entry);
  } catch {
    throw documentError(`has a part ${entry.fileName} that cannot be unpacked`);
  }
  let bytes = 0;
  try {
    const ratioLimit = Math.max(RATIO_CHECKED_AFTER, entry.compressedSize * MAX_COMPRESSION_RATIO);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw tooLarge();
      if (bytes > ratioLimit)
        throw limitError(
          `has a part ${entry.fileName} that unpacks to more than ${MAX_COMPRESSION_RATIO} times its packed size (a ZIP bomb)`,
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw documentError(`has a part ${entry.fileName} that cannot be unpacked (the ZIP file is damaged)`);
  } finally {
    stream.destroy();
  }
}
