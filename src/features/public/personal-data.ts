/**
 * Finds what looks like personal data in a text about to be published: a phone number, an e-mail
 * address, or the name of the person who asked. Published answers must be written without them;
 * the check is a guard against slips, not a proof of anonymity.
 */

/** What is known about the person who asked, to look for in the text. */
export interface PersonalFacts {
  name: string | null;
  phone: string | null;
  email: string | null;
}

// Honorifics that follow a surname in a reply ("王女士", "李大爷").
const HONORIFICS = '先生|女士|小姐|同志|阿姨|大爷|大妈|大姐|大哥|师傅|老师';

/**
 * Runs of digits with the separators phone numbers are written with. A number written in brackets,
 * （13800001234）, is taken with both of them, so that no bracket is left over the mask.
 */
const DIGIT_RUN = /[+＋]?(?:[(（]\d[\d\s()（）\-－.]*\d[)）]?|\d[\d\s()（）\-－.]*\d)/g;
const DATE = /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

const digitsOf = (text: string) => text.replace(/\D/g, '');

/** 18-digit resident ID numbers (the last may be X). */
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;
// A place with a street, estate or village word, then house numbers: 幸福路12号, 阳光小区3号楼2单元501室.
const PLACE_WORD = '路|街|巷|胡同|大道|小区|花园|家园|公寓|新村|村|苑|里';
const HOUSE_PART = '(?:号楼|号院|栋|幢|号|单元|室|层|楼)';
// The place's name runs back from its street word, but not across a verb or particle (住, 在 …).
const ADDRESS = new RegExp(
  `(?:(?![住在于的到是])[\\p{Script=Han}\\d]){0,8}(?:${PLACE_WORD})\\d+${HOUSE_PART}(?:\\s*[-\\d]+${HOUSE_PART}?)*`,
  'gu',
);
// Characters that come before an honorific without being a surname (的师傅, 这位先生).
const NOT_SURNAME = '的了是在和与及为位名这那该此各每个有请向给对将把';

/** Why the text cannot be published as it is, or undefined when nothing personal was found. */
export function detectPersonalData(text: string, facts: PersonalFacts): string | undefined {
  // Full-width digits and letters (１３８…) read as their ASCII forms.
  const plain = text.normalize('NFKC');
  for (const match of plain.matchAll(DIGIT_RUN)) {
    const run = match[0];
    // Seven digits or more is a phone number (or an ID number); dates and short numbers are not.
    if (digitsOf(run).length >= 7 && !DATE.test(run.trim())) return 'contains what looks like a phone number';
  }
  const phone = facts.phone && digitsOf(facts.phone);
  if (phone && phone.length >= 7 && digitsOf(plain).includes(phone)) return "contains the visitor's phone number";
  if (EMAIL.test(plain)) return 'contains what looks like an e-mail address';
  if (new RegExp(ADDRESS.source, 'u').test(plain)) return 'contains what looks like an address';
  if (facts.email && plain.toLowerCase().includes(facts.email.toLowerCase())) return "contains the visitor's e-mail";
  const name = facts.name?.normalize('NFKC').trim();
  if (name) {
    const lower = plain.toLowerCase();
    if ([...name].length >= 2 && lower.includes(name.toLowerCase())) return "contains the visitor's name";
    // A Chinese name's surname with an honorific names the person just as well.
    const surname = [...name][0]!;
    if (/\p{Script=Han}/u.test(surname) && new RegExp(`${surname}(?:${HONORIFICS})`).test(plain)) {
      return "contains the visitor's name";
    }
  }
  return undefined;
}

/** The kinds of personal data the preview masks. */
export const PERSONAL_DATA_KINDS = ['name', 'phone', 'id_number', 'email', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** What stands in for a masked number, e-mail or address; a name keeps its honorific (某女士). */
const MASK = '***';

/**
 * The text with what looks like personal data masked, for the publisher to confirm: ID numbers,
 * phone numbers, e-mail addresses, house addresses, the visitor's name, a surname before an
 * honorific (王女士 → 某女士) and a name after 姓 or 叫 (姓王 → 姓某). Each masked piece is listed
 * with its kind. Over-masking is the safe side: the publisher reads and may edit the result.
 * `kinds` masks only those kinds (the retention of opinions keeps the places they are about).
 */
export function maskPersonalData(
  text: string,
  facts: PersonalFacts,
  options: { kinds?: readonly PersonalDataKind[] } = {},
): { text: string; found: { kind: PersonalDataKind; text: string }[] } {
  const found: { kind: PersonalDataKind; text: string }[] = [];
  const kinds = new Set(options.kinds ?? PERSONAL_DATA_KINDS);
  const replace = (input: string, pattern: RegExp, kind: PersonalDataKind, by: (match: string) => string | null) =>
    !kinds.has(kind)
      ? input
      : input.replace(pattern, (match: string) => {
          const masked = by(match);
          if (masked === null) return match;
          found.push({ kind, text: match });
          return masked;
        });
  // Full-width digits and letters (１３８…) read as ASCII; Chinese punctuation stays as written.
  let out = text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF08\uFF09\uFF0E\uFF20]/g, (c) =>
    c.normalize('NFKC'),
  );
  out = replace(out, ID_NUMBER, 'id_number', () => MASK);
  out = replace(out, DIGIT_RUN, 'phone', (run) => (digitsOf(run).length >= 7 && !DATE.test(run.trim()) ? MASK : null));
  out = replace(out, new RegExp(EMAIL.source, 'g'), 'email', () => MASK);
  out = replace(out, ADDRESS, 'address', () => MASK);
  const name = facts.name?.normalize('NFKC').trim();
  if (name && [...name].length >= 2) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = replace(out, new RegExp(escaped, 'giu'), 'name', () => '某');
  }
  out = replace(out, new RegExp(`(?<=姓)(?![某${NOT_SURNAME}])\\p{Script=Han}`, 'gu'), 'name', () => '某');
  out = replace(out, /(?<=(?:名叫|叫做|姓名[:：]?\s*))(?!某)\p{Script=Han}{2,3}/gu, 'name', () => '某某');
  out = replace(out, new RegExp(`(?![某${NOT_SURNAME}])\\p{Script=Han}(?=${HONORIFICS})`, 'gu'), 'name', () => '某');
  return { text: out, found };
}
