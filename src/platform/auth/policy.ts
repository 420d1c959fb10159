import { forbidden, notFound, unauthenticated } from '../http/errors.ts';
import type { Actor, Grant, Role, UnitScope, UserActor } from './actor.ts';

/**
 * The one policy module: who may do what to which unit's records.
 *
 * An organizer reaches every unit whose region lies in the organizer's region subtree (a
 * provincial office all of them, a district office its district). A unit admin, desk staff or
 * responder reaches their unit and its sub-units. Each action names the roles that may take it;
 * the route table declares one action per route, and the route × role test walks them all.
 */
export const ACTIONS = {
  // Anyone, signed in or not.
  public: { roles: 'anyone', write: false },
  // Any signed-in user, whatever their role.
  'self.read': { roles: 'user', write: false },
  'self.write': { roles: 'user', write: true },
  'regions.read': { roles: 'user', write: false },
  'regions.write': { roles: ['organizer'], write: true },
  'units.read': { roles: 'user', write: false },
  'units.write': { roles: ['organizer'], write: true },
  'users.read': { roles: ['organizer', 'unit_admin'], write: false },
  'users.write': { roles: ['organizer', 'unit_admin'], write: true },
  'campaigns.read': { roles: 'user', write: false },
  'campaigns.write': { roles: ['organizer'], write: true },
  'plans.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'plans.write': { roles: ['organizer', 'unit_admin'], write: true },
  // A unit's hotlines and mailboxes (channel points): read by its staff, who name them at intake, and the
  // organizers over it; kept by the unit's own admin.
  'channels.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'channels.write': { roles: ['unit_admin'], write: true },
  'publicity.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'publicity.write': { roles: ['unit_admin', 'desk_staff'], write: true },
  'publicity.delete': { roles: ['unit_admin'], write: true },
  'materials.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'materials.write': { roles: ['unit_admin'], write: true },
  'materials.distribute': { roles: ['unit_admin', 'desk_staff'], write: true },
  'consultations.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'consultations.create': { roles: ['unit_admin', 'desk_staff'], write: true },
  // Correcting and withdrawing records: the unit admin any record of the unit (consultations.manage);
  // desk staff only their own, on the day (China time) they recorded them, while its case has not
  // moved on (the consultations feature checks the record).
  'consultations.update': { roles: ['unit_admin', 'desk_staff'], write: true },
  'consultations.delete': { roles: ['unit_admin', 'desk_staff'], write: true },
  'consultations.manage': { roles: ['unit_admin'], write: true },
  // An answer given on the spot, personal data removed, published to the public Q&A from the records
  // by the unit's admin; taken out again by the admin or an organizer over the unit (as for cases).
  'consultations.publish': { roles: ['unit_admin'], write: true },
  'consultations.unpublish': { roles: ['organizer', 'unit_admin'], write: true },
  // The topics a campaign answers (and Open311 lists as services): read by all staff, set by its organizer.
  'topics.read': { roles: 'user', write: false },
  'topics.write': { roles: ['organizer'], write: true },
  // Hotline calls and mailbox letters entered by staff through the public channel's command.
  'cases.intake': { roles: ['unit_admin', 'desk_staff'], write: true },
  // Publishing a replied case, personal data removed, to the campaign's public Q&A: by who replied
  // (a responder) or the unit's admin. Taking it out again: the unit's admin or an organizer over it.
  'cases.publish': { roles: ['unit_admin', 'responder'], write: true },
  'cases.unpublish': { roles: ['organizer', 'unit_admin'], write: true },
  // 办件: read by the staff of the unit responsible now or of the unit that took the question.
  'cases.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  // Transfer, extend, reply and close the cases of one's own unit.
  'cases.handle': { roles: ['unit_admin', 'responder'], write: true },
  // 回访: a follow-up call to the citizen about a case's reply, with the rating they gave on it.
  'cases.return_visit': { roles: ['organizer', 'unit_admin', 'responder'], write: true },
  // Erasing a case's contact details on a request staff received, recorded as theirs.
  'personal_data.erase_on_request': { roles: ['unit_admin', 'responder'], write: true },
  // The working-day calendar due dates count on: read by all staff. It is one calendar for the whole
  // instance (every region's cases count on it), so only an organizer of a top region edits it.
  'calendar.read': { roles: 'user', write: false },
  'calendar.write': { roles: ['organizer'], write: true, reach: 'root' },
  'statistics.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'audit.read': { roles: ['organizer', 'unit_admin'], write: false },
  // Background jobs (what ran, what failed and why) belong to no unit and carry every region's work:
  // the organizers of a top region, who run the instance.
  'jobs.read': { roles: ['organizer'], write: false, reach: 'root' },
  // Each signed-in user's own inbox.
  'notifications.read': { roles: 'user', write: false },
  'notifications.write': { roles: 'user', write: true },
  // Imports of transcribed paper records (CSV, XLSX) into a unit's records: its admin, or an organizer over it.
  'imports.read': { roles: ['organizer', 'unit_admin'], write: false },
  'imports.write': { roles: ['organizer', 'unit_admin'], write: true },
  // Spreadsheet exports of records and figures; personal fields unmasked only for the unit's own admin.
  'exports.read': { roles: ['organizer', 'unit_admin'], write: false },
  // 公开事项 (functions, service matters, guides, phone numbers): public on the portal, so any signed-in
  // user reads them; a unit's own admin writes them.
  'disclosures.read': { roles: 'user', write: false },
  'disclosures.write': { roles: ['unit_admin'], write: true },
  // 活动总结: read by the unit's staff and the organizers over it, edited and submitted by its admin,
  // approved or returned by an organizer over the unit. The summary checker reads the same way.
  'summaries.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'summaries.write': { roles: ['unit_admin'], write: true },
  'summaries.review': { roles: ['organizer'], write: true },
  // One click reminds the admins of every unit the organizer sees that still owes its summary.
  'summaries.remind': { roles: ['organizer'], write: true },
  'photos.read': { roles: ['organizer', 'unit_admin', 'desk_staff', 'responder'], write: false },
  'photos.write': { roles: ['unit_admin', 'desk_staff'], write: true },
} as const satisfies Record<
  string,
  {
    roles: 'anyone' | 'user' | readonly Role[];
    write: boolean;
    /** 'root': only grants held at a top region (one without a parent) count, e.g. the provincial office. */
    reach?: 'root';
  }
