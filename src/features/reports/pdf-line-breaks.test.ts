import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { loadDemo } from '../demo/service.ts';
import { buildSummaryDocument } from '../summaries/generate.ts';
import { collectSummaryFacts } from '../summaries/service.ts';
import { actorFor } from '../users/acting-user.ts';
import { keepTogether } from './pdf-writer.ts';
import { renderSummaryPdf } from './render-pdf.ts';

const MEASURE_WORD = /^(人次|个|件|份|人|次|条|块|名|场|篇|处|家|项|台|册|张|期|天|年|月|日|号|余)/u;

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
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-pdf-lines-'));

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
}, 10 * 60_000);
afterAll(async () => {
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the summary PDF keeps a number with its measure word', () => {
  it('joins them with word joiners, which draw nothing', () => {
    expect(keepTogether('接待群众264人次，答复62件')).toBe('接待群众264\u2060人\u2060次，答复62\u2060件');
    expect(keepTogether('平均6.5个工作日')).toBe('平均6.5\u2060个\u2060工\u2060作\u2060日');
    expect(keepTogether('no number here')).toBe('no number here');
  });

  it.skipIf(!hasPoppler)(
    'never ends a line of any demo unit’s summary with a number whose measure word opens the next',
    async () => {
      const campaignId = (await loadDemo(db))!.campaignId;
      const actor = await actorFor(db, 'organizer');
      const { rows } = await db.query<{ id: string; name: string }>(
        `SELECT u.id, u.name FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1`,
        [campaignId],
      );
      const splits: string[] = [];
      for (const unit of rows) {
        const document = buildSummaryDocument(
          await collectSummaryFacts({ db, actor, campaignId, unitId: unit.id }),
          'zh-CN',
        );
        const file = path.join(dir, `${unit.id}.pdf`);
        fs.writeFileSync(file, await renderSummaryPdf(document, 'zh-CN'));
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        // Nothing of the joiners reaches the text a reader copies.
        expect(text).not.toContain('\u2060');
        const lines = text
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        for (const [i, line] of lines.slice(0, -1).entries())
          if (/\d$/.test(line) && MEASURE_WORD.test(lines[i + 1]!))
            splits.push(`${unit.name}: ${line} / ${lines[i + 1]}`);
        expect(text.replace(/\s+/g, '')).toContain(unit.name);
      }
      expect(splits).toEqual([]);
    },
  );
});
