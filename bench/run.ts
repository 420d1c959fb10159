/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run.
 *
 * Intake: consultations recorded through the real API (session, CSRF, validation, policy,
 * idempotency key, audit entry — one request each, from a second process on the loopback) against
 * two bare Fastify routes inserting the same row with the same driver into a copy of the table
 * without the live-figure triggers, on the embedded database and on PostgreSQL: one INSERT per
 * request, and a batched one that writes the requests arriving together with one multi-row INSERT
 * (the real path's batch size and concurrency), three ten-second runs of each, alternating, each
 * path's figure its median. Goal: real ≥ 0.6 × the one-insert route; the ratio against the batched
 * route is reported beside it. After each run the rows are counted: every 201
 * is a row.
 *
 * Province (PostgreSQL): a whole province's campaign (bench/province.ts: 5,000 units, 5,000,000
 * consultations, 200,000 cases) loaded into a scratch database, then the real server on it
 * (bench/dashboard.ts): the live dashboard under 50 viewers against a plain GROUP BY, a new record's
 * delay until the dashboard shows it, the statistical summary (JSON and XLSX), the largest export
 * and the collection of the units' summaries, with the server's memory.
 *
 * Options: --scale quick|province (quick: the same steps, small, for CI smoke tests; `full` is
 * the former name of province), --only embedded|postgres, --part intake (the intake figures alone:
 * no import, export or province), --outcome follow_up|transferred (the intake's question needs a
 * reply, so each recording also opens its case; default answered_on_spot, as at most desks).
 * PostgreSQL: DATABASE_URL names a server database to create a scratch database from
 * (default postgres://postgres@127.0.0.1:5432/test); skipped when it does not answer.
 * Prints one line per figure (name, value, baseline, ratio, goal, pass/fail) and writes them with
 * the machine's facts to bench/results/<scale>.json (or --out FILE); bench/readme-figures.ts
 * renders that file as the README's table. The exit status is not about goals: it fails only when
 * a step fails or the generated data set breaks a reference.
 */
import { gitCommit } from './commit.ts';
import { benchCollection } from './collection.ts';
import { benchUnitSummary, SUMMARY_FORMATS } from './unit-summary.ts';
import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { median } from '../src/features/statistics/figures.ts';
import { benchDashboard, sampleRss } from './dashboard.ts';
import { generateProvince, SHAPES, verify } from './province.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const requested = option('scale') ?? 'province';
if (!['quick', 'province', 'full', 'national'].includes(requested)) {
  console.error(`--scale must be quick, province or national (got ${requested})`);
  process.exit(2);
}
const scale: 'quick' | 'province' | 'national' =
  requested === 'full' ? 'province' : (requested as 'quick' | 'province' | 'national');
/** The national run measures the data set alone: no intake, import or export figures. */
const national = scale === 'national';
const provincesOption = option('provinces');
const shape = { ...SHAPES[scale], ...(provincesOption ? { provinces: Number(provincesOption) } : {}) };
if (!Number.isInteger(shape.provinces ?? 1) || (shape.provinces ?? 1) < 1) {
  console.error(`--provinces must be a whole number ≥ 1 (got ${provincesOption})`);
  process.exit(2);
}
const only = option('only');
const part = option('part') ?? 'all';
if (!['all', 'intake'].includes(part)) {
  console.error(`--part must be all or intake (got ${part})`);
  process.exit(2);
}
const intakeOutcome = option('outcome') ?? 'answered_on_spot';
if (!['answered_on_spot', 'follow_up', 'transferred'].includes(intakeOutcome)) {
  console.error(`--outcome must be answered_on_spot, follow_up or transferred (got ${intakeOutcome})`);
  process.exit(2);
}
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
  bareBatchedUrl: string;
  cookie: string;
  csrfToken: string;
  campaignId: string;
  unitId: string;
  /** Whether the database keeps live figures (figure_counts) by triggers. */
  aggregates: boolean;
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
  const aggregates = target.aggregates;
  const connections = kind === 'postgres' ? 32 : 16;
  const body = {
    campaignId: target.campaignId,
    unitId: target.unitId,
    topic: '供暖',
    question: '今年什么时候开始供暖？老旧小区暖气不热怎么办？',
    answer: '11月1日起供暖；室温不达标可拨打供热服务热线报修。',
    outcome: intakeOutcome,
    rating: 'satisfied',
  };
  const real = () =>
    load(target.realUrl, { cookie: target.cookie, 'x-csrf-token': target.csrfToken }, body, connections, seconds, true);
  const bare = () => load(target.bareUrl, {}, body, connections, seconds, false);
  const bareBatched = () => load(target.bareBatchedUrl, {}, body, connections, seconds, false);
  try {
    const warmUp = [
      await load(target.bareUrl, {}, body, connections, 2, false),
      await load(target.bareBatchedUrl, {}, body, connections, 2, false),
      await load(
        target.realUrl,
        { cookie: target.cookie, 'x-csrf-token': target.csrfToken },
        body,
        connections,
        2,
        true,
      ),
    ];
    // Alternate the paths so that drift in the machine's load touches them alike, three rounds, and
    // take each path's median: one stall of a few seconds in a single ten-second run (seen once in
    // six province runs, the real path at 0.42 of the bare one against 0.67–0.85 otherwise) moves
    // a mean of two by a third and a median of three not at all.
    const runs = { bare: [] as Load[], batched: [] as Load[], real: [] as Load[] };
    // The server's memory while it takes the real intake load (its own process: /proc/PID/status).
    const rss: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await bare());
      runs.batched.push(await bareBatched());
      const sampler = sampleRss(child.pid!);
      runs.real.push(await real());
      rss.push(...sampler.stop());
    }
    const total = (ls: Load[], f: (l: Load) => number) => ls.reduce((a, l) => a + f(l), 0);
    const rate = (ls: Load[]) => median(ls.map((l) => l.perSecond))!;
    const bareRate = rate(runs.bare);
    const realRate = rate(runs.real);
    const batchedRate = rate(runs.batched);
    const rates = (ls: Load[]) => ls.map((l) => round(l.perSecond, 0)).join(' / ');
    const failed =
      total(runs.real, (l) => l.failed) + total(runs.bare, (l) => l.failed) + total(runs.batched, (l) => l.failed);
    const ratio = realRate / bareRate;
    figures.push({
      name: `intake.${kind}.bare`,
      value: round(bareRate),
      unit: 'req/s',
      baseline: null,
      ratio: null,
      goal: 'baseline',
      met: null,
      note: `one INSERT per request, no checks, no triggers; median of ${ROUNDS} runs (${rates(runs.bare)} req/s); p99 ${Math.max(...runs.bare.map((l) => l.p99))} ms, ${connections} connections`,
    });
    figures.push({
      name: `intake.${kind}.bare_batched`,
      value: round(batchedRate),
      unit: 'req/s',
      baseline: null,
      ratio: null,
      goal: 'baseline',
      met: null,
      note: `requests arriving together written by one multi-row INSERT (up to 64, the real path's batching), no checks, no triggers; median of ${ROUNDS} runs (${rates(runs.batched)} req/s); p99 ${Math.max(...runs.batched.map((l) => l.p99))} ms`,
    });
    figures.push({
      name: `intake.${kind}.real`,
      value: round(realRate),
      unit: 'req/s',
      baseline: round(bareRate),
      ratio: round(ratio, 3),
      goal: '≥ 0.6 × bare',
      met: ratio >= 0.6,
      note: `median of ${ROUNDS} runs alternating with the bare ones (${rates(runs.real)} req/s); p99 ${Math.max(...runs.real.map((l) => l.p99))} ms, ${connections} connections, ${failed} failed requests`,
    });
    figures.push({
      name: `intake.${kind}.real_vs_batched`,
      value: round(realRate),
      unit: 'req/s',
      baseline: round(batchedRate),
      ratio: round(realRate / batchedRate, 3),
      goal: 'reported',
      met: null,
      note: 'the real path against the bare route that batches as it does',
    });
    figures.push({
      name: `intake.${kind}.real_p99`,
      value: Math.max(...runs.real.map((l) => l.p99)),
      unit: 'ms',
      baseline: Math.max(...runs.bare.map((l) => l.p99)),
      ratio: round(Math.max(...runs.real.map((l) => l.p99)) / Math.max(...runs.bare.map((l) => l.p99)), 2),
      goal: 'reported',
      met: null,
      note: `worst p99 of the ${runs.real.length} real runs against the bare route's`,
    });
    figures.push({
      name: `intake.${kind}.server_rss`,
      value: round(Math.max(...rss)),
      unit: 'MiB',
      baseline: null,
      ratio: null,
      goal: 'reported',
      met: null,
      note: `peak VmRSS of the server process under the real intake load (first ${round(rss[0] ?? NaN)} MiB, ${rss.length} samples)${aggregates ? ', live figures kept by triggers' : ''}`,
    });
    const rows = await countRows(child);
    const loads = [...warmUp, ...runs.bare, ...runs.batched, ...runs.real];
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

