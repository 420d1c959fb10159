import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorize, can, canSeePersonalData, reachPatterns } from '../../platform/auth/policy.ts';
import { GroupCommit } from '../../platform/db/group-commit.ts';
import { writeAudit } from '../../platform/audit.ts';
import { applyPatch, type ColumnMap } from '../../platform/edit.ts';
import { PG_UNIQUE_VIOLATION, type Database, type Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.ts';
import {
  findStoredResponse,
  runIdempotent,
  type IdempotencyKey,
  type StoredResponse,
} from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { maskName, maskPhone } from '../../platform/masking.ts';
import {
  ensureCase,
  hasCaseMovedOn,
  noteCaseWithdrawn,
  recordTransfer,
  resolveTransferTarget,
} from '../cases/service.ts';
import { findUnitChannelPointKind } from '../channel-points/read.ts';
import { channelPointRefusal } from '../channel-points/service.ts';
import { caseReference, newTrackingCode } from '../cases/read.ts';
import {
  CASE_OUTCOMES,
  deleteConsultationRow,
  findConsultationRow,
  findScopeDiagnosis,
  insertConsultations,
  listConsultationRows,
  updateConsultationRow,
  type ConsultationRow,
  type InsertOutcome,
  type PendingInsert,
} from './repository.ts';
import type { Consultation, ConsultationBody, ConsultationPatch, ConsultationQuery } from './schema.ts';
import { chinaToday } from '../statistics/read.ts';

/** The consultation as the actor may see it: contact details masked except for the unit's admin. */

/** A question the citizens' channel takes, stored with its audit entry in the caller's transaction. */
export { insertRequestConsultation } from './repository.ts';

export function toConsultation(row: ConsultationRow, actor: Actor): Consultation {
  const personal = canSeePersonalData(actor, row.unit_id);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    siteId: row.site_id,
    deskId: row.desk_id,
    visitId: row.visit_id,
    occurredAt: row.occurred_at.toISOString(),
    channel: row.channel,
    topic: row.topic,
    question: row.question,
    answer: row.answer,
    outcome: row.outcome,
    handledMatter: row.handled_matter,
    receivedBy: row.received_by,
    partnerId: row.partner_id,
    channelPointId: row.channel_point_id,
    rating: row.rating,
    visitorName: personal ? row.visitor_name : maskName(row.visitor_name),
    visitorPhone: personal ? row.visitor_phone : maskPhone(row.visitor_phone),
    contactConsent: row.contact_consent,
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    caseReference: row.case_id ? caseReference(row.case_id) : null,
    // The code is the citizen's key: only the recording's own answer carries it (recordConsultation).
    caseTrackingCode: null,
  };
}

/**
 * Rules a schema cannot say: contact details need consent; an outcome needs a question; a service
 * handled on the spot says what was handled, and only it does.
 */
function checkRecord(
  row: Pick<
    ConsultationRow,
    'visitor_name' | 'visitor_phone' | 'contact_consent' | 'question' | 'outcome' | 'rating' | 'handled_matter'
  >,
): void {
  if ((row.visitor_name || row.visitor_phone) && !row.contact_consent) {
    throw unprocessable('contactConsent', 'must be true when a visitor name or phone is recorded');
  }
  if (row.outcome && !row.question) throw unprocessable('question', 'is required when an outcome is given');
  if (row.rating && !row.question) throw unprocessable('question', 'is required when a rating is given');
  if (row.outcome === 'handled_on_spot' && !row.handled_matter?.trim()) {
    throw unprocessable('handledMatter', 'is required when the outcome is handled_on_spot');
  }
  if (row.handled_matter && row.outcome !== 'handled_on_spot') {
    throw unprocessable('handledMatter', 'is recorded only with the outcome handled_on_spot');
  }
}

/** One intake queue per database: concurrent recordings share statements (group commit). */
const intakeQueues = new WeakMap<Database, GroupCommit<PendingInsert, InsertOutcome>>();

