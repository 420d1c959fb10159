import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError } from './csv-reader.ts';

/** Feeds the text in pieces of every size, so that records cut anywhere still come out whole. */
function readAll(text: string, piece: number): string[][] {
  const reader = new CsvReader();
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += piece) records.push(...reader.push(text.slice(i, i + piece)));
  records.push(...reader.end());
  return records;
}

describe('CsvReader', () => {
  const text = 'a,b,c\r\n1,"x, ""y""\r\nz",\r\n\r\n2,他说"好",3\n"q"tail,,"end"';
  const expected = [['a', 'b', 'c'], ['1', 'x, "y"\r\nz', ''], [''], ['2', '他说"好"', '3'], ['qtail', '', 'end']];

  it('reads quoted fields, line breaks inside them, CRLF and LF, and blank lines', () => {
    for (const piece of [1, 2, 3, 5, 7, 1000]) expect(readAll(text, piece), `pieces of ${piece}`).toEqual(expected);
  });

  it('keeps a last record without a line break, and an empty last field', () => {
    expect(readAll('a,b\n1,', 1)).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(readAll('a\n', 1)).toEqual([['a']]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => readAll('a,"b\nc', 2)).toThrow(CsvSyntaxError);
  });
});
