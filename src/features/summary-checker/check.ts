/**
 * The summary checker: reads a hand-written summary and reports what a reader should not have to
 * find by hand — placeholders, malformed numbers, figures that contradict the unit's records,
 * rates with no count behind them, boilerplate instead of findings, and standard sections that
 * are missing. Pure: the recorded figures are given.
 */

export type FindingKind =
  | 'placeholder'
  | 'malformed_number'
  | 'impossible_date'
  | 'parts_not_summing'
  | 'contradiction'
  | 'rate_without_count'
  | 'boilerplate'
  | 'missing_section';

export interface Finding {
  kind: FindingKind;
  /** Character offset of the finding in the text (UTF-16 code units, as JavaScript counts). */
  offset: number;
  /** 1-based line and column of the offset. */
  line: number;
  column: number;
  /** The words found (empty for a missing section, located at the end of the text). */
  text: string;
  message: string;
  /** For a contradiction: the figure, what the text says, and what the records say. */
  figure?: string;
  written?: string;
  recorded?: number | null;
}

/** The recorded figures a written one is compared with; a rate is a fraction (0.992). */
export interface RecordedFigures {
  peopleReceived: number;
  consultations: number;
  answeredOnSpot: number;
  /** 现场办理: services completed at the desk. */
  handledOnSpot: number;
  /** 领导接待: visits received by leaders on duty. */
  leaderReceptions: number;
  desks: number;
  staff: number | null;
  banners: number;
  panels: number;
  ledSlogans: number;
  newspaperWindows: number;
  /** 媒体报道: reports by outside outlets. */
  mediaReports: number;
  materialsPrinted: number | null;
  materialsDistributed: number;
  rated: number;
  satisfactionRate: number | null;
}

const PLACEHOLDERS: [RegExp, string][] = [
  [/\b20[xX]{2}\b/g, 'a year left as 20xx'],
  [/(?<![A-Za-z])[xX]{2,}(?![A-Za-z])/g, 'a name or number left as xx'],
  [/\*(?:[ \u3000]*\*)+/g, 'a name or number left as * * *'],
  [/[×Ｘ]{2,}|[xX×Ｘ]+(?=[年月日号])/g, 'a date or number left as ××'],
  [/某某|XX(?=[市县区局])/g, 'a name left as 某某'],
];

const MALFORMED: [RegExp, string][] = [
  [/\b0+\/\d+\b|\b\d+\/0+\b/g, 'a garbled figure (a fraction with a zero part)'],
  [/\b\d{1,3} \d{1,3},\d{3}\b/g, 'digits split by a space before a thousands group (1 1,000)'],
  [/\b(?:19|20) \d{2}\b(?= *(?:年|\b))/g, 'a year split by a space (20 13)'],
  [/\b[A-Za-z]{3,}\d+\b/g, 'a number glued to a word'],
  [/\b\d+(?!st\b|nd\b|rd\b|th\b|km\b|mm\b|cm\b|kg\b|m\b|am\b|pm\b)[A-Za-z]{2,}\b/g, 'a number glued to a word'],
  [/\b[Aa]n? \d+(?=\s+[a-z])/g, 'an article before a number (a 1 banner)'],
  [/(?<![\d,.])\d{1,3} \d{4,}(?![\d,])/g, 'digits split by a space (1 1400)'],
];

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };

/** 二百四十六 → 246, 两千 → 2000, 十五 → 15; null when it is not a Chinese numeral. */
export function chineseNumber(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of text) {
    if (c in CHINESE_DIGITS) digit = CHINESE_DIGITS[c]!;
    else if (c === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else if (c in CHINESE_UNITS) {
      section += (digit ?? 1) * CHINESE_UNITS[c]!;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

interface ClaimPattern {
  figure: keyof RecordedFigures;
  pattern: RegExp;
}

// A number is matched from the start of its digits only: a match tried inside a long run of digits
// would scan the rest of the run from every digit (time quadratic in the run's length).
const NUMBER = String.raw`(more than |over |nearly |about |超过|近|约)?(?<![\d,])(\d[\d,]*|[一二两三四五六七八九十百千万〇零]+)(余|多)?`;
const n = (source: string) => new RegExp(source.replace('{N}', NUMBER), 'gi');

/** Phrases that state a figure, in Chinese and English; the number is the second and third group. */
const CLAIMS: ClaimPattern[] = [
  // Not the leaders' receptions (领导现场接待群众N人次), which are a figure of their own.
  { figure: 'peopleReceived', pattern: n(String.raw`(?<!领导(?:现场)?)接待(?:来访)?群众{N}人`) },
  { figure: 'leaderReceptions', pattern: n(String.raw`领导(?:现场)?接待(?:来访)?群众{N}人`) },
  { figure: 'handledOnSpot', pattern: n(String.raw`现场办(?:理|结){N}件`) },
  { figure: 'handledOnSpot', pattern: n(String.raw`{N} services? (?:was |were )?handled on the spot`) },
  { figure: 'peopleReceived', pattern: n(String.raw`{N} (?:people|persons|visitors) (?:were |was )?received`) },
  { figure: 'peopleReceived', pattern: n(String.raw`received {N} (?:people|persons|visitors)`) },
  { figure: 'peopleReceived', pattern: n(String.raw`interviewed {N} (?:people|persons)`) },
  { figure: 'banners', pattern: n(String.raw`(?:悬挂)?横幅{N}条`) },
  { figure: 'banners', pattern: n(String.raw`{N} (?:publicity )?banners?\b`) },
  { figure: 'panels', pattern: n(String.raw`展板{N}块`) },
  { figure: 'panels', pattern: n(String.raw`{N} (?:publicity |display |exhibition )?(?:panels?|boards?)\b`) },
  { figure: 'desks', pattern: n(String.raw`(?:设立|设置)?(?:咨询|服务|便民服务)台{N}个`) },
  { figure: 'desks', pattern: n(String.raw`{N} (?:convenience |consultation )?(?:service )?desks\b`) },
  { figure: 'staff', pattern: n(String.raw`工作人员{N}人`) },
  { figure: 'staff', pattern: n(String.raw`{N} (?:people|staff) took part`) },
  { figure: 'materialsDistributed', pattern: n(String.raw`发放(?:宣传)?资料{N}份`) },
  {
    figure: 'materialsDistributed',
    pattern: n(String.raw`distributed {N} (?:\w+ ){0,2}?(?:materials|leaflets|brochures|copies)`),
  },
  {
    figure: 'materialsDistributed',
    pattern: n(String.raw`{N} (?:\w+ ){0,1}?(?:materials|leaflets) (?:were |was )?distributed`),
  },
  { figure: 'answeredOnSpot', pattern: n(String.raw`当场答复{N}`) },
  { figure: 'newspaperWindows', pattern: n(String.raw`{N} newspaper windows`) },
  { figure: 'newspaperWindows', pattern: n(String.raw`报栏{N}(?:个|块)`) },
  { figure: 'mediaReports', pattern: n(String.raw`媒体(?:宣传)?报道{N}(?:篇|次|条)`) },
  { figure: 'mediaReports', pattern: n(String.raw`{N} (?:media|news(?:paper)?) reports?\b`) },
];

const RATE_CLAIMS = [
  /满意率(?:达到?|为)?(\d+(?:\.\d+)?)[%％]/g,
  /satisfaction(?: rate)?[^.%\d]{0,40}?(\d+(?:\.\d+)?)%/gi,
];
/** A count of the ratings behind a satisfaction rate, in the same sentence. */
const RATED_COUNT =
  /(?:评价|参评)\s*\d+\s*人|(?<!\d)\d+\s*(?:人次?)?(?:参与)?评价|(?<!\d)\d+\s+(?:people |persons |visitors |citizens )?(?:rated|ratings|responses|questionnaires|were surveyed)|(?:of|from) \d+ (?:ratings|responses|questionnaires)/i;

/** Stock phrases that stand in for findings when no figure is near them. */
const BOILERPLATE = [
  /attached great importance/i,
  /achieved (?:the )?(?:expected|remarkable|good) results/i,
  /was well received/i,
  /not a mere formality/i,
  /(?:made|make) (?:careful|comprehensive) (?:arrangements|preparations)/i,
  /高度重视/,
  /取得(?:了)?(?:良好|显著|预期)(?:的)?(?:效果|成效)/,
  /精心组织/,
  /圆满完成/,
];

const SECTIONS: [string, string, RegExp][] = [
  [
    'organization',
    '组织领导和工作部署 / organization and planning',
    /领导|部署|方案|组织|leader|deploy|arrangement|organi[sz]ation|\bplan(?:ning|s)?\b/i,
  ],
  ['publicity', '宣传 / publicity', /宣传|publicity|publiciz|propaganda/i],
  ['service', '现场服务 / on-site service', /咨询|接待|consult|inquir|received/i],
  [
    'followUp',
    '意见收集和办理 / opinions and follow-up',
    /转办|办件|答复期限|意见建议|transferred|follow-up|follow up|replied|opinions/i,
  ],
  [
    'problems',
    '存在的问题 / problems found',
    /存在的问题|不足之处|问题和整改|整改|shortcoming|deficienc|problems? (?:found|existing)|existing problems|to be corrected/i,
  ],
  ['nextSteps', '下一步工作 / next steps', /下一步|今后|next step|in the future|future work/i],
];

/** A numbered heading line (一、 I. 1. （一）), short: where a section's name is matched loosely. */
const HEADING_LINE =
  /^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[IVX]+\.|\d+[.、]|（[一二三四五六七八九十]+）)[^\n]{0,40}$/gmu;

/** Section names as a heading may give them, shortened ("I. Organization", "V. Problems", "五、问题"). */
const LOOSE_HEADINGS: Record<string, RegExp> = {
  organization: /组织|领导|部署|organi[sz]ation|planning|leadership/i,
  publicity: /宣传|publicity/i,
  service: /服务|咨询|service|consultation/i,
  followUp: /意见|办理|follow|opinion/i,
  problems: /问题|不足|problems?|issues|shortcomings/i,
  nextSteps: /下一步|今后|next|future/i,
};

function locate(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  // The last line starting at or before the offset, by bisection.
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const toNumber = (digits: string) =>
  /^[\d,]+$/.test(digits) ? Number(digits.replaceAll(',', '')) : (chineseNumber(digits) ?? NaN);

const STOPS = new Set('.。!！?？\n;；');

/** Whether the character at i ends a sentence: a full stop, but not the point of a decimal (97.4%). */
const isStop = (text: string, i: number) =>
  STOPS.has(text[i]!) && !(text[i] === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''));

/**
 * The text with its hard-wrapped lines joined (a PDF's text, copied or extracted, breaks every line
 * where the page did): a line of 20 characters or more that does not end a sentence or a clause
 * goes on into the next one, unless that one opens a heading or an item, and a page's number
 * between pages is taken out. What joins becomes spaces, so every offset stays where it was.
 */
export function unwrapLines(text: string): string {
  // A page's number between two pages ("— 3 —", with the page break around it) goes too.
  const pages = text.replace(/\n\s*[—-]\s*\d+\s*[—-]\s*\n\s*/gu, (block) => ' '.repeat(block.length));
  return pages.replace(
    /(?<=[^\n]{19}[^\n。！？；：.!?;:）)”"\s])\n(?=[^\n\s])(?![一二三四五六七八九十]+、|[IVX]+\.\s|\d+[.、]\s?\D|（[一二三四五六七八九十]+）)/gu,
    ' ',
  );
}

/** The sentence around an offset: from the stop before it to the stop at or after it. */
function sentenceAt(text: string, offset: number): { start: number; end: number } {
  // A sentence is read at most this far either side: a text without stops stays fast to check.
  const reach = 2000;
  let start = offset;
  while (start > 0 && offset - start < reach && !isStop(text, start - 1)) start--;
  let end = offset;
  while (end < text.length && end - offset < reach && !isStop(text, end)) end++;
  return { start, end };
}

/**
 * What the sentence around an offset holds (from the last full stop before it to the next one):
 * a count of ratings, a digit. Found by bisection over the stops, and worked out once a sentence,
 * so that many matches in one long sentence read it once.
 */
function sentenceFacts(text: string) {
  const stops: number[] = [];
  for (let i = 0; i < text.length; i++) if (isStop(text, i)) stops.push(i);
  const known = new Map<number, { rated: boolean; digit: boolean }>();
  return (offset: number) => {
    // The first stop at or after the offset ends the sentence; the one before it starts it.
    let low = 0;
    let high = stops.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (stops[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    const start = low > 0 ? stops[low - 1]! + 1 : 0;
    let facts = known.get(start);
    if (!facts) {
      const sentence = text.slice(start, low < stops.length ? stops[low] : text.length);
      facts = { rated: RATED_COUNT.test(sentence), digit: /\d/.test(sentence) };
      known.set(start, facts);
    }
    return facts;
  };
}

/**
 * Matches of one pattern examined at most: a summary has a handful; a text made of thousands of
 * placeholders is reported by its first ones, and its check stays fast.
 */
export const MAX_MATCHES = 200;

function* firstMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  let count = 0;
  for (const m of text.matchAll(pattern)) {
    if (++count > MAX_MATCHES) return;
    yield m;
  }
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Dates as written: 2026年5月32日, 5月32日, 32 May 2026, May 32, 2026. */
const DATES = [
  /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g,
  new RegExp(String.raw`\b(\d{1,2}) (${MONTHS_EN.join('|')})(?: (\d{4}))?\b`, 'gi'),
  new RegExp(String.raw`\b(${MONTHS_EN.join('|')}) (\d{1,2}),? (\d{4})\b`, 'gi'),
];

/** Whether a day of a month exists (29 February only in a leap year; any year when none is written). */
function dateExists(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** The dates of a text that do not exist, with where they stand. */
function impossibleDates(text: string): { index: number; text: string }[] {
  const found: { index: number; text: string }[] = [];
  for (const [i, pattern] of DATES.entries())
    for (const m of firstMatches(text, pattern)) {
      const monthOf = (name: string) => MONTHS_EN.indexOf(name.toLowerCase()) + 1;
      const [year, month, day] =
        i === 0
          ? [m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3])]
          : i === 1
            ? [m[3] ? Number(m[3]) : null, monthOf(m[2]!), Number(m[1])]
            : [Number(m[3]), monthOf(m[1]!), Number(m[2])];
      if (!dateExists(year, month, day)) found.push({ index: m.index, text: m[0] });
    }
  return found;
}

/** A total stated after its parts: 共1400份, 合计3件, "1,150 copies in all". */
const TOTALS = [
  /(?:共计?|合计|总计)(\d+)(份|件|人次|条|块|个|人|册)/g,
  /(\d[\d,]*) (copies|cases|people|questions|banners|panels) in (?:all|total)/gi,
];

/**
 * Totals whose parts, written before them in the same sentence with the same measure word, add
 * up to something else: 《A》800份和《B》500份等共1400份.
 */
function totalsNotSumming(text: string): { index: number; text: string; parts: number[]; total: number }[] {
  const found: { index: number; text: string; parts: number[]; total: number }[] = [];
  for (const pattern of TOTALS)
    for (const m of firstMatches(text, pattern)) {
      const sentence = text.slice(sentenceAt(text, m.index).start, m.index);
      const measure = m[2]!;
      const chinese = /[\u4e00-\u9fff]/u.test(measure);
      const part = chinese
        ? new RegExp(String.raw`(?<![\d.])(\d+)${measure}`, 'g')
        : new RegExp(String.raw`(?<![\d.,])(\d[\d,]*) ${measure}\b`, 'gi');
      const parts = [...sentence.matchAll(part)].map((p) => toNumber(p[1]!));
      const total = toNumber(m[1]!);
      if (parts.length >= 2 && parts.reduce((a, b) => a + b, 0) !== total)
        found.push({ index: m.index, text: m[0], parts, total });
    }
  return found;
}

/** Checks a hand-written summary against the unit's recorded figures. */
export function checkSummaryText(source: string, recorded: RecordedFigures | undefined): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Omit<Finding, 'line' | 'column'>) =>
    findings.push({ ...finding, ...locate(lineStarts, finding.offset) });
  // Places are told in the text as given; it is read with its hard-wrapped lines joined.
  const lineStarts = lineStartsOf(source);
  const text = unwrapLines(source);
  const sentenceAround = sentenceFacts(text);
  /** The number rated that a sentence gives beside its rate (评价38人次, of 38 rated), if any. */
  const ownCount = (offset: number): number | null => {
    const { start, end } = sentenceAt(text, offset);
    const sentence = text.slice(start, end);
    const count =
      /(?:评价|参评)\s*(\d+)\s*人|(?:of |from )?(\d[\d,]*)\s+(?:people |persons )?(?:rated|ratings|responses)/i.exec(
        sentence,
      );
    return count ? toNumber(count[1] ?? count[2]!) : null;
  };
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);

  for (const [pattern, message] of PLACEHOLDERS) {
    for (const m of firstMatches(text, pattern)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      taken.push([m.index, m.index + m[0].length]);
      add({ kind: 'placeholder', offset: m.index, text: m[0], message: `Placeholder: ${message}` });
    }
  }
  for (const [pattern, message] of MALFORMED) {
    for (const m of firstMatches(text, pattern)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      taken.push([m.index, m.index + m[0].length]);
      add({ kind: 'malformed_number', offset: m.index, text: m[0], message: `Malformed number: ${message}` });
    }
  }

  for (const date of impossibleDates(text)) {
    if (overlaps(date.index, date.index + date.text.length)) continue;
    taken.push([date.index, date.index + date.text.length]);
    add({ kind: 'impossible_date', offset: date.index, text: date.text, message: `No such date: ${date.text}` });
  }
  for (const sum of totalsNotSumming(text)) {
    add({
      kind: 'parts_not_summing',
      offset: sum.index,
      text: sum.text,
      written: String(sum.total),
      recorded: sum.parts.reduce((a, b) => a + b, 0),
      message: `The total ${sum.total} is not the sum of its parts (${sum.parts.join(' + ')} = ${sum.parts.reduce((a, b) => a + b, 0)})`,
    });
  }

  if (recorded) {
    for (const { figure, pattern } of CLAIMS) {
      for (const m of firstMatches(text, pattern)) {
        const start = m.index;
        if (overlaps(start, start + m[0].length)) continue;
        const digits = m[2]!;
        // A number garbled or split by a space is reported as malformed, not compared.
        if (/^\d{1,3}$/.test(digits) && /\d[ ]$/.test(text.slice(Math.max(0, start - 2), start))) continue;
        // A figure for each site or desk (每个服务点悬挂横幅一条) is not the unit's total.
        const clause = text
          .slice(Math.max(0, start - 40), start)
          .split(/[，,；;。.：:]/)
          .at(-1)!;
        if (/每|各|\beach\b|\bper\b/i.test(clause)) continue;
        const written = toNumber(digits);
        const atLeast = Boolean(m[1] || m[3]);
        const value = recorded[figure] as number | null;
        const agrees = value !== null && (atLeast ? value >= written : value === written);
        if (agrees) continue;
        taken.push([start, start + m[0].length]);
        add({
          kind: 'contradiction',
          offset: start,
          text: m[0],
          figure,
          written: `${atLeast ? 'more than ' : ''}${written}`,
          recorded: value,
          message:
            value === null
              ? `The text states ${figure} ${written}; the records have no such figure`
              : `The text states ${figure} ${atLeast ? 'more than ' : ''}${written}; the records show ${value}`,
        });
      }
    }
  }

  for (const pattern of RATE_CLAIMS) {
    for (const m of firstMatches(text, pattern)) {
      if (!sentenceAround(m.index).rated) {
        add({
          kind: 'rate_without_count',
          offset: m.index,
          text: m[0],
          message: 'A satisfaction rate with no number of ratings behind it',
        });
      }
      // A rate said of a quoted topic (咨询主题“社会保险”满意率…, satisfaction with answers on "…" was …)
      // is that topic's, not the unit's; so is a rate with a count of its own that is not the
      // unit's number rated (a desk's, a group's).
      const ofTopic = /[“”"]/.test(m[0]) || /[”"]\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index));
      const own = ownCount(m.index);
      if (recorded && !ofTopic && (own === null || own === recorded.rated)) {
        const written = Number(m[1]);
        const value = recorded.satisfactionRate;
        const decimals = m[1]!.includes('.') ? m[1]!.split('.')[1]!.length : 0;
        const rounded = value === null ? null : Math.round(value * 100 * 10 ** decimals) / 10 ** decimals;
        if (rounded !== written) {
          add({
            kind: 'contradiction',
            offset: m.index,
            text: m[0],
            figure: 'satisfactionRate',
            written: `${written}%`,
            recorded: rounded,
            message:
              rounded === null
                ? `The text states a satisfaction rate of ${written}%; no rating was recorded`
                : `The text states a satisfaction rate of ${written}%; the records show ${rounded}% of ${recorded.rated} rated`,
          });
        }
      }
    }
  }

  for (const pattern of BOILERPLATE) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of firstMatches(text, global)) {
      if (sentenceAround(m.index).digit) continue;
      add({
        kind: 'boilerplate',
        offset: m.index,
        text: m[0],
        message: 'A stock phrase with no figure or fact behind it; state what was recorded instead',
      });
    }
  }

  const headings = [...firstMatches(text, HEADING_LINE)].map((m) => m[0]);
  for (const [key, label, pattern] of SECTIONS) {
    if (pattern.test(text)) continue;
    if (headings.some((heading) => LOOSE_HEADINGS[key]!.test(heading))) continue;
    add({
      kind: 'missing_section',
      offset: text.length,
      text: '',
      figure: key,
      message: `The standard section on ${label} is missing`,
    });
  }
  return findings.sort((a, b) => a.offset - b.offset);
}
