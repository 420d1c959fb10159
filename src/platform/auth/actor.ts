/** The roles a membership gives, from the glossary. */
export const ROLES = ['organizer', 'unit_admin', 'desk_staff', 'responder'] as const;
export type Role = (typeof ROLES)[number];

/** A role held in a unit, with the unit's place in the unit tree and the region tree. */
export interface Grant {
  role: Role;
  unitId: string;
  unitPath: string;
  regionPath: string;
}

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  language: 'zh-CN' | 'en-US';
  /** How the request was authenticated: a browser session, or an API token with its scope. */
  via: 'session' | 'token';
  tokenId: string | null;
  /** A read-scoped token may not write, whatever the user's roles. */
  scope: 'read' | 'write';
  grants: Grant[];
}

export interface AnonymousActor {
  kind: 'anonymous';
}

export type Actor = UserActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { kind: 'anonymous' };

/** Where a record sits, for deciding who may see it. */
export interface UnitScope {
  unitId: string;
  unitPath: string;
  regionPath: string;
}
