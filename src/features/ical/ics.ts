/**
 * A small iCalendar (RFC 5545) writer: the few properties a published schedule needs, written by
 * hand so that folding and escaping are exactly the RFC's. Times are local to one time zone,
 * described by its VTIMEZONE, so calendar programs show desk hours as the site's hours.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT values: backslash, semicolon and comma escaped, line breaks as \n (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines begin with one space, and
 * a multi-byte UTF-8 character is never split, so Chinese text survives any reader.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** A local date and time of the calendar's zone: 2026-05-15 and 09:00 → 20260515T090000. */
export function localDateTime(date: string, time: string): string {
  return `${date.replaceAll('-', '')}T${time.replace(':', '').padEnd(6, '0')}`;
}

/** An instant in UTC: 20261128T030405Z. */
export function utcDateTime(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface CalendarEvent {
  /** Stable across feeds and fetches, so that calendar programs update the event in place. */
  uid: string;
  summary: string;
  location: string;
  description: string;
  /** Local date (YYYY-MM-DD) and times (HH:MM) in the calendar's zone. */
  date: string;
  starts: string;
  ends: string;
  categories?: readonly string[];
}

export interface Calendar {
  name: string;
  description: string;
  /** An IANA zone with a fixed offset and no daylight saving, e.g. Asia/Shanghai (+08:00). */
  timeZone: { id: string; offset: string; abbreviation: string };
  stamp: Date;
  events: readonly CalendarEvent[];
}

/** China Standard Time: +08:00 all year since 1991. */
export const CHINA_STANDARD_TIME = { id: 'Asia/Shanghai', offset: '+0800', abbreviation: 'CST' } as const;

/** The calendar as text/calendar: CRLF line ends, folded lines, a VTIMEZONE for the local times. */
export function renderCalendar(calendar: Calendar): string {
  const tz = calendar.timeZone.id;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OpenDay//Government Open Day//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `DESCRIPTION:${escapeText(calendar.description)}`,
    `X-WR-CALDESC:${escapeText(calendar.description)}`,
    `X-WR-TIMEZONE:${tz}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    'BEGIN:VTIMEZONE',
    `TZID:${tz}`,
    `X-LIC-LOCATION:${tz}`,
    'BEGIN:STANDARD',
    `TZOFFSETFROM:${calendar.timeZone.offset}`,
    `TZOFFSETTO:${calendar.timeZone.offset}`,
    `TZNAME:${calendar.timeZone.abbreviation}`,
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const stamp = utcDateTime(calendar.stamp);
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${tz}:${localDateTime(event.date, event.starts)}`,
      `DTEND;TZID=${tz}:${localDateTime(event.date, event.ends)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `LOCATION:${escapeText(event.location)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      ...(event.categories?.length ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
      'TRANSP:TRANSPARENT',
      'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
