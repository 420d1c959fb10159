import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
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

/** Fills a message: {name} placeholders and ICU-style {n, plural, one {# x} other {# xs}}. */
export function formatMessage(locale: Locale, message: string, values: Values = {}): string {
  const numbers = new Intl.NumberFormat(locale);
  const rules = new Intl.PluralRules(locale);
  const show = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
  return message
    .replace(PLURAL, (_all, name: string, body: string) => {
      const count = Number(values[name] ?? 0);
      const branches = new Map<string, string>();
      for (const [, selector, text] of body.matchAll(BRANCH)) branches.set(selector!, text!);
      const text = branches.get(`=${count}`) ?? branches.get(rules.select(count)) ?? branches.get('other') ?? '';
      return text.replace(/#/g, numbers.format(count));
    })
    .replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? show(values[name]!) : all));
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, values?: Values) => string;
  formatNumber: (value: number) => string;
  formatPercent: (value: number) => string;
  formatDate: (isoDate: string) => string;
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
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const times = new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
    return {
      locale,
      setLocale,
      t: (key, values) => formatMessage(locale, catalogs[locale][key], values),
      formatNumber: (n) => numbers.format(n),
      formatPercent: (n) => percent.format(n),
      // A date string is a calendar day: shown as that day, whatever the device's zone.
      formatDate: (isoDate) => dates.format(new Date(`${isoDate}T00:00:00Z`)),
      formatTime: (instant) => times.format(typeof instant === 'string' ? new Date(instant) : instant),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
