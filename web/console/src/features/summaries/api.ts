import { ApiError, apiRequest, newId } from '../../api/client.ts';
import type { Summary as ServerSummary } from '../../../../../src/features/summaries/schema.ts';
import type { SummaryReminders } from '../../../../../src/features/progress/schema.ts';

export type SummaryLanguage = 'zh-CN' | 'en-US';
export const SUMMARY_LANGUAGES: readonly SummaryLanguage[] = ['zh-CN', 'en-US'];
export type { SummaryReminders };

/** The unit's own paragraphs in one language: section 六 (next steps) and remarks. */
export interface OwnText {
  nextSteps: string;
  remarks: string;
}

/** The summary as the screens use it: the unit's own text per language. */
export type Summary = Omit<ServerSummary, 'ownText'> & {
  ownText: Record<SummaryLanguage, OwnText>;
  /** Whether the server keeps a text per language; when not, both languages share one text. */
  ownTextPerLanguage: boolean;
};

type OwnTextAnswer = OwnText | Partial<Record<SummaryLanguage, Partial<OwnText>>>;

const base = (campaignId: string, unitId: string) => `/summaries/campaigns/${campaignId}/units/${unitId}/summary`;

/**
 * The answer in the per-language shape (`ownText: {'zh-CN': {…}, 'en-US': {…}}`); a server still
 * answering one shared text (`ownText: {nextSteps, remarks}`) gives the same text in both.
 */
function toSummary(answer: Omit<ServerSummary, 'ownText'> & { ownText: OwnTextAnswer }): Summary {
  const own = answer.ownText;
  if ('nextSteps' in own && typeof own.nextSteps === 'string') {
    const shared = { nextSteps: own.nextSteps, remarks: String(own.remarks ?? '') };
    return { ...answer, ownText: { 'zh-CN': shared, 'en-US': shared }, ownTextPerLanguage: false };
  }
  const of = (language: SummaryLanguage): OwnText => {
    const text = (own as Partial<Record<SummaryLanguage, Partial<OwnText>>>)[language];
    return { nextSteps: text?.nextSteps ?? '', remarks: text?.remarks ?? '' };
  };
  return { ...answer, ownText: { 'zh-CN': of('zh-CN'), 'en-US': of('en-US') }, ownTextPerLanguage: true };
}

type Answer = Parameters<typeof toSummary>[0];
const write = async (method: string, path: string, body?: unknown) =>
  toSummary(await apiRequest<Answer>(method, path, { body, idempotencyKey: newId() }));

/** The unit's summary and its review, as the API offers them (one call per function). */
export const summaries = {
  /** Undefined while the unit has not generated its summary (404). */
  find: async (campaignId: string, unitId: string, language: SummaryLanguage, signal?: AbortSignal) => {
    try {
      return toSummary(await apiRequest<Answer>('GET', `${base(campaignId, unitId)}?lang=${language}`, { signal }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  },
  generate: (campaignId: string, unitId: string, language: SummaryLanguage) =>
    write('POST', `${base(campaignId, unitId)}/generate?lang=${language}`),
  /** `PUT …/own-text {language, nextSteps, remarks}`; a server with one shared text takes the language in the query. */
  saveOwnText: (campaignId: string, unitId: string, language: SummaryLanguage, text: OwnText, perLanguage: boolean) =>
    write(
      'PUT',
      `${base(campaignId, unitId)}/own-text?lang=${language}`,
      perLanguage ? { language, ...text } : { ...text },
    ),
  submit: (campaignId: string, unitId: string, language: SummaryLanguage) =>
    write('POST', `${base(campaignId, unitId)}/submit?lang=${language}`),
  approve: (campaignId: string, unitId: string, language: SummaryLanguage, comment: string) =>
    write('POST', `${base(campaignId, unitId)}/approve?lang=${language}`, comment.trim() ? { comment } : {}),
  return: (campaignId: string, unitId: string, language: SummaryLanguage, comment: string) =>
    write('POST', `${base(campaignId, unitId)}/return?lang=${language}`, { comment }),
  remindOwed: (campaignId: string) =>
    apiRequest<SummaryReminders>('POST', `/campaigns/${campaignId}/summary-reminders`, { idempotencyKey: newId() }),
};

/** Where the typeset page and the files of the summary are, in one language. */
export function summaryFiles(campaignId: string, unitId: string, language: SummaryLanguage) {
  const at = `/api/v1${base(campaignId, unitId)}`;
  return {
    page: `${at}.html?lang=${language}`,
    docx: `${at}.docx?lang=${language}`,
    pdf: `${at}.pdf?lang=${language}`,
  };
}
