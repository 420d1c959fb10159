/**
 * The collection of summaries (总结汇编) at scale: a campaign of N units (in a region tree of 14
 * cities and 100 districts), each with an approved summary, made with bulk SQL; then the
 * collection job run through the job queue, as the API queues it, once as DOCX and once as PDF.
 * Goal: 5,000 units in under 2 minutes each, memory not growing with the units.
 *
 *   node bench/collection.ts [--units 5000] [--database-url postgres://…]   (embedded by default)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SummaryDocument } from '../src/features/summaries/document.ts';
import { generateCollectionJob } from '../src/features/reports/collection-job.ts';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { enqueue } from '../src/platform/jobs/queue.ts';
import { startWorker } from '../src/platform/jobs/worker.ts';

const uuid = () => crypto.randomUUID();

/** A summary as long as the demo's (about three pages), its unit's name to be filled in. */
function templateDocument(language: 'zh-CN' | 'en-US'): SummaryDocument {
  const zh = language === 'zh-CN';
  const text = (t: string) => ({ runs: [{ kind: 'text' as const, text: t }] });
  const figure = (n: number) => ({
    runs: [
      { kind: 'text' as const, text: zh ? '共接待群众' : 'People received: ' },
      { kind: 'figure' as const, key: 'peopleReceived', value: n, text: String(n), href: null },
      {
        kind: 'text' as const,
        text: zh ? '人次，登记咨询和意见建议，当场答复率较高，群众满意。' : ', most answered on the spot.',
      },
    ],
  });
  const long = zh
    ? '本单位按照活动通知要求，精心组织，周密部署，围绕群众关心的热点难点问题，设立咨询服务台，发放宣传资料，现场解答群众咨询，做到有问必答、答必详尽，对不能当场答复的问题登记转办，限时答复，取得了良好效果。'
    : 'The unit organised the day as the notice asked, set up service desks, handed out materials and answered questions on the spot; questions that could not be answered were transferred and replied to within the limit.';
  const section = (key: string, heading: string, paragraphs: number) => ({
    key,
    heading,
    paragraphs: Array.from({ length: paragraphs }, (_, i) => (i === 1 ? figure(100 + i) : text(long))),
  });
  return {
    language,
    title: zh
      ? '{unit}关于2026年“5·15”政务公开日活动的总结'
      : 'Summary of {unit} on the 2026 “5·15” Government Open Day',
    opening: text(long),
    sections: [
      section('one', zh ? '一、组织领导和工作部署' : 'I. Organization and planning', 3),
      section('two', zh ? '二、宣传工作' : 'II. Publicity', 4),
      section('three', zh ? '三、现场服务' : 'III. On-site service', 4),
      section('four', zh ? '四、意见收集和办理' : 'IV. Opinions and follow-up', 3),
      section('five', zh ? '五、发现的问题和整改措施' : 'V. Problems found', 3),
    ],
  };
}

/** The campaign, its region tree, its organizer and N units with approved summaries, by bulk SQL. */
export async function benchSeed(db: Database, units: number): Promise<{ campaignId: string; organizerId: string }> {
  const province = uuid();
  const office = uuid();
  const organizerId = uuid();
  const campaignId = uuid();
  const tag = crypto.randomBytes(3).toString('hex');
  const code = (n: number) => `${tag}${String(n).padStart(6, '0')}`;
  await db.query(
    `INSERT INTO regions (id, code, name, name_en, level, path) VALUES ($1, $2, '基准省', 'Bench Province', 'province', $3)`,
    [province, code(0), `/${code(0)}/`],
  );
  // 14 cities and 100 districts under them.
  await db.query(
    `INSERT INTO regions (id, parent_id, code, name, name_en, level, path)
     SELECT gen_random_uuid(), $1, $2 || lpad((c * 100)::text, 6, '0'), '基准市' || c, 'City ' || c, 'city',
            $3 || $2 || lpad((c * 100)::text, 6, '0') || '/'
       FROM generate_series(1, 14) c`,
    [province, tag, `/${code(0)}/`],
  );
  await db.query(
    `INSERT INTO regions (id, parent_id, code, name, name_en, level, path)
     SELECT gen_random_uuid(), c.id, $1 || lpad((((d % 14) + 1) * 100 + d / 14 + 1)::text, 6, '0'), '基准区' || d, 'District ' || d,
            'district', c.path || $1 || lpad((((d % 14) + 1) * 100 + d / 14 + 1)::text, 6, '0') || '/'
       FROM generate_series(0, 99) d
       JOIN regions c ON c.code = $1 || lpad((((d % 14) + 1) * 100)::text, 6, '0')`,
    [tag],
  );
  await db.query(
    `INSERT INTO units (id, name, name_en, kind, region_id, path, region_path)
     VALUES ($1, '基准省政务公开办', 'Bench Province Office', 'office', $2, $3, $4)`,
    [office, province, `/${office}/`, `/${code(0)}/`],
  );
  await db.query(`INSERT INTO users (id, username, display_name, password_hash) VALUES ($1, $2, '基准组织者', 'x')`, [
    organizerId,
    `bench-organizer-${tag}`,
  ]);
  await db.query(`INSERT INTO memberships (user_id, unit_id, role) VALUES ($1, $2, 'organizer')`, [
    organizerId,
    office,
  ]);
  await db.query(
    `INSERT INTO campaigns (id, slug, title, title_en, theme, organizer_unit_id, open_day, starts_on, ends_on)
     VALUES ($1, $2, '基准省2026年政务公开日', 'Bench Open Day 2026', '基准', $3, '2026-05-15', '2026-05-15', '2026-05-15')`,
    [campaignId, `bench-${tag}`, office],
  );
  await db.query(
    `WITH d AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS n FROM regions WHERE level = 'district' AND code LIKE $2 || '%'),
          u AS (
            SELECT gen_random_uuid() AS id, i FROM generate_series(1, $1::int) i
          )
     INSERT INTO units (id, name, name_en, kind, region_id, path, region_path)
     SELECT u.id, '基准单位' || lpad(u.i::text, 5, '0'), 'Bench unit ' || u.i, 'bureau', d.id, '/' || u.id || '/', d.path
       FROM u JOIN d ON d.n = u.i % 100`,
    [units, tag],
  );
  await db.query(
    `INSERT INTO campaign_units (campaign_id, unit_id)
     SELECT $1, id FROM units WHERE name LIKE '基准单位%' AND region_path LIKE $2`,
    [campaignId, `/${code(0)}/%`],
  );
  await db.query(
    `INSERT INTO unit_summaries (campaign_id, unit_id, status, current_version, submitted_at, approved_at)
     SELECT $1, unit_id, 'approved', 1, now(), now() FROM campaign_units WHERE campaign_id = $1`,
    [campaignId],
  );
  const template = JSON.stringify({ 'zh-CN': templateDocument('zh-CN'), 'en-US': templateDocument('en-US') });
  await db.query(
    `INSERT INTO unit_summary_versions (campaign_id, unit_id, version, kind, document, figures, own_text)
     SELECT $1, u.id, 1, 'generated',
            replace(replace($2::text, '{unit}', u.name), 'Bench unit', coalesce(u.name_en, u.name))::jsonb,
            '{}'::jsonb, $3::jsonb
       FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1`,
    [
      campaignId,
      template,
      JSON.stringify({
        'zh-CN': { nextSteps: '一是巩固活动成果，把政务公开日活动常态化。\n二是对转办件逐件回访。', remarks: '' },
        'en-US': { nextSteps: '', remarks: '' },
      }),
    ],
  );
  return { campaignId, organizerId };
}