function intakeQueue(db: Database): GroupCommit<PendingInsert, InsertOutcome> {
  let queue = intakeQueues.get(db);
  if (!queue) {
    queue = new GroupCommit((batch) => writeIntakeBatch(db, batch), {
      maxBatch: 64,
      // The embedded database runs one statement at a time; a server takes several.
      concurrency: db.kind === 'embedded' ? 1 : 4,
      keyOf: (item) => (item.key ? `${item.key.scope}\n${item.key.key}` : undefined),
    });
    intakeQueues.set(db, queue);
  }
  return queue;
}

/**
 * Writes a batch of recordings: one statement. A batch with a desk's 转办 to another unit runs in a
 * transaction that also transfers each case the statement opened, by the case feature's own
 * transfer (its event, the receiving unit's notice, its audit entry), so the case is never seen
 * at the recording unit alone.
 */
async function writeIntakeBatch(db: Database, batch: PendingInsert[]): Promise<InsertOutcome[]> {
  if (!batch.some((item) => item.caseDraft?.transfer)) return insertConsultations(db, batch);
  return db.transaction(async (tx) => {
    const outcomes = await insertConsultations(tx, batch);
    for (const [i, item] of batch.entries()) {
      const transfer = item.caseDraft?.transfer;
      const written = outcomes[i]!;
      if (!transfer || !written.inserted || !written.dueOn) continue;
      await recordTransfer(tx, {
        actor: item.audit.actor,
        row: {
          id: item.caseDraft!.id,
          campaign_id: item.row.campaign_id,
          status: 'open',
          unit_id: item.row.unit_id,
          origin_unit_id: item.row.unit_id,
          due_on: written.dueOn,
          extension_days: null,
          rating: null,
        },
        toUnitId: transfer.toUnitId,
        reason: transfer.reason,
        at: item.row.occurred_at,
        // Marks the desk's own transfer: the record may still be corrected or withdrawn that day.
        details: { atIntake: true },
      });
    }
    return outcomes;
  });
}

