import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from '../../../test/app.ts';
import { buildCampaign, buildUnit } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { loadConfig } from '../../config.ts';
import { actorFor } from '../users/acting-user.ts';
import { Authenticator, registerAuthentication, requirePolicies } from '../../platform/auth/authenticate.ts';
import type { Database } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app-types.ts';
import { registerErrorHandling } from '../../platform/http/errors.ts';
import { ErrorResponse } from '../../platform/http/schemas.ts';
import { registerValidation } from '../../platform/http/validation.ts';
import { authRoutes } from '../auth/routes.ts';
import { campaignRoutes } from '../campaigns/routes.ts';
import { consultationRoutes } from '../consultations/routes.ts';
import { loadDemo } from '../demo/service.ts';
import { writeCsv } from '../../platform/documents/write-csv.ts';
import { headerRowOf, writeXlsx } from '../../platform/documents/write-xlsx.ts';
import { CONSULTATION_COLUMNS } from '../imports/columns.ts';
import { readXlsxRows } from '../imports/read-xlsx.ts';
import { statisticsRoutes } from '../statistics/routes.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { chartRoutes } from './chart-routes.ts';
import { reportRoutes } from './routes.ts';
import {
  chartSheet,
  collectChartData,
  MAX_BARS,
  renderStatisticsCharts,
  topWithOthers,
  type RenderedChart,
} from './charts.ts';
import {
  compareFigures,
  COMPARISON_COLUMNS,
  STATISTICAL_COLUMNS,
  statisticalSheet,
  statisticalTable,
  type StatisticalFigures,
  type StatisticalSummary,
} from './generate-statistical-summary.ts';
import { FORM_PAGE, formColumns } from './visit-record-form.ts';

/**
 * The platform buildApp installs (error shape, validation, sessions, the policy gate) with the
 * routes these tests need, chart-routes among them.
 */
async function buildReportApp(db: Database): Promise<App> {
  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('db', db);
  app.decorate('config', loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }));
  app.decorate('authenticator', new Authenticator(db));
  app.decorate('routeTable', []);
  requirePolicies(app, app.routeTable);
  registerErrorHandling(app);
  registerValidation(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addSchema(ErrorResponse);
  registerAuthentication(app, app.authenticator);
  await app.register(
    async (api: App) => {
      for (const routes of [
        authRoutes,
        campaignRoutes,
        consultationRoutes,
        statisticsRoutes,
        reportRoutes,
        chartRoutes,
      ])
        await api.register(routes);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let db: Database;
let drop: () => Promise<void>;
let app: App;
let campaignId: string;
let earlierId: string;
let heatingId: string;
let justiceId: string;
let organizer: Client;
let heatingDesk: Client;
let earlierStatistics: CampaignStatistics;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-statistical-summary-'));

/** The earlier campaign's visits at the heating office: [outcome, rating] of one question each. */
const EARLIER_VISITS = [
  ['answered_on_spot', 'very_satisfied'],
  ['answered_on_spot', 'satisfied'],
  ['answered_on_spot', 'dissatisfied'],
  ['follow_up', 'basically_satisfied'],
  ['answered_on_spot', null],
] as const;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  const loaded = await loadDemo(db);
  campaignId = loaded!.campaignId;
  app = await buildReportApp(db);
  const password = (username: string) => loaded!.accounts.find((a) => a.username === username)!.password;
  organizer = await login(app, 'organizer', password('organizer'));
  heatingDesk = await login(app, 'heating-desk', password('heating-desk'));
  const unit = async (name: string) =>
    (await db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name])).rows[0]!.id;
  heatingId = await unit('葫芦岛市供热办公室');
  justiceId = await unit('南芬区司法局');
  const demo = (await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}` })).json();

  // The open day a year earlier: the heating office took part (and recorded five visits), the
  // justice bureau did not.
  const earlier = await organizer.request({
    method: 'POST',
    url: '/api/v1/campaigns',
    payload: {
      slug: 'demo-2025',
      title: '2025年政务公开日',
      theme: '政务公开 便民利民',
      organizerUnitId: demo.organizerUnitId,
      openDay: '2025-05-15',
      unitIds: [heatingId],
    },
  });
  expect(earlier.statusCode, earlier.body).toBe(201);
  earlierId = earlier.json().id;
  for (const [i, [outcome, rating]] of EARLIER_VISITS.entries()) {
    const response = await heatingDesk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      headers: { 'idempotency-key': `earlier-visit-${i}` },
      payload: {
        campaignId: earlierId,
        unitId: heatingId,
        occurredAt: '2025-05-15T09:30:00+08:00',
        topic: '供暖',
        question: `去年的问题${i + 1}`,
        outcome,
        ...(rating && { rating }),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  earlierStatistics = (
    await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${earlierId}/statistics` })
  ).json();
});

