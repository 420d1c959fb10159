/** What other features may read of consultations (ARCHITECTURE.md "Modules and walls"); the SQL stays in repository.ts. */
export { CASE_OUTCOMES, consultationFilterSql, findConsultationRow, type ConsultationRow } from './repository.ts';
