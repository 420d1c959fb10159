import { documentError } from '../../platform/documents/errors.ts';

/** What the readers of an import file share: the file as its first read found it, and its errors. */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** A file to import, as its first full read found it. */
export interface SniffedFile {
  path: string;
  name: string;
  size: number;
  format: 'csv' | 'xlsx';
  /** How CSV text was written; null for XLSX. */
  encoding: Encoding | null;
  /** SHA-256 of the bytes, hex. */
  hash: string;
}

export type { SheetRow } from '../../platform/documents/xlsx.ts';

/** Bytes of the file read so far, for progress. */
export type OnBytes = (bytesRead: number) => void;

export const fileError = documentError;
