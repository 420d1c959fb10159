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

/** Runs of digits with the separators phone numbers are written with. */
const DIGIT_RUN = /[+＋(（]?\d[\d\s()（）\-－.]*\d/g;
const DATE = /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;

const digitsOf = (text: string) => text.replace(/\D/g, '');

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
