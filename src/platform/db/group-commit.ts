interface Waiting<In, Out> {
  item: In;
  resolve: (out: Out) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<In> {
  /** Most items written by one statement. */
  maxBatch: number;
  /** Statements in flight at once; items arriving while all are busy wait and go together. */
  concurrency: number;
  /** Items with the same non-undefined key never share a batch (an idempotency key, say). */
  keyOf?: (item: In) => string | undefined;
}

/**
 * Group commit: writes that arrive while the database is busy are written together by the next
 * statement, instead of one statement each. A lone write goes at once, so latency under light
 * load is unchanged; under a burst the per-statement cost is shared. Every caller is answered
 * only after the statement holding its item has committed. When a batch fails, its items are
 * retried one by one, so one bad item fails alone.
 */
export class GroupCommit<In, Out> {
  readonly #run: (batch: In[]) => Promise<Out[]>;
  readonly #options: GroupCommitOptions<In>;
  readonly #queue: Waiting<In, Out>[] = [];
  #active = 0;
  #scheduled = false;

  constructor(run: (batch: In[]) => Promise<Out[]>, options: GroupCommitOptions<In>) {
    this.#run = run;
    this.#options = options;
  }

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Pumps at the end of this turn of the event loop, so that requests read in one turn go together. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #take(): Waiting<In, Out>[] {
    const batch: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.#queue.length && batch.length < this.#options.maxBatch;) {
      const key = this.#options.keyOf?.(this.#queue[i]!.item);
      if (key !== undefined && keys.has(key)) {
        i++;
        continue;
      }
      if (key !== undefined) keys.add(key);
      batch.push(...this.#queue.splice(i, 1));
    }
    return batch;
  }

  #pump(): void {
    while (this.#active < this.#options.concurrency && this.#queue.length > 0) {
      const batch = this.#take();
      this.#active++;
      void this.#write(batch).finally(() => {
        this.#active--;
        this.#schedule();
      });
    }
  }

  async #write(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const results = await this.#run(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const waiting of batch) {
        try {
          waiting.resolve((await this.#run([waiting.item]))[0]!);
        } catch (alone) {
          waiting.reject(alone);
        }
      }
    }
  }
}