/** Runs one collection through the job queue and waits for it, sampling the process's memory. */
async function timeCollection(db: Database, campaignId: string, organizerId: string, format: 'docx' | 'pdf') {
  const id = uuid();
  await db.query(
    `INSERT INTO summary_collections (id, campaign_id, format, language, created_by) VALUES ($1, $2, $3, 'zh-CN', $4)`,
    [id, campaignId, format, organizerId],
  );
  const silent = {
    child: () => silent,
    info() {},
    warn() {},
    error() {},
    debug() {},
    trace() {},
    fatal() {},
    level: 'silent',
    silent() {},
  };
  const started = process.hrtime.bigint();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const worker = startWorker({
    db,
    log: silent as never,
    jobs: [generateCollectionJob],
    pollIntervalMs: 50,
  });
  try {
    await enqueue(db, generateCollectionJob, { collectionId: id });
    for (;;) {
      const { rows } = await db.query<{
        state: string;
        error: string | null;
        pages: number | null;
        bytes: string;
        units_done: number;
      }>('SELECT state, error, pages, bytes, units_done FROM summary_collections WHERE id = $1', [id]);
      const row = rows[0]!;
      if (row.state === 'failed') throw new Error(`collection failed: ${row.error}`);
      if (row.state === 'completed') {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        return {
          seconds,
          rssMiB: Math.round(peak / 1024 / 1024),
          rssGrowthMiB: Math.round((peak - baseline) / 1024 / 1024),
          pages: row.pages ?? undefined,
          bytes: Number(row.bytes),
          units: row.units_done,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    clearInterval(sampler);
    await worker.stop();
  }
}

export interface CollectionBenchResult {
  /** The slower of the two formats: each is to stay under 2 minutes at 5,000 units. */
  seconds: number;
  /** The highest resident set size seen during either run. */
  rssMiB: number;
  /** Pages of the PDF. */
  pages?: number;
  docx: Awaited<ReturnType<typeof timeCollection>>;
  pdf: Awaited<ReturnType<typeof timeCollection>>;
}

/**
 * Creates a campaign of `units` units with approved summaries (bulk SQL), then times the
 * collection job as DOCX and as PDF on `db` (migrated here if it is not yet).
 */
export async function benchCollection(opts: { db: Database; units: number }): Promise<CollectionBenchResult> {
  await migrate(opts.db);
  const { campaignId, organizerId } = await benchSeed(opts.db, opts.units);
  const docx = await timeCollection(opts.db, campaignId, organizerId, 'docx');
  const pdf = await timeCollection(opts.db, campaignId, organizerId, 'pdf');
  return {
    seconds: Math.max(docx.seconds, pdf.seconds),
    rssMiB: Math.max(docx.rssMiB, pdf.rssMiB),
    pages: pdf.pages,
    docx,
    pdf,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const units = Number(arg('--units') ?? 5000);
  const url = arg('--database-url');
  let db: Database;
  let cleanup = async () => {};
  if (url) {
    const { openPostgres } = await import('../src/platform/db/postgres.ts');
    db = await openPostgres(url, 4);
  } else {
    const { openCluster } = await import('../src/platform/db/cluster.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-bench-collection-'));
    db = await openCluster(dir, { server: false, poolSize: 4 });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const result = await benchCollection({ db, units });
    process.stdout.write(`${JSON.stringify({ units, ...result }, null, 2)}\n`);
  } finally {
    await db.close();
    await cleanup();
  }
}
