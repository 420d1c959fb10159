import {
  sectionNumber,
  type Paragraph,
  type Run,
  type Section,
  type SummaryDocument,
  type SummaryLanguage,
} from './document.ts';
import type { OwnTextByLanguage } from './own-text.ts';
import { formatDate } from './dates.ts';
import { deriveUnitFacts, type Problem, type SummaryRecords, type UnitFacts } from './facts.ts';
import { summaryMessages } from './messages/index.ts';
import { GENERATED_SECTIONS, type SummaryMessages } from './messages/types.ts';
import { createWriter, englishName, paragraph, summaryLinks, type Writer } from './writer.ts';

/**
 * The summary of a unit: the records are read once (service.collectSummaryFacts), derived once into
 * the unit's facts (facts.ts), and each section is written from those facts by the message catalog
 * of the language (messages/zh-CN.ts, messages/en-US.ts).
 */

/** Section 五: every problem the facts show, most serious first; "none" only when no rule fires. */
function writeProblems(facts: UnitFacts, w: Writer, messages: SummaryMessages): Paragraph[] {
  if (!facts.problems.length) return [paragraph(w.t(messages.noProblems))];
  const write = messages.problems as Record<Problem['rule'], (p: Problem, w: Writer, f: UnitFacts) => Run[]>;
  return facts.problems.map((problem, i) =>
    paragraph(
      { kind: 'enumerator', text: w.language === 'zh-CN' ? `${i + 1}.` : `${i + 1}. ` },
      ...write[problem.rule](problem, w, facts),
    ),
  );
}

/** Builds the document in one language. Pure: the same records give the same document. */
export function buildSummaryDocument(records: SummaryRecords, language: SummaryLanguage): SummaryDocument {
  const facts = deriveUnitFacts(records);
  const messages = summaryMessages[language];
  const w = createWriter(language, summaryLinks(records.campaign.id, records.unit.id));
  const sections: Section[] = GENERATED_SECTIONS.map((key, i) => ({
    key,
    heading: `${sectionNumber(i, language)}${messages.headings[key]}`,
    paragraphs: key === 'problems' ? writeProblems(facts, w, messages) : messages.sections[key](facts, w),
  }));
  const issuer = language === 'zh-CN' ? records.unit.name : englishName(records.unit.name, records.unit.nameEn).text;
  return {
    language,
    title: messages.title(facts),
    opening: paragraph(...messages.opening(facts, w)),
    sections,
    signature: { issuer, date: formatDate(records.writtenOn, language) },
  };
}

/**
 * The unit's own paragraphs in the document's language: section 六 next steps, and remarks after
 * it when there are any. A language the unit has not written is shown as missing, never filled
 * with the other language's text.
 */
export function withOwnText(document: SummaryDocument, own: OwnTextByLanguage): SummaryDocument {
  const language = document.language;
  const other: SummaryLanguage = language === 'zh-CN' ? 'en-US' : 'zh-CN';
  const messages = summaryMessages[language];
  const paragraphs = (text: string): Paragraph[] =>
    text
      .split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ runs: [{ kind: 'record', text: line }] }));
  const next = paragraphs(own[language].nextSteps);
  const missing = own[other].nextSteps.trim() ? messages.nextStepsUntranslated : messages.nextStepsMissing;
  const sections: Section[] = [
    ...document.sections,
    {
      key: 'nextSteps',
      heading: `${sectionNumber(5, language)}${messages.headings.nextSteps}`,
      paragraphs: next.length ? next : [paragraph({ kind: 'text', text: missing })],
    },
  ];
  const remarks = paragraphs(own[language].remarks);
  if (remarks.length)
    sections.push({
      key: 'remarks',
      heading: `${sectionNumber(6, language)}${messages.headings.remarks}`,
      paragraphs: remarks,
    });
  return { ...document, sections };
}
