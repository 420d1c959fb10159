/**
 * `npm run soak`: the open day's rush, held for a minute. Many desk staff record consultations
 * (each desk its own account and session, each record its own Idempotency-Key) while dashboard
 * viewers poll the statistics, against the real server (`openday serve`, its own process) from
 * this process on the loopback, with autocannon.
 *
 * PostgreSQL: 200 desks + 50 viewers; the embedded database: 20 desks + 5 viewers; 60 s each.
 * Passes when no request failed (no error, no timeout, no non-2xx answer) and no record was lost:
 * every id answered with a 201 is in the database. Reports throughput, p50/p99 latency per group
 * and the server's memory (RSS, sampled every second). Writes bench/results/soak.json.
 *
 * Options: --only embedded|postgres, --seconds N, --desks N, --viewers N (both databases).
 * PostgreSQL: DATABASE_URL names a server database to create a scratch database from
 * (default postgres://postgres@127.0.0.1:5432/test); skipped when it does not answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { login } from '../src/features/auth/service.ts';
import { createCampaign } from '../src/features/campaigns/service.ts';
import { createRegion } from '../src/features/regions/service.ts';
import { createUnit } from '../src/features/units/service.ts';
import { createUser } from '../src/features/users/service.ts';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { openCluster } from '../src/platform/db/cluster.ts';
import { gitCommit } from './commit.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('only');
const seconds = Number(option('seconds') ?? 60);
const PASSWORD = 'soak-password-2026';
const DESKS_PER_UNIT = 10;

interface Scale {
  desks: number;
  viewers: number;
}
const scales: Record<'postgres' | 'embedded', Scale> = {
  postgres: { desks: Number(option('desks') ?? 200), viewers: Number(option('viewers') ?? 50) },
  embedded: { desks: Number(option('desks') ?? 20), viewers: Number(option('viewers') ?? 5) },
};

interface Session {
  cookie: string;
  csrfToken: string;
}

interface Seeded {
  campaignId: string;
  desks: { unitId: string; session: Session }[];
  viewers: Session[];
}

/**
 * A campaign with one unit per ten desks, a desk_staff account per desk and an organizer or unit
 * admin account per viewer, each signed in (the login service, as the login route runs it).
 */
