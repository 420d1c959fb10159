/** The citizens' channel's limits and their words, which the portal's forms share (ARCHITECTURE.md "Modules and walls"). */
export { ASK_LIMIT, asksPerPhone, LOOK_UPS, QUESTIONS, TRACK_LIMIT } from './routes.ts';

/** Masks what looks like personal data in a text (phone and ID numbers, e-mails, names, addresses). */
export { maskPersonalData } from './personal-data.ts';
