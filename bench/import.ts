/**
 * Import and export figures for `npm run bench`, each against PostgreSQL's own COPY of the same
 * rows into (or out of) the same table, measured in the same run:
 * - import: a filled visit-record form (CSV, Chinese headers and words) through `importFile`, the
 *   path of the CLI and the upload route (encoding check and hash, then one transaction in which
 *   every row is checked and written) against `COPY consultations FROM` a file holding the same
 *   rows ready for the table, with the same kind of ids the importer writes (time-ordered
 *   UUIDv7). Goal: at most 2 × COPY's time. PostgreSQL: 1,000,000 rows (quick: 20,000); the
 *   embedded database (the PostgreSQL cluster under a data directory, ADR 16): 100,000 (quick:
 *   20,000), COPY there from a file too.
 *   From 100,000 rows up, COPY and the import each run twice, alternating, and the faster of each
 *   counts (both times are in the note).
 * - export: the same rows as CSV through `exportConsultations` (keyset pages → CSV → file) against
 *   `COPY (SELECT …) TO` a file, with the peak memory (RSS) of the exporting process. Goal: constant
 *   memory, shown by completing with the JavaScript heap capped far below the file's size.
 * Import and export run in child processes with a 128 MiB heap, so each one's peak memory is its own
 * and a run that held the rows in memory would fail.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCampaign } from '../src/features/campaigns/service.ts';
import { exportConsultations } from '../src/features/exports/service.ts';
import { importFile } from '../src/features/imports/service.ts';
import { createRegion } from '../src/features/regions/service.ts';
import { createUnit } from '../src/features/units/service.ts';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { joinCluster } from '../src/platform/db/cluster.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { newId } from '../src/platform/ids.ts';

const here = fileURLToPath(import.meta.url);

/** The shape of bench/run.ts's figures. */
interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
}

interface Target {
  kind: 'embedded' | 'postgres';
  /** The URL of the scratch database: on the PostgreSQL server, or on the embedded cluster. */
  where: string;
  campaignId: string;
  unitId: string;
}

const COPY_COLUMNS = [
  'id',
  'campaign_id',
  'unit_id',
  'visit_id',
  'occurred_at',
  'channel',
  'topic',
  'question',
  'answer',
  'outcome',
  'rating',
  'visitor_name',
  'visitor_phone',
  'contact_consent',
  'created_at',
];

const TOPICS = ['供暖', '社保', '医保', '公积金', '户籍', '不动产登记', '养老服务', '教育'];
const CHANNELS = [
  ['现场', 'on_site'],
  ['热线', 'hotline'],
  ['网上', 'online'],
] as const;
const OUTCOMES = [
  ['当场答复', 'answered_on_spot'],
  ['意见建议', 'suggestion'],
] as const;
const RATINGS = [
  ['满意', 'satisfied'],
  ['非常满意', 'very_satisfied'],
  ['基本满意', 'basically_satisfied'],
  ['', ''],
] as const;

const csvQuote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * The same rows twice: as the filled-in form a person imports, and as COPY's input for the table
 * (with the ids and instants an import would give them).
 */
