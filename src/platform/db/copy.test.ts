import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engine } from '../../../test/database.ts';
import { copyCsv, type Database } from './database.ts';

describe.runIf(engine === 'postgres')('COPY … FROM STDIN (copyFrom, copyCsv)', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    await db.exec(`CREATE TABLE copy_check (n int PRIMARY KEY, t text, b boolean, at timestamptz)`);
  });
  afterAll(async () => {
    await drop();
  });

  it('stores every value as it was given: quotes, commas, line breaks, backslashes, empty text apart from NULL', async () => {
    const at = new Date('2026-05-15T01:30:00.123Z');
    const rows = [
      [1, '他说："能办吗？"', true, at],
      [2, 'a,b\nc\r\nd', false, null],
      [3, 'C:\\路径\\N', null, at],
      [4, '', true, null],
      [5, null, false, at],
      [6, '\\.', true, at],
    ] as const;
    const stored = await db.transaction((tx) =>
      tx.copyFrom!(`COPY copy_check (n, t, b, at) FROM STDIN WITH (FORMAT csv)`, copyCsv(rows)),
    );
    expect(stored).toBe(rows.length);
    const { rows: back } = await db.query<{ n: number; t: string | null; b: boolean | null; at: Date | null }>(
      `SELECT n, t, b, at FROM copy_check ORDER BY n`,
    );
    expect(back.map((r) => [r.n, r.t, r.b, r.at?.toISOString() ?? null])).toEqual(
      rows.map(([n, t, b, d]) => [n, t, b, d?.toISOString() ?? null]),
    );
  });

  it('starts every line with the leading values, written once', async () => {
    const at = new Date('2026-05-15T01:30:00.000Z');
    expect(copyCsv([[10], [11]], ['同一 "批"', null, at])).toBe(
      '"同一 ""批""",,"2026-05-15T01:30:00.000Z","10"\n"同一 ""批""",,"2026-05-15T01:30:00.000Z","11"\n',
    );
    expect(
      await db.copyFrom!(
        `COPY copy_check (t, b, at, n) FROM STDIN WITH (FORMAT csv)`,
        copyCsv([[10], [11]], ['同一 "批"', null, at]),
      ),
    ).toBe(2);
    const { rows } = await db.query<{ n: number; t: string; b: boolean | null; at: Date }>(
      `SELECT n, t, b, at FROM copy_check WHERE n IN (10, 11) ORDER BY n`,
    );
    expect(rows.map((r) => [r.n, r.t, r.b, r.at.toISOString()])).toEqual([
      [10, '同一 "批"', null, at.toISOString()],
      [11, '同一 "批"', null, at.toISOString()],
    ]);
  });

  it('fails as a statement does, storing nothing, and leaves the connection usable', async () => {
    await expect(
      db.transaction((tx) =>
        tx.copyFrom!(
          `COPY copy_check (n, t) FROM STDIN WITH (FORMAT csv)`,
          copyCsv([
            [7, 'x'],
            [1, 'dup'],
          ]),
        ),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query(`SELECT 1 FROM copy_check WHERE n = 7`)).rowCount).toBe(0);
    expect(await db.copyFrom!(`COPY copy_check (n) FROM STDIN WITH (FORMAT csv)`, copyCsv([[8]]))).toBe(1);
  });
});
