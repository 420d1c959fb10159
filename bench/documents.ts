// `node bench/documents.ts [--rows N] [--paragraphs N]`: OpenDay's XLSX and DOCX writers against the
// maintained libraries of the field, each case in a process of its own so that its peak memory (VmHWM)
// is its own; the time and peak RSS of each are printed. ADR 35 quotes the result.
// - XLSX: `writeXlsx` (src/platform/documents/write-xlsx.ts, streams rows into the zip) against
//   ExcelJS's streaming WorkbookWriter (inline strings, rows committed one by one): an export of N
//   consultation rows, text as units record it.
// - DOCX: `writeDocx` (src/features/reports/docx-writer.ts, streams document.xml into the zip) against
//   the `docx` package (builds the document, then Packer.toBuffer): a book of N paragraphs, as the
//   collection of a province's summaries is (some 50 paragraphs a unit, 2,000 units).
// ExcelJS is not a dependency of OpenDay: install it for the run with `npm i --no-save exceljs@4.4.0`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('--rows', 500_000);
const PARAGRAPHS = arg('--paragraphs', 100_000);

const row = (i: number) => [
  '2026-05-15',
  `09:${String(i % 60).padStart(2, '0')}`,
  '城区广场',
  '社保服务台',
  `医保异地就医备案怎么办理？第${i}位群众询问备案后报销比例是否变化`,
  '可在政务服务网或窗口办理，备案后按规定比例报销',
  i % 9,
];
const paragraph = (i: number) =>
  `（${(i % 9) + 1}）群众在社保服务台咨询医保异地就医备案办理流程${i}件，工作人员现场解答，并发放《办事指南》。`;

/** Counts the bytes written, as a download would be sent. */
function sink(): Writable & { bytes: number } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.bytes += chunk.length;
      callback();
    },
  }) as Writable & { bytes: number };
  out.bytes = 0;
  return out;
}

/** The part of ExcelJS's streaming writer this uses. */
interface ExcelJs {
  stream: {
    xlsx: {
      WorkbookWriter: new (options: { stream: Writable; useSharedStrings: boolean; useStyles: boolean }) => {
        addWorksheet(name: string): {
          addRow(values: unknown[]): { commit(): void };
          commit(): void;
        };
        commit(): Promise<void>;
      };
    };
  };
}

const cases: Record<string, () => Promise<number>> = {
  async 'xlsx-openday'() {
    const { writeXlsx } = await import('../src/platform/documents/write-xlsx.ts');
    const out = sink();
    const rows = (function* () {
      for (let i = 0; i < ROWS; i++) yield row(i);
    })();
    await pipeline(
      writeXlsx([
        { name: '咨询登记', columns: [], header: ['日期', '时间', '接待点', '服务台', '问题', '答复', '编号'], rows },
      ]),
      out,
    );
    return out.bytes;
  },
  async 'xlsx-exceljs'() {
    // Not a dependency (see the top): imported by a name the compiler does not resolve.
    const name = 'exceljs';
    const { default: ExcelJS } = (await import(name)) as { default: ExcelJs };
    const out = sink();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('咨询登记');
    sheet.addRow(['日期', '时间', '接待点', '服务台', '问题', '答复', '编号']).commit();
    for (let i = 0; i < ROWS; i++) sheet.addRow(row(i)).commit();
    sheet.commit();
    await workbook.commit();
    return out.bytes;
  },
  async 'docx-openday'() {
    const { writeDocx, textParagraph } = await import('../src/features/reports/docx-writer.ts');
    const out = sink();
    await writeDocx(out, {
      title: '政务公开日活动总结汇编',
      language: 'zh-CN',
      *body() {
        for (let i = 0; i < PARAGRAPHS; i++) yield textParagraph(paragraph(i));
      },
    });
    return out.bytes;
  },
  async 'docx-library'() {
    const { Document, Packer, Paragraph, TextRun } = await import('docx');
    const children = Array.from(
      { length: PARAGRAPHS },
      (_, i) =>
        new Paragraph({
          indent: { firstLine: 640 },
          children: [new TextRun({ text: paragraph(i), font: { eastAsia: '仿宋_GB2312' }, size: 32 })],
        }),
    );
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children }] }));
    return buffer.length;
  },
};

const only = process.argv.indexOf('--case');
if (only > 0) {
  const name = process.argv[only + 1]!;
  const started = performance.now();
  const bytes = await cases[name]!();
  const seconds = (performance.now() - started) / 1000;
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
  console.log(JSON.stringify({ name, seconds, peakMiB: peak, bytes }));
} else {
  console.log(`XLSX of ${ROWS.toLocaleString('en')} rows, DOCX of ${PARAGRAPHS.toLocaleString('en')} paragraphs:`);
  for (const name of Object.keys(cases)) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--case', name, '--rows', String(ROWS), '--paragraphs', String(PARAGRAPHS)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) {
      console.log(
        `  ${name.padEnd(13)} failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ')}`,
      );
      continue;
    }
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      seconds: number;
      peakMiB: number;
      bytes: number;
    };
    console.log(
      `  ${name.padEnd(13)} ${result.seconds.toFixed(2)} s, peak RSS ${result.peakMiB.toFixed(0)} MiB, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB written`,
    );
  }
}