async function seed(db: Database, scale: Scale): Promise<Seeded> {
  const tag = Date.now().toString(36);
  const region = (
    await createRegion({ db, actor: null, input: { code: `S${tag}`, name: '压测省', level: 'province' } })
  ).body;
  const office = (
    await createUnit({ db, actor: null, input: { name: `压测公开办${tag}`, kind: 'office', regionId: region.id } })
  ).body;
  const units: string[] = [];
  for (let i = 0; i < Math.ceil(scale.desks / DESKS_PER_UNIT); i++) {
    units.push(
      (
        await createUnit({
          db,
          actor: null,
          input: { name: `压测单位${i}-${tag}`, kind: 'bureau', regionId: region.id },
        })
      ).body.id,
    );
  }
  const campaign = (
    await createCampaign({
      db,
      actor: null,
      input: {
        slug: `soak-${tag}`,
        title: '压测政务公开日',
        theme: '压测',
        openDay: '2026-05-15',
        organizerUnitId: office.id,
        unitIds: units,
      },
    })
  ).body;
  const signIn = async (username: string, role: 'desk_staff' | 'organizer' | 'unit_admin', unitId: string) => {
    await createUser({ db, actor: null, input: { username, password: PASSWORD, displayName: username, role, unitId } });
    const { token, csrfToken } = await login({ db, username, password: PASSWORD, ip: '127.0.0.1', userAgent: 'soak' });
    return { cookie: `openday_session=${token}`, csrfToken };
  };
  const desks: Seeded['desks'] = [];
  for (let i = 0; i < scale.desks; i++) {
    const unitId = units[Math.floor(i / DESKS_PER_UNIT)]!;
    desks.push({ unitId, session: await signIn(`soak-desk-${i}-${tag}`, 'desk_staff', unitId) });
  }
  const viewers: Session[] = [];
  for (let i = 0; i < scale.viewers; i++) {
    // A fifth of the dashboards are the organizer's (every unit); the rest a unit admin's own.
    viewers.push(
      i % 5 === 0
        ? await signIn(`soak-organizer-${i}-${tag}`, 'organizer', office.id)
        : await signIn(`soak-admin-${i}-${tag}`, 'unit_admin', units[i % units.length]!),
    );
  }
  return { campaignId: campaign.id, desks, viewers };
}

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/openday.js'), 'serve', '--no-demo'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BASE_URL: 'http://localhost:3000',
      BACKUP_INTERVAL_HOURS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      onData(chunk);
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** The server's resident memory, sampled every second while the load runs. */
function sampleRss(pid: number): { stop: () => { peakMiB: number; lastMiB: number; samples: number } } {
  const read = () => {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  const values: number[] = [];
  const timer = setInterval(() => {
    const v = read();
    if (v !== undefined) values.push(v);
  }, 1000);
  return {
    stop: () => {
      clearInterval(timer);
      const last = read() ?? values.at(-1) ?? 0;
      return { peakMiB: round(Math.max(last, ...values)), lastMiB: round(last), samples: values.length };
    },
  };
}

interface Group {
  connections: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function summarize(result: autocannon.Result, connections: number, ok: number): Group {
  return {
    connections,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    perSecond: round(ok / (result.duration || seconds)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
  };
}

const TOPICS = ['供暖', '社保', '医保', '公积金', '户籍', '不动产登记', '养老服务', '教育'];

async function soak(kind: 'embedded' | 'postgres', env: Record<string, string>, db: () => Promise<Database>) {
  const scale = scales[kind];
  const started = Date.now();
  const seeded = await (async () => {
    const d = await db();
    try {
      await migrate(d);
      return await seed(d, scale);
    } finally {
      await d.close();
    }
  })();
  console.log(`${kind}: seeded ${scale.desks} desks and ${scale.viewers} viewers in ${Date.now() - started} ms`);
  const { child, url } = await startServer(env);
  const rss = sampleRss(child.pid!);
  const acknowledged = new Set<string>();
  const failures: string[] = [];
  let nextDesk = 0;
  let nextViewer = 0;
  let viewerOk = 0;
  let n = 0;

  type Context = { session?: Session; unitId?: string };
  const desks = autocannon({
    url,
    connections: scale.desks,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/consultations',
        setupRequest: (request, context: Context) => {
          if (!context.session) {
            const desk = seeded.desks[nextDesk++ % seeded.desks.length]!;
            context.session = desk.session;
            context.unitId = desk.unitId;
          }
          const i = n++;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              cookie: context.session.cookie,
              'x-csrf-token': context.session.csrfToken,
              'idempotency-key': crypto.randomUUID(),
            },
            body: JSON.stringify({
              campaignId: seeded.campaignId,
              unitId: context.unitId,
              topic: TOPICS[i % TOPICS.length],
              question: `第${i}位群众：${TOPICS[i % TOPICS.length]}的事情去哪里办？需要带什么材料？`,
              answer: '到政务服务中心对应窗口办理，携带身份证。',
              outcome: 'answered_on_spot',
              rating: i % 3 ? 'satisfied' : 'very_satisfied',
            }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) acknowledged.add((JSON.parse(body) as { id: string }).id);
          else if (failures.length < 20) failures.push(`desk ${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const viewerRequest = (by?: string): autocannon.Request => ({
    method: 'GET',
    path: `/api/v1/campaigns/${seeded.campaignId}/statistics${by ? `/breakdown?by=${by}` : ''}`,
    setupRequest: (request, context: Context) => {
      context.session ??= seeded.viewers[nextViewer++ % seeded.viewers.length]!;
      return { ...request, headers: { cookie: context.session.cookie } };
    },
    onResponse: (status, body) => {
      if (status === 200) viewerOk++;
      else if (failures.length < 20) failures.push(`viewer ${status} ${body.slice(0, 300)}`);
    },
  });
  const viewers = autocannon({
    url,
    connections: scale.viewers,
    duration: seconds,
    timeout: 10,
    requests: [viewerRequest(), viewerRequest('hour'), viewerRequest('topic'), viewerRequest('outcome')],
  });
  const [deskResult, viewerResult] = await Promise.all([desks, viewers]);
  const memory = rss.stop();

  // Count what was stored once the server has finished what was in flight and stopped.
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const stored = await (async () => {
    const d = await db();
    try {
      const { rows } = await d.query<{ id: string }>('SELECT id FROM consultations WHERE campaign_id = $1', [
        seeded.campaignId,
      ]);
      return new Set(rows.map((r) => r.id));
    } finally {
      await d.close();
    }
  })();
  const lost = [...acknowledged].filter((id) => !stored.has(id)).length;
  const desk = summarize(deskResult, scale.desks, acknowledged.size);
  const viewer = summarize(viewerResult, scale.viewers, viewerOk);
  const failed = desk.non2xx + desk.errors + desk.timeouts + viewer.non2xx + viewer.errors + viewer.timeouts;
  return {
    database: kind,
    seconds,
    desks: desk,
    viewers: viewer,
    records: {
      acknowledged: acknowledged.size,
      stored: stored.size,
      lost,
      // Requests in flight when the load stopped are stored but their answers were not counted.
      storedUnacknowledged: stored.size - (acknowledged.size - lost),
    },
    serverRssMiB: memory,
    failed,
    failures,
    passed: failed === 0 && lost === 0,
  };
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
    console.log(`PostgreSQL at ${adminUrl} does not answer: skipping it`);
    return undefined;
  }
  const name = `openday_soak_${crypto.randomBytes(4).toString('hex')}`;
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

const runs: Awaited<ReturnType<typeof soak>>[] = [];
if (only !== 'embedded') {
  const run = await withScratchPostgres((url) =>
    soak('postgres', { DATABASE_URL: url, DATA_DIR: os.tmpdir() }, () => openPostgres(url, 4)),
  );
  if (run) runs.push(run);
}
if (only !== 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-soak-'));
  try {
    runs.push(
      await soak('embedded', { DATA_DIR: dataDir, DATABASE_URL: '' }, () =>
        openCluster(dataDir, { server: false, poolSize: 2 }),
      ),
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
for (const r of runs) {
  console.log(
    `\n${r.database}: ${r.desks.connections} desks + ${r.viewers.connections} viewers, ${r.seconds} s — ${r.passed ? 'held' : 'FAILED'}`,
  );
  for (const [name, g] of [
    ['desks (POST consultations)', r.desks],
    ['viewers (GET statistics)', r.viewers],
  ] as const) {
    console.log(
      `  ${name.padEnd(28)} ${String(g.ok).padStart(7)} ok  ${String(g.perSecond).padStart(7)}/s  p50 ${g.p50Ms} ms  p99 ${g.p99Ms} ms  max ${g.maxMs} ms  non-2xx ${g.non2xx}  errors ${g.errors}  timeouts ${g.timeouts}`,
    );
  }
  console.log(
    `  records: ${r.records.acknowledged} acknowledged, ${r.records.stored} stored, ${r.records.lost} lost; server RSS peak ${r.serverRssMiB.peakMiB} MiB`,
  );
  for (const f of r.failures) console.log(`  ${f}`);
}
const out = path.join(here, 'results', 'soak.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify({ commit: gitCommit(), machine, date: new Date().toISOString(), runs }, null, 2)}\n`,
);
console.log(`written to ${path.relative(process.cwd(), out)}`);
process.exitCode = runs.length > 0 && runs.every((r) => r.passed) ? 0 : 1;
