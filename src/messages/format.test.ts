import { describe, expect, it } from 'vitest';
import { enUS } from './en-US.ts';
import { formatMessage, plural } from './format.ts';
import { messages } from './index.ts';
import { zhCN } from './zh-CN.ts';

describe('plural', () => {
  it("takes the language's form for the count and writes the count where # stands", () => {
    expect(plural('en-US', 1, { one: '# unit', other: '# units' })).toBe('1 unit');
    expect(plural('en-US', 0, { one: '# unit', other: '# units' })).toBe('0 units');
    expect(plural('en-US', 1234, { one: '# unit', other: '# units' })).toBe('1,234 units');
    expect(plural('en-US', 2, { one: 'copy was', other: 'copies were' })).toBe('copies were');
    expect(plural('zh-CN', 1, { other: '# 个' })).toBe('1 个');
  });
});

describe('formatMessage', () => {
  it('fills {name} values and {n, plural, …} counts, and leaves a value not given as {name}', () => {
    const message = 'Due on {dueOn}, {days, plural, one {# day} other {# days}} ago ({reference})';
    expect(formatMessage('en-US', message, { dueOn: '2026-05-20', days: 1, reference: 'K-1' })).toBe(
      'Due on 2026-05-20, 1 day ago (K-1)',
    );
    expect(formatMessage('en-US', message, { days: 7 })).toBe('Due on {dueOn}, 7 days ago ({reference})');
    expect(formatMessage('en-US', message, {})).toBe('Due on {dueOn}, {days} ago ({reference})');
  });
});

describe('the catalogs', () => {
  it('are one per language, key for key', () => {
    const keys = (value: unknown): unknown =>
      value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys(v)]))
        : typeof value;
    expect(keys(enUS)).toEqual(keys(zhCN));
    expect(messages('en-US')).toBe(enUS);
    expect(messages('zh-CN')).toBe(zhCN);
  });
});

describe('a step of a case in English', () => {
  const step = { fromUnitName: null, fromUnitNameEn: null, toUnitName: null, toUnitNameEn: null, rating: null };
  it('counts the working days of an extension in the singular and the plural', () => {
    const extended = (days: number) => enUS.cases.event({ ...step, kind: 'extended', days, dueOn: '2026-06-01' });
    expect(extended(1)).toBe('Time limit extended by 1 working day; reply due by 2026-06-01');
    expect(extended(5)).toBe('Time limit extended by 5 working days; reply due by 2026-06-01');
  });
});

describe("the portal's figures in English", () => {
  it('say one case and one rating in the singular, and write thousands with separators', () => {
    expect(enUS.portal.figureRepliedOnTimeValue(1, 1, '100%')).toBe('1 of 1 case due (100%)');
    expect(enUS.portal.figureRepliedOnTimeValue(1200, 1500, null)).toBe('1,200 of 1,500 cases due');
    expect(enUS.portal.figureSatisfactionValue('90%', 1)).toBe('90% (1 rating)');
    expect(enUS.portal.figureSatisfactionValue(null, 3)).toBe('Too few ratings to say (3)');
    expect(zhCN.portal.figureRepliedOnTimeValue(1200, 1500, null)).toBe('到期办件 1,500 件，按时答复 1,200 件');
  });
});
