/** The rates every figure uses (ARCHITECTURE.md "Modules and walls"). */
export { satisfactionRate, type SatisfactionCounts } from './figures.ts';