afterAll(async () => {
  await app?.close();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the earlier campaign a campaign is compared with', () => {
  it('is refused when it is the campaign itself, later, or missing, naming the field', async () => {
    for (const previousCampaignId of [campaignId, '00000000-0000-7000-8000-000000000000']) {
      const response = await organizer.request({
        method: 'PATCH',
        url: `/api/v1/campaigns/${campaignId}`,
        payload: { previousCampaignId },
      });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.details[0].field).toBe('previousCampaignId');
    }
    const later = await organizer.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${earlierId}`,
      payload: { previousCampaignId: campaignId },
    });
    expect(later.statusCode, later.body).toBe(422);
  });

  it('is set by the organizer, and the earlier one cannot then move after it', async () => {
    const response = await organizer.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaignId}`,
      payload: { previousCampaignId: earlierId },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().previousCampaignId).toBe(earlierId);
    const read = await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}` });
    expect(read.json().previousCampaignId).toBe(earlierId);

    const moved = await organizer.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${earlierId}`,
      payload: { openDay: '2026-06-01', startsOn: '2026-06-01', endsOn: '2026-06-01' },
    });
    expect(moved.statusCode, moved.body).toBe(422);
    expect(moved.json().error.details[0].field).toBe('openDay');
  });

  it('is not for desk staff to set', async () => {
    const response = await heatingDesk.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${campaignId}`,
      payload: { previousCampaignId: null },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the change against the earlier campaign', () => {
  let summary: StatisticalSummary;
  let statistics: CampaignStatistics;
  beforeAll(async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary`,
    });
    expect(response.statusCode, response.body).toBe(200);
    summary = response.json();
    statistics = (await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` })).json();
  });

  it('names the earlier campaign', () => {
    expect(summary.previousCampaign).toMatchObject({ id: earlierId, slug: 'demo-2025', openDay: '2025-05-15' });
  });

  it('lives beside the statistical summary files', async () => {
    const xlsx = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary.xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('matches the unit by id: the heating office then and now, absolute and in percent', () => {
    const row = summary.rows.find((r) => r.kind === 'unit' && r.id === heatingId)!;
    const now = statistics.rows.find((r) => r.unitId === heatingId)!;
    const then = earlierStatistics.rows.find((r) => r.unitId === heatingId)!;
    // What was recorded: five visits of one question, four answered on the spot, four rated, three satisfied.
    expect(then).toMatchObject({ peopleReceived: 5, consultations: 5, answeredOnSpot: 4, rated: 4 });
    expect(row.figures.peopleReceived).toBe(now.peopleReceived);
    expect(row.figures.peopleReceived).toBe(264);
    expect(row.comparison!.peopleReceived).toEqual({
      previous: 5,
      change: 264 - 5,
      changePercent: Math.round(((264 - 5) / 5) * 1000) / 10,
    });
    expect(row.comparison!.consultations).toEqual({
      previous: 5,
      change: now.consultations - 5,
      changePercent: Math.round(((now.consultations - 5) / 5) * 1000) / 10,
    });
    expect(row.comparison!.answeredOnSpot.previous).toBe(4);
    expect(row.comparison!.answeredOnSpot.change).toBe(now.answeredOnSpot - 4);
    // 3 of 4 satisfied: 75.0%; the change in percentage points.
    const rateNow = Math.round(now.satisfactionRate! * 1000) / 10;
    expect(row.comparison!.satisfactionRate.previous).toBe(75);
    expect(row.comparison!.satisfactionRate.change).toBe(Math.round((rateNow - 75) * 10) / 10);
  });

  it('has no comparison for a unit that did not take part then', () => {
    const row = summary.rows.find((r) => r.kind === 'unit' && r.id === justiceId)!;
    expect(row.comparison).toBeNull();
  });

  it('compares the total with the earlier total, and the city with the earlier units of that city', () => {
    const total = summary.rows.find((r) => r.kind === 'total')!;
    expect(total.figures.peopleReceived).toBe(statistics.totals.peopleReceived);
    expect(total.comparison!.peopleReceived.previous).toBe(earlierStatistics.totals.peopleReceived);
    expect(total.comparison!.peopleReceived.change).toBe(
      statistics.totals.peopleReceived - earlierStatistics.totals.peopleReceived,
    );
    const heatingRow = summary.rows.findIndex((r) => r.id === heatingId);
    const subtotal = summary.rows.slice(heatingRow).find((r) => r.kind === 'subtotal')!;
    expect(subtotal.comparison!.peopleReceived.previous).toBe(5);
    const otherSubtotals = summary.rows.filter((r) => r.kind === 'subtotal' && r.id !== subtotal.id);
    for (const row of otherSubtotals) expect(row.comparison, row.label).toBeNull();
  });

  it('writes the comparison columns into the XLSX and the CSV, read back with the same figures', async () => {
    const file = path.join(dir, 'statistics.xlsx');
    await pipeline(writeXlsx([statisticalSheet(summary)]), fs.createWriteStream(file));
    const rows: (string | number | null)[][] = [];
    const size = fs.statSync(file).size;
    for await (const row of readXlsxRows(
      { path: file, name: 'statistics.xlsx', size, format: 'xlsx', encoding: null, hash: '' },
      () => {},
    ))
      rows.push(row.cells);
    // The title lines stand above the header.
    const [header, ...body] = rows.slice(headerRowOf(statisticalSheet(summary)) - 1);
    const first = 2 + STATISTICAL_COLUMNS.length;
    expect(header!.slice(first)).toEqual(COMPARISON_COLUMNS.map((c) => c.zh));
    expect(header).toContain('上届接待群众（人次）');
    expect(header).toContain('满意率增减（百分点）');
    const heating = body.find((r) => r[0] === '葫芦岛市供热办公室')!;
    const expected = summary.rows.find((r) => r.id === heatingId)!.comparison!;
    const column = (key: string, part: string) =>
      first + COMPARISON_COLUMNS.findIndex((c) => c.key === key && c.part === part);
    expect(heating[column('peopleReceived', 'previous')]).toBe(5);
    expect(heating[column('peopleReceived', 'change')]).toBe(expected.peopleReceived.change);
    expect(heating[column('peopleReceived', 'changePercent')]).toBe(expected.peopleReceived.changePercent);
    expect(heating[column('satisfactionRate', 'previous')]).toBe(75);
    const justice = body.find((r) => r[0] === '南芬区司法局')!;
    expect(justice.slice(first).every((cell) => cell === '' || cell === null || cell === undefined)).toBe(true);

    const csvFile = path.join(dir, 'statistics.csv');
    await pipeline(writeCsv(statisticalTable(summary)), fs.createWriteStream(csvFile));
    const csv = parse(fs.readFileSync(csvFile, 'utf8').replace(/^\ufeff/, '')) as string[][];
    expect(csv[0]).toEqual(header!.map(String));
    const heatingCsv = csv.find((r) => r[0] === '葫芦岛市供热办公室')!;
    expect(Number(heatingCsv[column('peopleReceived', 'change')])).toBe(expected.peopleReceived.change);
  });

  it('has English headers in English', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary?lang=en-US`,
    });
    const english: StatisticalSummary = response.json();
    expect(statisticalTable(english)[0]).toContain('Previous: people received');
    expect(english.rows.at(-1)!.label).toBe('Total');
  });

  it('without an earlier campaign has no comparison columns', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${earlierId}/statistical-summary`,
    });
    const alone: StatisticalSummary = response.json();
    expect(alone.previousCampaign).toBeNull();
    expect(alone.rows.every((r) => r.comparison === null)).toBe(true);
    expect(statisticalTable(alone)[0]).toHaveLength(2 + STATISTICAL_COLUMNS.length);
  });

  it('computes the change in percent only where the earlier figure is a number above zero', () => {
    const figures = (over: Partial<StatisticalFigures>): StatisticalFigures => ({
      desks: 0,
      staff: null,
      peopleReceived: 0,
      consultations: 0,
      answeredOnSpot: 0,
      handledOnSpot: 0,
      leaderReceptions: 0,
      followUp: 0,
      transferred: 0,
      suggestions: 0,
      complaints: 0,
      repliedOnTime: 0,
      rated: 0,
      satisfactionRate: null,
      materialsPrinted: null,
      materialsDistributed: 0,
      banners: 0,
      panels: 0,
      mediaReports: 0,
      websitePosts: 0,
      wechatPosts: 0,
      mediaReach: 0,
      meetings: 0,
      symposiums: 0,
      meetingParticipants: null,
      opinions: 0,
      opinionsAnswered: 0,
      opinionsTransferred: 0,
      opinionsAdopted: 0,
      ...over,
    });
    const change = compareFigures(
      figures({ peopleReceived: 30, consultations: 9, satisfactionRate: 90.5 }),
      figures({ peopleReceived: 0, consultations: 12, satisfactionRate: null }),
    );
    expect(change.peopleReceived).toEqual({ previous: 0, change: 30, changePercent: null });
    expect(change.consultations).toEqual({ previous: 12, change: -3, changePercent: -25 });
    expect(change.satisfactionRate).toEqual({ previous: null, change: null, changePercent: null });
  });
});

describe('the charts, rendered on the server', () => {
  const chart = (name: string, client = organizer, lang = 'zh-CN') =>
    client.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistics/charts/${name}.png?lang=${lang}`,
    });

  it.each(['units', 'topics', 'satisfaction'])('%s is a PNG', async (name) => {
    const response = await chart(name);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const meta = await sharp(response.rawPayload).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1920);
    fs.writeFileSync(path.join(dir, `${name}.png`), response.rawPayload);
    if (process.env.OPENDAY_KEEP_CHARTS)
      fs.copyFileSync(path.join(dir, `${name}.png`), `${process.env.OPENDAY_KEEP_CHARTS}/${name}.png`);
    // Not a blank image: the bars, slices and text leave many colours and a spread of values.
    const stats = await sharp(response.rawPayload).stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(10);
  });

  it('refuses a chart it does not have, and readers without the right', async () => {
    expect((await chart('nothing')).statusCode).toBe(400);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistics/charts/units.png`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('a unit reader gets the chart of their own unit only', async () => {
    const response = await chart('units', heatingDesk, 'en-US');
    expect(response.statusCode).toBe(200);
    const mine = await chart('units', organizer, 'en-US');
    // One bar instead of ten: a shorter image.
    const height = async (buffer: Buffer) => (await sharp(buffer).metadata()).height!;
    expect(await height(response.rawPayload)).toBeLessThan(await height(mine.rawPayload));
  });

  it('shows regions instead of units when there are more units than bars', async () => {
    const organizerActor = await actorFor(db, 'organizer');
    const { rows } = await db.query<{ id: string; region_id: string }>(
      `SELECT u.id, u.region_id FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1`,
      [campaignId],
    );
    // As many more units as make one too many for a bar each, in the demo's regions.
    const extra = [];
    for (let i = 0; rows.length + extra.length <= MAX_BARS; i++)
      extra.push((await buildUnit(db, { regionId: rows[i % rows.length]!.region_id, name: `新增单位${i}` })).id);
    const demo = (await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}` })).json();
    const wide = await buildCampaign(db, {
      organizerUnitId: demo.organizerUnitId,
      openDay: '2026-06-15',
      unitIds: [...rows.map((r) => r.id), ...extra],
    });
    const data = await collectChartData({ db, actor: organizerActor, campaignId: wide.id, language: 'zh-CN' });
    expect(data.places.by).toBe('region');
    expect(data.places.items.length).toBeLessThanOrEqual(MAX_BARS);
    expect(data.places.items.length).toBeGreaterThan(0);
    const units = await collectChartData({
      db,
      actor: organizerActor,
      campaignId,
      language: 'zh-CN',
      names: ['units'],
    });
    expect(units.places.by).toBe('unit');
    expect(units.places.items.reduce((s, i) => s + i.peopleReceived, 0)).toBe(units.statistics.totals.peopleReceived);
    expect(units.topics).toEqual([]);
  });

  it('keeps the top bars and adds the rest up as others', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      name: `单位${i}`,
      peopleReceived: 20 - i,
      consultations: 1,
    }));
    const top = topWithOthers(items, 15, '其他');
    expect(top).toHaveLength(15);
    expect(top.slice(0, 14).map((i) => i.name)).toEqual(items.slice(0, 14).map((i) => i.name));
    expect(top[14]).toEqual({ name: '其他', peopleReceived: 6 + 5 + 4 + 3 + 2 + 1, consultations: 6 });
    expect(topWithOthers(items.slice(0, 15), 15, '其他')).toHaveLength(15);
  });
});

