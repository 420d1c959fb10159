/**
 * Small-cell suppression for published figures, so that nobody can be singled out.
 *
 * Primary: a count of 1 to 4 is withheld, and so is every non-zero figure of a row (or of the
 * total) that describes 1 to 4 people ("all three who came were dissatisfied" singles them out).
 * A zero is always shown: it is no one, and a withheld zero would be given away by its published
 * total of zero anyway.
 *
 * Secondary: a withheld cell must not be recoverable by subtraction. Every published total is the
 * sum of its parts (a column's total row; a row's consultations over its outcomes; its rated over
 * the five rating levels), so in every such relation either nothing is withheld or at least two
 * members are. Where exactly one is, the smallest other non-zero part is withheld too (the total
 * when no other part is non-zero), and so on until every relation holds.
 */

/** Below this many people a figure is withheld. */
export const SUPPRESSION_THRESHOLD = 5;

/** A linear relation of a table: `total` is the sum of `parts` (cells as [row, column]). */
export interface Relation {
  total: Cell;
  parts: Cell[];
}

export type Cell = readonly [row: number, column: number];

/** The cells of a table, row by row, and which of them are withheld. */
export interface SuppressionResult {
  values: (number | null)[][];
  suppressed: boolean[][];
}

/**
 * Withholds the cells of a table that could single someone out.
 *
 * `cells[r][c]` are counts; `people[r]` is how many people row r describes; `relations` are the
 * sums the published table shows (see `tableRelations`).
 */
export function suppressSmallCells(
  cells: readonly (readonly number[])[],
  people: readonly number[],
  relations: readonly Relation[],
  threshold = SUPPRESSION_THRESHOLD,
): SuppressionResult {
  const suppressed = cells.map((row, r) => {
    const smallGroup = people[r]! > 0 && people[r]! < threshold;
    return row.map((value) => value > 0 && (smallGroup || value < threshold));
  });
  const valueOf = ([r, c]: Cell) => cells[r]![c]!;
  const isSuppressed = ([r, c]: Cell) => suppressed[r]![c]!;
  let changed = true;
  while (changed) {
    changed = false;
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts];
      if (members.filter(isSuppressed).length !== 1) continue;
      const pick = chooseComplement(relation, valueOf, isSuppressed);
      if (!pick) continue;
      suppressed[pick[0]]![pick[1]] = true;
      changed = true;
    }
  }
  return {
    values: cells.map((row, r) => row.map((value, c) => (suppressed[r]![c] ? null : value))),
    suppressed,
  };
}

/** The cell to withhold alongside a lone withheld one: the smallest non-zero part, else the total. */
function chooseComplement(
  relation: Relation,
  valueOf: (cell: Cell) => number,
  isSuppressed: (cell: Cell) => boolean,
): Cell | undefined {
  let best: Cell | undefined;
  for (const cell of relation.parts) {
    if (isSuppressed(cell) || valueOf(cell) === 0) continue;
    if (best === undefined || valueOf(cell) < valueOf(best)) best = cell;
  }
  if (best) return best;
  return !isSuppressed(relation.total) && valueOf(relation.total) > 0 ? relation.total : undefined;
}

/**
 * The sums a published table shows. Rows are the groups and, last, the total row; `additive`
 * columns add up down the rows to the total row; each `rowSums` entry says that within every row
 * (the total too) one column is the sum of others.
 */
export function tableRelations(
  rowCount: number,
  columns: { additive: readonly number[]; rowSums: readonly { total: number; parts: readonly number[] }[] },
): Relation[] {
  const totalRow = rowCount - 1;
  const relations: Relation[] = [];
  for (const column of columns.additive) {
    relations.push({
      total: [totalRow, column],
      parts: Array.from({ length: totalRow }, (_, r) => [r, column] as const),
    });
  }
  for (let r = 0; r < rowCount; r++) {
    for (const sum of columns.rowSums) {
      relations.push({ total: [r, sum.total], parts: sum.parts.map((c) => [r, c] as const) });
    }
  }
  return relations;
}
