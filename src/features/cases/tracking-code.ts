/** The citizen's tracking code: one way to make and read it, shared with the desk's phone (ADR 26). */
export { newTrackingCode, normalizeTrackingCode, TRACKING_CODE_PATTERN } from '../../domain/tracking-code.ts';

/** The case's reference as staff see it (K-3F9A2C71); shared with features that name a case they link to. */
export { caseReference } from '../../domain/case-reference.ts';
