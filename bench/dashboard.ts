/**
 * Live figures and reports at province scale, for `npm run bench`: the real server
 * (`node src/main.ts serve`) on the province campaign's database (bench/province.ts), measured
 * from this process over the loopback.
 * - Dashboard: 50 viewers polling the campaign dashboard at once (autocannon, every answer's
 *   latency kept for exact percentiles), against a bare Fastify route running the plain
 *   `SELECT topic, count(*) … GROUP BY topic` on the same database with a pool of the same size.
 *   Goals: p95 ≤ 50 ms and at least 100 × the baseline's answers per second.
 * - Freshness: one consultation recorded through the API, then the dashboard polled until its
 *   totals include it. Goal: ≤ 5 s.
 * - The statistical summary of the whole campaign (JSON and XLSX). Goal: ≤ 5 s each.
 * - The server's memory (VmRSS of its process) sampled during the dashboard load, the XLSX and
 *   the largest export through the export route; the export's memory must not grow with the rows
 *   streamed.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import type { ProvinceCampaign } from './province.ts';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');

/** The route the live dashboard reads; the breakdown by topic stands in where a server lacks it. */
export const DASHBOARD_PATH = (campaignId: string) => `/api/v1/campaigns/${campaignId}/dashboard`;
export const DASHBOARD_FALLBACK_PATH = (campaignId: string) =>
  `/api/v1/campaigns/${campaignId}/statistics/breakdown?by=topic`;
/** Connections of the app's pool (DATABASE_POOL_SIZE) and of the baseline's. */
const POOL_SIZE = 10;

/** The shape of bench/run.ts's figures. */
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

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The resident memory of a process (MiB), from /proc; null where there is no /proc. */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; answers the samples (MiB). */
export function sampleRss(pid: number, everyMs = 100): { stop: () => number[]; samples: number[] } {
  const samples: number[] = [];
  const take = () => {
    const mib = rssMiB(pid);
    if (mib !== null) samples.push(mib);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

interface Polled {
  perSecond: number;
  answers: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `connections` viewers polling `url` for `seconds`; every 2xx answer's latency is kept. */
async function poll(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  amount?: number,
): Promise<Polled> {
  const latencies: number[] = [];
  // Without a callback autocannon answers an emitter that is also a promise of the result.
  const instance = autocannon({
    url,
    method: 'GET',
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    headers,
    timeout: 300,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: result['2xx'] / (result.duration || seconds),
    answers: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Starts a process and waits for the first line of its output that matches. */
async function started(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onLine = (line: string) => {
      const match = pattern.exec(line);
      if (match) {
        lines.off('line', onLine);
        child.off('exit', onExit);
        resolve(match);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`process exited with ${code} before it was ready`));
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function login(base: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('openday_session='));
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: session!, csrf: body.csrfToken };
}

/**
 * The count of consultations in a dashboard answer: the first number under a key named
 * `consultations`, breadth first, so `totals.consultations` wins over a per-topic count.
 */
export function consultationsTotal(answer: unknown): number | null {
  let level: unknown[] = [answer];
  while (level.length) {
    const next: unknown[] = [];
    for (const node of level) {
      if (node && typeof node === 'object' && !Array.isArray(node)) {
        const record = node as Record<string, unknown>;
        if (typeof record.consultations === 'number') return record.consultations;
        next.push(...Object.values(record).filter((v) => v && typeof v === 'object' && !Array.isArray(v)));
      }
    }
    level = next;
  }
  return null;
}

async function timedGet(
  url: string,
  cookie: string,
  pid: number,
): Promise<{ seconds: number; bytes: number; status: number; body: Buffer; rss: number[] }> {
  const rss = sampleRss(pid);
  const startedAt = performance.now();
  const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(600_000) });
  const body = Buffer.from(await response.arrayBuffer());
  const seconds = (performance.now() - startedAt) / 1000;
  return { seconds, bytes: body.length, status: response.status, body, rss: rss.stop() };
}

/** Streams an export, sampling the server's RSS against the rows received so far. */
async function streamedExport(
  url: string,
  cookie: string,
  pid: number,
): Promise<{ seconds: number; rows: number; samples: { rows: number; mib: number }[]; status: number }> {
  const samples: { rows: number; mib: number }[] = [];
  let rows = 0;
  const take = () => {
    const mib = rssMiB(pid);
    if (mib !== null) samples.push({ rows, mib });
  };
  take();
  const timer = setInterval(take, 100);
  const startedAt = performance.now();
  const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(900_000) });
  try {
    for await (const chunk of response.body!) {
      const bytes = chunk as Uint8Array;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) rows++;
    }
  } finally {
    clearInterval(timer);
  }
  take();
  return {
    seconds: (performance.now() - startedAt) / 1000,
    rows: Math.max(0, rows - 1),
    samples,
    status: response.status,
  };
}

