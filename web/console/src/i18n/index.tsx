import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { dateFormats } from './dates.ts';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'openday.locale';

/** The chosen language, else the browser's (as Accept-Language would say), else Chinese. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh-CN' || stored === 'en-US') return stored;
  for (const language of navigator.languages ?? [navigator.language]) {
    if (language.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (language.toLowerCase().startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

type Values = Record<string, string | number>;

const PLURAL = /\{(\w+), plural, ((?:[=\w]+ \{[^{}]*\}\s*)+)\}/g;
const BRANCH = /([=\w]+) \{([^{}]*)\}/g;

/** Placeholders that name a year (year, years, fromYear …): a year is written whole, 2027 and not 2,027. */
const YEAR = /year/i;

/** Fills a message: {name} placeholders and ICU-style {n, plural, one {# x} other {# xs}}. */
export function formatMessage(locale: Locale, message: string, values: Values = {}): string {
  const numbers = new Intl.NumberFormat(locale);
  const rules = new Intl.PluralRules(locale);
  const show = (name: string, value: string | number) =>
    typeof value === 'number' && !YEAR.test(name) ? numbers.format(value) : String(value);
  return message
    .replace(PLURAL, (_all, name: string, body: string) => {
      const count = Number(values[name] ?? 0);
      const branches = new Map<string, string>();
      for (const [, selector, text] of body.matchAll(BRANCH)) branches.set(selector!, text!);
      const text = branches.get(`=${count}`) ?? branches.get(rules.select(count)) ?? branches.get('other') ?? '';
      return text.replace(/#/g, numbers.format(count));
    })
    .replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? show(name, values[name]!) : all));
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, values?: Values) => string;
  formatNumber: (value: number) => string;
  formatPercent: (value: number) => string;
  /** A calendar day: 2026年5月15日, 15 May 2026 (i18n/dates.ts, the one format per language). */
  formatDate: (isoDate: string) => string;
  /** A moment as its day and time in China: 2026年5月15日 09:30, 15 May 2026, 09:30. */
  formatDateTime: (instant: Date | string) => string;
  /** A moment's time of day in China. */
  formatTime: (instant: Date | string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const numbers = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const dates = dateFormats(locale);
    return {
      locale,
      setLocale,
      t: (key, values) => formatMessage(locale, catalogs[locale][key], values),
      formatNumber: (n) => numbers.format(n),
      formatPercent: (n) => percent.format(n),
      formatDate: dates.date,
      formatDateTime: dates.dateTime,
      formatTime: dates.time,
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