/** The names of the entries of a ZIP (an XLSX). */
function zipEntries(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

/** Does the XLSX writer place pictures on a sheet (xl/media, xl/drawings)? */
async function writerDrawsImages(): Promise<boolean> {
  const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  const sheet = {
    name: 'x',
    columns: [],
    header: ['x'],
    rows: [],
    images: [{ png, row: 1, column: 0, width: 2, height: 2, description: 'x' }],
  };
  const entries = await zipEntries(Buffer.concat(await writeXlsx([sheet]).toArray()));
  return entries.includes('xl/media/image1.png');
}

const drawsImages = await writerDrawsImages();

describe('the charts sheet of the workbook', () => {
  let charts: RenderedChart[];
  beforeAll(async () => {
    charts = await renderStatisticsCharts({
      db,
      actor: await actorFor(db, 'organizer'),
      campaignId,
      language: 'zh-CN',
    });
  });

  it('puts each chart under its title, at its drawn size, one after the other', async () => {
    expect(charts.map((c) => c.name)).toEqual(['units', 'topics', 'satisfaction']);
    const sheet = chartSheet(charts, 'zh-CN');
    expect(sheet.name).toBe('图表 Charts');
    const rows = [...(sheet.rows as (string | number | null)[][])];
    sheet.images.forEach((image, i) => {
      expect(image.png).toBe(charts[i]!.png);
      expect([image.width, image.height]).toEqual([charts[i]!.size.width, charts[i]!.size.height]);
      // The title in the row just above the picture (sheet row 0 is the header; data row k is sheet row k + 1).
      expect(rows[image.row - 2]).toEqual([charts[i]!.title]);
      const next = sheet.images[i + 1];
      if (next) expect((next.row - image.row) * 20).toBeGreaterThan(image.height);
    });
    expect(charts[0]!.title).toBe('各单位接待群众与咨询');
  });

  it.skipIf(!drawsImages)('is embedded in the XLSX as pictures (when the writer draws images)', async () => {
    const summary: StatisticalSummary = (
      await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistical-summary` })
    ).json();
    const xlsx = Buffer.concat(await writeXlsx([statisticalSheet(summary), chartSheet(charts, 'zh-CN')]).toArray());
    const entries = await zipEntries(xlsx);
    expect(entries).toEqual(
      expect.arrayContaining(['xl/drawings/drawing2.xml', 'xl/media/image1.png', 'xl/media/image3.png']),
    );
  });
});

describe('the blank visit-record form', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    const response = await heatingDesk.request({ method: 'GET', url: '/api/v1/forms/visit-record.pdf?pages=2' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    pdf = response.rawPayload;
    fs.writeFileSync(path.join(dir, 'form.pdf'), pdf);
  });

  it('lays the import template columns across the page in their order', () => {
    const columns = formColumns();
    expect(columns.map((c) => c.key)).toEqual(CONSULTATION_COLUMNS.map((c) => c.key));
    for (let i = 1; i < columns.length; i++)
      expect(columns[i]!.x).toBeCloseTo(columns[i - 1]!.x + columns[i - 1]!.width, 6);
    const last = columns.at(-1)!;
    expect(last.x + last.width).toBeCloseTo(FORM_PAGE.width - FORM_PAGE.margin, 6);
  });

  it('is rendered once per page count: asked again, the same bytes', async () => {
    const again = await heatingDesk.request({ method: 'GET', url: '/api/v1/forms/visit-record.pdf?pages=2' });
    expect(again.statusCode).toBe(200);
    expect(again.rawPayload.equals(pdf)).toBe(true);
    const onePage = await heatingDesk.request({ method: 'GET', url: '/api/v1/forms/visit-record.pdf' });
    expect(onePage.statusCode).toBe(200);
    expect(onePage.rawPayload.equals(pdf)).toBe(false);
  });

  it('needs a signed-in user and a page count in range', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/forms/visit-record.pdf' })).statusCode).toBe(401);
    const tooMany = await heatingDesk.request({ method: 'GET', url: '/api/v1/forms/visit-record.pdf?pages=51' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].field).toContain('pages');
  });

  it.skipIf(!hasPoppler)(
    'is A4 landscape with the Chinese headers in the order of the template and the font embedded',
    () => {
      const file = path.join(dir, 'form.pdf');
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+2/);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      // The header row's text, left to right (-layout keeps one line per table row).
      const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('政务公开日来访登记表');
      for (const label of ['单位：', '咨询台：', '日期：', '记录人：']) expect(text).toContain(label);
      const headerLine = text.split('\n').find((l) => l.includes('序号') && l.includes('问题'))!;
      const positions = CONSULTATION_COLUMNS.filter((c) => c.key !== 'contactConsent').map((c) =>
        headerLine.indexOf(c.zh),
      );
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).toContain('同意保留');
      for (const column of CONSULTATION_COLUMNS) expect(text).toContain(column.en.split(' ')[0]);
      expect(text).toContain('openday import');
      expect(text).toMatch(/第 1 页 \/ 共 2 页/);
    },
  );
});