>;

export type Action = keyof typeof ACTIONS;

function rolesOf(action: Action): readonly Role[] | 'anyone' | 'user' {
  return ACTIONS[action].roles;
}

/** Region paths chain codes from the top: a top region's path is `/<code>/`. */
export function isTopRegionPath(regionPath: string): boolean {
  return /^\/[^/]+\/$/.test(regionPath);
}

/** Does the action take only grants held at a top region? */
export function needsTopRegion(action: Action): boolean {
  return 'reach' in ACTIONS[action] && ACTIONS[action].reach === 'root';
}

function grantReaches(grant: Grant, scope: UnitScope): boolean {
  return grant.role === 'organizer'
    ? scope.regionPath.startsWith(grant.regionPath)
    : scope.unitPath.startsWith(grant.unitPath);
}

/** The grants of the actor that allow this action at all (before looking at any record). */
export function grantsFor(actor: UserActor, action: Action): Grant[] {
  const roles = rolesOf(action);
  if (roles === 'anyone' || roles === 'user') return actor.grants;
  const top = needsTopRegion(action);
  return actor.grants.filter(
    (g) => (roles as readonly string[]).includes(g.role) && (!top || isTopRegionPath(g.regionPath)),
  );
}

/**
 * The gate every route passes before its handler: signed in unless public, a role the action
 * allows, and write scope for writes. Returns the signed-in user.
 */
export function checkRoute(actor: Actor, action: Action): void {
  const rule = ACTIONS[action];
  if (rule.roles === 'anyone') return;
  if (actor.kind !== 'user') throw unauthenticated();
  if (rule.write && actor.scope !== 'write') {
    throw forbidden('This API token has read scope only', [{ field: 'scope', reason: 'read scope cannot write' }]);
  }
  if (rule.roles === 'user') return;
  if (grantsFor(actor, action).length === 0) {
    const where = needsTopRegion(action) ? ' of a top region (e.g. the provincial office)' : '';
    throw forbidden(`Your roles do not allow ${action}`, [
      { field: 'role', reason: `${action} needs one of: ${rule.roles.join(', ')}${where}` },
    ]);
  }
}

