import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { ApiError, NetworkError } from '../../api/client.ts';
import { intakeApi } from './api.ts';
import { newTrackingCode } from '../../../../../src/domain/tracking-code.ts';

/**
 * The intake's outbox: every record is first written to IndexedDB with the Idempotency-Key made
 * when the record was made, then sent. A record leaves the outbox only when the server has
 * stored it (or answers it with the stored answer of that key), so retries, two tabs syncing at
 * once, or a reply lost on the way never store a record twice.
 */
export interface OutboxItem {
  /** The Idempotency-Key, made once when the record is made. */
  key: string;
  kind: 'consultation' | 'distribution';
  path: string;
  body: unknown;
  /** A short text to show in the list (the question, the material's title). */
  label: string;
  createdAt: string;
  attempts: number;
  /** The server refused it for good (4xx): kept and shown until someone discards it. */
  rejected?: string;
  /** The tracking code this device made and gave the visitor on the spot (ADR 26). */
  trackingCode?: string;
  /** The code given first, when another case held it and the device made a new one. */
  codeReplaced?: string;
}

export interface SentItem {
  key: string;
  kind: OutboxItem['kind'];
  label: string;
  createdAt: string;
  sentAt: string;
  trackingCode: string | null;
  /** The record the server stored: the desk may correct or withdraw it on the day. */
  consultationId?: string;
  /** The code the visitor was given, when it had to be replaced: tell them the new one. */
  codeReplaced?: string;
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: string } };
  sent: { key: string; value: SentItem; indexes: { sentAt: string } };
}

const KEEP_SENT = 30;
const MAX_BACKOFF_MS = 60_000;

export interface OutboxState {
  waiting: OutboxItem[];
  sent: SentItem[];
  syncing: boolean;
  /** The session ended: sending resumes after signing in again. */
  needsSignIn: boolean;
}

type Listener = (state: OutboxState) => void;

export class Outbox {
  private db: Promise<IDBPDatabase<OutboxDb>>;
  private listeners = new Set<Listener>();
  private running: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private state: OutboxState = { waiting: [], sent: [], syncing: false, needsSignIn: false };

  constructor(name = 'openday-console') {
    this.db = openDB<OutboxDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('outbox', { keyPath: 'key' }).createIndex('createdAt', 'createdAt');
        db.createObjectStore('sent', { keyPath: 'key' }).createIndex('sentAt', 'sentAt');
      },
    });
    window.addEventListener('online', () => void this.sync());
    void this.refresh().then(() => this.sync());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Keeps the record, then tries to send everything waiting. */
  async add(item: Omit<OutboxItem, 'attempts' | 'createdAt'>): Promise<void> {
    const db = await this.db;
    await db.put('outbox', { ...item, attempts: 0, createdAt: new Date().toISOString() });
    await this.refresh();
    void this.sync();
  }

  /** A sent record corrected at the desk: its line shows the new text. */
  async relabel(key: string, label: string): Promise<void> {
    const db = await this.db;
    const item = await db.get('sent', key);
    if (item) await db.put('sent', { ...item, label });
    await this.refresh();
  }

  /** A sent record withdrawn at the desk leaves the list. */
  async forget(key: string): Promise<void> {
    await (await this.db).delete('sent', key);
    await this.refresh();
  }

  async discard(key: string): Promise<void> {
    await (await this.db).delete('outbox', key);
    await this.refresh();
  }

  /** Sends what is waiting, oldest first; one run at a time in this tab. */
  sync(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  resumeAfterSignIn(): void {
    this.update({ needsSignIn: false });
    void this.sync();
  }

  private async run(): Promise<void> {
    clearTimeout(this.retryTimer);
    const db = await this.db;
    const waiting = (await db.getAllFromIndex('outbox', 'createdAt')).filter((item) => !item.rejected);
    if (waiting.length === 0 || this.state.needsSignIn) return;
    this.update({ syncing: true });
    try {
      for (const item of waiting) {
        const outcome = await this.send(db, item);
        if (outcome === 'stop') return;
      }
      this.failures = 0;
    } finally {
      this.update({ syncing: false });
      await this.refresh();
    }
  }

  private async send(db: IDBPDatabase<OutboxDb>, item: OutboxItem): Promise<'next' | 'stop'> {
    try {
      const answer = await intakeApi.send(item.path, item.body, item.key);
      const tx = db.transaction(['outbox', 'sent'], 'readwrite');
      await tx.objectStore('outbox').delete(item.key);
      await tx.objectStore('sent').put({
        key: item.key,
        kind: item.kind,
        label: item.label,
        createdAt: item.createdAt,
        sentAt: new Date().toISOString(),
        trackingCode: answer?.caseTrackingCode ?? null,
        ...(item.kind === 'consultation' && answer?.id && { consultationId: answer.id }),
        ...(item.codeReplaced && { codeReplaced: item.codeReplaced }),
      });
      await tx.done;
      return 'next';
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.code === 'csrf_failed')) {
        this.update({ needsSignIn: true });
        return 'stop';
      }
      if (
        error instanceof ApiError &&
        error.status === 409 &&
        item.trackingCode &&
        error.details.some((d) => d.field === 'trackingCode')
      ) {
        // Another case holds the code given (ADR 26): the refused request stored nothing, so the
        // record goes again under its key with a new code, and its line says the code changed.
        const trackingCode = newTrackingCode();
        const renewed: OutboxItem = {
          ...item,
          body: { ...(item.body as object), trackingCode },
          trackingCode,
          codeReplaced: item.codeReplaced ?? item.trackingCode,
        };
        await db.put('outbox', renewed);
        return this.send(db, renewed);
      }
      if (error instanceof ApiError && error.status < 500 && error.status !== 429 && error.status !== 408) {
        await db.put('outbox', { ...item, attempts: item.attempts + 1, rejected: error.message });
        return 'next';
      }
      // Offline, server down or busy: the same key is sent again later, with growing pauses.
      await db.put('outbox', { ...item, attempts: item.attempts + 1 });
      this.failures += 1;
      const delay = Math.min(1000 * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
      this.retryTimer = setTimeout(() => void this.sync(), delay);
      if (!(error instanceof NetworkError) && !(error instanceof ApiError)) console.error(error);
      return 'stop';
    }
  }

  private async refresh(): Promise<void> {
    const db = await this.db;
    const waiting = await db.getAllFromIndex('outbox', 'createdAt');
    const sent = (await db.getAllFromIndex('sent', 'sentAt')).reverse();
    for (const old of sent.slice(KEEP_SENT)) await db.delete('sent', old.key);
    this.update({ waiting, sent: sent.slice(0, KEEP_SENT) });
  }

  private update(patch: Partial<OutboxState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

let shared: Outbox | undefined;

/** The tab's one outbox. */
export function outbox(): Outbox {
  shared ??= new Outbox();
  return shared;
}
