import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { DEMO_UNITS, type DemoUnitKey } from '../demo/data.ts';
import { loadDemo } from '../demo/service.ts';
import { checkSummaryText, type Finding } from './check.ts';
import { registerSummaryCheckCommand } from './cli.ts';
import { readDocxText } from './read-docx.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'reference');
/** The ten summaries of the reference collection, split per unit, and the demo unit that wrote each. */
const REFERENCE: Record<string, DemoUnitKey> = {
  '01-justice.txt': 'justice',
  '02-heating.txt': 'heating',
  '03-scenery.txt': 'scenery',
  '04-pingxiang.txt': 'pingxiang',
  '05-kuiying.txt': 'kuiying',
  '06-township.txt': 'township',
  '07-radio-tv.txt': 'shenyang',
  '08-xinxing.txt': 'xinxing',
  '09-hrss.txt': 'hrss',
  '10-town.txt': 'town',
};

let t: TestApp;
let organizer: Client;
let campaignId: string;
const unitIds = new Map<DemoUnitKey, string>();
const results = new Map<string, Finding[]>();

beforeAll(async () => {
  t = await createTestApp();
  const loaded = await loadDemo(t.db);
  campaignId = loaded!.campaignId;
  organizer = await login(t.app, 'organizer', loaded!.accounts.find((a) => a.username === 'organizer')!.password);
  for (const key of Object.values(REFERENCE)) {
    const name = DEMO_UNITS.find((u) => u.key === key)!.name;
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name]);
    unitIds.set(key, rows[0]!.id);
  }
  for (const [file, key] of Object.entries(REFERENCE)) {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const response = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: { campaignId, unitId: unitIds.get(key), text },
    });
    expect(response.statusCode, response.body).toBe(200);
    results.set(file, response.json().findings);
  }
});
afterAll(() => t?.close());

const found = (file: string, kind: Finding['kind'], text: string | RegExp) =>
  results
    .get(file)!
    .filter((f) => f.kind === kind && (typeof text === 'string' ? f.text.includes(text) : text.test(f.text)));

describe('the checker over the reference collection', () => {
  it('flags the placeholders xx, 20xx and * * *', () => {
    expect(found('05-kuiying.txt', 'placeholder', 'xx')).not.toHaveLength(0);
    expect(found('09-hrss.txt', 'placeholder', 'xx')).not.toHaveLength(0);
    expect(found('04-pingxiang.txt', 'placeholder', '20xx')).toHaveLength(1);
    expect(found('10-town.txt', 'placeholder', '20xx')).toHaveLength(1);
    expect(found('03-scenery.txt', 'placeholder', '* * *')).not.toHaveLength(0);
    expect(found('06-township.txt', 'placeholder', '* * *').length).toBeGreaterThanOrEqual(3);
  });

  it('flags the garbled figures: more than 0/00 slogans, 1 1,000 copies, brochures100', () => {
    expect(found('06-township.txt', 'malformed_number', '0/00')).toHaveLength(1);
    expect(found('07-radio-tv.txt', 'malformed_number', '1 1,000')).toHaveLength(1);
    expect(found('08-xinxing.txt', 'malformed_number', 'brochures100')).toHaveLength(1);
    expect(found('06-township.txt', 'malformed_number', '20 13')).toHaveLength(1);
  });

  it('flags satisfaction rates with no number rated behind them', () => {
    expect(found('08-xinxing.txt', 'rate_without_count', '100%')).toHaveLength(1);
    expect(found('07-radio-tv.txt', 'rate_without_count', '99%')).toHaveLength(1);
  });

  it('flags boilerplate instead of findings: no section on problems found, stock phrases with nothing behind them', () => {
    for (const file of Object.keys(REFERENCE)) {
      expect(
        results.get(file)!.some((f) => f.kind === 'missing_section' && f.figure === 'problems'),
        file,
      ).toBe(true);
    }
    const boilerplate = [...results.values()].flat().filter((f) => f.kind === 'boilerplate');
    expect(boilerplate.length).toBeGreaterThanOrEqual(5);
  });

  it('locates every finding by line, column and offset in the text', () => {
    const text = fs.readFileSync(path.join(FIXTURES, '08-xinxing.txt'), 'utf8');
    const finding = found('08-xinxing.txt', 'malformed_number', 'brochures100')[0]!;
    expect(text.slice(finding.offset, finding.offset + finding.text.length)).toBe('brochures100');
    const line = text.split('\n')[finding.line - 1]!;
    expect(line.slice(finding.column - 1, finding.column - 1 + finding.text.length)).toBe('brochures100');
  });

  it('finds no contradiction where the demo records agree with what the summary states', () => {
    expect(results.get('02-heating.txt')!.filter((f) => f.kind === 'contradiction')).toEqual([]);
    expect(results.get('01-justice.txt')!.filter((f) => f.kind === 'contradiction')).toEqual([]);
  });
});

