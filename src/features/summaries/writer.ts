import { romanize } from '../../domain/pinyin.ts';
import { formatDate, formatDays as formatDayList, formatPeriod } from './dates.ts';
import {
  formatCount,
  formatDays,
  formatRate,
  unrecordedText,
  type Paragraph,
  type Run,
  type SummaryLanguage,
} from './document.ts';

/**
 * The pieces every sentence of a summary is made of, in one language: template text, words from
 * the records, figures that link to the records behind them, dates and lists. The message
 * catalogs (messages/zh-CN.ts, messages/en-US.ts) put them together into sentences.
 */
export interface Writer {
  language: SummaryLanguage;
  /** Template text (never a digit). */
  t(text: string): Run;
  /** Words from the records as written. */
  r(text: string): Run;
  count(key: string, value: number | null, href: string | null): Run;
  percent(key: string, value: number | null, href: string | null): Run;
  workingDays(key: string, value: number | null, href: string | null): Run;
  date(iso: string): Run;
  days(days: readonly string[]): Run;
  /** From one date to another: 2026年5月1日至31日. */
  period(from: string, to: string): Run;
  /** A、B和C / A, B, and C. */
  list(items: Run[][]): Run[];
  /**
   * A name from the records in the writer's language: in English its English name, or, when it has
   * none, its pinyin marked "(pinyin)" with the Chinese kept as the run's original.
   */
  name(chinese: string, english: string | null | undefined): Run;
  /** A publication's title: 《…》 in Chinese, italics-free quotes in English (its English title if it has one). */
  publication(title: string, english?: string | null): Run;
  /** A slogan or a topic as quoted: “…” / "…". */
  quote(text: string): Run;
  links: SummaryLinks;
}

export interface SummaryLinks {
  statistics: string;
  plan: string;
  consultations: (filters?: string) => string;
  publicity: (kind: string, medium?: string) => string;
  materials: string;
  cases: string;
  desk: (deskId: string) => string;
  topic: (topic: string) => string;
  /** The opinions raised at a meeting. */
  opinions: (meetingId: string) => string;
}

export function summaryLinks(campaignId: string, unitId: string): SummaryLinks {
  const c = encodeURIComponent(campaignId);
  const u = encodeURIComponent(unitId);
  const consultations = (filters = '') => `/api/v1/consultations?campaignId=${c}&unitId=${u}${filters}`;
  return {
    statistics: `/api/v1/campaigns/${c}/statistics`,
    plan: `/api/v1/campaigns/${c}/units/${u}/plan`,
    consultations,
    publicity: (kind, medium) =>
      `/api/v1/publicity?campaignId=${c}&unitId=${u}&kind=${kind}${medium ? `&medium=${medium}` : ''}`,
    materials: `/api/v1/materials?campaignId=${c}&unitId=${u}`,
    // The cases the unit's figures count, those its partner units hold included (ADR 36).
    cases: `/api/v1/cases?campaignId=${c}&countedUnitId=${u}`,
    desk: (deskId) => consultations(`&deskId=${encodeURIComponent(deskId)}`),
    topic: (topic) => consultations(`&topic=${encodeURIComponent(topic)}`),
    opinions: (meetingId) => `/api/v1/meetings/${encodeURIComponent(meetingId)}/opinions`,
  };
}

/** A title's own outer 《》 or quotes are dropped; a title inside it takes 〈〉 (《〈条例〉摘编》). */
const bareTitle = (title: string) =>
  title
    .trim()
    .replace(/^[《“"]([^《》“”"]*)[》”"]$/u, '$1')
    .replace(/《/g, '〈')
    .replace(/》/g, '〉');

export function createWriter(language: SummaryLanguage, links: SummaryLinks): Writer {
  const zh = language === 'zh-CN';
  const figure =
    (format: (value: number) => string) =>
    (key: string, value: number | null, href: string | null): Run =>
      value === null
        ? { kind: 'figure', key, value: null, text: unrecordedText(language), href }
        : { kind: 'figure', key, value, text: format(value), href };
  return {
    language,
    t: (text) => ({ kind: 'text', text }),
    r: (text) => ({ kind: 'record', text }),
    count: figure((value) => formatCount(value, language)),
    percent: figure(formatRate),
    workingDays: figure(formatDays),
    date: (iso) => ({ kind: 'record', text: formatDate(iso, language) }),
    days: (days) => ({ kind: 'record', text: formatDayList(days, language) }),
    period: (from, to) => ({ kind: 'record', text: formatPeriod(from, to, language) }),
    list: (items) =>
      items.flatMap((item, i) => [
        ...(i === 0
          ? []
          : [
              {
                kind: 'text' as const,
                text: zh
                  ? i === items.length - 1
                    ? '和'
                    : '、'
                  : i === items.length - 1
                    ? items.length > 2
                      ? ', and '
                      : ' and '
                    : ', ',
              },
            ]),
        ...item,
      ]),
    name: (chinese, english) => ({ kind: 'record', ...(zh ? { text: chinese } : englishName(chinese, english)) }),
    publication: (title, english) => ({
      kind: 'record',
      text: zh ? `《${bareTitle(title)}》` : `"${bareTitle(english ?? title).replace(/[〈〉]/g, '')}"`,
    }),
    quote: (text) => ({ kind: 'record', text: zh ? `“${text}”` : `"${text}"` }),
    links,
  };
}

const HAN = /\p{Script=Han}/u;

/** A name in English: the one the unit gave, or the Chinese name's pinyin, marked, with the Chinese as its original. */
export function englishName(chinese: string, english: string | null | undefined): { text: string; original?: string } {
  if (english?.trim()) return { text: english };
  return HAN.test(chinese) ? { text: `${romanize(chinese)} (pinyin)`, original: chinese } : { text: chinese };
}

/**
 * A paragraph of runs. A full stop that would follow a name ending in one ("Co., Ltd.") is left
 * out, as English writes it: "… to Huludao Heating Network Co., Ltd. Of 7 cases due …".
 */
export const paragraph = (...runs: Run[]): Paragraph => ({
  runs: runs.map((run, i) => {
    const before = runs[i - 1];
    return run.kind === 'text' && run.text.startsWith('.') && before?.text.endsWith('.')
      ? { ...run, text: run.text.slice(1) }
      : run;
  }),
});
