/**
 * PostgreSQL gone for 10 seconds under load. The shared server is not stopped: the application
 * reaches it through a TCP proxy that the test cuts (every connection closed, new ones refused)
 * while desks keep writing and viewers keep reading. Requests must fail fast with 503 in the error
 * shape, the server must stay up, /healthz must say the database is down, the server must serve
 * again by itself within 5 seconds of the database's return, and no acknowledged write may be lost.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../database.ts';
import { cpuContention } from '../machine.ts';
import {
  buildScene,
  createStorage,
  pool,
  signIn,
  startServer,
  writeReliabilityResult,
  type Scene,
  type ServerProcess,
  type Session,
  type Storage,
} from './server-process.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const OUTAGE_MS = 10_000;
const CLIENT_TIMEOUT_MS = 10_000;
const WRITERS = 8;
const READERS = 8;

let storage: Storage;
let scene: Scene;
let proxy: TcpProxy;
let server: ServerProcess | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  storage = await createStorage();
  scene = await storage.withDb((db) => buildScene(db, WRITERS));
  const url = new URL(storage.databaseUrl!);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
});
afterAll(async () => {
  await server?.kill9();
  await proxy?.close();
  await storage?.remove();
});

interface Sample {
  kind: 'read' | 'write' | 'health';
  start: number;
  ms: number;
  status?: number;
  code?: string;
  shape?: boolean;
  body?: Record<string, unknown>;
  error?: string;
  key?: string;
  payload?: string;
  desk?: number;
  id?: string;
}

async function timed(sample: Sample, run: () => Promise<Response>): Promise<Sample> {
  try {
    const response = await run();
    const text = await response.text();
    sample.status = response.status;
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      sample.body = body;
      const error = body.error as { code?: unknown; message?: unknown; details?: unknown } | undefined;
      if (error) {
        sample.code = String(error.code);
        sample.shape = typeof error.message === 'string' && Array.isArray(error.details);
      }
      if (typeof body.id === 'string') sample.id = body.id;
    } catch {
      sample.error = `not JSON: ${text.slice(0, 200)}`;
    }
  } catch (error) {
    sample.error = (error as Error).message;
  }
  sample.ms = Date.now() - sample.start;
  return sample;
}

describe.skipIf(!onPostgres)('PostgreSQL unreachable for 10 seconds under load', () => {
  it('answers 503 fast, says so on /healthz, and serves again by itself within 5 s; nothing acknowledged is lost', async () => {
    const real = new URL(storage.databaseUrl!);
    const viaProxy = new URL(storage.databaseUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer({ ...storage.env, DATABASE_URL: viaProxy.toString(), DATABASE_POOL_SIZE: '8' });
    expect(real.port || '5432').not.toBe(String(proxy.port));
    const base = server.url;
    const sessions: Session[] = await Promise.all(scene.desks.map((desk) => signIn(base, desk)));

    const samples: Sample[] = [];
    let running = true;
    let n = 0;
    const write = (desk: number, key: string = crypto.randomUUID(), payload?: string) => {
      const body =
        payload ??
        JSON.stringify({
          campaignId: scene.campaignId,
          unitId: scene.unitId,
          topic: '供暖',
          question: `断库演练第${n++}问：暖气不热找谁？`,
          outcome: 'answered_on_spot',
        });
      return timed({ kind: 'write', start: Date.now(), ms: 0, key, payload: body, desk }, () =>
        fetch(`${base}/api/v1/consultations`, {
          method: 'POST',
          headers: { ...sessions[desk]!.headers, 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        }),
      );
    };
    const read = (desk: number) =>
      timed({ kind: 'read', start: Date.now(), ms: 0 }, () =>
        fetch(`${base}/api/v1/campaigns/${scene.campaignId}/statistics`, {
          headers: sessions[desk]!.headers,
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        }),
      );
    const health = () =>
      timed({ kind: 'health', start: Date.now(), ms: 0 }, () =>
        fetch(`${base}/healthz`, { signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) }),
      );
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const loops = [
      ...Array.from({ length: WRITERS }, async (_, desk) => {
        while (running) {
          const sample = await write(desk);
          samples.push(sample);
          // A client told to come back later waits a little, as the console's outbox does.
          if (sample.status === 503) await pause(50);
        }
      }),
      ...Array.from({ length: READERS }, async (_, i) => {
        while (running) {
          samples.push(await read(i % WRITERS));
          await pause(20);
        }
      }),
      (async () => {
        while (running) {
          samples.push(await health());
          await pause(200);
        }
      })(),
    ];

    await pause(3000);
    const cutAt = Date.now();
    await proxy.cut();
    await pause(OUTAGE_MS);
    const restoredAt = Date.now();
    await proxy.restore();
    await pause(8000);
    running = false;
    await Promise.all(loops);

    // The server stayed up and answered every request: no connection error, no timeout.
    expect(server.child.exitCode).toBeNull();
    expect(samples.filter((s) => s.error)).toEqual([]);
    const api = samples.filter((s) => s.kind !== 'health');
    // Every failure is a 503 in the one error shape, and nothing else failed.
    const failures = api.filter((s) => s.status! >= 300);
    const unexpected = failures.filter((s) => s.status !== 503 || s.code !== 'database_unavailable' || !s.shape);
    expect(unexpected.map((s) => ({ kind: s.kind, status: s.status, body: s.body }))).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    // They fail fast: far under the client's timeout (3 s, times the contention for the cores).
    const slowest503 = Math.max(...failures.map((s) => s.ms));
    expect(slowest503).toBeLessThan(3000 * cpuContention());

    // While it is down, every request fails and /healthz says the database is down.
    const during = (s: Sample) => s.start >= cutAt + 500 && s.start + s.ms <= restoredAt;
    expect(api.filter(during).length).toBeGreaterThan(0);
    expect(api.filter(during).every((s) => s.status === 503)).toBe(true);
    const healthDuring = samples.filter((s) => s.kind === 'health' && during(s));
    expect(healthDuring.length).toBeGreaterThan(10);
    for (const s of healthDuring)
      expect({ status: s.status, body: s.body }).toMatchObject({
        status: 503,
        body: { status: 'unavailable', checks: { database: 'down' } },
      });

    // After it returns: serving again within 5 s, by itself.
    const after = samples.filter((s) => s.start >= restoredAt);
    const firstOk = (kind: Sample['kind']) => after.find((s) => s.kind === kind && s.status! < 300);
    const recovered = {
      writeMs: firstOk('write')!.start + firstOk('write')!.ms - restoredAt,
      readMs: firstOk('read')!.start + firstOk('read')!.ms - restoredAt,
      healthMs: firstOk('health')!.start + firstOk('health')!.ms - restoredAt,
    };
    const lastFailure = Math.max(
      0,
      ...after.filter((s) => s.status !== 200 && s.status !== 201).map((s) => s.start + s.ms - restoredAt),
    );
    expect(lastFailure).toBeLessThanOrEqual(5000);
    expect(Math.max(recovered.writeMs, recovered.readMs, recovered.healthMs)).toBeLessThanOrEqual(5000);
    const healthAfter = samples.filter((s) => s.kind === 'health' && s.start >= restoredAt + 5000);
    expect(healthAfter.length).toBeGreaterThan(5);
    for (const s of healthAfter) expect(s.status).toBe(200);

    // No acknowledged write lost; the refused ones retried with their keys land once each.
    const writes = samples.filter((s) => s.kind === 'write');
    const acknowledged = writes.filter((s) => s.status === 201);
    const refused = writes.filter((s) => s.status === 503);
    const retries: Sample[] = [];
    await pool(refused, 16, async (s) => void retries.push(await write(s.desk!, s.key, s.payload)));
    const retryAnswers: Record<string, number> = {};
    for (const s of retries)
      retryAnswers[`${s.status} ${s.code ?? ''}`] = (retryAnswers[`${s.status} ${s.code ?? ''}`] ?? 0) + 1;
    expect(retryAnswers).toEqual({ '201 ': refused.length });
    const stored = await storage.withDb(async (db) => {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM consultations WHERE campaign_id = $1', [
        scene.campaignId,
      ]);
      return new Set(rows.map((r) => r.id));
    });
    const lost = acknowledged.filter((s) => !stored.has(s.id!));
    expect(lost).toEqual([]);
    expect(stored.size).toBe(acknowledged.length + refused.length);

    writeReliabilityResult('database-down', {
      fault: `PostgreSQL unreachable for ${OUTAGE_MS / 1000} s (TCP proxy cut) under ${WRITERS} writers and ${READERS} readers`,
      outageMs: restoredAt - cutAt,
      requests: api.length,
      answered2xx: api.filter((s) => s.status! < 300).length,
      answered503: failures.length,
      otherFailures: unexpected.length,
      slowest503Ms: slowest503,
      healthChecksDuringOutage: healthDuring.length,
      recoveredWriteMs: recovered.writeMs,
      recoveredReadMs: recovered.readMs,
      recoveredHealthMs: recovered.healthMs,
      lastFailureAfterReturnMs: lastFailure,
      acknowledgedWrites: acknowledged.length,
      refusedWritesRetried: refused.length,
      lost: lost.length,
      duplicates: stored.size - acknowledged.length - refused.length,
      serverStayedUp: server.child.exitCode === null,
      passed: true,
    });
  });
});
