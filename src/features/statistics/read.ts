/** The rates every figure uses (ARCHITECTURE.md "Modules and walls"). */
export { NO_MEDIA, satisfactionRate, type SatisfactionCounts } from './figures.ts';
/** Today's date in China (Asia/Shanghai), as the figures count days. */
export { chinaToday } from './live.ts';