async function writeRows(rows: number, target: Target, dir: string): Promise<{ form: string; copy: string }> {
  const form = path.join(dir, 'form.csv');
  const copy = path.join(dir, 'copy.csv');
  const formOut = fs.createWriteStream(form);
  const copyOut = fs.createWriteStream(copy);
  const write = (out: fs.WriteStream, text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(formOut, '\ufeff序号,日期,时间,渠道,咨询事项,问题,答复,处理方式,评价,姓名,电话,同意保留联系方式\r\n');
  const now = new Date().toISOString();
  let formBuffer = '';
  let copyBuffer = '';
  for (let i = 0; i < rows; i++) {
    const minutes = 8 * 60 + (i % 600);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const day = `2026-05-${String(10 + (i % 7)).padStart(2, '0')}`;
    const [channelZh, channel] = CHANNELS[i % CHANNELS.length]!;
    const [outcomeZh, outcome] = OUTCOMES[i % 7 === 0 ? 1 : 0];
    const [ratingZh, rating] = RATINGS[i % RATINGS.length]!;
    const topic = TOPICS[i % TOPICS.length]!;
    const question = `关于${topic}的问题，第${i}号：办理需要哪些材料，去哪里办，多久能办好？`;
    const answer = `已当场解答：携带身份证和相关证明到政务服务中心${topic}窗口办理，一般5个工作日内办结。`;
    const personal = i % 3 === 0;
    const name = personal ? `市民${i % 1000}` : '';
    const phone = personal ? `139${String(i).padStart(8, '0')}` : '';
    formBuffer += `${i + 1},${day},${time},${channelZh},${topic},${csvQuote(question)},${csvQuote(answer)},${outcomeZh},${ratingZh},${name},${phone},${personal ? '是' : ''}\r\n`;
    copyBuffer += `${[
      newId(),
      target.campaignId,
      target.unitId,
      newId(),
      `${day}T${time}:00+08:00`,
      channel,
      topic,
      csvQuote(question),
      csvQuote(answer),
      outcome,
      rating,
      name,
      phone,
      personal ? 't' : 'f',
      now,
    ].join(',')}\n`;
    if (formBuffer.length > 1 << 20) {
      await write(formOut, formBuffer);
      await write(copyOut, copyBuffer);
      formBuffer = copyBuffer = '';
    }
  }
  await write(formOut, formBuffer);
  await write(copyOut, copyBuffer);
  await Promise.all([formOut, copyOut].map((out) => new Promise((resolve) => out.end(resolve))));
  return { form, copy };
}

async function openTarget(target: Pick<Target, 'kind' | 'where'>): Promise<Database> {
  return openPostgres(target.where, 4);
}

async function seed(db: Database): Promise<{ campaignId: string; unitId: string; slug: string }> {
  await migrate(db);
  const suffix = Date.now().toString(36);
  const region = (
    await createRegion({ db, actor: null, input: { code: `I${suffix}`, name: '导入压测省', level: 'province' } })
  ).body;
  const office = (
    await createUnit({
      db,
      actor: null,
      input: { name: `导入压测公开办${suffix}`, kind: 'office', regionId: region.id },
    })
  ).body;
  const unit = (
    await createUnit({ db, actor: null, input: { name: `导入压测单位${suffix}`, kind: 'bureau', regionId: region.id } })
  ).body;
  const slug = `import-bench-${suffix}`;
  const campaign = (
    await createCampaign({
      db,
      actor: null,
      input: {
        slug,
        title: '导入压测',
        theme: '导入压测',
        openDay: '2026-05-15',
        startsOn: '2026-05-10',
        endsOn: '2026-05-20',
        organizerUnitId: office.id,
        unitIds: [unit.id],
      },
    })
  ).body;
  return { campaignId: campaign.id, unitId: unit.id, slug };
}

interface Measured {
  ms: number;
  rows: number;
  /** Highest RSS seen while it ran, and how far above the RSS before it started (MiB). */
  peakMiB: number;
  growthMiB: number;
}

/** The child's JavaScript heap limit (MiB). */
const HEAP_CAP_MIB = 128;

/** Runs one import or export in a child process; answers its time and peak memory. */
function inChild(mode: 'import' | 'export', target: Target & { file: string; slug: string }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(here, ['--child', mode, JSON.stringify(target)], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      // A JavaScript heap far smaller than the file: the run only completes if it streams.
      execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MIB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as Measured));
    child.once('exit', (code) => code !== 0 && reject(new Error(`bench ${mode} child exited with ${code}`)));
  });
}