/**
 * Runs the server on `url` (a database holding `campaign`) and the baseline beside it, and adds
 * the dashboard, freshness, statistics, XLSX and export figures.
 */
export async function benchDashboard({
  url,
  campaign,
  scale,
  figures,
  log = () => {},
}: {
  url: string;
  campaign: ProvinceCampaign;
  scale: 'quick' | 'province';
  figures: Figure[];
  log?: (line: string) => void;
}): Promise<void> {
  const seconds = scale === 'quick' ? 5 : 15;
  const viewers = 50;
  const server = spawn(process.execPath, [path.join(root, 'src/main.ts'), 'serve', '--no-demo'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BACKUP_INTERVAL_HOURS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseline = fork(here, ['--baseline'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    const base = (await started(server, /listening on (http:\/\/\S+)/))[1]!;
    const baselinePort = (await started(baseline, /^baseline listening on (\d+)$/))[1]!;
    const pid = server.pid!;
    const organizer = await login(base, campaign.organizer.username, campaign.organizer.password);
    const desk = await login(base, campaign.desk.username, campaign.desk.password);
    const viewer = { cookie: organizer.cookie };

    let dashboardPath = DASHBOARD_PATH(campaign.campaignId);
    let probe = await fetch(`${base}${dashboardPath}`, { headers: viewer });
    if (probe.status === 404) {
      dashboardPath = DASHBOARD_FALLBACK_PATH(campaign.campaignId);
      probe = await fetch(`${base}${dashboardPath}`, { headers: viewer });
    }
    if (!probe.ok) throw new Error(`GET ${dashboardPath}: ${probe.status} ${await probe.text()}`);
    const first = consultationsTotal(await probe.json());
    log(`  dashboard: GET ${dashboardPath.replace(campaign.campaignId, ':id')}, ${first} consultations`);

    // The baseline first, then the dashboard, each after a short warm-up.
    const baselineUrl = `http://127.0.0.1:${baselinePort}/topics?campaignId=${campaign.campaignId}`;
    await poll(baselineUrl, {}, viewers, 2);
    let bare = await poll(baselineUrl, {}, viewers, seconds);
    // A baseline too slow to answer within the run (each answer then takes longer than the run):
    // measured again by a fixed number of requests, two per viewer, however long they take.
    if (bare.answers < viewers) bare = await poll(baselineUrl, {}, viewers, seconds, viewers * 2);
    await poll(`${base}${dashboardPath}`, viewer, viewers, 2);
    const rss = sampleRss(pid);
    const live = await poll(`${base}${dashboardPath}`, viewer, viewers, seconds);
    const dashboardRss = rss.stop();
    const measured = dashboardPath.replace(campaign.campaignId, ':id');
    figures.push({
      name: 'dashboard.baseline_group_by',
      value: round(bare.perSecond, 2),
      unit: 'req/s',
      baseline: null,
      ratio: null,
      goal: 'baseline',
      met: null,
      note: `plain GROUP BY topic over ${campaign.consultations.toLocaleString('en-US')} rows, ${viewers} viewers × ${seconds} s, pool ${POOL_SIZE}: p50 ${round(bare.p50)} ms, p95 ${round(bare.p95)} ms, p99 ${round(bare.p99)} ms, ${bare.answers} answers, ${bare.failed} failed`,
    });
    const throughputRatio = live.perSecond / bare.perSecond;
    figures.push({
      name: 'dashboard.throughput',
      value: round(live.perSecond, 1),
      unit: 'req/s',
      baseline: round(bare.perSecond, 2),
      ratio: round(throughputRatio, 1),
      goal: '≥ 100 × baseline',
      met: bare.answers > 0 ? throughputRatio >= 100 && live.failed === 0 : null,
      note: `GET ${measured}, ${viewers} viewers × ${seconds} s, ${live.answers} answers, ${live.failed} failed; server RSS peak ${round(Math.max(...dashboardRss))} MiB`,
    });
    figures.push({
      name: 'dashboard.p95',
      value: round(live.p95),
      unit: 'ms',
      baseline: round(bare.p95),
      ratio: round(live.p95 / bare.p95, 4),
      goal: '≤ 50 ms',
      met: live.p95 <= 50,
      note: `p50 ${round(live.p50)} ms, p99 ${round(live.p99)} ms`,
    });

    // Freshness: one new consultation, then the dashboard until its totals include it.
    const before = consultationsTotal(await (await fetch(`${base}${dashboardPath}`, { headers: viewer })).json());
    const sentAt = performance.now();
    const posted = await fetch(`${base}/api/v1/consultations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: desk.cookie,
        'x-csrf-token': desk.csrf,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        campaignId: campaign.campaignId,
        unitId: campaign.deskUnitId,
        ...(campaign.deskId && { deskId: campaign.deskId }),
        topic: campaign.topics[0],
        question: '压测：新登记的一条咨询何时出现在看板上？',
        answer: '当场答复。',
        outcome: 'answered_on_spot',
        rating: 'satisfied',
      }),
    });
    if (posted.status !== 201) throw new Error(`POST /api/v1/consultations: ${posted.status} ${await posted.text()}`);
    let visibleAfter: number | null = null;
    while (performance.now() - sentAt < 60_000) {
      const now = consultationsTotal(await (await fetch(`${base}${dashboardPath}`, { headers: viewer })).json());
      if (before !== null && now !== null && now >= before + 1) {
        visibleAfter = (performance.now() - sentAt) / 1000;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    figures.push({
      name: 'dashboard.freshness',
      value: visibleAfter === null ? -1 : round(visibleAfter, 3),
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 5 s',
      met: visibleAfter !== null && visibleAfter <= 5,
      note:
        visibleAfter === null
          ? 'the new consultation did not appear within 60 s'
          : `from POST to the first dashboard answer counting it (${before} → ${before! + 1})`,
    });

    // The statistical summary of the whole campaign: the figures, then the XLSX.
    const statistics = await timedGet(`${base}/api/v1/campaigns/${campaign.campaignId}/statistics`, viewer.cookie, pid);
    if (statistics.status !== 200)
      throw new Error(`GET statistics: ${statistics.status} ${statistics.body.toString()}`);
    const statisticsRows = (JSON.parse(statistics.body.toString()) as { rows: unknown[] }).rows.length;
    figures.push({
      name: 'statistics.campaign',
      value: round(statistics.seconds, 2),
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 5 s',
      met: statistics.seconds <= 5,
      note: `GET /campaigns/:id/statistics, ${statisticsRows} unit rows and totals, ${round(statistics.bytes / 2 ** 20)} MiB JSON; server RSS peak ${round(Math.max(...statistics.rss))} MiB`,
    });
    const xlsx = await timedGet(
      `${base}/api/v1/campaigns/${campaign.campaignId}/statistical-summary.xlsx`,
      viewer.cookie,
      pid,
    );
    if (xlsx.status !== 200 || xlsx.body.subarray(0, 2).toString() !== 'PK') {
      throw new Error(`GET statistical-summary.xlsx: ${xlsx.status}`);
    }
    figures.push({
      name: 'statistics.summary_xlsx',
      value: round(xlsx.seconds, 2),
      unit: 's',
      baseline: null,
      ratio: null,
      goal: '≤ 5 s',
      met: xlsx.seconds <= 5,
      note: `GET /campaigns/:id/statistical-summary.xlsx, ${round(xlsx.bytes / 1024)} KiB; server RSS peak ${round(Math.max(...xlsx.rss))} MiB`,
    });

    // The largest export through the server: the whole campaign at quick scale; at province scale
    // the hotline records (about 8 %), which still take the server well past its start.
    const filter = scale === 'quick' ? '' : '&channel=hotline';
    const exported = await streamedExport(
      `${base}/api/v1/exports/consultations.csv?campaignId=${campaign.campaignId}${filter}`,
      viewer.cookie,
      pid,
    );
    if (exported.status !== 200) throw new Error(`GET exports/consultations.csv: ${exported.status}`);
    // Memory after the first fifth of the rows against the most seen later: flat when streaming.
    const early = exported.samples.filter((s) => s.rows <= exported.rows / 5);
    const late = exported.samples.filter((s) => s.rows > exported.rows / 5);
    const earlyPeak = Math.max(...early.map((s) => s.mib));
    const latePeak = late.length ? Math.max(...late.map((s) => s.mib)) : earlyPeak;
    const growth = latePeak - earlyPeak;
    figures.push({
      name: 'export.server.csv',
      value: round(exported.rows / exported.seconds),
      unit: 'rows/s',
      baseline: null,
      ratio: null,
      goal: 'server RSS grows ≤ 64 MiB after the first 20 % of rows',
      met: growth <= 64,
      note: `GET /exports/consultations.csv${filter ? `?…${filter}` : ''}: ${exported.rows.toLocaleString('en-US')} rows in ${round(exported.seconds, 1)} s; server RSS ${round(exported.samples[0]!.mib)} MiB at start, ${round(earlyPeak)} in the first 20 %, ${round(latePeak)} after (+${round(growth)})`,
    });
  } finally {
    await stop(server);
    await stop(baseline);
  }
}

/** The baseline: the plain GROUP BY of the dashboard's topic figure, nothing else. */
async function serveBaseline(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });
  const app = Fastify({ logger: false });
  app.get('/topics', async (request) => {
    const { campaignId } = request.query as { campaignId: string };
    const { rows } = await pool.query(
      'SELECT topic, count(*)::int AS consultations FROM consultations WHERE campaign_id = $1 GROUP BY topic',
      [campaignId],
    );
    return { items: rows };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`baseline listening on ${(app.server.address() as { port: number }).port}\n`);
  process.once('SIGTERM', async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
}

if (process.argv[2] === '--baseline') await serveBaseline();
