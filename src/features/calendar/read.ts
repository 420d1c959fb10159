/** What other features may read of the working-day calendar (ARCHITECTURE.md "Modules and walls"). */
export { addWorkingDays, explainWorkingDays, findUnconfirmedYears, isIsoDate, MAX_WORKING_DAYS } from './days.ts';
