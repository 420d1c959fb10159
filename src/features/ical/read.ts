/** What other features may read of the calendar feeds (ARCHITECTURE.md "Modules and walls"). */
export { listCalendarSiteRows, type CalendarSiteRow } from './repository.ts';
