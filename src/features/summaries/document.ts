/**
 * The summary as a structured document: sections of paragraphs made of runs. A figure run
 * carries the value computed from the records, its text, and the API list of the records behind
 * it, so that every rendering (HTML, DOCX, PDF) can show where a number comes from and a test
 * can check every number against the records.
 */

export type SummaryLanguage = 'zh-CN' | 'en-US';
export const SUMMARY_LANGUAGES = ['zh-CN', 'en-US'] as const;

export type Run =
  /** Text of the template: never holds a digit, so every number in the text is a figure run. */
  | { kind: 'text'; text: string }
  /** A number computed from the records; value null means not recorded. */
  | { kind: 'figure'; key: string; value: number | null; text: string; href: string | null }
  /** Words taken from the records as written (names, slogans, dates, the day's name). */
  | { kind: 'record'; text: string; original?: string }
  /** A list marker such as 1. or （1）. */
  | { kind: 'enumerator'; text: string };

export interface Paragraph {
  runs: Run[];
}

export interface Section {
  /** one … six: organization, publicity, service, follow-up, problems, nextSteps; remarks after them. */
  key: string;
  heading: string;
  paragraphs: Paragraph[];
}

export interface SummaryDocument {
  language: SummaryLanguage;
  title: string;
  opening: Paragraph;
  sections: Section[];
  /** 落款: the issuing unit and the date written (成文日期), after the body, aligned right. */
  signature?: { issuer: string; date: string };
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、 二、 … for a section, （一） for a subsection. */
export function sectionNumber(index: number, language: SummaryLanguage): string {
  if (language === 'zh-CN') return `${CHINESE_NUMERALS[index]}、`;
  return `${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][index]}. `;
}

export function subsectionNumber(index: number, language: SummaryLanguage): string {
  return language === 'zh-CN' ? `（${CHINESE_NUMERALS[index]}）` : `(${index + 1}) `;
}

/**
 * Whole numbers: Chinese text writes them without a thousands separator (1000), consistently;
 * English text with one (1,000).
 */
export function formatCount(value: number, language: SummaryLanguage): string {
  return language === 'zh-CN' ? String(value) : value.toLocaleString('en-US');
}

/** 0.992 → 99.2%; 1 → 100%. */
export function formatRate(value: number): string {
  const percent = Math.round(value * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Working days: at most one decimal. */
export function formatDays(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1);
}

export function unrecordedText(language: SummaryLanguage): string {
  return language === 'zh-CN' ? '未记录' : 'not recorded';
}

/** Every figure run of a document, in order. */
export function figureRuns(document: SummaryDocument): Extract<Run, { kind: 'figure' }>[] {
  const paragraphs = [document.opening, ...document.sections.flatMap((s) => s.paragraphs)];
  return paragraphs.flatMap((p) => p.runs.filter((r): r is Extract<Run, { kind: 'figure' }> => r.kind === 'figure'));
}

/** The figures by key, as a version keeps them to show what changed. */
export function figureMap(document: SummaryDocument): Record<string, number | null> {
  return Object.fromEntries(figureRuns(document).map((r) => [r.key, r.value]));
}

const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * The names from the records an English document has no English for (sites, desks, units written
 * in pinyin, materials still in Chinese), in Chinese, each once: the list the unit fills in.
 */
export function untranslatedNames(document: SummaryDocument): string[] {
  if (document.language === 'zh-CN') return [];
  const paragraphs = [document.opening, ...document.sections.flatMap((s) => s.paragraphs)];
  const names = paragraphs.flatMap((p) =>
    p.runs.flatMap((r) =>
      r.kind !== 'record'
        ? []
        : r.original !== undefined
          ? [r.original]
          : CHINESE.test(r.text)
            ? [r.text.replace(/^"|"$/g, '')]
            : [],
    ),
  );
  return [...new Set(names)];
}

/** The document as plain text, headings and paragraphs on lines of their own. */
export function documentText(document: SummaryDocument): string {
  const line = (p: Paragraph) => p.runs.map((r) => r.text).join('');
  return [
    document.title,
    line(document.opening),
    ...document.sections.flatMap((s) => [s.heading, ...s.paragraphs.map(line)]),
    ...(document.signature ? [document.signature.issuer, document.signature.date] : []),
  ].join('\n');
}
