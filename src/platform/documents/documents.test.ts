import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxOf, repeated, xlsxOf } from '../../../test/uploads/hostile-files.ts';
import { AppError } from '../http/errors.ts';
import { WorkSlots } from '../http/work-slots.ts';
import { readDocxText } from './docx.ts';
import { readXlsxRows, XLSX_LIMITS } from './xlsx.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function rowsOf(file: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-documents-'));
  const target = path.join(dir, 'book.xlsx');
  fs.writeFileSync(target, file);
  try {
    const rows: (string | number | null)[][] = [];
    for await (const row of readXlsxRows(target, file.length, () => {})) rows.push(row.cells);
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('reading a DOCX', () => {
  it('reads runs, tabs and breaks of each paragraph, not the tab stops of its properties', async () => {
    const docx = await docxOf(
      `<w:document ${W}><w:body><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` +
        `<w:r><w:t xml:space="preserve">共接待 &amp; 群众</w:t><w:tab/><w:t>264人</w:t></w:r></w:p><w:p/>` +
        `<w:p><w:r><w:t>b</w:t><w:br/><w:t>&#x4E00;</w:t></w:r></w:p></w:body></w:document>`,
    );
    expect(await readDocxText(docx, 1000)).toBe('共接待 & 群众\t264人\n\nb\n一');
  });

  it("refuses the probe's repeated <w:t at once, deep nesting and too much text, naming the part or the limit", async () => {
    const stalling = await docxOf(() => repeated('<w:t ', 60_000, `<w:document ${W}><w:body><w:p><w:r>`));
    const started = performance.now();
    expect((await refusal(readDocxText(stalling, 200_000))).message).toBe(
      'file: has a part word/document.xml that is not well-formed XML',
    );
    // Linear: 60,000 repetitions read in well under the 35 s the patterns took (a safety net).
    expect(performance.now() - started).toBeLessThan(10_000);
    const deep = await docxOf(() => repeated('<w:p>', 100_000, `<w:document ${W}>`));
    const tooDeep = await refusal(readDocxText(deep, 200_000));
    expect([tooDeep.statusCode, tooDeep.message]).toEqual([413, expect.stringContaining('nest deeper than 256')]);
    const long = await docxOf(
      `<w:document ${W}><w:body><w:p><w:r><w:t>${'字'.repeat(2000)}</w:t></w:r></w:p></w:body></w:document>`,
    );
    expect((await refusal(readDocxText(long, 1000))).details).toEqual([
      { field: 'file', reason: 'holds more than 1000 characters of text' },
    ]);
  });

  it('counts an entry as it inflates and refuses a ZIP bomb', async () => {
    const bomb = await docxOf(() => repeated(' ', 50_000_000, `<w:document ${W}>`));
    const error = await refusal(readDocxText(bomb, 200_000));
    expect(error.statusCode).toBe(413);
    expect(error.message).toMatch(/word\/document\.xml that unpacks to more than/);
  });
});

describe('reading an XLSX', () => {
  it('reads shared, inline, numeric and escaped cells by their column', async () => {
    const rows = await rowsOf(
      await xlsxOf({
        sheet:
          '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>46157</v></c></row>' +
          '<row r="2"><c r="B2" t="inlineStr"><is><t>a_x000D_b</t></is></c></row></sheetData></worksheet>',
      }),
    );
    expect(rows).toEqual([
      ['日期', null, 46157],
      [null, 'a\rb'],
    ]);
  });

  it('refuses a cell longer than Excel allows, too many shared strings, a column beyond XFD', async () => {
    const cell = await xlsxOf({
      sheet: `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(XLSX_LIMITS.cellCharacters + 1)}</t></is></c></row></sheetData></worksheet>`,
    });
    expect((await refusal(rowsOf(cell))).message).toContain('longer than 32767 characters');
    const strings = await xlsxOf({
      // Distinct strings, so that the part packs like text rather than like a bomb.
      sharedStrings: function* () {
        yield '<sst>';
        for (let i = 0; i <= XLSX_LIMITS.sharedStrings; i += 1000)
          yield Array.from({ length: 1000 }, (_, j) => `<si><t>${(i + j) * 7919}</t></si>`).join('');
        yield '</sst>';
      },
    });
    expect((await refusal(rowsOf(strings))).message).toContain('more than 1000000 distinct texts');
    const wide = await xlsxOf({
      sheet: '<worksheet><sheetData><row r="1"><c r="ZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>',
    });
    expect((await refusal(rowsOf(wide))).message).toContain("beyond Excel's last column");
  });
});

describe('work at a time', () => {
  it('refuses one more than the limit with 429 and Retry-After, in both languages, and frees a slot once', () => {
    const slots = new WorkSlots(2, 7, { en: 'imports', zh: '导入' });
    const first = slots.take();
    slots.take();
    let refused: unknown;
    try {
      slots.take();
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ statusCode: 429, headers: { 'retry-after': '7' } });
    expect((refused as AppError).message).toContain('请 7 秒后再试');
    first();
    first();
    expect(slots.busy).toBe(1);
    slots.take();
    expect(slots.busy).toBe(2);
  });
});
