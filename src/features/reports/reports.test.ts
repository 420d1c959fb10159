import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { loadDemo } from '../demo/service.ts';
import { readXlsxRows } from '../imports/read-xlsx.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { documentText, type SummaryDocument } from '../summaries/document.ts';
import { readXlsxRows as readSheetRows } from '../../platform/documents/xlsx.ts';
import { STATISTICAL_COLUMNS, VILLAGE_COLUMNS } from './generate-statistical-summary.ts';
import { renderSummaryPdf } from './render-pdf.ts';

let t: TestApp;
let campaignId: string;
let heatingId: string;
let organizer: Client;
let heatingAdmin: Client;
let heatingDesk: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-reports-'));
const summaryUrl = (format: string, lang = 'zh-CN') =>
  `/api/v1/summaries/campaigns/${campaignId}/units/${heatingId}/summary.${format}?lang=${lang}`;

function zipEntry(buffer: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`${name} missing`)));
      zip.readEntry();
    });
  });
}

/** The text of every <w:t> of document.xml, paragraphs on lines of their own. */
const wordText = (xml: string) =>
  xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  t = await createTestApp();
  const loaded = await loadDemo(t.db);
  campaignId = loaded!.campaignId;
  const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM units WHERE name = '葫芦岛市供热办公室'`);
  heatingId = rows[0]!.id;
  const password = (username: string) => loaded!.accounts.find((a) => a.username === username)!.password;
  organizer = await login(t.app, 'organizer', password('organizer'));
  heatingAdmin = await login(t.app, 'heating-admin', password('heating-admin'));
  heatingDesk = await login(t.app, 'heating-desk', password('heating-desk'));
  const generated = await heatingAdmin.request({
    method: 'POST',
    url: `/api/v1/summaries/campaigns/${campaignId}/units/${heatingId}/summary/generate`,
    headers: { 'idempotency-key': 'reports-test-generate' },
  });
  expect(generated.statusCode, generated.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEATING_FACTS_ZH = [
  '共设立咨询服务台3个',
  '悬挂横幅3条',
  '参加活动工作人员25人',
  '共接待群众264人次',
  '当场答复62件',
];

describe('the summary as DOCX (GB/T 9704-2012)', () => {
  let xml: string;
  beforeAll(async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('docx') });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    xml = await zipEntry(response.rawPayload, 'word/document.xml');
  });

  it('is an A4 page with the margins of the standard, in twips', () => {
    const size = xml.match(/<w:pgSz [^>]*>/)![0];
    expect(size).toMatch(/w:w="11906"/);
    expect(size).toMatch(/w:h="16838"/);
    const margin = xml.match(/<w:pgMar [^>]*>/)![0];
    const twips = (name: string) => Number(margin.match(new RegExp(`w:${name}="(\\d+)"`))![1]);
    // 37 mm top, 28 mm left (binding), text block 156 × 225 mm: right 26 mm, bottom 35 mm; ±1 twip of rounding.
    expect(Math.abs(twips('top') - 2098)).toBeLessThanOrEqual(1);
    expect(Math.abs(twips('left') - 1587)).toBeLessThanOrEqual(1);
    expect(Math.abs(twips('right') - 1474)).toBeLessThanOrEqual(1);
    expect(Math.abs(twips('bottom') - 1984)).toBeLessThanOrEqual(1);
    expect(xml).toMatch(/<w:docGrid [^>]*w:linePitch="579"/);
  });

  it('sets the title, body and headings in the office fonts at 2号 and 3号', () => {
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toMatch(/<w:sz w:val="44"\/>/);
    expect(xml).toMatch(/<w:sz w:val="32"\/>/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="579"[^>]*w:lineRule="exact"|w:lineRule="exact"[^>]*w:line="579"/);
  });

  it("holds the Heating Office's figures and its sections", () => {
    const text = wordText(xml);
    expect(text).toContain('葫芦岛市供热办公室关于2026年“5·15”政务公开日活动的总结');
    for (const fact of HEATING_FACTS_ZH) expect(text).toContain(fact);
    for (const heading of ['一、', '二、', '三、', '四、', '五、', '六、']) expect(text).toContain(heading);
    // 落款: the unit and the date written, set right, closing the text.
    expect(text.trim()).toMatch(/葫芦岛市供热办公室\s*\d{4}年\d{1,2}月\d{1,2}日$/u);
    expect(xml).toContain('<w:jc w:val="right"/>');
  });

  it('writes page numbers as — 1 — in the footers', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('docx') });
    const footer = await zipEntry(response.rawPayload, 'word/footer1.xml');
    expect(footer).toContain('— </w:t>');
    expect(footer).toContain('PAGE');
  });

  it('is in English too', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('docx', 'en-US') });
    expect(response.statusCode).toBe(200);
    const text = wordText(await zipEntry(response.rawPayload, 'word/document.xml'));
    expect(text).toContain('Municipal Heating Office');
    expect(text).toContain('264 people were received');
    // English text is left-aligned, not justified on the Chinese grid.
    const english = await zipEntry(response.rawPayload, 'word/document.xml');
    expect(english).toContain('<w:jc w:val="left"/>');
    expect(english).not.toContain('<w:jc w:val="both"/>');
  });
});

describe('the summary as PDF', () => {
  it.skipIf(!hasPdftotext)('has its Chinese text extractable and intact, on A4', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('pdf') });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'summary.pdf');
    fs.writeFileSync(file, response.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('葫芦岛市供热办公室关于2026年“5·15”政务公开日活动的总结');
    for (const fact of HEATING_FACTS_ZH) expect(text).toContain(fact);
    expect(text).toContain('—1—');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it.skipIf(!hasPdftotext)('renders every paragraph of the document, in order', async () => {
    const summary = await heatingAdmin.request({
      method: 'GET',
      url: `/api/v1/summaries/campaigns/${campaignId}/units/${heatingId}/summary`,
    });
    const document = summary.json().document as SummaryDocument;
    const file = path.join(dir, 'direct.pdf');
    fs.writeFileSync(file, await renderSummaryPdf(document, 'zh-CN'));
    // Page numbers stand where the page breaks, inside a paragraph that runs on.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
      .replace(/\s+/g, '')
      .replace(/—\d+—/g, '');
    for (const line of documentText(document).split('\n')) expect(text).toContain(line.replace(/\s+/g, ''));
  });

  it('answers 404 for a unit the reader may not see', async () => {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM units WHERE name = '南芬区司法局'`);
    const response = await heatingAdmin.request({
      method: 'GET',
      url: `/api/v1/summaries/campaigns/${campaignId}/units/${rows[0]!.id}/summary.pdf`,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBeDefined();
  });

  it('answers 400 naming the field for a bad language', async () => {
    const response = await heatingAdmin.request({ method: 'GET', url: summaryUrl('docx', 'fr') });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('lang');
  });
});

