import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { loadDemo } from '../demo/service.ts';
import { headerRowOf, writeXlsx } from '../../platform/documents/write-xlsx.ts';
import type { SummaryLanguage } from '../summaries/document.ts';
import { actorFor } from '../users/acting-user.ts';
import {
  generateStatisticalSummary,
  statisticalSheet,
  villageSheet,
  type StatisticalFigures,
  type StatisticalSummary,
} from './generate-statistical-summary.ts';

let db: Database;
let drop: () => Promise<void>;
const summaries = new Map<SummaryLanguage, StatisticalSummary>();

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  const campaignId = (await loadDemo(db))!.campaignId;
  const actor = await actorFor(db, 'organizer');
  for (const language of ['zh-CN', 'en-US'] as const)
    summaries.set(language, await generateStatisticalSummary({ db, actor, campaignId, language }));
}, 300_000);
afterAll(() => drop?.());

/** The text of each part of an XLSX, by name. */
function readParts(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const parts = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(parts));
      zip.readEntry();
    });
  });
}

const workbook = async (language: SummaryLanguage) =>
  readParts(Buffer.concat(await writeXlsx([statisticalSheet(summaries.get(language)!)]).toArray()));

describe('the statistical summary XLSX, ready to print', () => {
  it.each(['zh-CN', 'en-US'] as const)(
    'prints landscape on one page width with the header repeated, titled, bordered (%s)',
    async (language) => {
      const parts = await workbook(language);
      const sheet = parts.get('xl/worksheets/sheet1.xml')!;
      const header = headerRowOf(statisticalSheet(summaries.get(language)!));
      expect(sheet).toMatch(/<sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/);
      expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
      expect(parts.get('xl/workbook.xml')).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="0">'${language === 'zh-CN' ? '统计汇总表' : 'Statistical summary'}'!$${header}:$${header}</definedName>`,
      );
      // Title, then the issuing office and the date, merged across the table above the header.
      expect(header).toBe(3);
      expect(sheet).toContain('<mergeCell ref="A1:');
      const summary = summaries.get(language)!;
      expect(sheet).toContain(summary.campaign.title.replace(/"/g, '&quot;'));
      expect(sheet).toContain(
        language === 'zh-CN' ? '填报单位：演示省政务公开办' : 'Issued by Demo Provincial Open Government Office',
      );
      // Every cell of the table bordered (styles 3, 4, 5 have the thin border); subtotals and the total bold (5).
      const styles = parts.get('xl/styles.xml')!;
      expect(styles).toContain('<border><left style="thin">');
      const rows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)]
        .filter(([, n]) => Number(n) >= header)
        .map((m) => m[2] ?? '');
      expect(rows).toHaveLength(summary.rows.length + 1);
      expect(rows[0]!).toMatch(/^(<c [^>]*s="4"[^>]*>.*?)+$/);
      summary.rows.forEach((row, i) => {
        const cells = [...rows[i + 1]!.matchAll(/<c r="[A-Z]+\d+" s="(\d)"/g)].map((m) => m[1]);
        expect(cells).toHaveLength(rows[0]!.match(/<c /g)!.length);
        expect(new Set(cells), row.label).toEqual(new Set([row.kind === 'unit' ? '3' : '5']));
      });
    },
  );

  it.each(['zh-CN', 'en-US'] as const)(
    'has a second sheet by village or community, printed the same way, its total in bold (%s)',
    async (language) => {
      const summary = summaries.get(language)!;
      const parts = await readParts(
        Buffer.concat(await writeXlsx([statisticalSheet(summary), villageSheet(summary)]).toArray()),
      );
      const sheet = parts.get('xl/worksheets/sheet2.xml')!;
      const header = headerRowOf(villageSheet(summary));
      expect(sheet).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
      expect(parts.get('xl/workbook.xml')).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="1">'${language === 'zh-CN' ? '按村（社区）统计' : 'By village'}'!$${header}:$${header}</definedName>`,
      );
      const rows = [...sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)]
        .filter(([, n]) => Number(n) > header)
        .map((m) => m[2] ?? '');
      expect(rows).toHaveLength(summary.villages.length);
      summary.villages.forEach((row, i) => {
        const cells = [...rows[i]!.matchAll(/<c r="[A-Z]+\d+" s="(\d)"/g)].map((m) => m[1]);
        expect(new Set(cells), row.village).toEqual(new Set([row.kind === 'total' ? '5' : '3']));
      });
      for (const [i, text] of villageSheet(summary).header.entries())
        for (const word of text.split(/\s+/))
          expect(language === 'zh-CN' || word.length < villageSheet(summary).columns[i]!.width!, text).toBe(true);
    },
  );

  it('has English headers whose every word fits its column', () => {
    const sheet = statisticalSheet(summaries.get('en-US')!);
    sheet.header.forEach((text, i) => {
      for (const word of text.split(/\s+/)) expect(word.length, text).toBeLessThan(sheet.columns[i]!.width!);
    });
  });

  it('has columns that add up in every row: answered + handled on the spot + later reply + transferred + suggestions + complaints = consultations', () => {
    for (const summary of summaries.values()) {
      const parts = (f: StatisticalFigures) =>
        f.answeredOnSpot + f.handledOnSpot + f.followUp + f.transferred + f.suggestions + f.complaints;
      for (const row of summary.rows) expect(parts(row.figures), row.label).toBe(row.figures.consultations);
      // Each subtotal adds up the units of its city, and the total every unit.
      let units: StatisticalFigures[] = [];
      const all: StatisticalFigures[] = [];
      for (const row of summary.rows) {
        if (row.kind === 'unit') {
          units.push(row.figures);
          all.push(row.figures);
          continue;
        }
        const counted = row.kind === 'subtotal' ? units : all;
        for (const key of [
          'consultations',
          'answeredOnSpot',
          'handledOnSpot',
          'followUp',
          'transferred',
          'suggestions',
        ] as const)
          expect(row.figures[key], `${row.label} ${key}`).toBe(counted.reduce((s, f) => s + f[key], 0));
        units = [];
      }
    }
  });
});