/** Records one consultation at a desk, by phone, by letter or online. */
export async function recordConsultation({
  db,
  actor,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  input: ConsultationBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Consultation>> {
  const now = new Date();
  const row: ConsultationRow = {
    id: newId(),
    campaign_id: input.campaignId,
    unit_id: input.unitId,
    site_id: input.siteId ?? null,
    desk_id: input.deskId ?? null,
    visit_id: input.visitId ?? newId(),
    occurred_at: input.occurredAt ? new Date(input.occurredAt) : now,
    // Naming a hotline or mailbox says the channel; the intake statement checks that they agree.
    channel:
      input.channel ??
      (input.channelPointId
        ? await findUnitChannelPointKind(db, input.campaignId, input.unitId, input.channelPointId)
        : undefined) ??
      'on_site',
    topic: input.topic ?? null,
    question: input.question ?? null,
    answer: input.answer ?? null,
    outcome: input.outcome ?? null,
    handled_matter: input.handledMatter ?? null,
    received_by: input.receivedBy ?? null,
    partner_id: input.partnerId ?? null,
    channel_point_id: input.channelPointId ?? null,
    rating: input.rating ?? null,
    visitor_name: input.visitorName ?? null,
    visitor_phone: input.visitorPhone ?? null,
    contact_consent: input.contactConsent ?? false,
    created_at: now,
    created_by: actor.userId,
  };
  checkRecord(row);
  const opensCase = row.outcome !== null && CASE_OUTCOMES.includes(row.outcome);
  if (input.trackingCode !== undefined && !opensCase) {
    throw unprocessable('trackingCode', 'is given only with an outcome that opens a case (transferred, follow_up)');
  }
  const transfer = await intakeTransfer(db, input);
  // A question that needs a reply opens its case in the same statement; the visitor gets its code:
  // the one the desk's device made and already gave (ADR 26), or a new one.
  const caseDraft = opensCase
    ? {
        id: newId(),
        trackingCode: input.trackingCode ?? newTrackingCode(),
        eventId: newId(),
        auditId: newId(),
        transfer,
      }
    : null;
  row.case_id = caseDraft?.id ?? null;
  // The slip: the one answer that gives the visitor's code, stored with the idempotency key so that
  // a retry of the same recording gets it again.
  const response = { ...toConsultation(row, actor), caseTrackingCode: caseDraft?.trackingCode ?? null };
  const outcome = await intakeQueue(db)
    .submit({
      row,
      reach: reachPatterns(actor, 'consultations.create'),
      key,
      response,
      audit: {
        actor,
        action: 'create',
        entity: 'consultation',
        entityId: row.id,
        // Not the code itself (the citizen's key stays out of the log), but that the device made it.
        after: {
          ...toConsultation(row, { kind: 'anonymous' }),
          ...(input.trackingCode && { trackingCodeFrom: 'device' }),
        },
      },
      caseDraft,
    })
    .catch((error: unknown) => {
      throw isTrackingCodeTaken(error)
        ? conflict('Another case holds this tracking code', [
            { field: 'trackingCode', reason: 'is held by another case: make a new one' },
          ])
        : error;
    });
  if (!outcome.accepted) throw await explainRefusal(db, actor, input);
  if (!outcome.inserted) {
    // The key was stored before (a retry, or a concurrent twin): answer as the first time did.
    const stored = await findStoredResponse<Consultation>(db, key!);
    if (stored) return stored;
  }
  return { statusCode: 201, body: { ...response, siteId: outcome.siteId }, replayed: false };
}

/** The database refused a second case with the same tracking code (a device's code that collided). */
function isTrackingCodeTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  return (
    e.code === PG_UNIQUE_VIOLATION &&
    `${e.constraint ?? ''} ${e.detail ?? ''} ${e.message ?? ''}`.includes('tracking_code')
  );
}

/**
 * The desk's 转办: the unit the case goes to, checked as a case's transfer checks it. Only with the
 * outcome transferred; API clients may leave it out (the case then stays with the recording unit).
 */
async function intakeTransfer(
  db: Database,
  input: ConsultationBody,
): Promise<{ toUnitId: string; reason: string | null } | undefined> {
  const named = input.transferToUnitId !== undefined || input.transferToPartnerId !== undefined;
  if (!named) {
    if (input.transferReason !== undefined) {
      throw unprocessable('transferReason', 'is given only with transferToUnitId or transferToPartnerId');
    }
    return undefined;
  }
  if (input.outcome !== 'transferred') {
    const field = input.transferToUnitId !== undefined ? 'transferToUnitId' : 'transferToPartnerId';
    throw unprocessable(field, 'is given only with the outcome transferred');
  }
  const toUnitId = await resolveTransferTarget(
    db,
    input.campaignId,
    { toUnitId: input.transferToUnitId, toPartnerId: input.transferToPartnerId },
    { unit: 'transferToUnitId', partner: 'transferToPartnerId' },
  );
  if (toUnitId === input.unitId) {
    throw unprocessable(
      input.transferToUnitId !== undefined ? 'transferToUnitId' : 'transferToPartnerId',
      'is the recording unit itself: choose follow_up to answer it yourselves',
    );
  }
  return { toUnitId, reason: input.transferReason ?? null };
}

const PARTNER_NOT_AT_DESK =
  "is not a partner organisation at this desk (or at one of the unit's desks) in this campaign";

async function explainRefusal(db: Database, actor: UserActor, input: ConsultationBody) {
  const found = await findScopeDiagnosis(
    db,
    input.campaignId,
    input.unitId,
    input.deskId ?? null,
    input.siteId ?? null,
    input.receivedBy ?? null,
    input.partnerId ?? null,
  );
  if (!found.campaign) return unprocessable('campaignId', 'does not exist');
  if (!found.unit) return unprocessable('unitId', 'does not exist');
  if (
    !can(actor, 'consultations.create', { unitId: input.unitId, unitPath: found.path!, regionPath: found.region_path! })
  ) {
    return forbidden('You may record consultations only for your own unit');
  }
  if (!found.participates) return unprocessable('unitId', 'does not take part in this campaign');
  if (!found.desk) return unprocessable('deskId', "is not one of this unit's desks in this campaign");
  if (!found.site) return unprocessable('siteId', "is not one of this unit's sites in this campaign");
  if (!found.received_by)
    return unprocessable('receivedBy', "is not one of this unit's staff on duty in this campaign");
  if (!found.partner) return unprocessable('partnerId', PARTNER_NOT_AT_DESK);
  const pointError =
    input.channelPointId &&
    (await channelPointRefusal(db, {
      campaignId: input.campaignId,
      unitId: input.unitId,
      channelPointId: input.channelPointId,
      channel: input.channel,
    }));
  if (pointError) return pointError;
  return unprocessable('unitId', 'cannot be recorded for');
}

async function getVisibleRow(
  db: Db,
  actor: Actor,
  id: string,
  action: 'consultations.read' | 'consultations.update' | 'consultations.delete',
) {
  const row = await findConsultationRow(db, id);
  // Another unit's record is "not found", so ids cannot be probed.
  if (
    !row ||
    !can(actor, 'consultations.read', { unitId: row.unit_id, unitPath: row.path, regionPath: row.region_path })
  ) {
    throw notFound('Consultation');
  }
  authorize(actor, action, { unitId: row.unit_id, unitPath: row.path, regionPath: row.region_path });
  return row;
}

/**
 * Who may correct or withdraw this record now. The unit's admin: any record (consultations.manage).
 * Desk staff: only their own, on the day (China time) the server stored it, and — as for anyone
 * withdrawing a record — not once its case has moved on (replied, extended, transferred onward):
 * its unit's work stands on the record. Refusals say why, naming the field.
 */
async function checkCorrection(
  tx: Db,
  actor: UserActor,
  row: ConsultationRow & { path: string; region_path: string },
  change: 'correct' | 'withdraw',
): Promise<void> {
  const manager = can(actor, 'consultations.manage', {
    unitId: row.unit_id,
    unitPath: row.path,
    regionPath: row.region_path,
  });
  if (!manager) {
    if (row.created_by !== actor.userId) {
      throw forbidden('Desk staff may correct or withdraw only the records they made', [
        { field: 'createdBy', reason: 'is another staff member: ask the unit admin' },
      ]);
    }
    if (chinaToday(row.created_at) !== chinaToday()) {
      throw conflict('The day of this record is over', [
        { field: 'createdAt', reason: 'was recorded before today (China time): ask the unit admin to correct it' },
      ]);
    }
  }
  if ((change === 'withdraw' || !manager) && row.case_id && (await hasCaseMovedOn(tx, row.case_id))) {
    throw conflict('The case of this record has moved on', [
      {
        field: 'caseReference',
        reason: 'its case has been acted on since (replied, extended or transferred onward) and stays as it is',
      },
    ]);
  }
}

export async function getConsultation({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: Actor;
  id: string;
}): Promise<Consultation> {
  return toConsultation(await getVisibleRow(db, actor, id, 'consultations.read'), actor);
}

/** Which column each field of a consultation's patch sets. */
const CONSULTATION_PATCH_COLUMNS: ColumnMap<ConsultationPatch, ConsultationRow> = {
  occurredAt: (value) => ({ occurred_at: new Date(value) }),
  channel: 'channel',
  topic: 'topic',
  question: 'question',
  answer: 'answer',
  outcome: 'outcome',
  handledMatter: 'handled_matter',
  receivedBy: 'received_by',
  partnerId: 'partner_id',
  channelPointId: 'channel_point_id',
  rating: 'rating',
  visitorName: 'visitor_name',
  visitorPhone: 'visitor_phone',
  contactConsent: 'contact_consent',
};

export async function changeConsultation({
  db,
  actor,
  id,
  patch,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  patch: ConsultationPatch;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Consultation>> {
  return runIdempotent(db, key, async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'consultations.update');
    await checkCorrection(tx, actor, before, 'correct');
    const after = applyPatch(before, patch, CONSULTATION_PATCH_COLUMNS);
    checkRecord(after);
    if (after.received_by && after.received_by !== before.received_by) {
      const found = await findScopeDiagnosis(tx, before.campaign_id, before.unit_id, null, null, after.received_by);
      if (!found.received_by) {
        throw unprocessable('receivedBy', "is not one of this unit's staff on duty in this campaign");
      }
    }
    if (after.partner_id && after.partner_id !== before.partner_id) {
      const found = await findScopeDiagnosis(
        tx,
        before.campaign_id,
        before.unit_id,
        before.desk_id,
        null,
        null,
        after.partner_id,
      );
      if (!found.partner) throw unprocessable('partnerId', PARTNER_NOT_AT_DESK);
    }
    if (after.channel_point_id && (after.channel_point_id !== before.channel_point_id || patch.channel)) {
      const pointError = await channelPointRefusal(tx, {
        campaignId: before.campaign_id,
        unitId: before.unit_id,
        channelPointId: after.channel_point_id,
        channel: patch.channel ?? (patch.channelPointId ? undefined : after.channel),
      });
      if (pointError) throw pointError;
      if (!patch.channel)
        after.channel = (await findUnitChannelPointKind(
          tx,
          before.campaign_id,
          before.unit_id,
          after.channel_point_id,
        ))!;
    }
    await updateConsultationRow(tx, after);
    // A question that now needs a reply gets its case (one it had before stays as it is).
    const opened =
      after.outcome && CASE_OUTCOMES.includes(after.outcome)
        ? await ensureCase(tx, {
            consultationId: id,
            campaignId: before.campaign_id,
            unitId: before.unit_id,
            openedAt: after.occurred_at,
            actor,
          })
        : undefined;
    const anonymous = { kind: 'anonymous' } as const;
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'consultation',
      entityId: id,
      unitId: before.unit_id,
      campaignId: before.campaign_id,
      before: toConsultation(before, anonymous),
      after: toConsultation(after, anonymous),
    });
    const current = (await findConsultationRow(tx, id))!;
    // The change that opened the case is the one answer with the visitor's code.
    return {
      statusCode: 200,
      body: { ...toConsultation(current, actor), caseTrackingCode: opened?.trackingCode ?? null },
    };
  });
}

export async function removeConsultation({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: UserActor;
  id: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getVisibleRow(tx, actor, id, 'consultations.delete');
    await checkCorrection(tx, actor, before, 'withdraw');
    // Its case, if any, goes with it (with its events): nobody has acted on it yet.
    if (before.case_id) await noteCaseWithdrawn(tx, { actor, caseId: before.case_id });
    await deleteConsultationRow(tx, before);
    await writeAudit(tx, {
      actor,
      action: 'delete',
      entity: 'consultation',
      entityId: id,
      unitId: before.unit_id,
      campaignId: before.campaign_id,
      before: toConsultation(before, { kind: 'anonymous' }),
    });
  });
}

export async function listConsultations({
  db,
  actor,
  query,
}: {
  db: Database;
  actor: UserActor;
  query: ConsultationQuery;
}) {
  const cursor = decodeCursor(query.cursor, ['timestamp', 'uuid']);
  const limit = query.limit ?? 50;
  const rows = await listConsultationRows(db, actor, query, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toConsultation(row, actor)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.occurred_at.toISOString(), last.id]) : null,
  };
}
