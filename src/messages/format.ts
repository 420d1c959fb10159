/**
 * The one way the server's messages are filled, in ICU MessageFormat's syntax (the console's
 * catalogs use the same): `{name}` is a value, `{n, plural, one {# day} other {# days}}` a plural.
 * Every catalog makes its plurals through `plural`, whatever the language's rules (Intl.PluralRules).
 */
import type { Locale } from './locale.ts';

/** The forms of a word by the language's plural categories; `#` stands for the count. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

function cached<T>(cache: Map<Locale, T>, locale: Locale, make: () => T): T {
  let value = cache.get(locale);
  if (value === undefined) cache.set(locale, (value = make()));
  return value;
}

/** The count written as the language writes numbers: 1,234 in English, 1,234 in Chinese. */
export const formatNumber = (locale: Locale, count: number): string =>
  cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(count);

/**
 * The form for a count in the language (Intl.PluralRules), `#` replaced by the count:
 * `plural('en-US', 3, { one: '# unit', other: '# units' })` is "3 units"; without `#`, only the word.
 */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const category = cached(rules, locale, () => new Intl.PluralRules(locale)).select(count);
  const form = forms[category] ?? forms.other;
  return form.includes('#') ? form.replaceAll('#', formatNumber(locale, count)) : form;
}

export type MessageValues = Readonly<Record<string, string | number>>;

const PLURAL = /\{(\w+), plural, ((?:\w+ \{[^{}]*\}\s*)+)\}/g;
const BRANCH = /(\w+) \{([^{}]*)\}/g;
const VALUE = /\{(\w+)\}/g;

/**
 * A message filled with its values: each `{name}` by its value as given, each `{name, plural, …}` by
 * `plural`; a value not given is left as `{name}`. The subset of ICU the server's messages use:
 * values and plurals by category, no nesting, no select.
 */
export function formatMessage(locale: Locale, message: string, values: MessageValues): string {
  return message
    .replace(PLURAL, (_whole, name: string, body: string) => {
      const count = values[name];
      if (count === undefined) return `{${name}}`;
      const forms: PluralForms = { other: '' };
      for (const [, category, text] of body.matchAll(BRANCH)) forms[category as Intl.LDMLPluralRule] = text!;
      return plural(locale, Number(count), forms);
    })
    .replace(VALUE, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}
