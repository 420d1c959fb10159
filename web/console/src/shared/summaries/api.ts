import { answer, ApiError, client } from '../../api/client.ts';
import type { ResponseBody } from '../../api/types.ts';

type ServerSummary = ResponseBody<'/summaries/campaigns/{campaignId}/units/{unitId}/summary', 'get'>;

type SummaryReminders = ResponseBody<'/campaigns/{id}/summary-reminders', 'post'>;

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
const at = (campaignId: string, unitId: string, lang: SummaryLanguage) => ({
  params: { path: { campaignId, unitId }, query: { lang } },
});

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

/** The summary a write answers with. */
const written = async (pending: Promise<{ data?: Parameters<typeof toSummary>[0]; response: Response }>) =>
  toSummary(await answer(pending));

/** The unit's summary and its review, as the API offers them (one call per function). */
export const summaries = {
  /** Undefined while the unit has not generated its summary (404). */
  find: async (campaignId: string, unitId: string, language: SummaryLanguage, signal?: AbortSignal) => {
    try {
      const path = '/summaries/campaigns/{campaignId}/units/{unitId}/summary';
      return toSummary(await answer(client.GET(path, { ...at(campaignId, unitId, language), signal })));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  },
  generate: (campaignId: string, unitId: string, language: SummaryLanguage) =>
    written(
      client.POST(
        '/summaries/campaigns/{campaignId}/units/{unitId}/summary/generate',
        at(campaignId, unitId, language),
      ),
    ),
  /** `PUT …/own-text {language, nextSteps, remarks}`; a server with one shared text takes the language in the query. */
  saveOwnText: (campaignId: string, unitId: string, language: SummaryLanguage, text: OwnText, perLanguage: boolean) =>
    written(
      client.PUT('/summaries/campaigns/{campaignId}/units/{unitId}/summary/own-text', {
        ...at(campaignId, unitId, language),
        // The older shape (one shared text, the language in the query) is not in today's document.
        body: perLanguage ? { language, ...text } : ({ ...text } as { language: SummaryLanguage } & OwnText),
      }),
    ),
  submit: (campaignId: string, unitId: string, language: SummaryLanguage) =>
    written(
      client.POST('/summaries/campaigns/{campaignId}/units/{unitId}/summary/submit', at(campaignId, unitId, language)),
    ),
  approve: (campaignId: string, unitId: string, language: SummaryLanguage, comment: string) =>
    written(
      client.POST('/summaries/campaigns/{campaignId}/units/{unitId}/summary/approve', {
        ...at(campaignId, unitId, language),
        body: comment.trim() ? { comment } : {},
      }),
    ),
  return: (campaignId: string, unitId: string, language: SummaryLanguage, comment: string) =>
    written(
      client.POST('/summaries/campaigns/{campaignId}/units/{unitId}/summary/return', {
        ...at(campaignId, unitId, language),
        body: { comment },
      }),
    ),
  remindOwed: (campaignId: string) =>
    answer(client.POST('/campaigns/{id}/summary-reminders', { params: { path: { id: campaignId } } })),
  unit: (unitId: string, signal?: AbortSignal) =>
    answer(client.GET('/units/{id}', { params: { path: { id: unitId } }, signal })),
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
