import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { EMPTY_OWN_TEXT, languageOfText, readOwnText } from './own-text.ts';

const MIGRATION = new URL('../../../migrations/20261204T154550_summary_own_text_per_language.sql', import.meta.url);

describe('own text per language', () => {
  it('tells the language of a text by its characters', () => {
    expect(languageOfText('一是巩固活动成果。')).toBe('zh-CN');
    expect(languageOfText('First, keep up the results (2026).')).toBe('en-US');
  });

  it('reads a version stored in the old shape into the language it is written in', () => {
    expect(readOwnText({ nextSteps: '一是回访。', remarks: '' })).toEqual({
      ...EMPTY_OWN_TEXT,
      'zh-CN': { nextSteps: '一是回访。', remarks: '' },
    });
    expect(readOwnText({ nextSteps: 'Call back.', remarks: 'None.' })).toEqual({
      ...EMPTY_OWN_TEXT,
      'en-US': { nextSteps: 'Call back.', remarks: 'None.' },
    });
    expect(readOwnText(null)).toEqual(EMPTY_OWN_TEXT);
  });
});

describe('the migration to own text per language', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
  });
  afterAll(() => drop?.());

  it('moves stored text into the language it is written in and leaves the new shape alone', async () => {
    const world = await buildWorld(db);
    const { campaign } = world;
    const units = [world.unitA, world.subUnitA, world.unitB];
    const stored = [
      { nextSteps: '一是回访。', remarks: '另设热线。' },
      { nextSteps: 'Call back on every case.', remarks: '' },
      { 'zh-CN': { nextSteps: '甲', remarks: '' }, 'en-US': { nextSteps: 'A', remarks: '' } },
    ];
    for (const [i, unit] of units.entries()) {
      await db.query(`INSERT INTO unit_summaries (campaign_id, unit_id) VALUES ($1, $2)`, [campaign.id, unit.id]);
      await db.query(
        `INSERT INTO unit_summary_versions (campaign_id, unit_id, version, kind, document, figures, own_text)
         VALUES ($1, $2, 1, 'generated', '{}', '{}', $3)`,
        [campaign.id, unit.id, JSON.stringify(stored[i])],
      );
    }
    await db.exec(fs.readFileSync(MIGRATION, 'utf8'));
    const { rows } = await db.query<{ unit_id: string; own_text: unknown }>(
      `SELECT unit_id, own_text FROM unit_summary_versions WHERE campaign_id = $1`,
      [campaign.id],
    );
    const after = (i: number) => rows.find((r) => r.unit_id === units[i]!.id)!.own_text;
    expect(after(0)).toEqual({ ...EMPTY_OWN_TEXT, 'zh-CN': { nextSteps: '一是回访。', remarks: '另设热线。' } });
    expect(after(1)).toEqual({ ...EMPTY_OWN_TEXT, 'en-US': { nextSteps: 'Call back on every case.', remarks: '' } });
    expect(after(2)).toEqual(stored[2]);
  });
});