describe('the statistical summary (统计汇总表)', () => {
  let statistics: CampaignStatistics;
  beforeAll(async () => {
    const response = await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` });
    expect(response.statusCode).toBe(200);
    statistics = response.json();
  });

  const expected = (figures: CampaignStatistics['totals']) =>
    STATISTICAL_COLUMNS.map((c) =>
      c.key === 'satisfactionRate'
        ? figures.satisfactionRate === null
          ? null
          : Math.round(figures.satisfactionRate * 1000) / 10
        : c.key === 'websitePosts'
          ? figures.media.gov_website.posts
          : c.key === 'wechatPosts'
            ? figures.media.wechat.posts
            : figures[c.key],
    );

  it('reads back from the XLSX with the figures of the records, subtotals per city and the total', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary.xlsx`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const file = path.join(dir, 'statistics.xlsx');
    fs.writeFileSync(file, response.rawPayload);
    const rows: (string | number | null)[][] = [];
    for await (const row of readXlsxRows(
      {
        path: file,
        name: 'statistics.xlsx',
        size: response.rawPayload.length,
        format: 'xlsx',
        encoding: null,
        hash: '',
      },
      () => {},
    ))
      rows.push(row.cells);
    // Two title lines (the title; the issuing office and date) stand above the header.
    const [header, ...body] = rows.slice(2);
    expect(header!.slice(0, 3)).toEqual(['单位', '地区', '服务台（个）']);
    const cells = (row: (string | number | null)[]) =>
      STATISTICAL_COLUMNS.map((_, i) => (row[i + 2] === '' || row[i + 2] === undefined ? null : row[i + 2]));
    for (const unit of statistics.rows) {
      const row = body.find((r) => r[0] === unit.unitName);
      expect(row, unit.unitName).toBeDefined();
      expect(cells(row!)).toEqual(expected(unit));
    }
    const heating = body.find((r) => r[0] === '葫芦岛市供热办公室')!;
    expect(heating[1]).toBe('葫芦岛市');
    expect(cells(heating).slice(0, 3)).toEqual([3, 25, 264]);
    const total = body.at(-1)!;
    expect(total[0]).toBe('合计');
    expect(cells(total)).toEqual(expected(statistics.totals));
    // Each subtotal adds up the units above it since the last subtotal.
    let group: (string | number | null)[][] = [];
    for (const row of body.slice(0, -1)) {
      if (String(row[0]).endsWith('小计')) {
        expect(row[1]).toBe(group[0]![1]);
        for (const column of ['peopleReceived', 'consultations', 'desks', 'banners'] as const) {
          const i = STATISTICAL_COLUMNS.findIndex((c) => c.key === column) + 2;
          expect(row[i]).toBe(group.reduce((s, r) => s + Number(r[i]), 0));
        }
        group = [];
      } else group.push(row);
    }
    expect(group).toEqual([]);
  });

  it('writes the same rows as CSV', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary.csv?lang=en-US`,
    });
    expect(response.statusCode).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Unit,Region,Desks,Staff,People received/);
    expect(lines.find((l) => l.startsWith('Huludao Municipal Heating Office,Huludao,3,25,264'))).toBeDefined();
    expect(lines.at(-1)).toMatch(/^Total,/);
  });

  it("has a sheet per village or community in the workbook's language, read back with the figures of the statistics", async () => {
    const villages = statistics.rows.flatMap((unit) => unit.villages.map((v) => ({ unit, v })));
    // The demo's township has mailboxes in two of its villages, and questions came through both.
    expect(villages.length).toBeGreaterThanOrEqual(2);
    expect(villages.filter(({ v }) => v.consultations > 0).length).toBeGreaterThanOrEqual(2);
    for (const [lang, sheet] of [
      ['zh-CN', '按村（社区）统计'],
      ['en-US', 'By village'],
    ] as const) {
      const response = await organizer.request({
        method: 'GET',
        url: `/api/v1/campaigns/${campaignId}/statistical-summary.xlsx?lang=${lang}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const file = path.join(dir, `villages-${lang}.xlsx`);
      fs.writeFileSync(file, response.rawPayload);
      const rows: (string | number | null)[][] = [];
      for await (const row of readSheetRows(file, response.rawPayload.length, () => {}, sheet)) rows.push(row.cells);
      const zh = lang === 'zh-CN';
      // Two title lines, then the header.
      const [header, ...body] = rows.slice(2);
      expect(header).toEqual([
        zh ? '单位' : 'Unit',
        zh ? '村（社区）' : 'Village or community',
        ...VILLAGE_COLUMNS.map((c) => (zh ? c.zh : c.en)),
      ]);
      expect(body).toHaveLength(villages.length + 1);
      const figures = (row: (string | number | null)[]) => row.slice(2).map(Number);
      for (const { unit, v } of villages) {
        const unitName = zh ? unit.unitName : (unit.unitNameEn ?? unit.unitName);
        const village = zh ? v.name : (v.nameEn ?? v.name);
        const row = body.find((r) => r[0] === unitName && r[1] === village);
        expect(row, `${unitName} ${village}`).toBeDefined();
        expect(figures(row!)).toEqual([
          v.hotlines,
          v.mailboxes,
          v.consultations,
          v.publicityItems,
          v.publicityQuantity,
        ]);
      }
      const total = body.at(-1)!;
      expect(total[0]).toBe(zh ? '合计' : 'Total');
      expect(figures(total)).toEqual(VILLAGE_COLUMNS.map((c) => villages.reduce((n, { v }) => n + v[c.key], 0)));
      if (!zh) expect(body.map((r) => r[1])).toContain('Box Village');
      else expect(body.map((r) => r[1])).toContain('箱子村');
    }
  });

  it('is refused to desk staff (exports.read)', async () => {
    const response = await heatingDesk.request({
      method: 'GET',
      url: `/api/v1/campaigns/${campaignId}/statistical-summary.xlsx`,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBeDefined();
  });
});
