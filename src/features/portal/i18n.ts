import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, formatNumber, isLocale, messages, type Catalog, type Locale } from '../../messages/index.ts';

export { LOCALES, type Locale } from '../../messages/index.ts';
export const LANG_COOKIE = 'openday_lang';

/** The portal's words in one language (src/messages: `portal`). */
export type Messages = Catalog['portal'];

/** The best of our languages for an Accept-Language header, by its q-values; zh-CN when none fits. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}

/**
 * The reader's language: a `?lang=` link (remembered in a cookie), else the cookie, else the
 * browser's Accept-Language, else zh-CN.
 */
export function chooseLocale(request: FastifyRequest, reply: FastifyReply, secure: boolean): Locale {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(asked)) {
    reply.setCookie(LANG_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, secure });
    return asked;
  }
  const remembered = request.cookies[LANG_COOKIE];
  if (isLocale(remembered)) return remembered;
  return localeFromAcceptLanguage(request.headers['accept-language']);
}

/** Messages, dates and numbers in one language. */
export interface Localizer {
  locale: Locale;
  t: Messages;
  /** A calendar day (YYYY-MM-DD) as people write it, one format per language: 2026年5月15日 / 15 May 2026. */
  date: (isoDate: string) => string;
  /** A moment in China Standard Time, to the minute: 2026年5月15日 09:30 / 15 May 2026, 09:30. */
  dateTime: (iso: string) => string;
  number: (n: number) => string;
}

/** English dates are written day month year (15 May 2026), as the English summaries write them. */
const INTL_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'en-US': 'en-GB' };

/** The portal's one place for dates and numbers in the reader's language. */
export function localizer(locale: Locale): Localizer {
  const dateFormat = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'Asia/Shanghai' });
  const clock = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  });
  return {
    locale,
    t: messages(locale).portal,
    date: (isoDate) => dateFormat.format(new Date(`${isoDate}T12:00:00+08:00`)),
    dateTime: (iso) =>
      `${dateFormat.format(new Date(iso))}${locale === 'zh-CN' ? ' ' : ', '}${clock.format(new Date(iso))}`,
    number: (n) => formatNumber(locale, n),
  };
}

/** A name in the reader's language when the record has one. */
export const nameIn = (l: Localizer, name: string, nameEn: string | null | undefined) =>
  l.locale === 'en-US' && nameEn ? nameEn : name;