async function child(mode: string, target: Target & { file: string; slug: string }): Promise<void> {
  const db = await openTarget(target);
  const mib = () => process.memoryUsage().rss / 2 ** 20;
  const before = mib();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, mib())), 20);
  const started = performance.now();
  let rows = 0;
  try {
    if (mode === 'import') {
      const result = await importFile({
        db,
        actor: null,
        campaignId: target.campaignId,
        unitId: target.unitId,
        kind: 'consultations',
        file: { path: target.file, name: path.basename(target.file) },
      });
      rows = result.body.rowsImported;
    } else {
      const file = await exportConsultations({
        db,
        actor: null,
        query: {
          campaignId: target.campaignId,
          columns: 'unit,date,time,channel,topic,question,answer,outcome,rating,visitorName,visitorPhone',
        },
        format: 'csv',
      });
      const out = fs.createWriteStream(target.file);
      for await (const chunk of file.stream) {
        rows += (chunk as Buffer).toString('utf8').split('\r\n').length - 1;
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise((resolve) => out.end(resolve));
      rows -= 1;
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  await db.close();
  peak = Math.max(peak, mib());
  process.send!({ ms, rows, peakMiB: peak, growthMiB: peak - before });
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function measure(target: Target & { slug: string }, rows: number, figures: Figure[], dir: string): Promise<void> {
  const files = await writeRows(rows, target, dir);
  const sizeMiB = round(fs.statSync(files.form).size / 2 ** 20);
  const copyColumns = COPY_COLUMNS.join(', ');

  // COPY of the same rows into the same table, from a fresh table, then emptied again; then the
  // import into the emptied table. At full scale this is done twice, alternating, and each side's
  // faster trial counts: one checkpoint or writeback burst falling into a single minute-long trial
  // moved the ratio by a third, and both sides get the same second chance.
  const trials = rows >= 100_000 ? 2 : 1;
  const copyTimes: number[] = [];
  const copyOutTimes: number[] = [];
  const imports: Measured[] = [];
  const exportSql = `SELECT un.name, to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'),
      to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI'), c.channel, c.topic, c.question, c.answer,
      c.outcome, c.rating, c.visitor_name, c.visitor_phone
    FROM consultations c JOIN units un ON un.id = c.unit_id WHERE c.campaign_id = '${target.campaignId}'
    ORDER BY c.occurred_at, c.id`;
  // The server reads and writes the files: both databases the same way.
  const client = new pg.Client({ connectionString: target.where });
  await client.connect();
  /** Empties the table (and the record of earlier imports of the form) and settles the disk. */
  const empty = async () => {
    await client.query('TRUNCATE consultations, imports CASCADE');
    await client.query('VACUUM ANALYZE consultations');
    await client.query('CHECKPOINT');
  };
  try {
    await client.query('CHECKPOINT');
    for (let trial = 0; trial < trials; trial++) {
      let started = performance.now();
      await client.query(`COPY consultations (${copyColumns}) FROM '${files.copy}' WITH (FORMAT csv)`);
      copyTimes.push(performance.now() - started);
      const copyOut = path.join(dir, 'copy-out.csv');
      started = performance.now();
      await client.query(`COPY (${exportSql}) TO '${copyOut}' WITH (FORMAT csv, HEADER)`);
      copyOutTimes.push(performance.now() - started);
      await empty();
      imports.push(await inChild('import', { ...target, file: files.form }));
      // The last trial's rows stay for the export.
      if (trial < trials - 1) await empty();
    }
  } finally {
    await client.end();
  }
  const copyMs = Math.min(...copyTimes);
  const copyOutMs = Math.min(...copyOutTimes);
  const imported = imports.reduce((a, b) => (b.ms < a.ms ? b : a));
  const importRatio = imported.ms / copyMs;
  const seconds = (times: number[]) => times.map((ms) => round(ms / 1000, 2)).join(' / ');
  const trialNote =
    trials > 1
      ? `; faster of ${trials} alternating trials each (import ${seconds(imports.map((m) => m.ms))} s, COPY ${seconds(copyTimes)} s)`
      : '';
  figures.push({
    name: `import.${target.kind}.copy`,
    value: round(rows / (copyMs / 1000)),
    unit: 'rows/s',
    baseline: null,
    ratio: null,
    goal: 'baseline',
    met: null,
    note: `${rows.toLocaleString('en-US')} rows in ${round(copyMs / 1000, 2)} s`,
  });
  figures.push({
    name: `import.${target.kind}.import`,
    value: round(rows / (imported.ms / 1000)),
    unit: 'rows/s',
    baseline: round(rows / (copyMs / 1000)),
    ratio: round(importRatio, 2),
    goal: `time ≤ 2 × COPY, ${HEAP_CAP_MIB} MiB heap`,
    met: importRatio <= 2 && imports.every((m) => m.rows === rows),
    note: `${imported.rows.toLocaleString('en-US')} rows (${sizeMiB} MiB CSV) in ${round(imported.ms / 1000, 2)} s vs COPY ${round(copyMs / 1000, 2)} s, RSS ${round(Math.max(...imports.map((m) => m.peakMiB)))} MiB (+${round(Math.max(...imports.map((m) => m.growthMiB)))})${trialNote}`,
  });

  const exported = await inChild('export', { ...target, file: path.join(dir, 'export.csv') });
  figures.push({
    name: `export.${target.kind}.csv`,
    value: round(rows / (exported.ms / 1000)),
    unit: 'rows/s',
    baseline: round(rows / (copyOutMs / 1000)),
    ratio: round(exported.ms / copyOutMs, 2),
    goal: `all rows with a ${HEAP_CAP_MIB} MiB heap`,
    met: exported.rows === rows,
    note: `${exported.rows.toLocaleString('en-US')} rows in ${round(exported.ms / 1000, 2)} s vs COPY TO ${round(copyOutMs / 1000, 2)} s, peak RSS ${round(exported.peakMiB)} MiB (+${round(exported.growthMiB)} while exporting)`,
  });
}

/** Adds the import and export figures; PostgreSQL is skipped when its server does not answer. */
export async function benchImportExport({
  scale,
  only,
  figures,
}: {
  scale: string;
  only: string | undefined;
  figures: Figure[];
}): Promise<void> {
  const quick = scale === 'quick';
  if (only !== 'postgres') {
    // COPY FROM a file is read by the cluster's own user: the files go where it may read them.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-bench-import-'));
    fs.chmodSync(dir, 0o777);
    const cluster = await joinCluster(path.join(dir, 'data'), { server: false });
    try {
      const db = await openPostgres(cluster.url, 2);
      const seeded = await seed(db);
      await db.close();
      await measure({ kind: 'embedded', where: cluster.url, ...seeded }, quick ? 20_000 : 100_000, figures, dir);
    } finally {
      await cluster.leave();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (only !== 'embedded') {
    const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    try {
      await admin.connect();
    } catch {
      console.log(`PostgreSQL at ${adminUrl} does not answer: skipping the import figures`);
      return;
    }
    const name = `openday_bench_import_${crypto.randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // COPY FROM a file is read by the server: the files go where it may read them.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-bench-import-'));
    fs.chmodSync(dir, 0o777);
    try {
      const db = await openPostgres(url.toString(), 2);
      const seeded = await seed(db);
      await db.close();
      await measure({ kind: 'postgres', where: url.toString(), ...seeded }, quick ? 20_000 : 1_000_000, figures, dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, JSON.parse(process.argv[4]!) as Target & { file: string; slug: string });
}

/** A filled-in visit-record form of `rows` rows (CSV) under dir, for a command-line import. */
export async function writeForm(rows: number, dir: string): Promise<string> {
  const ids = { campaignId: crypto.randomUUID(), unitId: crypto.randomUUID() };
  return (await writeRows(rows, { kind: 'embedded', where: dir, ...ids }, dir)).form;
}
