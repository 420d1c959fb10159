/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run.
 *
 * Intake: consultations recorded through the real API (session, CSRF, validation, policy,
 * idempotency key, audit entry — one request each, from a second process on the loopback) against
 * a bare Fastify route inserting the same row with the same driver, on the embedded database and
 * on PostgreSQL. Goal: real ≥ 0.6 × bare. After each run the rows are counted: every 201 is a row.
 *
 * Options: --scale quick|full (quick: short runs for CI smoke tests), --only embedded|postgres.
 * PostgreSQL: DATABASE_URL names a server database to create a scratch database from
 * (default postgres://postgres@127.0.0.1:5432/test); skipped when it does not answer.
 */
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = option('scale') ?? 'full';
const only = option('only');
const seconds = scale === 'quick' ? 3 : 10;

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
}
const figures: Figure[] = [];

interface Target {
  realUrl: string;
  bareUrl: string;
  cookie: string;
  csrfToken: string;
  campaignId: string;
  unitId: string;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; target: Target }> {
  const child = fork(path.join(here, 'intake-server.ts'), [], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, target: JSON.parse(line) as Target };
}

function countRows(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { count: number }) => resolve(m.count));
    child.send({ count: 'rows' });
  });
}

interface Load {
  perSecond: number;
  ok: number;
  failed: number;
  p99: number;
}

async function load(
  url: string,
  headers: Record<string, string>,
  body: object,
  connections: number,
  duration: number,
  idempotent: boolean,
): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    requests: idempotent
      ? [
          {
            setupRequest: (request: autocannon.Request) => ({
              ...request,
              headers: { ...request.headers, 'idempotency-key': crypto.randomUUID() },
            }),
          },
        ]
      : undefined,
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / (result.duration || duration),
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    p99: result.latency.p99,
  };
}

async function benchIntake(kind: 'embedded' | 'postgres', env: Record<string, string>): Promise<void> {
  const { child, target } = await startServer(env);
  const connections = kind === 'postgres' ? 32 : 16;
  const body = {
    campaignId: target.campaignId,
    unitId: target.unitId,
    topic: '供暖',
    question: '今年什么时候开始供暖？老旧小区暖气不热怎么办？',
    answer: '11月1日起供暖；室温不达标可拨打供热服务热线报修。',
    outcome: 'answered_on_spot',
    rating: 'satisfied',
  };
  const real = () =>
    load(target.realUrl, { cookie: target.cookie, 'x-csrf-token': target.csrfToken }, body, connections, seconds, true);
  const bare = () => load(target.bareUrl, {}, body, connections, seconds, false);
  try {
    const warmUp = [
      await load(target.bareUrl, {}, body, connections, 2, false),
      await load(
        target.realUrl,
        { cookie: target.cookie, 'x-csrf-token': target.csrfToken },
        body,
        connections,
        2,
        true,
      ),
    ];
    // Alternate the two paths so that drift in the machine's load touches both alike.
    const runs = { bare: [] as Load[], real: [] as Load[] };
    for (let round = 0; round < 2; round++) {
      runs.bare.push(await bare());
      runs.real.push(await real());
    }
    const total = (ls: Load[], f: (l: Load) => number) => ls.reduce((a, l) => a + f(l), 0);
    const bareRate = total(runs.bare, (l) => l.perSecond) / runs.bare.length;
    const realRate = total(runs.real, (l) => l.perSecond) / runs.real.length;
    const failed = total(runs.real, (l) => l.failed) + total(runs.bare, (l) => l.failed);
    const ratio = realRate / bareRate;
    figures.push({
      name: `intake.${kind}.bare`,
      value: round(bareRate),
      unit: 'req/s',
      baseline: null,
      ratio: null,
      goal: 'baseline',
      met: null,
      note: `p99 ${Math.max(...runs.bare.map((l) => l.p99))} ms, ${connections} connections`,
    });
    figures.push({
      name: `intake.${kind}.real`,
      value: round(realRate),
      unit: 'req/s',
      baseline: round(bareRate),
      ratio: round(ratio, 3),
      goal: '≥ 0.6 × bare',
      met: ratio >= 0.6,
      note: `p99 ${Math.max(...runs.real.map((l) => l.p99))} ms, ${connections} connections, ${failed} failed requests`,
    });
    const rows = await countRows(child);
    const loads = [...warmUp, ...runs.bare, ...runs.real];
    const acknowledged = loads.reduce((a, l) => a + l.ok, 0);
    // Every 201 is a row. A load run stops with up to one request per connection in flight:
    // those are stored too but their answers are not counted, so a few more rows than 201s is right.
    const inFlight = loads.length * connections;
    figures.push({
      name: `intake.${kind}.rows_stored`,
      value: rows,
      unit: 'rows',
      baseline: acknowledged,
      ratio: round(rows / acknowledged, 4),
      goal: `≥ acknowledged, ≤ acknowledged + ${inFlight} in flight at stops`,
      met: rows >= acknowledged && rows <= acknowledged + inFlight,
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

async function withScratchPostgres<T>(fn: (url: string) => Promise<T>): Promise<T | undefined> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL at ${adminUrl} does not answer: skipping its figures`);
    return undefined;
  }
  const name = `openday_bench_${crypto.randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const started = Date.now();
if (only !== 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-bench-'));
  try {
    await benchIntake('embedded', { DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
if (only !== 'embedded') {
  await withScratchPostgres((url) => benchIntake('postgres', { DATABASE_URL: url, DATABASE_POOL_SIZE: '16' }));
}

await (await import('./import.ts')).benchImportExport({ scale, only, figures });

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nOpenDay bench (${scale}) on ${machine}`);
for (const f of figures) {
  const ratio = f.ratio === null ? '' : `  ratio ${f.ratio}`;
  const baseline = f.baseline === null ? '' : `  baseline ${f.baseline} ${f.unit}`;
  const verdict = f.met === null ? '' : f.met ? '  ✓' : '  ✗';
  console.log(
    `${f.name.padEnd(44)} ${String(f.value).padStart(9)} ${f.unit}${baseline}${ratio}  goal ${f.goal}${verdict}${f.note ? `  (${f.note})` : ''}`,
  );
}
const out = path.join(here, 'results', `${scale}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify({ scale, machine, date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, figures }, null, 2)}\n`,
);
console.log(`written to ${path.relative(process.cwd(), out)}`);
