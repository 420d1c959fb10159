/**
 * Writes docs/reliability.md from what the runs recorded — never typed by hand:
 * - bench/results/soak.json (`npm run soak`): load held;
 * - test-results/reliability/<fault>-<embedded|postgres>.json (the tests in test/faults/): faults
 *   survived;
 * - test-results/reliability/hostile-<embedded|postgres>.json (the hostile-input tests): bad inputs
 *   tried, with requests, endpoints, status2xx, status4xx and status5xx.
 * A result that is missing is reported as not run. Usage: `node bench/reliability-report.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results', 'reliability');
const soakFile = path.join(root, 'bench', 'results', 'soak.json');
const out = path.join(root, 'docs', 'reliability.md');
const DATABASES = ['postgres', 'embedded'] as const;
type Db = (typeof DATABASES)[number];
const dbName: Record<Db, string> = { postgres: 'PostgreSQL', embedded: 'embedded PostgreSQL' };

type Json = Record<string, unknown>;
const readJson = (file: string): Json | undefined =>
  fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Json) : undefined;
const result = (name: string, db: Db) => readJson(path.join(resultsDir, `${name}-${db}.json`));
const num = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : '—');
const yes = (ok: unknown) => (ok === true ? '✓' : ok === false ? '✗' : '—');
const day = (json: Json | undefined) => (typeof json?.date === 'string' ? json.date.slice(0, 10) : '');
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const lines: string[] = [];
const lostTotals: { what: string; lost: number | undefined; duplicates: number | undefined }[] = [];

// Load held
interface Group {
  connections: number;
  ok: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface SoakRun {
  database: Db;
  seconds: number;
  desks: Group;
  viewers: Group;
  records: { acknowledged: number; stored: number; lost: number };
  serverRssMiB: { peakMiB: number };
  passed: boolean;
}
const soak = readJson(soakFile) as { commit?: string; machine?: string; date?: string; runs?: SoakRun[] } | undefined;
lines.push('## Load held', '');
if (soak?.runs?.length) {
  lines.push(
    `\`npm run soak\` on ${soak.machine} (${soak.date?.slice(0, 10)}${soak.commit ? `, commit ${soak.commit}` : ''}): desk staff record consultations (each desk its own ` +
      'account and session, each record its own Idempotency-Key) while dashboard viewers poll the statistics, driven by ' +
      'autocannon from a second process on the loopback against `openday serve`.',
    '',
    table(
      [
        'database',
        'desks + viewers',
        'seconds',
        'records (201)',
        'records/s',
        'desk p50 / p99',
        'dashboard reads',
        'dashboard p50 / p99',
        'failed requests',
        'records lost',
        'server RSS peak',
        'held',
      ],
      soak.runs.map((r) => [
        dbName[r.database],
        `${r.desks.connections} + ${r.viewers.connections}`,
        String(r.seconds),
        num(r.records.acknowledged),
        num(r.desks.perSecond),
        `${r.desks.p50Ms} / ${r.desks.p99Ms} ms`,
        num(r.viewers.ok),
        `${r.viewers.p50Ms} / ${r.viewers.p99Ms} ms`,
        num(
          r.desks.non2xx + r.desks.errors + r.desks.timeouts + r.viewers.non2xx + r.viewers.errors + r.viewers.timeouts,
        ),
        num(r.records.lost),
        `${r.serverRssMiB.peakMiB} MiB`,
        yes(r.passed),
      ]),
    ),
  );
  for (const r of soak.runs)
    lostTotals.push({ what: `soak, ${dbName[r.database]}`, lost: r.records.lost, duplicates: 0 });
} else {
  lines.push('Not run: `npm run soak` writes bench/results/soak.json.');
}

// Faults survived
lines.push('', '## Faults survived', '');
const faultRows: string[][] = [];
const fault = (name: string, dbs: readonly Db[], describe: (r: Json) => [string, string]) => {
  for (const db of dbs) {
    const r = result(name, db);
    if (!r) {
      faultRows.push([name, dbName[db], 'not run', '—', '—', '—']);
      continue;
    }
    const [what, seen] = describe(r);
    faultRows.push([what, dbName[db], seen, num(r.lost), num(r.duplicates), `${yes(r.passed)} ${day(r)}`]);
    lostTotals.push({
      what: `${name}, ${dbName[db]}`,
      lost: typeof r.lost === 'number' ? r.lost : undefined,
      duplicates: typeof r.duplicates === 'number' ? r.duplicates : undefined,
    });
  }
};
fault('kill-intake', DATABASES, (r) => [
  'kill -9 during a burst of intake',
  `${num(r.requests)} requests from ${num(r.clients)} clients; killed after ${num(r.acknowledgedBeforeKill)} acknowledged ` +
    `(${num(r.acknowledgedMissing)} of them missing after restart); restarted in ${num(r.restartMs)} ms; ` +
    `every request retried with its key: ${num(r.rowsAfterRetry)} rows, ${num(r.retriesReplayed)} answered from the stored reply`,
]);
fault('kill-import', DATABASES, (r) => [
  'kill -9 during an import',
  `${num(r.rows)}-row file killed with ${num(r.rowsWrittenInTransactionAtKill)} rows written in its transaction; ` +
    `${num(r.rowsStoredAfterKill)} rows after restart; imported again: ${num(r.rowsAfterReimport)} rows ` +
    `(HTTP ${String(r.reimportStatus)}), a third time: HTTP ${String(r.thirdImportStatus)}, nothing added`,
]);
fault('database-down', ['postgres'], (r) => [
  'PostgreSQL unreachable for 10 s under load',
  `${num(r.requests)} requests: ${num(r.answered503)} answered 503 database_unavailable (slowest ${num(r.slowest503Ms)} ms), ` +
    `${num(r.otherFailures)} other failures; /healthz said down ${num(r.healthChecksDuringOutage)} times; serving again ` +
    `${num(Math.max(Number(r.recoveredWriteMs), Number(r.recoveredReadMs)))} ms after its return; ` +
    `${num(r.acknowledgedWrites)} acknowledged writes all stored, ${num(r.refusedWritesRetried)} refused ones retried and stored once`,
]);
{
  const r = result('data-dir', 'embedded');
  if (!r) faultRows.push(['data directory read-only, full, or taken', dbName.embedded, 'not run', '—', '—', '—']);
  else {
    const ro = r.readOnly as Json | undefined;
    const full = r.fullDisk as Json | undefined;
    const second = r.secondProcess as Json | undefined;
    if (ro)
      faultRows.push([
        'data directory read-only',
        dbName.embedded,
        `refused to start, exit code ${String(ro.exitCode)}: "${String(ro.message).replace(/\/tmp\/\S+/, 'DATA_DIR')}"; files unchanged; ${ro.startsAfterRemountRw ? 'started and served its data once writable again' : ''}`,
        '—',
        '—',
        `${yes(r.passed)} ${day(r)}`,
      ]);
    else
      faultRows.push(['data directory read-only', dbName.embedded, 'skipped (mounting not permitted)', '—', '—', '—']);
    if (full) {
      faultRows.push([
        'data directory on a full disk',
        dbName.embedded,
        `${num(full.refused507)} writes answered 507 insufficient_storage, server stayed up and kept reading; after space was freed they were retried and stored; ${num(full.recordsIntact)} records intact`,
        num(full.lost),
        num(full.duplicates),
        `${yes(r.passed)} ${day(r)}`,
      ]);
      lostTotals.push({ what: 'full disk, embedded', lost: Number(full.lost), duplicates: Number(full.duplicates) });
    } else
      faultRows.push([
        'data directory on a full disk',
        dbName.embedded,
        'skipped (mounting not permitted)',
        '—',
        '—',
        '—',
      ]);
    if (second)
      faultRows.push([
        'second process on the same data directory',
        dbName.embedded,
        `refused (serve exit ${String(second.serveExitCode)}, CLI exit ${String(second.cliExitCode)}); the first kept serving`,
        '—',
        '—',
        `${yes(r.passed)} ${day(r)}`,
      ]);
  }
}
fault('job-failure', DATABASES, (r) => [
  'a background job that keeps throwing',
  `${num(r.attempts)} attempts, waits ${Array.isArray(r.delaysMs) ? r.delaysMs.map((d) => `${num(d)} ms`).join(', ') : '—'} ` +
    `(backoff ${num(r.retryDelayMs)} ms doubling), picked up by another worker after the first stopped; ` +
    `ended "${String(r.finalState)}" with its error, listed by GET /api/v1/jobs?state=failed`,
]);
lines.push(table(['fault', 'database', 'what happened', 'records lost', 'stored twice', 'passed'], faultRows));

// Bad inputs tried
lines.push('', '## Bad inputs tried', '');
const hostile = DATABASES.map((db) => [db, result('hostile', db)] as const);
if (hostile.some(([, r]) => r)) {
  lines.push(
    'Generated bodies, query strings and headers (wrong types, missing and extra fields, huge and deeply nested values, ' +
      'invalid UTF-8, NUL bytes, emoji, right-to-left and zero-width characters, SQL and script payloads) thrown at every ' +
      'public and write endpoint.',
    '',
    table(
      [
        'database',
        'requests',
        'endpoints',
        'answered 4xx',
        'answered 2xx',
        'answered 5xx',
        'stored from a refused one',
        'passed',
      ],
      hostile.map(([db, r]) => {
        if (!r) return [dbName[db], 'not run', '—', '—', '—', '—', '—', '—'];
        // The hostile-input tests write their totals under `totals`, with each test file's part beside them.
        const t = (r.totals ?? {}) as Record<string, unknown>;
        return [
          dbName[db],
          num(t.requestsTried),
          num(t.endpointsCovered),
          num(t.status4xx),
          num(t.status2xx),
          num(t.status5xx),
          num(t.refusedButStored),
          `${yes(t.status5xx === 0 && t.refusedButStored === 0)} ${String(r.updatedAt ?? '').slice(0, 10)}`,
        ];
      }),
    ),
  );
} else {
  lines.push('Not run: the hostile-input tests write test-results/reliability/hostile-<database>.json.');
}

// Nothing lost
const known = lostTotals.filter((t) => t.lost !== undefined && !Number.isNaN(t.lost));
const lost = known.reduce((a, t) => a + (t.lost ?? 0), 0);
const twice = known.reduce((a, t) => a + (t.duplicates ?? 0), 0);
lines.push(
  '',
  '## Nothing lost',
  '',
  known.length
    ? `Across ${known.length} runs (${known.map((t) => t.what).join('; ')}): **${lost} acknowledged records lost, ${twice} stored twice.**`
    : 'No run recorded what it stored.',
);

const header = [
  '# Reliability',
  '',
  '<!-- Generated by `node bench/reliability-report.ts` from bench/results/soak.json and test-results/reliability/*.json; do not edit by hand. -->',
  '',
  'What OpenDay held under load, which faults it survived and what bad input it refused, as measured by the runs ' +
    'named in each section (`npm run soak`; the fault tests in test/faults/, which run in `npm test` on both databases; ' +
    'the hostile-input tests). "Lost" counts records whose write was acknowledged (HTTP 201) and that were not in the ' +
    'database afterwards; "stored twice" counts records stored more than once after clients retried with the same ' +
    'Idempotency-Key.',
  '',
];
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
console.log(`written to ${path.relative(process.cwd(), out)}`);
