/**
 * CSV as RFC 4180 has it (CRLF, fields quoted when they hold a comma, quote or line break), with a
 * UTF-8 byte order mark so that Excel on Chinese Windows reads the Chinese text right.
 */

const NEEDS_QUOTES = /[",\r\n]/;
// A text cell Excel would take for a formula is neutralised (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
