import { Worker } from 'node:worker_threads';
import { deserializeAppError, documentError, limitError } from './errors.ts';
import type { DocumentTask, WorkerMessage } from './worker-thread.ts';
import type { SheetRow } from './xlsx.ts';

const WORKER_URL = new URL('./worker-thread.ts', import.meta.url);

/** What one worker may spend: heap (MiB) and the longest wait for its next message (ms). */
export interface WorkerLimits {
  memoryMiB: number;
  timeoutMs: number;
}

/** A DOCX summary is small: its text is read within seconds in a modest heap. */
export const DOCX_WORKER_LIMITS: WorkerLimits = { memoryMiB: 96, timeoutMs: 10_000 };
/** A workbook holds its shared strings (at most 32 Mi characters) while the sheet streams in batches. */
export const XLSX_WORKER_LIMITS: WorkerLimits = { memoryMiB: 192, timeoutMs: 60_000 };

/**
 * Runs one reading task in a worker thread of its own and yields its messages. The worker gets a
 * heap limit; when it runs out, or sends nothing for timeoutMs while the reader waits, it is
 * ended and the file refused with 413, naming the limit. Leaving the loop ends the worker too.
 */
async function* runInWorker(
  task: DocumentTask,
  limits: WorkerLimits,
  transferList: ArrayBuffer[] = [],
): AsyncGenerator<WorkerMessage, void, void> {
  const worker = new Worker(WORKER_URL, {
    workerData: task,
    transferList,
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMiB, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
  });
  const queue: WorkerMessage[] = [];
  let failure: (Error & { code?: string }) | undefined;
  let exited = false;
  let notify: (() => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify?.();
  });
  worker.on('error', (error) => {
    failure = error;
    notify?.();
  });
  worker.on('exit', () => {
    exited = true;
    notify?.();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure?.code === 'ERR_WORKER_OUT_OF_MEMORY')
          throw limitError(`needs more than ${limits.memoryMiB} MiB of memory to read, the limit for one file`);
        if (failure || exited) throw documentError('could not be read');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await new Promise<boolean>((resolve) => {
          notify = () => resolve(false);
          timer = setTimeout(() => resolve(true), limits.timeoutMs);
        }).finally(() => clearTimeout(timer));
        notify = undefined;
        if (timedOut) throw limitError(`took longer than ${limits.timeoutMs / 1000} s to read, the limit for one file`);
        continue;
      }
      if (message.type === 'error') throw deserializeAppError(message.error);
      if (message.type === 'done') return;
      yield message;
      if (message.type === 'rows') worker.postMessage('more');
    }
  } finally {
    void worker.terminate();
  }
}

/** The text of a DOCX, read in a worker thread (see readDocxText). */
export async function readDocxTextInWorker(buffer: Buffer, maxCharacters: number): Promise<string> {
  const copy = new Uint8Array(buffer);
  for await (const message of runInWorker({ kind: 'docx-text', buffer: copy, maxCharacters }, DOCX_WORKER_LIMITS, [
    copy.buffer,
  ])) {
    if (message.type === 'text') return message.text;
  }
  throw documentError('could not be read');
}

/**
 * Calls a pure function exported by a module (its file: URL) in a worker thread, within the
 * limits of a DOCX's reading: for work over uploaded content whose cost the content decides.
 */
export async function callInWorker<T>(module: URL, name: string, args: unknown[]): Promise<T> {
  for await (const message of runInWorker({ kind: 'call', module: module.href, name, args }, DOCX_WORKER_LIMITS)) {
    if (message.type === 'result') return message.value as T;
  }
  throw documentError('could not be read');
}

/** Rows handed over from the worker at a time. */
const BATCH_ROWS = 1000;

/**
 * The rows of an XLSX workbook's first sheet, read in a worker thread (see readXlsxRows) and
 * handed over in batches, at most two ahead of the reader: memory stays constant however many
 * rows the sheet holds.
 */
export function readXlsxRowsInWorker(
  path: string,
  fileSize: number,
  onBytes: (bytes: number) => void,
): AsyncGenerator<SheetRow> {
  return rowsFromWorker({ kind: 'xlsx-rows', path, fileSize, batchRows: BATCH_ROWS }, onBytes);
}

/**
 * The rows yielded by a module's export (its file: URL; called with args and then a callback for
 * the bytes read), read in a worker thread and handed over as readXlsxRowsInWorker does: for
 * reading uploaded text whose cost the text decides, e.g. a CSV file.
 */
export function readRowsInWorker(
  module: URL,
  name: string,
  args: unknown[],
  onBytes: (bytes: number) => void,
): AsyncGenerator<SheetRow> {
  return rowsFromWorker({ kind: 'call-rows', module: module.href, name, args, batchRows: BATCH_ROWS }, onBytes);
}

async function* rowsFromWorker(task: DocumentTask, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  for await (const message of runInWorker(task, XLSX_WORKER_LIMITS)) {
    if (message.type !== 'rows') continue;
    onBytes(message.bytes);
    yield* message.rows;
  }
}
