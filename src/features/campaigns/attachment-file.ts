import { openZip } from '../../platform/documents/zip.ts';
import { unsupportedError } from '../../platform/documents/errors.ts';
import { unprocessable } from '../../platform/http/errors.ts';

/** The largest attachment: a plan template or a statistical form, with room for a scanned page or two. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** How many files one notice carries. */
export const MAX_ATTACHMENTS_PER_CAMPAIGN = 20;

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[keyof typeof ATTACHMENT_TYPES];

const WRONG_KIND = 'must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx)';

/**
 * The type of an attachment, read from its bytes and never from what the sender claims: a PDF
 * by its header, a DOCX or XLSX by its ZIP directory (opened with the caps every uploaded
 * document gets, ADR 19). Anything else — an executable, an HTML page, an image — is refused (415).
 */
export async function detectAttachmentType(file: Buffer): Promise<AttachmentType> {
  if (file.length === 0) throw unprocessable('file', 'is empty');
  if (file.subarray(0, 5).toString('latin1') === '%PDF-') return ATTACHMENT_TYPES.pdf;
  if (file.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') throw unsupportedError(WRONG_KIND);
  const zip = await openZip(file, 'Word document or Excel workbook');
  try {
    if (!zip.entries.has('[Content_Types].xml')) throw unsupportedError(WRONG_KIND);
    if (zip.entries.has('word/document.xml')) return ATTACHMENT_TYPES.docx;
    if (zip.entries.has('xl/workbook.xml')) return ATTACHMENT_TYPES.xlsx;
    throw unsupportedError(WRONG_KIND);
  } finally {
    zip.close();
  }
}

const EXTENSION: Record<AttachmentType, string> = {
  [ATTACHMENT_TYPES.pdf]: '.pdf',
  [ATTACHMENT_TYPES.docx]: '.docx',
  [ATTACHMENT_TYPES.xlsx]: '.xlsx',
};

/**
 * The name an attachment is downloaded under: the uploaded name without any folder, control
 * characters or quotes, at most 120 characters, ending in the extension of its real type.
 */
export function attachmentFileName(uploaded: string | undefined, type: AttachmentType): string {
  const last = (uploaded ?? '').split(/[/\\]/).pop() ?? '';
  // Control characters (below U+0020, and DEL) and the characters a file name cannot hold are dropped.
  const base = [...last]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|*?:'.includes(c))
    .join('')
    .trim();
  const extension = EXTENSION[type];
  const stem = (base.toLowerCase().endsWith(extension) ? base.slice(0, -extension.length) : base).slice(0, 120).trim();
  return `${stem || 'attachment'}${extension}`;
}