/** May the actor take this action on a record of this unit? */
export function can(actor: Actor, action: Action, scope: UnitScope): boolean {
  return reachTest(actor, action)(scope);
}

/** `can` for many units: the actor's grants for the action are looked up once. */
export function reachTest(actor: Actor, action: Action): (scope: UnitScope) => boolean {
  if (ACTIONS[action].roles === 'anyone') return () => true;
  if (actor.kind !== 'user') return () => false;
  if (ACTIONS[action].write && actor.scope !== 'write') return () => false;
  if (ACTIONS[action].roles === 'user') return () => true;
  const grants = grantsFor(actor, action);
  return (scope) => grants.some((g) => grantReaches(g, scope));
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw unauthenticated();
  return actor;
}

/** Throws 403 unless the actor may take the action on the unit's record. */
export function authorize(actor: Actor, action: Action, scope: UnitScope): UserActor {
  const user = requireUser(actor);
  if (!can(user, action, scope)) throw forbidden(`You may not ${action} for this unit`);
  return user;
}

/** May see personal data (visitor name and phone) of the unit's records: its own unit admin. */
/**
 * A unit's record (read with its unit's paths) as the actor may use it for `action`: "not found" when
 * the actor may not even `read` it, so another unit's ids cannot be probed; readable but not allowed is 403.
 */
export function authorizeRecord<R extends { unit_id: string; path: string; region_path: string }>(
  actor: Actor,
  row: R | undefined,
  { read, action, what }: { read: Action; action: Action; what: string },
): R {
  const scope = row && { unitId: row.unit_id, unitPath: row.path, regionPath: row.region_path };
  if (!row || !scope || !can(actor, read, scope)) throw notFound(what);
  authorize(actor, action, scope);
  return row;
}

export function canSeePersonalData(actor: Actor, unitId: string): boolean {
  return actor.kind === 'user' && actor.grants.some((g) => g.role === 'unit_admin' && g.unitId === unitId);
}

/** LIKE patterns of the unit paths and region paths an action reaches for this actor. */
export function reachPatterns(actor: UserActor, action: Action): { unitPrefixes: string[]; regionPrefixes: string[] } {
  const grants = grantsFor(actor, action);
  return {
    regionPrefixes: grants.filter((g) => g.role === 'organizer').map((g) => `${g.regionPath}%`),
    unitPrefixes: grants.filter((g) => g.role !== 'organizer').map((g) => `${g.unitPath}%`),
  };
}

/**
 * The part of a SQL WHERE clause that keeps the rows of the units an action reaches, for lists.
 * `unitAlias` names a joined `units` row. Adds its parameters to `params`.
 */
export function visibleUnitsSql(actor: UserActor, action: Action, unitAlias: string, params: unknown[]): string {
  const { regionPrefixes, unitPrefixes } = reachPatterns(actor, action);
  const parts: string[] = [];
  if (regionPrefixes.length) {
    params.push(regionPrefixes);
    parts.push(`${unitAlias}.region_path LIKE ANY($${params.length}::text[])`);
  }
  if (unitPrefixes.length) {
    params.push(unitPrefixes);
    parts.push(`${unitAlias}.path LIKE ANY($${params.length}::text[])`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * May the actor manage another user's account — list or revoke their API tokens, disable or
 * enable them, reset their password? Only when every unit the user belongs to is within the
 * actor's reach for the action (a unit admin cannot lock someone out of a unit they do not
 * manage), and an organizer's account only by an organizer over its region. A user without any
 * membership is managed by nobody here (the command line creates and repairs such accounts).
 */
export function canManageUser(
  actor: UserActor,
  action: 'users.read' | 'users.write',
  target: { id: string; grants: readonly Grant[] },
): boolean {
  if (target.id === actor.userId || target.grants.length === 0) return false;
  const organizers = grantsFor(actor, action).filter((g) => g.role === 'organizer');
  return target.grants.every(
    (g) =>
      can(actor, action, g) &&
      (g.role !== 'organizer' || organizers.some((o) => g.regionPath.startsWith(o.regionPath))),
  );
}
