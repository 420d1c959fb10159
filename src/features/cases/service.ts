import type { Actor, UnitScope, UserActor } from '../../platform/auth/actor.ts';
import { authorize, can, canSeePersonalData, type Action } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { PG_UNIQUE_VIOLATION, type Database, type Db, type Queryable } from '../../platform/db/database.ts';
import { AppError, conflict, notFound, unprocessable } from '../../platform/http/errors.ts';
import {
  findStoredResponse,
  runIdempotent,
  type IdempotencyKey,
  type StoredResponse,
} from '../../platform/http/idempotency.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import { maskName, maskPhone } from '../../platform/masking.ts';
import { explainWorkingDays, findUnconfirmedYears, isIsoDate } from '../calendar/read.ts';
import { isCampaignUnit } from '../campaigns/read.ts';
import { RATINGS, type Rating } from '../../domain/vocabulary.ts';
import { notify } from '../notifications/service.ts';
import { findCampaignPartner, isDeskPartnerUnit } from '../plans/service.ts';
import { inEveryLanguage } from '../../messages/index.ts';
import {
  applyDueChanges,
  findCaseIdByConsultation,
  findCaseRow,
  findCaseRowByTrackingCode,
  findDueChanges,
  insertCaseAudit,
  insertCaseEvent,
  insertCaseRows,
  insertReturnVisit,
  isAfterToday,
  listReturnVisitRows,
  listCaseEventRows,
  listCaseRows,
  updateCaseClosed,
  updateCaseExtension,
  updateCaseRating,
  updateCaseReopened,
  updateCaseReply,
  updateCaseUnit,
  type CaseEventRow,
  type CaseRow,
  type ReturnVisitRow,
} from './repository.ts';
import type {
  Case,
  CaseDetail,
  CaseEvent,
  CaseQuery,
  CloseBody,
  DueDateExplanation,
  ExtendBody,
  PublicCase,
  ReplyBody,
  ReturnVisit,
  ReturnVisitBody,
  TransferBody,
} from './schema.ts';
import { CASE_ACTIONS, PENDING_STATUSES, type CaseAction } from './schema.ts';
import { caseReference, newTrackingCode, normalizeTrackingCode } from './tracking-code.ts';

/** A rating that reopens the case (差评). */

/** A case's history and audit entry, written in the caller's transaction by a command that changes the case. */
export { insertCaseAudit, insertCaseEvent } from './repository.ts';

/**
 * The SQL that opens cases inside another feature's statement (the intake's, which stores the
 * consultations and opens their cases at once): the one way a case is opened (ADR 34).
 */
export { openCasesSql } from './repository.ts';

/** Whether the case of a desk's record has been acted on since (the desk may no longer change it). */
export { hasCaseMovedOn } from './repository.ts';

export const POOR_RATINGS: readonly Rating[] = ['dissatisfied', 'very_dissatisfied'];

// Mapping rows to responses

const currentScope = (row: CaseRow): UnitScope => ({
  unitId: row.unit_id,
  unitPath: row.unit_path,
  regionPath: row.unit_region_path,
});
const originScope = (row: CaseRow): UnitScope => ({
  unitId: row.origin_unit_id,
  unitPath: row.origin_path,
  regionPath: row.origin_region_path,
});

export function toCase(row: CaseRow, actor: Actor): Case {
  // The unit that must answer, and the one that took the question, may reach the visitor.
  const personal = canSeePersonalData(actor, row.unit_id) || canSeePersonalData(actor, row.origin_unit_id);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    consultationId: row.consultation_id,
    reference: caseReference(row.id),
    unitId: row.unit_id,
    unitName: row.unit_name,
    originUnitId: row.origin_unit_id,
    status: row.status,
    channel: row.channel,
    topic: row.topic,
    question: row.question,
    visitorName: personal ? row.visitor_name : maskName(row.visitor_name),
    visitorPhone: personal ? row.visitor_phone : maskPhone(row.visitor_phone),
    clockStartOn: row.clock_start_on,
    limitDays: row.limit_days,
    extensionDays: row.extension_days,
    extensionReason: row.extension_reason,
    dueOn: row.due_on,
    dueUnconfirmed: row.due_unconfirmed,
    workingDaysLeft: row.working_days_left,
    overdue: row.overdue,
    repliedLate: row.replied_late,
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
    repliedBy: row.replied_by,
    closedAt: row.closed_at?.toISOString() ?? null,
    rating: row.rating,
    ratedAt: row.rated_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
    publicQuestion: row.public_question,
    publicAnswer: row.public_answer,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    actions: caseActions(row, actor),
  };
}

