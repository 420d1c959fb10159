import type { SummaryLanguage } from './document.ts';

/** The unit's own paragraphs in one language: section 六 (next steps) and remarks after it. */
export interface OwnTextOfLanguage {
  nextSteps: string;
  remarks: string;
}

/** The unit's own paragraphs, each language written by the unit itself; never one filled from the other. */
export type OwnTextByLanguage = Record<SummaryLanguage, OwnTextOfLanguage>;

export const EMPTY_OWN_TEXT: OwnTextByLanguage = {
  'zh-CN': { nextSteps: '', remarks: '' },
  'en-US': { nextSteps: '', remarks: '' },
};

/** Chinese characters: text holding any is Chinese text. */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The language a text is written in, by its characters (the rule the migration applies, too). */
export const languageOfText = (text: string): SummaryLanguage => (CJK.test(text) ? 'zh-CN' : 'en-US');

const field = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The stored own text as the two languages. A version stored before the text was kept per
 * language ({ nextSteps, remarks }) goes to the language it is written in.
 */
export function readOwnText(stored: unknown): OwnTextByLanguage {
  const value = (stored ?? {}) as Record<string, unknown>;
  if ('nextSteps' in value || 'remarks' in value) {
    const own = { nextSteps: field(value.nextSteps), remarks: field(value.remarks) };
    const language = languageOfText(`${own.nextSteps}${own.remarks}`);
    return { ...EMPTY_OWN_TEXT, [language]: own };
  }
  const of = (language: SummaryLanguage) => {
    const own = (value[language] ?? {}) as Record<string, unknown>;
    return { nextSteps: field(own.nextSteps), remarks: field(own.remarks) };
  };
  return { 'zh-CN': of('zh-CN'), 'en-US': of('en-US') };
}
