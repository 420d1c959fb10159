import type { UserActor } from './auth/actor.ts';
import type { Db } from './db/database.ts';
import { newId } from './ids.ts';

export interface AuditEntry {
  actor: UserActor;
  action: string;
  entity: string;
  entityId: string;
  unitId?: string | null;
  campaignId?: string | null;
  before?: unknown;
  after?: unknown;
}

export function auditParams(entry: AuditEntry): unknown[] {
  return [
    newId(),
    entry.actor.userId,
    entry.actor.tokenId,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.unitId ?? null,
    entry.campaignId ?? null,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ];
}

export const AUDIT_COLUMNS =
  'id, actor_user_id, actor_token_id, action, entity, entity_id, unit_id, campaign_id, before, after';

/** Records a write, inside the write's own transaction. */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    auditParams(entry),
  );
}
