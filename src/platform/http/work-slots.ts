import { AppError } from './errors.ts';

/**
 * At most `limit` pieces of one kind of heavy work (reading an uploaded file, an import) at a
 * time in this process; one more is refused at once with 429 and Retry-After rather than queued,
 * so a burst of uploads cannot pile up memory or hold requests open.
 */
export class WorkSlots {
  #busy = 0;
  readonly limit: number;
  readonly retryAfterSeconds: number;
  /** The work's name in the 429's message, in both languages: "imports" / "导入". */
  readonly what: { en: string; zh: string };

  constructor(limit: number, retryAfterSeconds: number, what: { en: string; zh: string }) {
    this.limit = limit;
    this.retryAfterSeconds = retryAfterSeconds;
    this.what = what;
  }

  /** Work in progress now. */
  get busy(): number {
    return this.#busy;
  }

  /** Takes a slot or throws 429; the answer frees it (a second call does nothing). */
  take(): () => void {
    if (this.#busy >= this.limit) {
      const wait = this.retryAfterSeconds;
      throw new AppError(
        429,
        'too_busy',
        `${this.limit} ${this.what.en} are already running on this server; try again in ${wait} s / ` +
          `本服务器已有 ${this.limit} 个${this.what.zh}正在进行，请 ${wait} 秒后再试`,
        [{ field: 'file', reason: `waits: at most ${this.limit} ${this.what.en} run at a time` }],
        { 'retry-after': String(wait) },
      );
    }
    this.#busy++;
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      this.#busy--;
    };
  }
}
