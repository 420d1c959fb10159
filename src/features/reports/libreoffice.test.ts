import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { getCampaign } from '../campaigns/service.ts';
import { loadDemo } from '../demo/service.ts';
import { readerFor } from '../users/acting-user.ts';
import { getSummaryFile } from './service.ts';

/**
 * The unit summary's DOCX as an office opens it: LibreOffice (Debian's libreoffice-writer-nogui)
 * converts it headless to PDF, and poppler's pdftotext and pdfinfo read what it laid out — the
 * text, the A4 page and the GB/T 9704 margins (binding side 28 mm, top 37 mm).
 */

const found = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10 * 60_000 });
    return true;
  } catch {
    return false;
  }
};
const missing = [
  found('soffice', ['--version']) ? null : 'soffice (apt-get install libreoffice-writer-nogui)',
  found('pdftotext', ['-v']) ? null : 'pdftotext/pdfinfo (apt-get install poppler-utils)',
].filter((m): m is string => m !== null);
// In CI the tools are installed and the test always runs; elsewhere it is skipped, saying why.
const skipReason = missing.length && !process.env.CI ? `skipped: ${missing.join(' and ')} not installed` : null;

const MM = 72 / 25.4;

let db: Database;
let drop: () => Promise<void>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-libreoffice-'));
let pdf: string;

describe.skipIf(skipReason !== null)(
  skipReason ?? "the Heating Office's summary as DOCX, opened by LibreOffice",
  () => {
    beforeAll(async () => {
      ({ db, drop } = await createTestDatabase());
      const loaded = await loadDemo(db);
      const campaign = await getCampaign(db, loaded!.campaignId);
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM units WHERE name = '葫芦岛市供热办公室'`);
      const file = await getSummaryFile({
        db,
        actor: await readerFor(db, undefined, campaign.organizerUnitId),
        campaignId: campaign.id,
        unitId: rows[0]!.id,
        language: 'zh-CN',
        format: 'docx',
        preview: true,
      });
      const docx = path.join(dir, 'heating.docx');
      fs.writeFileSync(docx, Buffer.concat((await file.stream.toArray()) as Buffer[]));
      // A profile of its own: conversions running at the same time do not share (and lock) one.
      const profile = `file://${path.join(dir, 'profile')}`;
      const result = spawnSync(
        'soffice',
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
        { encoding: 'utf8', timeout: 170_000 },
      );
      pdf = path.join(dir, 'heating.pdf');
      expect(
        fs.existsSync(pdf),
        `soffice: ${result.error?.message ?? result.status} ${result.stdout} ${result.stderr}`,
      ).toBe(true);
    });

    afterAll(async () => {
      await drop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('shows the Chinese title and the figures of the records', () => {
      const content = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(content).toContain('葫芦岛市供热办公室关于');
      expect(content).toMatch(/政务公开日活动的总结/);
      expect(content).toContain('共接待群众264人次');
      expect(content).toContain('当场答复62件');
    });

    it('is laid out on A4 (595 × 842 pt)', () => {
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(1);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(1);
    });

    it('lays out 28 characters a line and 22 lines a page, as Word does', () => {
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      const page2 = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', '2', '-l', '2', pdf, '-'], {
        encoding: 'utf8',
      });
      const lines = text
        .split('\n')
        .map((line) => line.replace(/\s+/g, ''))
        .filter(Boolean);
      // The page number stands apart in the footer; the body lines are the rest.
      const body = lines.filter((line) => !/^[—\-\s]*\d+[—\-\s]*$/.test(line));
      // Lines of Chinese text only (a figure's digits are narrower): a full one holds 28 characters,
      // one more where a comma or full stop hangs at its end.
      const chinese = body.filter((line) => /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]+$/u.test(line));
      const full = chinese.map((line) => line.replace(/[、，。；：！？）》”’]$/u, '').length);
      expect(full.length).toBeGreaterThan(3);
      expect(Math.max(...full)).toBe(28);
      expect(full.filter((n) => n === 28).length).toBeGreaterThan(3);
      expect(page2.split('\n').filter((line) => /\p{Script=Han}/u.test(line)).length).toBeLessThanOrEqual(22);
      // 22 lines in the 225 mm text block: one line every 10.2 mm.
      const bbox = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
      const tops = [...new Set([...bbox.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)"/g)].map((m) => Number(m[1])))]
        .map((y) => y / MM)
        .filter((y) => y < 297 - 35)
        .sort((a, b) => a - b);
      const steps = tops
        .slice(1)
        .map((y, i) => y - tops[i]!)
        .filter((d) => d > 5);
      for (const step of steps) expect(Math.abs(step / Math.round(step / (225 / 22)) - 225 / 22)).toBeLessThan(0.2);
    });

    it('keeps the text inside the GB/T 9704 margins: 28 mm on the binding side, 37 mm at the top', () => {
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
      // Page 2 starts with a line of body text (page 1 with the title, set on a taller line).
      const html = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
      const words = [
        ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({
        xMin: Number(m[1]) / MM,
        yMin: Number(m[2]) / MM,
        xMax: Number(m[3]) / MM,
        yMax: Number(m[4]) / MM,
        text: m[5]!,
      }));
      expect(words.length).toBeGreaterThan(20);
      // The page number sits in the bottom margin (35 mm); the text block is everything above it.
      const body = words.filter((w) => w.yMax < 297 - 35);
      const left = Math.min(...body.map((w) => w.xMin));
      // A comma or full stop at the end of a line may hang into the margin (标点悬挂), as in print.
      const right = Math.max(...body.filter((w) => !/[、，。；：！？）》”’]$/.test(w.text)).map((w) => w.xMax));
      const firstLine = body.filter((w) => w.yMin === Math.min(...body.map((b) => b.yMin)));
      // Glyphs sit a little inside their line's box: the left edge within 2 mm of the margin, never in it.
      expect(left).toBeGreaterThan(28 - 0.5);
      expect(left).toBeLessThan(28 + 2);
      // The text block is 156 mm wide: nothing beyond its right edge (26 mm from the page's).
      expect(right).toBeLessThan(28 + 156 + 1);
      // The first line's box (22 lines in 225 mm: 10.2 mm) starts at 37 mm: its glyphs lie inside it.
      const pitch = 225 / 22;
      for (const w of firstLine) {
        expect(w.yMin).toBeGreaterThan(37 - 0.5);
        expect(w.yMax).toBeLessThan(37 + pitch + 0.5);
      }
    });
  },
);
