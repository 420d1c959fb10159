import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Db } from '../../platform/db/database.ts';

export interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  unit_id: string | null;
  campaign_id: string | null;
  before: unknown;
  after: unknown;
}

/** A page of audit entries of the units the actor may audit, newest first. */
export async function listAuditRows(
  db: Db,
  actor: UserActor,
  filter: {
    unitId?: string | undefined;
    entity?: string | undefined;
    entityId?: string | undefined;
    before?: string | undefined;
    limit: number;
  },
): Promise<AuditRow[]> {
  const params: unknown[] = [];
  const where = [visibleUnitsSql(actor, 'audit.read', 'un', params)];
  if (filter.unitId) where.push(`a.unit_id = $${params.push(filter.unitId)}`);
  if (filter.entity) where.push(`a.entity = $${params.push(filter.entity)}`);
  if (filter.entityId) where.push(`a.entity_id = $${params.push(filter.entityId)}`);
  if (filter.before) where.push(`a.id < $${params.push(filter.before)}::uuid`);
  const { rows } = await db.query<AuditRow>(
    `SELECT a.* FROM audit_log a JOIN units un ON un.id = a.unit_id WHERE ${where.join(' AND ')}
     ORDER BY a.id DESC LIMIT $${params.push(filter.limit + 1)}`,
    params,
  );
  return rows;
}