// What may be done to a case: the policy module's answer for the reader and the case's state

/** The policy action each case action needs, and the units whose grants may allow it. */
const CASE_ACTION_POLICY: Record<CaseAction, { policy: Action; scopes: 'current' | 'either' }> = {
  reply: { policy: 'cases.handle', scopes: 'current' },
  transfer: { policy: 'cases.handle', scopes: 'current' },
  extend: { policy: 'cases.handle', scopes: 'current' },
  close: { policy: 'cases.handle', scopes: 'current' },
  return_visit: { policy: 'cases.return_visit', scopes: 'current' },
  // The unit answering or the one that took the question: both hold the citizen's details.
  erase: { policy: 'personal_data.erase_on_request', scopes: 'either' },
  publish: { policy: 'cases.publish', scopes: 'current' },
  unpublish: { policy: 'cases.unpublish', scopes: 'current' },
};

/** May the actor, by the policy module, take this action on the case (its state aside)? */
export function mayTakeCaseAction(actor: Actor, action: CaseAction, row: CaseRow): boolean {
  const { policy, scopes } = CASE_ACTION_POLICY[action];
  return can(actor, policy, currentScope(row)) || (scopes === 'either' && can(actor, policy, originScope(row)));
}

/** Why the case, in its state, cannot take the action (the 409's detail), or undefined when it can. */
export function caseStateRefusal(
  row: Pick<CaseRow, 'status' | 'extension_days' | 'reply' | 'visitor_name' | 'visitor_phone' | 'published_at'>,
  action: CaseAction,
): { field: string; reason: string } | undefined {
  const pending = PENDING_STATUSES.includes(row.status);
  const status = { field: 'status', reason: `is ${row.status}` };
  switch (action) {
    case 'reply':
    case 'transfer':
      return pending ? undefined : status;
    case 'extend':
      if (!pending) return status;
      return row.extension_days === null ? undefined : { field: 'days', reason: 'the one extension is used' };
    case 'close':
      return row.status === 'replied' ? undefined : status;
    case 'return_visit':
      return !pending && row.reply !== null ? undefined : { field: 'status', reason: 'the case has no reply yet' };
    case 'erase':
      return row.visitor_name !== null || row.visitor_phone !== null
        ? undefined
        : { field: 'id', reason: 'keeps no contact details' };
    case 'publish':
      return row.status === 'replied' || row.status === 'closed' ? undefined : status;
    case 'unpublish':
      return row.published_at ? undefined : { field: 'id', reason: 'is not published' };
  }
}

/** The actions the reader may take on the case now: allowed by the policy and by its state. */
export function caseActions(row: CaseRow, actor: Actor): CaseAction[] {
  return CASE_ACTIONS.filter((action) => !caseStateRefusal(row, action) && mayTakeCaseAction(actor, action, row));
}

/** Throws 409 with the reason when the case's state does not allow the action. */
export function requireCaseState(row: CaseRow, action: CaseAction, message: string): void {
  const refusal = caseStateRefusal(row, action);
  if (refusal) throw conflict(message, [refusal]);
}

export function toCaseEvent(row: CaseEventRow): CaseEvent {
  return {
    id: row.id,
    kind: row.kind,
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    fromUnitId: row.from_unit_id,
    toUnitId: row.to_unit_id,
    reason: row.reason,
    details: row.details,
  };
}

