/**
 * The code of a document-reading worker thread: reads one uploaded file as its task says and
 * posts what it read to the thread that started it. A file that costs too much memory or time
 * costs this thread, which the starter ends (see read-in-worker.ts); never the server's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readDocxText } from './docx.ts';
import { serializeAppError, type SerializedAppError } from './errors.ts';
import { readXlsxRows, type SheetRow } from './xlsx.ts';
import { AppError } from '../http/errors.ts';

export type DocumentTask =
  | { kind: 'docx-text'; buffer: Uint8Array; maxCharacters: number }
  | { kind: 'xlsx-rows'; path: string; fileSize: number; batchRows: number }
  /** A pure function over uploaded content (a module's export), e.g. the checks of a summary's text. */
  | { kind: 'call'; module: string; name: string; args: unknown[] }
  /**
   * The rows of a module's export that yields them (args, then a callback for the bytes read so
   * far), e.g. the records of a CSV text.
   */
  | { kind: 'call-rows'; module: string; name: string; args: unknown[]; batchRows: number };

export type WorkerMessage =
  | { type: 'text'; text: string }
  | { type: 'result'; value: unknown }
  | { type: 'rows'; rows: SheetRow[]; bytes: number }
  | { type: 'done' }
  | { type: 'error'; error: SerializedAppError };

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

/** Batches of rows the reader may run ahead of the one reading them: memory stays constant. */
const AHEAD = 2;
let credit = AHEAD;
let wake: (() => void) | undefined;
port.on('message', () => {
  credit++;
  wake?.();
});
const waitForCredit = async () => {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
};

async function run(task: DocumentTask): Promise<void> {
  if (task.kind === 'call') {
    const module = (await import(task.module)) as Record<string, (...args: unknown[]) => unknown>;
    post({ type: 'result', value: await module[task.name]!(...task.args) });
    return;
  }
  if (task.kind === 'docx-text') {
    const buffer = Buffer.from(task.buffer.buffer, task.buffer.byteOffset, task.buffer.byteLength);
    post({ type: 'text', text: await readDocxText(buffer, task.maxCharacters) });
    return;
  }
  let bytes = 0;
  let batch: SheetRow[] = [];
  const onBytes = (read: number) => (bytes = read);
  const rows =
    task.kind === 'xlsx-rows'
      ? readXlsxRows(task.path, task.fileSize, onBytes)
      : ((await import(task.module)) as Record<string, (...args: unknown[]) => AsyncIterable<SheetRow>>)[task.name]!(
          ...task.args,
          onBytes,
        );
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= task.batchRows) {
      await waitForCredit();
      post({ type: 'rows', rows: batch, bytes });
      batch = [];
    }
  }
  await waitForCredit();
  post({ type: 'rows', rows: batch, bytes });
  post({ type: 'done' });
}

try {
  await run(workerData as DocumentTask);
} catch (error) {
  const known =
    error instanceof AppError
      ? error
      : new AppError(422, 'unprocessable', 'file: could not be read', [{ field: 'file', reason: 'could not be read' }]);
  post({ type: 'error', error: serializeAppError(known) });
}
// The thread that started this one ends it once it has the last message.