/** The load runs of each intake path, alternating; each path's figure is its median. */
const ROUNDS = 3;

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
    // A step that failed may leave a statement running there that takes a while to stop: the
    // database is dropped once it has, and a drop that still fails does not hide the step's error.
    await admin.query('SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    await admin
      .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      .catch((error: Error) => console.error(`could not drop ${name}: ${error.message}`));
    await admin.end();
  }
}

const started = Date.now();
if (only !== 'postgres' && !national) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-bench-'));
  try {
    await benchIntake('embedded', { DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
if (only !== 'embedded' && !national) {
  await withScratchPostgres((url) => benchIntake('postgres', { DATABASE_URL: url, DATABASE_POOL_SIZE: '16' }));
}

if (part === 'all' && !national)
  await (await import('./import.ts')).benchImportExport({ scale: scale === 'quick' ? 'quick' : 'full', only, figures });

let postgresVersion: string | null = null;
if (part === 'all' && only !== 'embedded') await withScratchPostgres((url) => benchProvince(url));

/** The province campaign, the server on it, and the collection of the units' summaries. */
async function benchProvince(url: string): Promise<void> {
  console.log(
    `${(shape.provinces ?? 1) > 1 ? `national campaign of ${shape.provinces} provinces` : 'province campaign'} (${scale}): ${shape.units.toLocaleString('en-US')} units, ${shape.consultations.toLocaleString('en-US')} consultations, ${shape.cases.toLocaleString('en-US')} cases`,
  );
  const campaign = await generateProvince({ url, shape, log: console.log });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  postgresVersion = (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
  await client.end();
  const verifyStarted = performance.now();
  const problems = await verify(url, campaign.campaignId);
  // A data set that breaks a reference is a broken bench, not a slow one: the run fails.
  if (problems.length) process.exitCode = 1;
  figures.push({
    name: 'province.load',
    value: round(campaign.loadSeconds, 1),
    unit: 's',
    baseline: null,
    ratio: null,
    goal: '≤ 180 s, every reference and CHECK holds',
    met: campaign.loadSeconds <= 180 && problems.length === 0,
    note: `${campaign.units.toLocaleString('en-US')} units, ${campaign.consultations.toLocaleString('en-US')} consultations in ${campaign.visits.toLocaleString('en-US')} visits, ${campaign.cases.toLocaleString('en-US')} cases, ${campaign.caseEvents.toLocaleString('en-US')} case events (${round(campaign.consultations / campaign.loadSeconds)} consultations/s); checked in ${round((performance.now() - verifyStarted) / 1000)} s${problems.length ? `: ${problems.join('; ')}` : ''}`,
  });
  figures.push({
    name: 'province.rebuild_figures',
    value: campaign.rebuildSeconds === null ? -1 : round(campaign.rebuildSeconds, 1),
    unit: 's',
    baseline: null,
    ratio: null,
    goal: 'reported',
    met: null,
    note:
      campaign.rebuildSeconds === null
        ? 'no openday_rebuild_figures in this schema'
        : 'openday_rebuild_figures(campaign) after the bulk load',
  });
  await benchDashboard({ url, campaign, scale, figures, log: console.log });
  await benchOneSummary(url, campaign);
  if (!national) await benchSummaryCollection(url, campaign.campaignId, campaign.units);
}

/** One unit's summary as HTML, DOCX and PDF (bench/unit-summary.ts), computed from its records. */
async function benchOneSummary(
  url: string,
  campaign: { campaignId: string; deskUnitId: string; organizer: { username: string } },
): Promise<void> {
  const db = await openPostgres(url, 2);
  try {
    const times = await benchUnitSummary({
      db,
      campaignId: campaign.campaignId,
      unitId: campaign.deskUnitId,
      organizer: campaign.organizer.username,
    });
    for (const format of SUMMARY_FORMATS) {
      figures.push({
        name: `summary.${format}`,
        value: round(times[format].seconds, 2),
        unit: 's',
        baseline: null,
        ratio: null,
        goal: 'reported',
        met: null,
        note: `one unit's summary computed from its records (the busy district bureau), median of 3; ${round(times[format].bytes / 1024)} KiB`,
      });
    }
  } finally {
    await db.close();
  }
}

/**
 * The collection of every unit's summary (bench/collection.ts): goal under 2 minutes for 5,000
 * units.
 */
async function benchSummaryCollection(url: string, campaignId: string, units: number): Promise<void> {
  const db = await openPostgres(url, 4);
  try {
    const result = await benchCollection({ db, units });
    figures.push({
      name: 'collection.summaries',
      value: round(result.seconds, 1),
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 120 s',
      met: result.seconds <= 120,
      note: `${units.toLocaleString('en-US')} unit summaries; RSS peak ${round(result.rssMiB)} MiB`,
    });
  } finally {
    await db.close();
  }
}

const cpus = os.cpus();
const machine = {
  description: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${postgresVersion ? `, PostgreSQL ${postgresVersion}` : ''}`,
  cores: cpus.length,
  cpu: cpus[0]?.model.trim() ?? null,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgres: postgresVersion,
  platform: `${os.platform()} ${os.release()}`,
};
// The goals are set for a province's campaign; at national scale the figures are reported beside them.
if (national) {
  for (const figure of figures) {
    if (figure.met === null) continue;
    figure.goal = `reported (province goal: ${figure.goal})`;
    figure.met = null;
  }
}
const date = new Date().toISOString();
const commit = gitCommit();
console.log(`\nOpenDay bench (${scale}) at ${commit} on ${machine.description}, ${date}`);
for (const line of figureLines(figures)) console.log(line);
const out = option('out') ?? path.join(here, 'results', `${scale}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify({ scale, commit, machine, date, seconds: (Date.now() - started) / 1000, figures }, null, 2)}\n`,
);
console.log(`written to ${path.relative(process.cwd(), out)}`);

/** One line per figure: name, value, baseline, ratio, goal, pass/fail (and the note below it). */
function figureLines(list: readonly Figure[]): string[] {
  const show = (n: number | null, unit: string) => (n === null ? '—' : `${n} ${unit}`);
  const rows = list.map((f) => [
    f.name,
    f.value === -1 ? 'not measured' : show(f.value, f.unit),
    show(f.baseline, f.unit),
    f.ratio === null ? '—' : `${f.ratio}`,
    f.goal,
    f.met === null ? '—' : f.met ? 'pass' : 'fail',
  ]);
  const header = ['name', 'value', 'baseline', 'ratio', 'goal', 'pass/fail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.flatMap((r, i) => [line(r), ...(list[i]!.note ? [`    ${list[i]!.note}`] : [])])];
}
