import type { UserActor } from './auth/actor.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './db/database.ts';

/**
 * Which column each field of a patch sets: a column name whose type takes the field's value, or a
 * function giving the columns for a value that is converted on the way (a date string to a Date).
 * Every field of the patch is named, so a new field without its column does not compile.
 */
export type ColumnMap<P, R> = {
  [F in keyof P]-?:
    | { [C in keyof R]: Exclude<P[F], undefined> extends R[C] ? C : never }[keyof R]
    | ((value: Exclude<P[F], undefined>) => Partial<R>);
};

/** The row with each field the patch gives (not undefined; null clears) set through the column map. */
export function applyPatch<R extends object, P extends object>(row: R, patch: P, columns: ColumnMap<P, R>): R {
  const after = { ...row };
  for (const field of Object.keys(columns) as (keyof P)[]) {
    const value = patch[field];
    if (value === undefined) continue;
    const column = columns[field];
    Object.assign(
      after,
      typeof column === 'function'
        ? column(value as Exclude<P[keyof P], undefined>)
        : { [column as PropertyKey]: value },
    );
  }
  return after;
}

/** A row an audit entry names: its id, and the unit and campaign it belongs to when it has them. */
interface AuditedRow {
  id: string;
  unit_id?: string | null;
  campaign_id?: string | null;
}

const scopeOf = (row: Omit<AuditedRow, 'id'>) => ({ unitId: row.unit_id ?? null, campaignId: row.campaign_id ?? null });

/**
 * The one way to edit a row: applies the patch through the column map (and `set`, the columns every
 * edit sets, such as updated_at), checks the result, saves it and writes the audit entry with the
 * row before and after as `view` shows them, all in the caller's transaction. Returns the new row.
 */
export async function updateAudited<R extends AuditedRow, P extends object, V>(
  tx: Db,
  {
    actor,
    entity,
    before,
    patch,
    columns,
    set,
    check,
    save,
    view,
  }: {
    actor: UserActor;
    /** The audit entry's entity: 'meeting', 'topic', … */
    entity: string;
    before: R;
    patch: P;
    columns: ColumnMap<P, R>;
    set?: Partial<R>;
    /** Refuses a result no single field's schema can refuse (throws). */
    check?: (after: R) => void | Promise<void>;
    save: (tx: Db, after: R) => Promise<unknown>;
    view: (row: R) => V;
  },
): Promise<R> {
  const after = { ...applyPatch(before, patch, columns), ...set };
  await check?.(after);
  await save(tx, after);
  await writeAudit(tx, {
    actor,
    action: 'update',
    entity,
    entityId: before.id,
    ...scopeOf(after),
    before: view(before),
    after: view(after),
  });
  return after;
}

/** Deletes a row and writes the audit entry with the row as `view` shows it, in the caller's transaction. */
export async function deleteAudited<R extends AuditedRow, V>(
  tx: Db,
  {
    actor,
    entity,
    before,
    remove,
    view,
  }: {
    actor: UserActor;
    entity: string;
    before: R;
    remove: (tx: Db, id: string) => Promise<unknown>;
    view: (row: R) => V;
  },
): Promise<void> {
  await remove(tx, before.id);
  await writeAudit(tx, {
    actor,
    action: 'delete',
    entity,
    entityId: before.id,
    ...scopeOf(before),
    before: view(before),
  });
}

/**
 * Inserts a new row and writes the audit entry with the row as `view` shows it, in the caller's
 * transaction; the entry's unit and campaign are the row's, or `scope`'s (the plan a meeting is part of).
 * Returns the row as `view` shows it.
 */
export async function insertAudited<R extends AuditedRow, V>(
  tx: Db,
  {
    actor,
    entity,
    row,
    scope = row,
    insert,
    view,
  }: {
    actor: UserActor;
    entity: string;
    row: R;
    scope?: Omit<AuditedRow, 'id'>;
    insert: (tx: Db, row: R) => Promise<unknown>;
    view: (row: R) => V;
  },
): Promise<V> {
  await insert(tx, row);
  const after = view(row);
  await writeAudit(tx, { actor, action: 'create', entity, entityId: row.id, ...scopeOf(scope), after });
  return after;
}
