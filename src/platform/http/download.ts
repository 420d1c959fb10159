import type { Readable } from 'node:stream';

/** A file to download: its name, its type and its bytes as a stream. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** Content-Disposition for a download, with an ASCII name and the exact one for browsers that read it. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a file as a download. */
export function sendFile<R extends { header(name: string, value: string): unknown; send(payload: never): R }>(
  reply: R,
  file: DownloadFile,
): R {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', attachmentHeader(file.fileName));
  reply.header('cache-control', 'no-store');
  return reply.send(file.stream as never);
}
