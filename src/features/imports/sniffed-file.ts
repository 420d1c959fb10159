import { messages, type Catalog } from '../../messages/index.ts';
import { AppError } from '../../platform/http/errors.ts';

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

/** What is wrong with one cell of a row (or with the row, when column is its first column). */
export interface CellError {
  row: number;
  /** The column's header as the file writes it. */
  column: string;
  value: string;
  reason: string;
  /** The reason in Chinese, for the console's list (absent where only English is written). */
  reasonZh?: string;
}

/** Why something of a form is refused, as the message catalogs word it (src/messages, `imports`). */
export type Reason = (m: Catalog) => string;

/** A reason in English, as the API gives it, and in Chinese, for the console's list. */
export const inBoth = (reason: Reason) => ({
  reason: reason(messages('en-US')),
  reasonZh: reason(messages('zh-CN')),
});

/** One thing wrong with the file as a whole: the API's field and reason, and the reason in Chinese. */
export interface FileProblem {
  field: string;
  /** What the console's list names: the column's header, or "file". */
  column: string;
  reason: string;
  reasonZh: string;
}

/**
 * A refusal of the file itself (its header row, its text, no records): a 422 as the API words it,
 * and the same problems as the import's list of errors, also in Chinese. Read in a worker thread,
 * it arrives as a plain AppError: its details keep the Chinese (`reasonZh`) across.
 */
export class FileRefusal extends AppError {
  readonly cells: CellError[];
  constructor(code: 'import_rejected' | 'unprocessable', message: string, row: number, problems: FileProblem[]) {
    super(
      422,
      code,
      message,
      problems.map(({ field, reason, reasonZh }) => ({ field, reason, reasonZh })),
    );
    this.cells = problems.map(({ column, reason, reasonZh }) => ({ row, column, value: '', reason, reasonZh }));
  }
}

/** The file as a whole cannot be imported: why, in English and in Chinese. */
export function fileRefusal(reason: Reason): FileRefusal {
  const words = inBoth(reason);
  return new FileRefusal('unprocessable', `file: ${words.reason}`, 0, [{ field: 'file', column: 'file', ...words }]);
}
