import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenday } from '../../../test/cli.ts';
import { createTestDatabase } from '../../../test/database.ts';

/** `openday report …` in its own process, on a database of its own with the demo loaded. */
let env: Record<string, string>;
let drop: () => Promise<void>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-report-cli-'));
const out = (name: string) => path.join(dataDir, name);

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    const scratch = await createTestDatabase();
    await scratch.db.close();
    env = { DATABASE_URL: scratch.url!, DATA_DIR: dataDir };
    drop = scratch.drop;
  } else {
    env = { DATABASE_URL: '', DATA_DIR: path.join(dataDir, 'data') };
    drop = async () => {};
  }
  const demo = await runOpenday(['demo'], env);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(async () => {
  await drop().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('openday report', { timeout: 10 * 60_000 }, () => {
  it('writes a unit summary in each format and language, computed from the records when none was generated', async () => {
    for (const [format, lang] of [
      ['html', 'en'],
      ['docx', 'zh-CN'],
      ['pdf', 'zh-CN'],
    ] as const) {
      const file = out(`summary.${format}`);
      const run = await runOpenday(
        [
          'report',
          'summary',
          '--campaign',
          'demo',
          '--unit',
          '葫芦岛市供热办公室',
          '--lang',
          lang,
          '--format',
          format,
          '-o',
          file,
        ],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Wrote ${file}`);
    }
    expect(fs.readFileSync(out('summary.html'), 'utf8')).toMatch(
      /<a class="figure"[^>]*>264<\/a> people were received/,
    );
    expect(fs.readFileSync(out('summary.docx')).readUInt32LE(0)).toBe(0x04034b50);
    expect(fs.readFileSync(out('summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes the statistical summary as CSV', async () => {
    const file = out('statistics.csv');
    const run = await runOpenday(['report', 'statistics', '--campaign', 'demo', '--format', 'csv', '-o', file], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    expect(lines.find((l) => l.startsWith('葫芦岛市供热办公室,葫芦岛市,3,25,264,'))).toBeDefined();
    expect(lines.at(-1)).toMatch(/^合计,/);
  });

  it('writes the collection of summaries with a progress bar, as PDF and as DOCX', async () => {
    for (const format of ['pdf', 'docx'] as const) {
      const file = out(`collection.${format}`);
      const run = await runOpenday(
        ['report', 'collection', '--campaign', 'demo', '--format', format, '--lang', 'zh-CN', '-o', file],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Wrote ${file}`);
      // No summary of the freshly loaded demo is approved yet: every unit is in the annex.
      expect(run.stderr).toMatch(/summaries \[#+\] 100% {2}0\/0 units/);
      expect(fs.existsSync(`${file}.part`)).toBe(false);
    }
    expect(fs.readFileSync(out('collection.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(out('collection.docx')).readUInt32LE(0)).toBe(0x04034b50);
    const bad = await runOpenday(
      ['report', 'collection', '--campaign', 'demo', '--format', 'odt', '-o', out('x.odt')],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--format');
  });

  it('writes the blank visit-record form, with the import template’s columns, one sheet per page', async () => {
    const file = out('form.pdf');
    const run = await runOpenday(['report', 'form', '-o', file, '--pages', '2'], env);
    expect(run.code, run.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('来访登记表');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+2\b/);
    const refused = await runOpenday(['report', 'form', '-o', out('form0.pdf'), '--pages', '0'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--pages');
  });

  it('refuses a language it does not write, naming the option', async () => {
    const run = await runOpenday(
      ['report', 'summary', '--campaign', 'demo', '--unit', '葫芦岛市供热办公室', '--lang', 'fr', '-o', out('x.pdf')],
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--lang');
    expect(fs.existsSync(out('x.pdf'))).toBe(false);
  });
});
