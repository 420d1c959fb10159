/**
 * The server's message catalogs, one per language (zh-CN.ts, en-US.ts), each one `Catalog` with a
 * namespace per feature that speaks to people: the portal, notifications, cases, summaries and
 * imports.
 * Imports no feature: any feature may read its words here (ADR 33).
 */
import type { Catalog } from './catalog.ts';
import { enUS } from './en-US.ts';
import { LOCALES, type Locale } from './locale.ts';
import { zhCN } from './zh-CN.ts';

export type { Catalog } from './catalog.ts';
export type { CaseEventFacts } from './case-event.ts';
export { formatMessage, formatNumber, plural, type MessageValues, type PluralForms } from './format.ts';
export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locale.ts';

const CATALOGS: Record<Locale, Catalog> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The catalog of a language. */
export const messages = (locale: Locale): Catalog => CATALOGS[locale];

/** A text in every language, as an API that answers in both sends it: `{ 'zh-CN': …, 'en-US': … }`. */
export const inEveryLanguage = (text: (catalog: Catalog) => string): Record<Locale, string> =>
  Object.fromEntries(LOCALES.map((locale) => [locale, text(CATALOGS[locale])])) as Record<Locale, string>;
