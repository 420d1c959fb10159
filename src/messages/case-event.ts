import type { CaseEventKind, Rating } from '../domain/vocabulary.ts';

/** What a step of a case's chain says, as the catalogs' `cases.event` reads it. */
export interface CaseEventFacts {
  kind: CaseEventKind;
  /** The unit that replied. */
  fromUnitName: string | null;
  fromUnitNameEn: string | null;
  /** The unit a case was opened at or passed to. */
  toUnitName: string | null;
  toUnitNameEn: string | null;
  days: number | null;
  dueOn: string | null;
  rating: Rating | null;
}
