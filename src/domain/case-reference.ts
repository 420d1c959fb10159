/**
 * The case's reference as staff see it (K-3F9A2C71): the last eight hex digits of its id, which are
 * random. It names the case in lists, notices and talk between units, and unlocks nothing: the
 * public routes take only the tracking code, which staff never see after the recording's answer.
 */
export function caseReference(caseId: string): string {
  return `K-${caseId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
