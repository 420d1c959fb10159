/**
 * kill -9 of the server in the middle of a large import: the import writes all its rows in one
 * transaction, so after a restart none of them is there; the same file imported again lands once,
 * and a third time adds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildScene,
  createStorage,
  dbKind,
  signIn,
  startServer,
  writeReliabilityResult,
  type Scene,
  type ServerProcess,
  type Session,
  type Storage,
} from './server-process.ts';

const ROWS = 50_000;

let storage: Storage;
let scene: Scene;
let file: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  storage = await createStorage();
  scene = await storage.withDb((db) => buildScene(db));
  // The import template's columns (Chinese headers, as the printed form has them).
  file = path.join(storage.dataDir, 'visit-records.csv');
  const lines = ['\ufeff序号,日期,时间,渠道,咨询事项,问题,答复,处理方式,评价,姓名,电话,同意保留联系方式,来访编号'];
  const topics = ['供暖', '社保', '医保', '户籍'];
  for (let i = 0; i < ROWS; i++) {
    const minutes = 8 * 60 + (i % 600);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const topic = topics[i % topics.length]!;
    const personal = i % 5 === 0;
    lines.push(
      [
        i + 1,
        '2026-05-15',
        time,
        i % 2 ? '现场' : '热线',
        topic,
        `关于${topic}的问题，第${i}号：去哪里办理？`,
        `到政务服务中心${topic}窗口办理。`,
        '当场答复',
        i % 3 ? '满意' : '',
        personal ? `市民${i}` : '',
        personal ? `139${String(i).padStart(8, '0')}` : '',
        personal ? '是' : '否',
        '',
      ].join(','),
    );
  }
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill9()));
  await storage?.remove();
});

interface ImportAnswer {
  id: string;
  state: string;
  phase: string | null;
  rowsImported: number;
  duplicate: boolean;
}

async function upload(url: string, session: Session, async: boolean): Promise<{ status: number; body: ImportAnswer }> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'visit-records.csv');
  const query = new URLSearchParams({ campaignId: scene.campaignId, unitId: scene.unitId, kind: 'consultations' });
  const response = await fetch(`${url}/api/v1/imports?${query}`, {
    method: 'POST',
    headers: { ...session.headers, ...(async ? { prefer: 'respond-async' } : {}) },
    body: form,
    signal: AbortSignal.timeout(10 * 60_000),
  });
  return { status: response.status, body: (await response.json()) as ImportAnswer };
}

const countRows = (db: Parameters<Parameters<Storage['withDb']>[0]>[0]) =>
  db
    .query<{ rows: number; imports: number }>(
      `SELECT (SELECT count(*)::int FROM consultations WHERE unit_id = $1) AS rows,
              (SELECT count(*)::int FROM imports WHERE unit_id = $1) AS imports`,
      [scene.unitId],
    )
    .then((r) => r.rows[0]!);

describe(`kill -9 during an import (${dbKind})`, () => {
  it('leaves no row of it; the same file then lands once and never twice', async () => {
    const first = await startServer(storage.env);
    servers.push(first);
    const admin = await signIn(first.url, scene.admin);

    const started = await upload(first.url, admin, true);
    expect(started.status).toBe(202);
    // Wait until the import is writing and some batches are in its transaction, then kill. On the
    // embedded database this can still be missed on a very busy machine: a poll whose session has
    // left the 5-second actor cache needs the one connection, which the import's transaction holds
    // until it commits (several connections, as on PostgreSQL, do not have this).
    let seen: ImportAnswer | undefined;
    const until = Date.now() + 5 * 60_000; // a safety net: the loop waits for a state
    for (;;) {
      const poll = await fetch(`${first.url}/api/v1/imports/${started.body.id}`, { headers: admin.headers });
      seen = (await poll.json()) as ImportAnswer;
      if (seen.phase === 'writing' && seen.rowsImported > 0) break;
      expect(seen.state).toBe('running');
      if (Date.now() > until) throw new Error(`the import did not reach its writing phase: ${JSON.stringify(seen)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const rowsWrittenAtKill = seen.rowsImported;
    await first.kill9();
    expect(rowsWrittenAtKill).toBeLessThan(ROWS);

    // After the kill: not one row of the import, and no import record.
    const afterKill = await storage.withDb(countRows);
    expect(afterKill).toEqual({ rows: 0, imports: 0 });

    const second = await startServer(storage.env);
    servers.push(second);
    const again = await signIn(second.url, scene.admin);
    const landed = await upload(second.url, again, false);
    expect(landed.status).toBe(201);
    expect(landed.body).toMatchObject({ state: 'completed', rowsImported: ROWS, duplicate: false });
    const repeated = await upload(second.url, again, false);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ id: landed.body.id, duplicate: true });
    await second.stop();
    expect(await second.exited).toBe(0);

    const afterRetry = await storage.withDb(countRows);
    expect(afterRetry).toEqual({ rows: ROWS, imports: 1 });

    writeReliabilityResult('kill-import', {
      fault: 'kill -9 of the server while an import of a large file was writing, then restart and import it twice',
      rows: ROWS,
      rowsWrittenInTransactionAtKill: rowsWrittenAtKill,
      rowsStoredAfterKill: afterKill.rows,
      reimportStatus: landed.status,
      rowsAfterReimport: afterRetry.rows,
      thirdImportStatus: repeated.status,
      importsStored: afterRetry.imports,
      duplicates: afterRetry.rows - ROWS,
      lost: ROWS - afterRetry.rows,
      passed: true,
    });
  });
});