/** Only the reply not rated yet may be rated: once per reply. */
const canRate = (row: Pick<CaseRow, 'status' | 'replied_at' | 'rated_at'>) =>
  (row.status === 'replied' || row.status === 'closed') &&
  row.replied_at !== null &&
  (row.rated_at === null || row.rated_at < row.replied_at);

/** What the citizen sees: plain words, the chain without internal reasons, no personal data. */
export function toPublicCase(row: CaseRow, events: readonly CaseEventRow[]): PublicCase {
  const detail = <T>(e: CaseEventRow, key: string) => (e.details?.[key] ?? null) as T | null;
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    statusText: inEveryLanguage((m) => m.cases.status[row.status]),
    unitName: row.unit_name,
    unitNameEn: row.unit_name_en,
    openedAt: row.opened_at.toISOString(),
    question: row.question,
    dueOn: row.due_on,
    dueUnconfirmed: row.due_unconfirmed,
    chain: events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      text: inEveryLanguage((m) =>
        m.cases.event({
          kind: e.kind,
          fromUnitName: e.from_unit_name,
          fromUnitNameEn: e.from_unit_name_en,
          toUnitName: e.to_unit_name,
          toUnitNameEn: e.to_unit_name_en,
          days: detail<number>(e, 'days'),
          dueOn: detail<string>(e, 'dueOn'),
          rating: detail<Rating>(e, 'rating'),
        }),
      ),
    })),
    reply: row.reply,
    repliedAt: row.replied_at?.toISOString() ?? null,
    // The rating of the reply shown; a new reply after reopening is not rated yet.
    rating: row.rated_at && row.replied_at && row.rated_at >= row.replied_at ? row.rating : null,
    canRate: canRate(row),
  };
}

/** The case fields an audit entry keeps. */
function auditView(row: Pick<CaseRow, 'status' | 'unit_id' | 'due_on' | 'extension_days' | 'rating'>) {
  return {
    status: row.status,
    unitId: row.unit_id,
    dueOn: row.due_on,
    extensionDays: row.extension_days,
    rating: row.rating,
  };
}

// Opening

export interface OpenCaseInput {
  consultationId: string;
  campaignId: string;
  unitId: string;
  /** When the question was asked: the limit counts from this day in Asia/Shanghai. */
  openedAt: Date;
  actor: UserActor | null;
}

/** A case just opened: its tracking code goes into the one answer that opened it. */
export interface OpenedCase {
  id: string;
  trackingCode: string;
  dueOn: string;
}

/**
 * Opens the cases of consultations inside the caller's transaction, in one statement (openCasesSql:
 * each with its 'opened' event and audit entry, due on the campaign's reply limit in working days
 * after the consultation's day), and tells each case's unit. Answers in the order of the inputs.
 */
export async function openCases(tx: Queryable, inputs: readonly OpenCaseInput[]): Promise<OpenedCase[]> {
  let opened;
  try {
    opened = await insertCaseRows(
      tx,
      inputs.map((input) => ({
        id: newId(),
        campaignId: input.campaignId,
        consultationId: input.consultationId,
        trackingCode: newTrackingCode(),
        unitId: input.unitId,
        openedAt: input.openedAt,
        actorUserId: input.actor?.userId ?? null,
        actorTokenId: input.actor?.tokenId ?? null,
      })),
    );
  } catch (error) {
    if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION)
      throw conflict('This consultation already has a case', [{ field: 'consultationId', reason: 'has a case' }]);
    throw error;
  }
  const cases: OpenedCase[] = [];
  for (const input of inputs) {
    const row = opened.get(input.consultationId);
    if (!row) throw unprocessable('unitId', 'does not take part in this campaign');
    await notify(tx, {
      unitId: input.unitId,
      kind: 'case.opened',
      params: { reference: caseReference(row.id), dueOn: row.due_on },
      caseId: row.id,
      campaignId: input.campaignId,
    });
    cases.push({ id: row.id, trackingCode: row.tracking_code, dueOn: row.due_on });
  }
  return cases;
}

