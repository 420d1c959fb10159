import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenday } from '../../../test/cli.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { readRows, sniffFile } from './read-file.ts';

/** `openday import` and `openday export` as a user runs them, on a database of their own. */
let env: Record<string, string>;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-import-cli-'));
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const scratch = await createTestDatabase();
    await scratch.db.close();
    env = { DATABASE_URL: scratch.url!, DATA_DIR: file('data') };
    drop = scratch.drop;
  } else {
    env = { DATABASE_URL: '', DATA_DIR: file('data') };
    drop = async () => {};
  }
  expect((await runOpenday(['demo'], env)).code).toBe(0);
});
afterAll(async () => {
  await drop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openday import and export', () => {
  it('writes the template, imports a filled form with a progress bar, refuses it twice, and exports it', async () => {
    const template = await runOpenday(['import', 'template', '--format', 'csv', '-o', file('template.csv')], env);
    expect(template.code).toBe(0);
    const header = fs
      .readFileSync(file('template.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim();
    expect(header).toBe(
      '序号,日期,时间,咨询台,渠道,热线或意见箱,咨询事项,问题,答复,处理方式,办理事项,接待人,合作单位,评价,姓名,电话,同意保留联系方式,来访编号',
    );

    fs.writeFileSync(
      file('filled.csv'),
      `${header}\r\n1,2026-05-15,09:00,,现场,,命令行,命令行导入的问题一,,当场答复,,,,满意,,,,\r\n2,2026-05-15,09:20,,热线,,命令行,命令行导入的问题二,,意见建议,,,,,,,,\r\n`,
    );
    const args = [
      'import',
      file('filled.csv'),
      '--campaign',
      'demo',
      '--unit',
      '南芬区司法局',
      '--as',
      'justice-admin',
    ];
    const imported = await runOpenday(args, env);
    expect(imported.stderr).toMatch(/checking \[#+-*\] +\d+%/);
    // One pass: the rows are checked, then the last batch is written.
    expect(imported.stderr).toMatch(/writing +\[#+\] +100%/);
    expect(imported.stderr).toMatch(/done +\[#+\] 100% {2}2 rows/);
    expect(imported.stdout).toMatch(/^Imported 2 consultations from filled\.csv \(utf-8\) as import /);
    expect(imported.code).toBe(0);

    const again = await runOpenday(args, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Already imported .*nothing added/);

    fs.writeFileSync(file('bad.csv'), `${header}\r\n1,2026-05-15,09:00,,现场,,,问题,,当场答复,,,,满意,张三,12,是,\r\n`);
    const bad = await runOpenday(['import', file('bad.csv'), '--campaign', 'demo', '--unit', '南芬区司法局'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('row 2: 电话: 「12」 is not a phone number');
    expect(bad.stderr).toContain('1 row has errors; nothing was imported');

    const exported = await runOpenday(
      [
        'export',
        'consultations',
        '--campaign',
        'demo',
        '--unit',
        '南芬区司法局',
        '--format',
        'xlsx',
        '--columns',
        'topic,question',
        '-o',
        file('out.xlsx'),
        '--as',
        'justice-admin',
      ],
      env,
    );
    expect(exported.code).toBe(0);
    const rows: unknown[][] = [];
    for await (const row of readRows(await sniffFile(file('out.xlsx'), 'out.xlsx'))) rows.push(row.cells);
    expect(rows[0]).toEqual(['咨询事项', '问题']);
    expect(rows.filter((r) => r[0] === '命令行').map((r) => r[1])).toEqual([
      '命令行导入的问题一',
      '命令行导入的问题二',
    ]);
  });
});
