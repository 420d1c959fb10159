import type { Db } from './database.ts';

/**
 * Inserts one row whose fields are named as the table's columns: the columns listed, in that
 * order, with their values as parameters. One place writes the three lists a hand-written INSERT
 * keeps in step by position (columns, placeholders, values).
 */
export async function insertRow<R extends object>(
  db: Db,
  table: string,
  row: R,
  columns: readonly (keyof R & string)[],
): Promise<void> {
  await db.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    columns.map((column) => row[column]),
  );
}
