/**
 * The two embedded engines side by side, as a person meets them (ADR 16): PGlite in the server's
 * process and the embedded PostgreSQL cluster under DATA_DIR/pg. For each, on a fresh DATA_DIR:
 * the first start (initialise, migrate, load the demo) and a second start; a CLI command while the
 * server runs; the server's memory and the intake rate under 16 desks recording for a few seconds;
 * kill -9 during intake, then a restart: every acknowledged record is there; a command with the demo
 * loaded and no server (median of 3); an import of a filled-in form through the CLI.
 *
 *   node bench/embedded-engines.ts [--seconds 10] [--rows 20000] [--engine postgres|pglite]
 *
 * --engine measures one of them alone (both by default).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/open.ts';
import { rssMiB } from './dashboard.ts';
import { writeForm } from './import.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { seconds: { type: 'string' }, rows: { type: 'string' }, engine: { type: 'string' } },
});
const seconds = Number(args.seconds ?? 10);
const importRows = Number(args.rows ?? 20_000);

type Engine = 'pglite' | 'postgres';

function openday(env: Record<string, string>, argv: string[]) {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/openday.js'), ...argv], {
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; ms: number; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, ms: performance.now() - started, output })),
  );
  return { child, exited, output: () => output, started };
}

async function serve(env: Record<string, string>) {
  const server = openday({ ...env, PORT: '0' }, ['serve']);
  for (;;) {
    const url = /listening on (http:\/\/\S+)/.exec(server.output())?.[1];
    if (url) return { ...server, url, ms: performance.now() - server.started };
    if (server.child.exitCode !== null) throw new Error(`the server exited: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Proportional memory (PSS, MiB) of the cluster's processes: the postmaster and its children. */
function clusterPss(dataDir: string): number {
  let postmaster: number | undefined;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (Number(entry) !== postmaster && ppid !== postmaster) continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'));
      total += pss ? Number(pss[1]) / 1024 : 0;
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

async function signIn(url: string) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'heating-desk', password: 'openday-demo-2026' }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken, user } = (await response.json()) as {
    csrfToken: string;
    user: { memberships: { unitId: string }[] };
  };
  const demo = await fetch(`${url}/api/v1/campaigns/by-slug/demo`, { headers: { cookie } });
  const campaign = (await demo.json()) as { id: string };
  return {
    headers: { cookie, 'x-csrf-token': csrfToken },
    campaignId: campaign.id,
    unitId: user.memberships[0]!.unitId,
  };
}

/** 16 desks recording until stop(); answers the acknowledged ids. */
function intake(url: string, session: Awaited<ReturnType<typeof signIn>>) {
  const acknowledged: string[] = [];
  let failed = 0;
  let running = true;
  const desk = async () => {
    while (running) {
      try {
        const response = await fetch(`${url}/api/v1/consultations`, {
          method: 'POST',
          headers: { ...session.headers, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({
            campaignId: session.campaignId,
            unitId: session.unitId,
            topic: '供暖',
            question: '今年什么时候开始供暖？老旧小区暖气不热怎么办？',
            answer: '11月1日起供暖；室温不达标可拨打供热服务热线报修。',
            outcome: 'answered_on_spot',
          }),
        });
        const body = (await response.json()) as { id?: string };
        if (response.status === 201 && body.id) acknowledged.push(body.id);
        else failed++;
      } catch {
        failed++;
        if (running) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const desks = Array.from({ length: 16 }, desk);
  return {
    acknowledged,
    failed: () => failed,
    stop: async () => {
      running = false;
      await Promise.all(desks);
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(engine: Engine) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `openday-engine-${engine}-`));
  const env = { DATA_DIR: dataDir, EMBEDDED_DATABASE: engine };
  const result: Record<string, unknown> = { engine };
  try {
    const first = await serve(env);
    result.firstStartSeconds = round(first.ms / 1000);
    first.child.kill('SIGTERM');
    await first.exited;

    const server = await serve(env);
    result.startSeconds = round(server.ms / 1000);
    const whileServing = await openday(env, ['calendar', 'add-working-days', '2026-02-13', '15']).exited;
    result.cliWhileServing = {
      exitCode: whileServing.code,
      seconds: round(whileServing.ms / 1000),
      output: whileServing.output.trim().split('\n')[0],
    };

    const session = await signIn(server.url);
    const idle = { node: rssMiB(server.child.pid!) ?? 0, cluster: clusterPss(dataDir) };
    const load = intake(server.url, session);
    const started = performance.now();
    const peaks = { node: 0, cluster: 0 };
    while (performance.now() - started < seconds * 1000) {
      peaks.node = Math.max(peaks.node, rssMiB(server.child.pid!) ?? 0);
      peaks.cluster = Math.max(peaks.cluster, clusterPss(dataDir));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const count = load.acknowledged.length;
    result.intake = {
      perSecond: round(count / ((performance.now() - started) / 1000), 1),
      failed: load.failed(),
      serverRssIdleMiB: round(idle.node, 1),
      serverRssPeakMiB: round(peaks.node, 1),
      clusterPssIdleMiB: round(idle.cluster, 1),
      clusterPssPeakMiB: round(peaks.cluster, 1),
    };
    // kill -9 in the middle of the intake: the server, and the cluster's postmaster too.
    const postmaster = engine === 'postgres' ? fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8') : '';
    server.child.kill('SIGKILL');
    if (postmaster) process.kill(Number(postmaster.split('\n')[0]), 'SIGKILL');
    await load.stop();
    await server.exited;
    const db = await openDatabase({ ...loadConfig({ ...process.env, ...env, DATABASE_URL: '' }) });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultations WHERE id = ANY($1)', [
      load.acknowledged,
    ]);
    await db.close();
    result.killDuringIntake = { acknowledged: load.acknowledged.length, found: rows[0]!.n };

    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await openday(env, ['calendar', 'add-working-days', '2026-02-13', '15']).exited;
      if (run.code !== 0) throw new Error(run.output);
      times.push(run.ms);
    }
    result.cliSeconds = { median: round(median(times) / 1000), runs: times.map((t) => round(t / 1000)) };

    const form = await writeForm(importRows, dataDir);
    const imported = await openday(env, ['import', form, '--campaign', 'demo', '--unit', '葫芦岛市供热办公室']).exited;
    if (imported.code !== 0) throw new Error(imported.output);
    result.import = {
      rows: importRows,
      seconds: round(imported.ms / 1000),
      rowsPerSecond: round(importRows / (imported.ms / 1000), 0),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

const machine = { load: os.loadavg().map((l) => round(l, 1)), cpus: os.cpus().length, node: process.version };
const results = [];
const engines = (['postgres', 'pglite'] as const).filter((e) => args.engine === undefined || args.engine === e);
if (engines.length === 0) throw new Error(`--engine must be postgres or pglite (got ${args.engine})`);
for (const engine of engines) {
  const result = await measure(engine);
  console.log(JSON.stringify(result));
  results.push(result);
}
console.log(JSON.stringify({ machine: { ...machine, loadAfter: os.loadavg().map((l) => round(l, 1)) } }));
