import { describe, expect, it } from 'vitest';
import { balancedTitleLines } from './title-lines.ts';

describe('titles broken into balanced lines', () => {
  it('breaks a Chinese title after 关于, never inside “5·15” or 2026年', () => {
    expect(balancedTitleLines('葫芦岛市供热办公室关于2026年“5·15”政务公开日活动的总结', 20)).toEqual([
      '葫芦岛市供热办公室关于',
      '2026年“5·15”政务公开日活动的总结',
    ]);
  });

  it('keeps a short title on one line', () => {
    expect(balancedTitleLines('景色社区活动总结', 20)).toEqual(['景色社区活动总结']);
  });

  it('breaks an English title between words into lines of about the same length', () => {
    const lines = balancedTitleLines(
      'Summary of the "5·15" Government Open Day 2026 by Huludao Municipal Heating Office',
      24,
    );
    expect(lines.join(' ')).toBe('Summary of the "5·15" Government Open Day 2026 by Huludao Municipal Heating Office');
    for (const line of lines) expect(line).not.toMatch(/^\S*[a-z]$(?<=\w{20,})/);
    const lengths = lines.map((l) => l.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(15);
    expect(lines.every((l) => !/^\s|\s$/.test(l))).toBe(true);
  });
});
