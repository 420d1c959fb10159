import type { SummaryLanguage } from './document.ts';

/**
 * Dates as a summary writes them: Chinese official style (2026年5月13日至15日) and English
 * (13–15 May 2026). A unit's day is its own (the dates of its sites), not the campaign's.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/** 2026年5月15日 / 15 May 2026. */
export function formatDate(iso: string, language: SummaryLanguage): string {
  const [y, m, d] = parts(iso);
  return language === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

const nextDay = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

/** From one date to another, the second written without what it shares with the first. */
export function formatPeriod(from: string, to: string, language: SummaryLanguage): string {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  if (language === 'zh-CN') {
    const end = y1 !== y2 ? `${y2}年${m2}月${d2}日` : m1 !== m2 ? `${m2}月${d2}日` : `${d2}日`;
    return `${y1}年${m1}月${d1}日至${end}`;
  }
  if (y1 !== y2) return `${formatDate(from, language)} – ${formatDate(to, language)}`;
  if (m1 !== m2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  return `${d1}–${d2} ${MONTHS[m1 - 1]} ${y1}`;
}

/**
 * The days of a unit's open day: one day, a run of days (2026年5月13日至15日), or separate days
 * (2026年5月13日、15日 / 13 and 15 May 2026). The dates are sorted and distinct.
 */
export function formatDays(days: readonly string[], language: SummaryLanguage): string {
  if (days.length === 0) return '';
  if (days.length === 1) return formatDate(days[0]!, language);
  const consecutive = days.every((day, i) => i === 0 || nextDay(days[i - 1]!) === day);
  if (consecutive) return formatPeriod(days[0]!, days[days.length - 1]!, language);
  if (language === 'zh-CN') {
    return days
      .map((day, i) => {
        if (i === 0) return formatDate(day, language);
        const [y, m, d] = parts(day);
        const [py, pm] = parts(days[i - 1]!);
        return y !== py ? `${y}年${m}月${d}日` : m !== pm ? `${m}月${d}日` : `${d}日`;
      })
      .join('、');
  }
  const written = days.map((day) => formatDate(day, language));
  return `${written.slice(0, -1).join(', ')}${days.length > 2 ? ',' : ''} and ${written[written.length - 1]}`;
}

/** The sorted distinct days of the unit's sites; the campaign's open day when the unit has no site. */
export function unitDays(siteDays: readonly string[], campaignOpenDay: string): string[] {
  const days = [...new Set(siteDays)].sort();
  return days.length ? days : [campaignOpenDay];
}
