import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { FOLDS_PER_VACUUM, startFiguresFold } from './fold.ts';

/**
 * The fold vacuums the live figures itself exactly where the database's autovacuum is off (the
 * embedded cluster keeps PostgreSQL's default, on; a server may be configured without it): every
 * fold leaves dead rows in figure_deltas and figure_counts that nothing else would clear.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Manual vacuums and analyzes of a table so far (autovacuum's own are counted apart). */
const maintained = async (table: string) =>
  (
    await t.db.query<{ vacuums: number; analyzes: number }>(
      `SELECT pg_stat_get_vacuum_count($1::regclass)::int AS vacuums,
         pg_stat_get_analyze_count($1::regclass)::int AS analyzes`,
      [table],
    )
  ).rows[0]!;

it('vacuums and analyzes the live figures every so many folds when autovacuum is off, and only then, and says so once', async () => {
  const { rows } = await t.db.query<{ on: boolean }>(`SELECT current_setting('autovacuum')::boolean AS on`);
  const autovacuum = rows[0]!.on;
  const before = { deltas: await maintained('figure_deltas'), counts: await maintained('figure_counts') };
  let folds = 0;
  const warnings: unknown[] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args.at(-1)) };
  // The database as the fold sees it, counting the folds it runs.
  const counted = new Proxy(t.db, {
    get(target, property) {
      if (property === 'query') {
        return (text: string, ...rest: unknown[]) => {
          if (text === 'SELECT openday_fold_figures()') folds++;
          return (target.query as (...args: unknown[]) => unknown)(text, ...rest);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const fold = startFiguresFold({ db: counted, log: log as never, intervalMs: 1 });
  try {
    await expect.poll(() => folds).toBeGreaterThanOrEqual(FOLDS_PER_VACUUM + 1);
  } finally {
    await fold.stop();
  }
  // Where autovacuum is off the operator is told once, at the start; nothing else is warned of.
  expect(warnings).toEqual(autovacuum ? [] : [expect.stringMatching(/^autovacuum is off on this database/)]);
  const after = { deltas: await maintained('figure_deltas'), counts: await maintained('figure_counts') };
  if (autovacuum) {
    expect(after).toEqual(before);
  } else {
    expect(after.deltas.vacuums).toBeGreaterThan(before.deltas.vacuums);
    expect(after.counts.vacuums).toBeGreaterThan(before.counts.vacuums);
    expect(after.counts.analyzes).toBeGreaterThan(before.counts.analyzes);
  }
});
