/**
 * kill -9 of the server in the middle of a burst of intake: many desks record consultations at
 * once, each with its own Idempotency-Key; the server is killed part-way and started again on the
 * same data. Every acknowledged record (201) must be there, and a retry of every request with its
 * key, acknowledged or not, must store each one exactly once.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScene,
  createStorage,
  dbKind,
  pool,
  signIn,
  startServer,
  writeReliabilityResult,
  type Scene,
  type ServerProcess,
  type Session,
  type Storage,
} from './server-process.ts';

const REQUESTS = 2000;
const CLIENTS = 64;
const DESKS = 8;
/** The server is killed once this many records were acknowledged. */
const KILL_AFTER = 600;

let storage: Storage;
let scene: Scene;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  storage = await createStorage();
  scene = await storage.withDb((db) => buildScene(db, DESKS));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill9()));
  await storage?.remove();
});

interface Attempt {
  key: string;
  desk: number;
  body: string;
  status?: number;
  id?: string;
  error?: string;
}

async function post(
  url: string,
  session: Session,
  attempt: Attempt,
): Promise<{ status: number; id?: string; replayed: boolean }> {
  const response = await fetch(`${url}/api/v1/consultations`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json', 'idempotency-key': attempt.key },
    body: attempt.body,
    signal: AbortSignal.timeout(5 * 60_000),
  });
  const json = (await response.json()) as { id?: string };
  return { status: response.status, id: json.id, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

describe(`kill -9 during a burst of intake (${dbKind})`, () => {
  it('keeps every acknowledged record, and retries with the same keys store nothing twice', async () => {
    const first = await startServer(storage.env);
    servers.push(first);
    const sessions = await Promise.all(scene.desks.map((desk) => signIn(first.url, desk)));

    const attempts: Attempt[] = Array.from({ length: REQUESTS }, (_, i) => ({
      key: crypto.randomUUID(),
      desk: i % DESKS,
      body: JSON.stringify({
        campaignId: scene.campaignId,
        unitId: scene.unitId,
        topic: ['供暖', '社保', '户籍', '医保'][i % 4],
        question: `第${i}位群众：今年什么时候开始供暖？`,
        answer: '11月1日起供暖。',
        outcome: 'answered_on_spot',
        rating: 'satisfied',
      }),
    }));

    let acknowledged = 0;
    let killedAt: number | undefined;
    let killing: Promise<void> | undefined;
    const burstStarted = Date.now();
    await pool(attempts, CLIENTS, async (attempt) => {
      try {
        const answer = await post(first.url, sessions[attempt.desk]!, attempt);
        attempt.status = answer.status;
        attempt.id = answer.id;
        if (answer.status === 201 && ++acknowledged >= KILL_AFTER && !killing) {
          killedAt = Date.now();
          killing = first.kill9();
        }
      } catch (error) {
        attempt.error = (error as Error).message;
      }
    });
    await killing;
    const statuses: Record<string, number> = {};
    for (const a of attempts) statuses[String(a.status ?? a.error)] = (statuses[String(a.status ?? a.error)] ?? 0) + 1;
    expect(killedAt, `${JSON.stringify(statuses)}\n${first.output()}`).toBeDefined();
    expect(await first.exited).toBe('SIGKILL');

    const acked = attempts.filter((a) => a.status === 201);
    const unanswered = attempts.filter((a) => a.status === undefined);
    // Before the kill every answer was a 201; after it, requests fail to connect.
    expect(attempts.filter((a) => a.status !== undefined && a.status !== 201)).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unanswered.length).toBeGreaterThan(0);

    // The database opens cleanly after the kill, and every 201 is in it.
    const afterKill = await storage.withDb(async (db) => {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM consultations WHERE campaign_id = $1', [
        scene.campaignId,
      ]);
      return new Set(rows.map((r) => r.id));
    });
    const missing = acked.filter((a) => !afterKill.has(a.id!));
    expect(missing).toEqual([]);

    // Started again on the same data, every client retries every request with its key.
    const restartBegan = Date.now();
    const second = await startServer(storage.env);
    servers.push(second);
    const restartMs = Date.now() - restartBegan;
    let replayed = 0;
    const retried = new Map<string, { status: number; id?: string }>();
    await pool(attempts, 32, async (attempt) => {
      const answer = await post(second.url, sessions[attempt.desk]!, attempt);
      retried.set(attempt.key, answer);
      if (answer.replayed) replayed++;
    });
    for (const attempt of attempts) expect(retried.get(attempt.key)?.status, attempt.key).toBe(201);
    // An acknowledged request answers again with the record it made.
    for (const attempt of acked) expect(retried.get(attempt.key)?.id).toBe(attempt.id);
    expect(replayed).toBeGreaterThanOrEqual(acked.length);

    await second.stop();
    expect(await second.exited).toBe(0);

    const stored = await storage.withDb(async (db) => {
      const count = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
      return {
        rows: await count('SELECT count(*)::int AS n FROM consultations WHERE campaign_id = $1', [scene.campaignId]),
        distinctIds: await count('SELECT count(DISTINCT id)::int AS n FROM consultations WHERE campaign_id = $1', [
          scene.campaignId,
        ]),
        keys: await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ANY($1::text[])', [
          attempts.map((a) => a.key),
        ]),
        audit: await count(
          `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'consultation' AND action = 'create' AND entity_id = ANY($1::text[])`,
          [[...new Set([...retried.values()].map((r) => r.id!))]],
        ),
      };
    });
    // Each request stored exactly once: one row, one key, one audit entry per request.
    expect(stored).toEqual({ rows: REQUESTS, distinctIds: REQUESTS, keys: REQUESTS, audit: REQUESTS });

    writeReliabilityResult('kill-intake', {
      fault: 'kill -9 of the server during a burst of intake, then restart and retry every request with its key',
      requests: REQUESTS,
      clients: CLIENTS,
      desks: DESKS,
      acknowledgedBeforeKill: acked.length,
      unansweredAtKill: unanswered.length,
      storedAfterKill: afterKill.size,
      acknowledgedMissing: missing.length,
      killedAfterMs: killedAt! - burstStarted,
      restartMs,
      retried: REQUESTS,
      retriesReplayed: replayed,
      rowsAfterRetry: stored.rows,
      duplicates: stored.rows - stored.distinctIds + (stored.rows - REQUESTS),
      lost: REQUESTS - stored.rows,
      passed: true,
    });
  });
});
