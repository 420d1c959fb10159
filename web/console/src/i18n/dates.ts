/**
 * The one way the console shows dates to people, one format per language, as the summaries and
 * the portal write them: 2026年5月15日 and 15 May 2026; a moment adds China's time of day
 * (2026年5月15日 09:30, 15 May 2026, 09:30), the open day's own clock whatever the device's zone.
 */
export interface DateFormats {
  /** A calendar day (YYYY-MM-DD), shown as that day whatever the device's zone. */
  date: (isoDate: string) => string;
  /** A moment (ISO string or Date) as its day and time in China. */
  dateTime: (instant: Date | string) => string;
  /** A moment's time of day in China, with seconds. */
  time: (instant: Date | string) => string;
}

/** English dates are written day month year (15 May 2026), as the English summary writes them. */
const INTL_LOCALE = { 'zh-CN': 'zh-CN', 'en-US': 'en-GB' } as const;

export function dateFormats(locale: keyof typeof INTL_LOCALE): DateFormats {
  const intl = INTL_LOCALE[locale];
  const day = new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' });
  const dayInChina = new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'Asia/Shanghai' });
  const clock = new Intl.DateTimeFormat(intl, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  });
  const clockWithSeconds = new Intl.DateTimeFormat(intl, {
    timeStyle: 'medium',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  });
  const asDate = (instant: Date | string) => (typeof instant === 'string' ? new Date(instant) : instant);
  return {
    date: (isoDate) => day.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (instant) => {
      const at = asDate(instant);
      return `${dayInChina.format(at)}${locale === 'zh-CN' ? ' ' : ', '}${clock.format(at)}`;
    },
    time: (instant) => clockWithSeconds.format(asDate(instant)),
  };
}
