import { describe, expect, it } from 'vitest';
import { dateFormats } from './dates.ts';
import { formatMessage } from './index.tsx';

describe('dates as the console shows them', () => {
  it('writes one format per language: 2026年5月15日, 15 May 2026', () => {
    expect(dateFormats('zh-CN').date('2026-05-15')).toBe('2026年5月15日');
    expect(dateFormats('en-US').date('2026-05-15')).toBe('15 May 2026');
  });

  it("shows a moment on China's clock, whatever the device's zone", () => {
    // 01:30 UTC is 09:30 in Beijing; 17:00 UTC on the 14th is already the 15th there.
    expect(dateFormats('zh-CN').dateTime('2026-05-15T01:30:00Z')).toBe('2026年5月15日 09:30');
    expect(dateFormats('en-US').dateTime('2026-05-14T17:00:00Z')).toBe('15 May 2026, 01:00');
    expect(dateFormats('en-US').time('2026-05-15T01:30:05Z')).toBe('09:30:05');
  });

  it('keeps years whole in messages: 2027, not 2,027', () => {
    expect(formatMessage('en-US', 'The {year} schedule, {n} cases', { year: 2027, n: 1234 })).toBe(
      'The 2027 schedule, 1,234 cases',
    );
    expect(formatMessage('zh-CN', '{years}年', { years: 2027 })).toBe('2027年');
  });
});
