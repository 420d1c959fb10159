/** What other features may read of cases (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export { findCaseRow } from './repository.ts';
export { caseReference, newTrackingCode, normalizeTrackingCode } from './tracking-code.ts';
