import { describe, expect, it } from 'vitest';
import { timeAxis, topWithOther } from './series.ts';

const item = (key: string | null, consultations: number, peopleReceived = consultations) => ({
  key,
  name: null,
  nameEn: null,
  consultations,
  peopleReceived,
});

describe('the dashboard topics', () => {
  it('names the largest and folds the rest (and a topic called 其他) into one 其他 bar', () => {
    const data = Array.from({ length: 20 }, (_, i) => ({ name: `事项${i}`, value: i + 1, people: i + 1 }));
    data.push({ name: '其他', value: 7, people: 7 });
    const bars = topWithOther(data, 12, '其他');
    expect(bars).toHaveLength(12);
    expect(bars[0]).toEqual({ name: '事项19', value: 20, people: 20 });
    expect(bars.at(-1)).toEqual({ name: '其他', value: [...Array(9).keys()].reduce((s, i) => s + i + 1, 0) + 7 });
    expect(bars.reduce((s, d) => s + d.value, 0)).toBe(data.reduce((s, d) => s + d.value, 0));
  });

  it('keeps every topic when there are few', () => {
    expect(topWithOther([{ name: 'a', value: 1 }], 12, '其他')).toEqual([{ name: 'a', value: 1 }]);
  });
});

describe('the dashboard time axis', () => {
  it('shows every hour between the first and the last, empty ones as 0', () => {
    const axis = timeAxis([item('2026-05-15T09:00', 5), item('2026-05-15T12:00', 2), item(null, 4)]);
    expect(axis.unit).toBe('hour');
    expect(axis.items.map((i) => [i.key, i.consultations])).toEqual([
      ['2026-05-15T09:00', 5],
      ['2026-05-15T10:00', 0],
      ['2026-05-15T11:00', 0],
      ['2026-05-15T12:00', 2],
    ]);
  });

  it('counts days, every day, over more than two days', () => {
    const axis = timeAxis([item('2026-05-08T09:00', 1), item('2026-05-08T15:00', 2), item('2026-05-11T10:00', 3)]);
    expect(axis.unit).toBe('day');
    expect(axis.items.map((i) => [i.key, i.consultations, i.peopleReceived])).toEqual([
      ['2026-05-08', 3, 3],
      ['2026-05-09', 0, 0],
      ['2026-05-10', 0, 0],
      ['2026-05-11', 3, 3],
    ]);
  });

  it('is empty without records', () => {
    expect(timeAxis([]).items).toEqual([]);
  });
});
