import type { Database, Db } from '../../platform/db/database.ts';

export interface FigureDifference {
  scope: string;
  figure: string;
  key: string;
  stored: number;
  counted: number;
}

interface CountRow {
  scope: string;
  figure: string;
  key: string;
  n: number;
}

const COUNTS = `SELECT scope, figure, key, sum(n)::int AS n FROM live_figures WHERE campaign_id = $1
  GROUP BY scope, figure, key HAVING sum(n) <> 0`;

/** Counts a campaign's live figures again from its records; returns the rows written. */
export async function rebuildLiveFigures(db: Db, campaignId: string): Promise<number> {
  const { rows } = await db.query<{ written: number }>(`SELECT openday_rebuild_figures($1)::int AS written`, [
    campaignId,
  ]);
  return rows[0]!.written;
}

class RolledBack extends Error {}

/**
 * Compares every stored count of a campaign (every unit and region scope) with the same counts
 * made again from the records, in a transaction that is rolled back: nothing changes.
 */
export async function verifyLiveFigures(
  db: Database,
  campaignId: string,
): Promise<{ checked: number; differences: FigureDifference[] }> {
  let result: { checked: number; differences: FigureDifference[] } | undefined;
  try {
    await db.transaction(async (tx) => {
      // Writers wait until the comparison is over, so that both sides see the same records.
      await tx.query('LOCK TABLE consultations, cases, return_visits IN SHARE MODE');
      const stored = (await tx.query<CountRow>(COUNTS, [campaignId])).rows;
      await rebuildLiveFigures(tx, campaignId);
      const counted = (await tx.query<CountRow>(COUNTS, [campaignId])).rows;
      const id = (row: CountRow) => `${row.scope}\u0000${row.figure}\u0000${row.key}`;
      const all = new Map<string, FigureDifference>();
      for (const row of stored) all.set(id(row), { ...row, stored: row.n, counted: 0 });
      for (const row of counted) {
        const seen = all.get(id(row));
        if (seen) seen.counted = row.n;
        else all.set(id(row), { ...row, stored: 0, counted: row.n });
      }
      result = {
        checked: all.size,
        differences: [...all.values()]
          .filter((d) => d.stored !== d.counted)
          .map(({ scope, figure, key, stored: s, counted: c }) => ({ scope, figure, key, stored: s, counted: c })),
      };
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return result!;
}
