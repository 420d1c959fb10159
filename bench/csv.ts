// `node bench/csv.ts [--rows N]`: OpenDay's CSV reader and writer against the maintained libraries of
// the field, on the same data, each run three times alternately (best time printed), answers compared.
// - Reading: the import's tokenizer (src/features/imports/csv-reader.ts) against csv-parse, on a
//   visit-record form as units fill it in (Chinese text, quoted cells with commas, quotes and line
//   breaks), fed to both in the 1 MiB chunks the import reads; both must give the same records.
// - Writing: the one writer (src/platform/documents/write-csv.ts) against csv-stringify with the same
//   options (CRLF, formula cells guarded, quoted where needed), synchronous in batches of 1,000 rows
//   (its fastest form here); both must write the same text.
// ADR 35 quotes the result.
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { CsvReader } from '../src/features/imports/csv-reader.ts';
import { csvLine, type CsvCell } from '../src/platform/documents/write-csv.ts';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const CHUNK = 1 << 20;

function form(rows: number): string {
  const lines = ['日期,时间,接待点,服务台,渠道,问题,答复,办理结果,接待人,联系电话'];
  for (let i = 0; i < rows; i++) {
    const question =
      i % 7 === 0 ? `"供暖费缴纳后，发票如何领取？""电子发票""\n可以吗"` : `医保异地就医备案怎么办理（${i}）`;
    const answer = i % 5 === 0 ? `"可在政务服务网办理, 或到窗口办理"` : '现场已解答';
    lines.push(
      `2026-05-15,09:${String(i % 60).padStart(2, '0')},城区广场,社保服务台,on_site,${question},${answer},answered_on_spot,王立新,`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const text = form(ROWS);
const chunks: string[] = [];
for (let i = 0; i < text.length; i += CHUNK) chunks.push(text.slice(i, i + CHUNK));

function ours(): { records: number; cells: number } {
  const reader = new CsvReader();
  let records = 0;
  let cells = 0;
  for (const chunk of chunks)
    for (const record of reader.push(chunk)) {
      records++;
      cells += record.length;
    }
  for (const record of reader.end()) {
    records++;
    cells += record.length;
  }
  return { records, cells };
}

async function csvParse(): Promise<{ records: number; cells: number }> {
  // The options that match the import's leniency: quotes inside unquoted fields kept, ragged rows allowed.
  const parser = parse({ relax_quotes: true, relax_column_count: true, bom: true });
  let records = 0;
  let cells = 0;
  const done = (async () => {
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      cells += record.length;
    }
  })();
  for (const chunk of chunks) if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
  parser.end();
  await done;
  return { records, cells };
}

const records = text.trimEnd().split('\r\n').length;
const best = { ours: Infinity, csvParse: Infinity, writer: Infinity, csvStringify: Infinity };
const counts: Record<string, { records: number; cells: number }> = {};
const rows: CsvCell[][] = Array.from({ length: ROWS }, (_, i) => [
  '2026-05-15',
  i,
  '城区广场',
  i % 7 ? `医保异地就医备案怎么办理（${i}）` : '供暖费"电子发票",\n可以吗',
  i % 11 ? ' 前后有空格 ' : '=HYPERLINK("x")',
  null,
  i % 3 === 0,
]);
const guard = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const stringifyOptions = {
  record_delimiter: 'windows' as const,
  quoted_match: [/[\r\n]/, /^\s|\s$/],
  cast: { string: guard, boolean: (value: boolean) => String(value) },
};
let written: Record<string, string> = {};
for (let run = 0; run < 3; run++) {
  let start = performance.now();
  counts.ours = ours();
  best.ours = Math.min(best.ours, performance.now() - start);
  start = performance.now();
  counts.csvParse = await csvParse();
  best.csvParse = Math.min(best.csvParse, performance.now() - start);
  written = { writer: '', csvStringify: '' };
  start = performance.now();
  for (const row of rows) written.writer += csvLine(row);
  best.writer = Math.min(best.writer, performance.now() - start);
  start = performance.now();
  for (let i = 0; i < rows.length; i += 1000)
    written.csvStringify += stringify(rows.slice(i, i + 1000), stringifyOptions);
  best.csvStringify = Math.min(best.csvStringify, performance.now() - start);
}
if (JSON.stringify(counts.ours) !== JSON.stringify(counts.csvParse) || counts.ours!.records !== records)
  throw new Error(`the readers disagree: ${JSON.stringify(counts)}, ${records} records written`);
if (written.writer !== written.csvStringify) throw new Error('the writers wrote different text');
const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(0);
const line = (name: string, ms: number, what: string) =>
  console.log(
    `  ${name.padEnd(13)} ${(ms / 1000).toFixed(2)} s  ${Math.round((ROWS / ms) * 1000).toLocaleString('en')} ${what}/s`,
  );
console.log(`reading ${ROWS.toLocaleString('en')} records (${mb} MiB), best of 3, same records:`);
line('OpenDay', best.ours, 'records');
line('csv-parse', best.csvParse, 'records');
console.log(`  csv-parse takes ${(best.csvParse / best.ours).toFixed(1)}× as long`);
console.log(`writing ${ROWS.toLocaleString('en')} rows, best of 3, same text:`);
line('OpenDay', best.writer, 'rows');
line('csv-stringify', best.csvStringify, 'rows');
console.log(`  csv-stringify takes ${(best.csvStringify / best.writer).toFixed(1)}× as long`);