describe('figures that contradict the records', () => {
  it('shows the recorded figure beside the written one, in Chinese and English', async () => {
    const text = [
      '一、组织领导：召开部署会。',
      '二、宣传：悬挂横幅4条，发放宣传资料615份。',
      '三、接待群众300人，264 people were received, 3 banners and 7 service desks.',
    ].join('\n');
    const response = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: { campaignId, unitId: unitIds.get('heating'), text },
    });
    expect(response.statusCode).toBe(200);
    const contradictions = response.json().findings.filter((f: Finding) => f.kind === 'contradiction');
    expect(contradictions).toEqual([
      expect.objectContaining({ figure: 'banners', written: '4', recorded: 3, line: 2, text: '悬挂横幅4条' }),
      expect.objectContaining({ figure: 'peopleReceived', written: '300', recorded: 264, line: 3 }),
      expect.objectContaining({ figure: 'desks', written: '7', recorded: 3, line: 3 }),
    ]);
  });

  it('reads a satisfaction rate against the records and wants its count', () => {
    const recorded = {
      peopleReceived: 10,
      consultations: 10,
      answeredOnSpot: 5,
      handledOnSpot: 0,
      leaderReceptions: 0,
      desks: 1,
      staff: null,
      banners: 0,
      panels: 0,
      ledSlogans: 0,
      newspaperWindows: 0,
      mediaReports: 0,
      materialsPrinted: null,
      materialsDistributed: 0,
      rated: 40,
      satisfactionRate: 0.975,
    };
    const ok = checkSummaryText('群众评价40人次，满意率97.5%。', recorded);
    expect(ok.filter((f) => f.kind === 'contradiction' || f.kind === 'rate_without_count')).toEqual([]);
    const bad = checkSummaryText('满意率100%。', recorded);
    expect(bad.map((f) => f.kind)).toEqual(expect.arrayContaining(['rate_without_count', 'contradiction']));
    // A topic's rate is the topic's, not the unit's.
    const topic = checkSummaryText('咨询主题“社会保险”满意率93.3%（评价15人次）。', recorded);
    expect(topic.filter((f) => f.kind === 'contradiction')).toEqual([]);
    const topicEn = checkSummaryText('Satisfaction with answers on "pensions" was 93.3% (of 15 rated).', recorded);
    expect(topicEn.filter((f) => f.kind === 'contradiction')).toEqual([]);
    // The leaders' receptions are their own figure, not the people received.
    const leaders = checkSummaryText('共接待群众10人次，王立新等领导现场接待群众3人次。', recorded);
    expect(leaders.filter((f) => f.kind === 'contradiction')).toEqual([
      expect.objectContaining({ figure: 'leaderReceptions', written: '3', recorded: 0 }),
    ]);
    expect(checkSummaryText('staff: XX年, ××单位', undefined).filter((f) => f.kind === 'placeholder')).toHaveLength(2);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const missing = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: { campaignId, text: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('unitId');
    const outside = await organizer.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: { campaignId, unitId: '00000000-0000-7000-8000-000000000000', text: 'x' },
    });
    expect(outside.statusCode).toBe(404);
  });
});

function docx(paragraphs: string[]): Promise<Buffer> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
    .map(
      (p) =>
        `<w:p><w:r><w:t xml:space="preserve">${p.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</w:t></w:r></w:p>`,
    )
    .join('')}</w:body></w:document>`;
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(xml), 'word/document.xml');
  zip.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

describe('openday check-summary', () => {
  const run = async (args: string[]) => {
    const program = new Command('openday').exitOverride();
    registerSummaryCheckCommand(program, (fn) => fn(t.db));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await program.parseAsync(args, { from: 'user' });
      return { code: 0, output: out.mock.calls.map((c) => String(c[0])).join('') };
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      return { code: error.exitCode, output: out.mock.calls.map((c) => String(c[0])).join('') };
    } finally {
      out.mockRestore();
    }
  };

  it('reads a DOCX, prints each finding with its place, and exits non-zero when it finds problems', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-check-'));
    const file = path.join(dir, 'summary.docx');
    fs.writeFileSync(
      file,
      await docx(['葫芦岛市供热办公室关于20xx年政务公开日活动的总结', '共接待群众264人，悬挂横幅5条。']),
    );
    expect(await readDocxText(fs.readFileSync(file))).toBe(
      '葫芦岛市供热办公室关于20xx年政务公开日活动的总结\n共接待群众264人，悬挂横幅5条。',
    );
    const { code, output } = await run(['check-summary', file, '--campaign', 'demo', '--unit', '葫芦岛市供热办公室']);
    expect(code).toBe(1);
    expect(output).toContain(`${file}:1:12  placeholder  "20xx"`);
    expect(output).toMatch(/:2:\d+ {2}contradiction .*written 5, recorded 3/);
    fs.rmSync(dir, { recursive: true });
  });

  it('exits 0 on a clean text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-check-'));
    const file = path.join(dir, 'summary.txt');
    fs.writeFileSync(
      file,
      '一、组织领导和工作部署：方案于5月11日印发。\n二、宣传：悬挂横幅3条。\n三、现场服务：共接待群众264人，当场答复62件。\n四、意见收集和办理：转办5件。\n五、存在的问题：报停供热满意率偏低。\n六、下一步工作：改进答复。\n',
    );
    const { code, output } = await run(['check-summary', file, '--campaign', 'demo', '--unit', '葫芦岛市供热办公室']);
    expect(output).toBe('0 problems found\n');
    expect(code).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });
});