/** Opens the case of one consultation (openCases). */
export async function openCase(tx: Queryable, input: OpenCaseInput): Promise<OpenedCase> {
  return (await openCases(tx, [input]))[0]!;
}

/**
 * Opens the consultation's case unless it has one (a consultation changed to need a reply), and
 * returns the case it opened: its tracking code goes into that one answer only.
 */
export async function ensureCase(tx: Queryable, input: OpenCaseInput): Promise<OpenedCase | undefined> {
  if (await findCaseIdByConsultation(tx, input.consultationId)) return undefined;
  return openCase(tx, input);
}

// Reading

/** The case as the actor may use it: a case of a unit the actor does not reach is "not found". */
async function visibleCase(db: Db, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<CaseRow> {
  const row = await findCaseRow(db, id, options);
  if (!row || !(can(actor, 'cases.read', currentScope(row)) || can(actor, 'cases.read', originScope(row))))
    throw notFound('Case');
  return row;
}

export function toReturnVisit(row: ReturnVisitRow): ReturnVisit {
  return {
    id: row.id,
    caseId: row.case_id,
    unitId: row.unit_id,
    visitedOn: row.visited_on,
    reached: row.reached,
    rating: row.rating,
    words: row.words,
    recordedBy: row.recorded_by,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

async function loadDetail(db: Db, actor: Actor, id: string): Promise<CaseDetail> {
  const row = (await findCaseRow(db, id))!;
  return {
    ...toCase(row, actor),
    events: (await listCaseEventRows(db, id)).map(toCaseEvent),
    returnVisits: (await listReturnVisitRows(db, id)).map(toReturnVisit),
  };
}

export async function getCase({ db, actor, id }: { db: Db; actor: Actor; id: string }): Promise<CaseDetail> {
  await visibleCase(db, actor, id);
  return loadDetail(db, actor, id);
}

export async function listCases({ db, actor, query }: { db: Db; actor: UserActor; query: CaseQuery }) {
  const cursor = decodeCursor(query.cursor, ['text', 'uuid']);
  if (cursor && !isIsoDate(cursor[0]))
    throw new AppError(422, 'unprocessable', 'cursor: is not a cursor this API gave', [
      { field: 'cursor', reason: 'is not a cursor this API gave' },
    ]);
  const limit = query.limit ?? 50;
  const rows = await listCaseRows(db, actor, query, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toCase(row, actor)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.due_on, last.id]) : null,
  };
}

/** How the due date was computed: start, limit, extension, and every day counted or skipped. */
export async function explainDueDate({
  db,
  actor,
  id,
}: {
  db: Db;
  actor: Actor;
  id: string;
}): Promise<DueDateExplanation> {
  const row = await visibleCase(db, actor, id);
  const workingDays = row.limit_days + (row.extension_days ?? 0);
  return {
    caseId: row.id,
    clockStartOn: row.clock_start_on,
    clockStartReason: row.has_reopened ? 'reopened' : 'consultation',
    limitDays: row.limit_days,
    extensionDays: row.extension_days,
    extensionReason: row.extension_reason,
    workingDays,
    dueOn: row.due_on,
    unconfirmedYears: await findUnconfirmedYears(db, row.clock_start_on, row.due_on),
    days: await explainWorkingDays(db, row.clock_start_on, workingDays),
  };
}

// Handling: transfer, extend, reply, close

const stillPending = (row: CaseRow, action: 'reply' | 'transfer', doing: string) =>
  requireCaseState(row, action, `A ${row.status} case cannot be ${doing}`);

/**
 * Runs one transition of a case the actor's unit is responsible for, in one transaction with its
 * event and audit entry, and answers with the case as it is afterwards.
 */
async function handleCase(
  db: Database,
  actor: UserActor,
  id: string,
  key: IdempotencyKey | undefined,
  change: (tx: Queryable, row: CaseRow) => Promise<void>,
  action: 'cases.handle' | 'cases.return_visit' = 'cases.handle',
): Promise<StoredResponse<CaseDetail>> {
  return runIdempotent(db, key, async (tx) => {
    const row = await visibleCase(tx, actor, id, { lock: true });
    // A retry that waited for the lock while its first attempt committed: answer as the first
    // did (storing the key again fails, and runIdempotent returns the stored answer).
    if (key && (await findStoredResponse(tx, key))) return { statusCode: 200, body: await loadDetail(tx, actor, id) };
    authorize(actor, action, currentScope(row));
    await change(tx, row);
    return { statusCode: 200, body: await loadDetail(tx, actor, id) };
  });
}

/** The fields a transfer's target is named by: the case's transfer, or the desk's 转办 at intake. */
export interface TransferTargetFields {
  unit: string;
  partner: string;
}

/**
 * The unit a transfer goes to: a unit taking part in the campaign, or a partner unit at one of its
 * desks (联合设台), named by unit or by partner. An outside partner has no one in OpenDay to answer.
 * The case's transfer and the desk's 转办 at intake both ask it (errors name the caller's fields).
 */
export async function resolveTransferTarget(
  tx: Queryable,
  campaignId: string,
  input: { toUnitId?: string | undefined; toPartnerId?: string | undefined },
  fields: TransferTargetFields = { unit: 'toUnitId', partner: 'toPartnerId' },
): Promise<string> {
  if ((input.toUnitId === undefined) === (input.toPartnerId === undefined)) {
    throw unprocessable(
      input.toUnitId === undefined ? fields.unit : fields.partner,
      `give either ${fields.unit} or ${fields.partner}`,
    );
  }
  if (input.toPartnerId !== undefined) {
    const partner = await findCampaignPartner(tx, campaignId, input.toPartnerId);
    if (!partner) throw unprocessable(fields.partner, 'is not a partner organisation of this campaign');
    if (!partner.unitId) {
      throw unprocessable(
        fields.partner,
        `is an outside organisation (${partner.name}) with no unit in OpenDay, so it cannot receive cases: ` +
          'reply yourself with its answer, or enter it as a unit',
      );
    }
    return partner.unitId;
  }
  const toUnitId = input.toUnitId!;
  if (!(await isCampaignUnit(tx, campaignId, toUnitId)) && !(await isDeskPartnerUnit(tx, campaignId, toUnitId))) {
    throw unprocessable(
      fields.unit,
      'does not take part in this campaign, nor is it a partner unit at one of its desks',
    );
  }
  return toUnitId;
}

/**
 * Moves a case to another unit inside the caller's transaction: the case's unit and status, its
 * 'transferred' event, the notice to the receiving unit and the audit entry. The case's transfer
 * and the desk's 转办 at intake (the case the intake statement just opened) both write it so.
 */
export async function recordTransfer(
  tx: Queryable,
  {
    actor,
    row,
    toUnitId,
    reason,
    at,
    details,
  }: {
    actor: UserActor;
    row: Pick<
      CaseRow,
      'id' | 'campaign_id' | 'status' | 'unit_id' | 'origin_unit_id' | 'due_on' | 'extension_days' | 'rating'
    >;
    toUnitId: string;
    reason: string | null;
    at: Date;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await updateCaseUnit(tx, row, toUnitId);
  await insertCaseEvent(tx, {
    campaignId: row.campaign_id,
    originUnitId: row.origin_unit_id,
    caseId: row.id,
    kind: 'transferred',
    at,
    actorUserId: actor.userId,
    fromUnitId: row.unit_id,
    toUnitId,
    reason,
    ...(details && { details }),
  });
  await notify(tx, {
    unitId: toUnitId,
    kind: 'case.transferred',
    params: { reference: caseReference(row.id), dueOn: row.due_on, reason: reason ?? '—' },
    caseId: row.id,
    campaignId: row.campaign_id,
  });
  await writeAudit(tx, {
    actor,
    action: 'transfer',
    entity: 'case',
    entityId: row.id,
    unitId: row.unit_id,
    campaignId: row.campaign_id,
    before: auditView(row),
    after: { ...auditView(row), status: 'transferred', unitId: toUnitId, reason },
  });
}

/**
 * Before the desk withdraws the record behind a case (its case goes with it, by the database's
 * cascade), inside that transaction: the audit keeps the case as it was, and a unit it was
 * transferred to is told that nothing is left to do.
 */
export async function noteCaseWithdrawn(tx: Queryable, { actor, caseId }: { actor: UserActor; caseId: string }) {
  const row = await findCaseRow(tx, caseId);
  if (!row) return;
  await writeAudit(tx, {
    actor,
    action: 'withdraw',
    entity: 'case',
    entityId: caseId,
    unitId: row.unit_id,
    campaignId: row.campaign_id,
    before: auditView(row),
  });
  if (row.unit_id !== row.origin_unit_id) {
    // No caseId on the notice: the case is gone, a link would lead nowhere.
    await notify(tx, {
      unitId: row.unit_id,
      kind: 'case.withdrawn',
      params: { reference: caseReference(caseId) },
      campaignId: row.campaign_id,
    });
  }
}

/** Passes the case to the unit able to answer it; the chain keeps every step. */
export function transferCase({
  db,
  actor,
  id,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  input: TransferBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<CaseDetail>> {
  return handleCase(db, actor, id, key, async (tx, row) => {
    stillPending(row, 'transfer', 'transferred');
    const toUnitId = await resolveTransferTarget(tx, row.campaign_id, input);
    if (toUnitId === row.unit_id) throw unprocessable('toUnitId', 'is already the unit responsible');
    await recordTransfer(tx, { actor, row, toUnitId, reason: input.reason, at: new Date() });
  });
}

/**
 * One extension per case, with a reason and its own working days; the case is not overdue before
 * its new date. A case reopened after a poor rating has a new limit of its own, which may again
 * be extended once.
 */
export function extendCase({
  db,
  actor,
  id,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  input: ExtendBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<CaseDetail>> {
  return handleCase(db, actor, id, key, async (tx, row) => {
    const used = PENDING_STATUSES.includes(row.status) && row.extension_days !== null;
    requireCaseState(
      row,
      'extend',
      used
        ? 'The case has been extended already; a case is extended once (again only after reopening)'
        : `A ${row.status} case cannot be extended`,
    );
    const dueOn = await updateCaseExtension(tx, row, input.days, input.reason);
    await insertCaseEvent(tx, {
      campaignId: row.campaign_id,
      originUnitId: row.origin_unit_id,
      caseId: id,
      kind: 'extended',
      at: new Date(),
      actorUserId: actor.userId,
      reason: input.reason,
      details: { days: input.days, from: row.due_on, dueOn },
    });
    await writeAudit(tx, {
      actor,
      action: 'extend',
      entity: 'case',
      entityId: id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: auditView(row),
      after: { ...auditView(row), extensionDays: input.days, dueOn, reason: input.reason },
    });
  });
}

export function replyCase({
  db,
  actor,
  id,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  input: ReplyBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<CaseDetail>> {
  return handleCase(db, actor, id, key, async (tx, row) => {
    stillPending(row, 'reply', 'replied to');
    const at = new Date();
    await updateCaseReply(tx, row, input.reply, actor.userId, at);
    await insertCaseEvent(tx, {
      campaignId: row.campaign_id,
      originUnitId: row.origin_unit_id,
      caseId: id,
      kind: 'replied',
      at,
      actorUserId: actor.userId,
      fromUnitId: row.unit_id,
      details: { dueOn: row.due_on, overdue: row.overdue },
    });
    await writeAudit(tx, {
      actor,
      action: 'reply',
      entity: 'case',
      entityId: id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: auditView(row),
      after: { ...auditView(row), status: 'replied', reply: input.reply },
    });
  });
}

export function closeCase({
  db,
  actor,
  id,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  input: CloseBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<CaseDetail>> {
  return handleCase(db, actor, id, key, async (tx, row) => {
    requireCaseState(row, 'close', 'Only a replied case can be closed');
    const at = new Date();
    await updateCaseClosed(tx, row, at);
    await insertCaseEvent(tx, {
      campaignId: row.campaign_id,
      originUnitId: row.origin_unit_id,
      caseId: id,
      kind: 'closed',
      at,
      actorUserId: actor.userId,
      reason: input.reason ?? null,
    });
    await writeAudit(tx, {
      actor,
      action: 'close',
      entity: 'case',
      entityId: id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: auditView(row),
      after: { ...auditView(row), status: 'closed', reason: input.reason ?? null },
    });
  });
}

/**
 * A poor rating (the citizen's, or one given on a return visit) reopens the case with the
 * campaign's reopen limit counted from today, tells the unit, and returns the new due date.
 */
async function reopenAfterPoorRating(
  tx: Queryable,
  row: CaseRow,
  { rating, at, actor, reason }: { rating: Rating; at: Date; actor: UserActor | null; reason: string },
): Promise<string> {
  const reopened = await updateCaseReopened(tx, row);
  await insertCaseEvent(tx, {
    campaignId: row.campaign_id,
    originUnitId: row.origin_unit_id,
    caseId: row.id,
    kind: 'reopened',
    at,
    actorUserId: actor?.userId ?? null,
    toUnitId: row.unit_id,
    reason,
    details: { rating, days: reopened.limit_days, dueOn: reopened.due_on },
  });
  await notify(tx, {
    unitId: row.unit_id,
    caseId: row.id,
    campaignId: row.campaign_id,
    kind: 'case.reopened',
    params: { reference: caseReference(row.id), dueOn: reopened.due_on },
  });
  return reopened.due_on;
}

/**
 * 回访: a responder or organizer records a follow-up call to the citizen — the day, whether they
 * were reached, the rating and words they gave. The rating is counted apart from the citizen's
 * own (statistics: return visits); a poor one reopens the case as the citizen's would.
 */
export function recordReturnVisit({
  db,
  actor,
  id,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  input: ReturnVisitBody;
  key?: IdempotencyKey | undefined;
}): Promise<StoredResponse<CaseDetail>> {
  const rating = input.rating ?? null;
  return handleCase(
    db,
    actor,
    id,
    key,
    async (tx, row) => {
      if (await isAfterToday(tx, input.visitedOn)) throw unprocessable('visitedOn', 'is after today');
      if (rating && !input.reached) throw unprocessable('rating', 'is given only by a citizen who was reached');
      if (rating && (row.reply === null || PENDING_STATUSES.includes(row.status)))
        throw conflict('There is no reply to rate yet', [
          { field: 'rating', reason: 'the case has no reply to rate yet' },
        ]);
      const at = new Date();
      await insertReturnVisit(tx, {
        id: newId(),
        campaign_id: row.campaign_id,
        case_id: row.id,
        unit_id: row.unit_id,
        visited_on: input.visitedOn,
        reached: input.reached,
        rating,
        words: input.words ?? null,
        recorded_by: actor.userId,
      });
      await insertCaseEvent(tx, {
        campaignId: row.campaign_id,
        originUnitId: row.origin_unit_id,
        caseId: row.id,
        kind: 'return_visit',
        at,
        actorUserId: actor.userId,
        details: { visitedOn: input.visitedOn, reached: input.reached, rating },
      });
      const dueOn =
        rating && POOR_RATINGS.includes(rating)
          ? await reopenAfterPoorRating(tx, row, { rating, at, actor, reason: 'poor_return_visit_rating' })
          : null;
      await writeAudit(tx, {
        actor,
        action: dueOn ? 'return_visit_and_reopen' : 'return_visit',
        entity: 'case',
        entityId: row.id,
        unitId: row.unit_id,
        campaignId: row.campaign_id,
        before: auditView(row),
        after: {
          ...auditView(row),
          ...(dueOn && { status: 'reopened', dueOn }),
          returnVisit: { visitedOn: input.visitedOn, reached: input.reached, rating, words: input.words ?? null },
        },
      });
    },
    'cases.return_visit',
  );
}

// The citizen's side: tracking and rating

/** The case behind a tracking code as its citizen sees it; undefined for a code that is not one. */
export async function findPublicCase(db: Db, trackingCode: string): Promise<PublicCase | undefined> {
  const code = normalizeTrackingCode(trackingCode);
  if (!code) return undefined;
  const row = await findCaseRowByTrackingCode(db, code);
  if (!row) return undefined;
  return toPublicCase(row, await listCaseEventRows(db, row.id));
}

/**
 * The citizen rates the reply, once per reply. A poor rating (dissatisfied, very dissatisfied)
 * reopens the case with the campaign's reopen limit counted from today.
 */
export async function rateCase({
  db,
  trackingCode,
  rating,
  comment,
}: {
  db: Database;
  trackingCode: string;
  rating: Rating;
  /** Why, in the citizen's words: kept with the rating on the case's chain, for the unit to read. */
  comment?: string | undefined;
}): Promise<PublicCase> {
  if (!RATINGS.includes(rating)) throw unprocessable('rating', `must be one of: ${RATINGS.join(', ')}`);
  const code = normalizeTrackingCode(trackingCode);
  if (!code) throw notFound('Case');
  return db.transaction(async (tx) => {
    const row = await findCaseRowByTrackingCode(tx, code, { lock: true });
    if (!row) throw notFound('Case');
    if (!canRate(row)) {
      throw row.reply === null || PENDING_STATUSES.includes(row.status)
        ? conflict('There is no reply to rate yet', [{ field: 'rating', reason: 'the case has no reply to rate yet' }])
        : conflict('This reply has been rated already', [{ field: 'rating', reason: 'is given once per reply' }]);
    }
    const at = new Date();
    await updateCaseRating(tx, row, rating, at);
    await insertCaseEvent(tx, {
      campaignId: row.campaign_id,
      originUnitId: row.origin_unit_id,
      caseId: row.id,
      kind: 'rated',
      at,
      actorUserId: null,
      reason: comment?.trim() || null,
      details: { rating },
    });
    let after = { ...auditView(row), rating };
    if (!POOR_RATINGS.includes(rating)) {
      await notify(tx, {
        unitId: row.unit_id,
        caseId: row.id,
        campaignId: row.campaign_id,
        kind: 'case.rated',
        // The rating's key: each reader's language names it (notifications/messages.ts).
        params: { reference: caseReference(row.id), rating },
      });
    } else {
      const dueOn = await reopenAfterPoorRating(tx, row, { rating, at, actor: null, reason: 'poor_rating' });
      after = { ...after, status: 'reopened', dueOn };
    }
    await insertCaseAudit(tx, {
      actor: null,
      action: POOR_RATINGS.includes(rating) ? 'rate_and_reopen' : 'rate',
      caseId: row.id,
      unitId: row.unit_id,
      campaignId: row.campaign_id,
      before: auditView(row),
      after,
    });
    const updated = (await findCaseRowByTrackingCode(tx, code))!;
    return toPublicCase(updated, await listCaseEventRows(tx, row.id));
  });
}

// The calendar changed

/**
 * Recomputes, inside the calendar edit's transaction, the due dates of the cases not closed that
 * the edited day (or days from `day` to `lastDay`) move, each with a 'due_recomputed' event.
 * Returns the cases that moved, from which date to which.
 */
export async function recomputeDueDates(
  tx: Queryable,
  { actor, day, lastDay, reason }: { actor: UserActor | null; day: string; lastDay?: string; reason: string },
): Promise<{ caseId: string; reference: string; from: string; to: string }[]> {
  const changes = await findDueChanges(tx, day, lastDay);
  await applyDueChanges(tx, changes, { at: new Date(), actorUserId: actor?.userId ?? null, reason, day });
  return changes.map((c) => ({ caseId: c.id, reference: caseReference(c.id), from: c.old_due, to: c.new_due }));
}
