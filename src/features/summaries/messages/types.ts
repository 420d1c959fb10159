import type { Paragraph, Run } from '../document.ts';
import type { DatedRecord, MissingItem, Problem, ProblemRule, UnitFacts } from '../facts.ts';
import type { Writer } from '../writer.ts';

/** One sentence of section 五 for each rule, given the problem it found. */
export type ProblemMessages = {
  [K in ProblemRule]: (problem: Extract<Problem, { rule: K }>, w: Writer, facts: UnitFacts) => Run[];
};

/** The sections the summary writes from the records, in order (一 … 五). */
export const GENERATED_SECTIONS = ['organization', 'publicity', 'service', 'followUp', 'problems'] as const;
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number];

/** A writer of one section from the unit's facts. */
export type SectionWriter = (facts: UnitFacts, w: Writer) => Paragraph[];

/** The sentences of a summary in one language. */
export interface SummaryMessages {
  title: (facts: UnitFacts) => string;
  opening: (facts: UnitFacts, w: Writer) => Run[];
  headings: Record<GeneratedSection | 'nextSteps' | 'remarks', string>;
  sections: Record<Exclude<GeneratedSection, 'problems'>, SectionWriter>;
  problems: ProblemMessages;
  /** Written in 五 only when no rule fires. */
  noProblems: string;
  /** Section 六 when the unit has not written it in this language. */
  nextStepsMissing: string;
  /** Section 六 when the unit wrote it in the other language only: shown as missing, not filled. */
  nextStepsUntranslated: string;
  datedRecord: (record: DatedRecord, w: Writer) => Run[];
  missingItem: Record<MissingItem, string>;
}
