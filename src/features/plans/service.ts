import type { Actor, UnitScope, UserActor } from '../../platform/auth/actor.ts';
import { authorize, can, type Action } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import { applyPatch, deleteAudited, insertAudited, updateAudited, type ColumnMap } from '../../platform/edit.ts';
import { PG_FOREIGN_KEY_VIOLATION, type Database, type Db } from '../../platform/db/database.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { caseReference } from '../../domain/case-reference.ts';
import { isCampaignUnit } from '../campaigns/read.ts';
import { getCampaign } from '../campaigns/service.ts';
import { findRegion } from '../regions/read.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import {
  deleteDeskRow,
  deletePartnerRow,
  findPartnerRow,
  findPartnerUnit,
  insertPartnerRow,
  isDeskPartnerUnitRow,
  listCampaignPartnerRows,
  unknownPartnerIds,
  updatePartnerRow,
  type PartnerRow,
  deleteDutyStaffRow,
  deleteMeetingRow,
  deleteOpinionRow,
  deleteSiteRow,
  findDeskRow,
  findDutyStaffRow,
  findMeetingRow,
  findOpinionRow,
  findPlanRow,
  findPlanRowByUnit,
  findSiteRow,
  insertDeskRow,
  insertDutyStaffRow,
  insertMeetingRow,
  insertOpinionRow,
  isCampaignRecord,
  insertPlanRow,
  insertSiteRow,
  isPlanDesk,
  isUnitDeskRow,
  listCampaignDeskRows,
  listOpinionRows,
  listPlanChildren,
  listSiteDeskRows,
  updateDeskRow,
  updateDutyStaffRow,
  updateMeetingRow,
  updateOpinionRow,
  updatePlanRow,
  updateSiteRow,
  type DeskRow,
  type DutyStaffRow,
  type MeetingRow,
  type OpinionRow,
  type PlanRow,
  type Scoped,
  type SiteRow,
} from './repository.ts';
import type {
  CampaignDesk,
  CampaignDeskQuery,
  Desk,
  DeskBody,
  DeskPatch,
  DutyStaff,
  DutyStaffBody,
  DutyStaffPatch,
  Meeting,
  MeetingBody,
  MeetingPatch,
  Opinion,
  OpinionBody,
  OpinionPatch,
  Partner,
  PartnerBody,
  PartnerList,
  PartnerPatch,
  Plan,
  PlanBody,
  Site,
  SiteBody,
  SitePatch,
} from './schema.ts';

type PlanAction = Extract<Action, 'plans.read' | 'plans.write'>;

// Mapping rows to responses

export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind,
    heldOn: row.held_on,
    title: row.title,
    titleEn: row.title_en,
    location: row.location,
    locationEn: row.location_en,
    chair: row.chair,
    participantCount: row.participant_count,
    participantCategories: row.participant_categories,
    participants: row.participants,
    decisions: row.decisions,
  };
}

export function toOpinion(row: OpinionRow): Opinion {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    text: row.text,
    raisedBy: row.raised_by,
    outcome: row.outcome,
    response: row.response,
    caseId: row.case_id,
    caseReference: row.case_id ? caseReference(row.case_id) : null,
    consultationId: row.consultation_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    planId: row.plan_id,
    name: row.name,
    nameEn: row.name_en,
    address: row.address,
    regionId: row.region_id,
    heldOn: row.held_on,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
  };
}

export function toDesk(row: DeskRow): Desk {
  return {
    id: row.id,
    planId: row.plan_id,
    siteId: row.site_id,
    name: row.name,
    nameEn: row.name_en,
    topics: row.topics,
    partnerIds: row.partner_ids,
  };
}

export function toPartner(row: PartnerRow): Partner {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    enteredByUnitId: row.unit_id,
    unitId: row.partner_unit_id,
    name: row.name,
    nameEn: row.name_en,
    kind: row.kind,
    contact: row.contact,
  };
}

export function toDutyStaff(row: DutyStaffRow): DutyStaff {
  return {
    id: row.id,
    planId: row.plan_id,
    deskId: row.desk_id,
    name: row.name,
    title: row.title,
    leader: row.leader,
  };
}

/** The plan's own fields, as the audit log keeps them. */
function toPlanFields(row: PlanRow) {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    leaderName: row.leader_name,
    leaderNameEn: row.leader_name_en,
    leaderTitle: row.leader_title,
    staffCount: row.staff_count,
    issuedOn: row.issued_on,
    notes: row.notes,
    filedAt: row.filed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toPlan(row: PlanRow, children: Awaited<ReturnType<typeof listPlanChildren>>): Plan {
  return {
    ...toPlanFields(row),
    meetings: children.meetings.map((meeting) => ({
      ...toMeeting(meeting),
      opinions: children.opinions.filter((o) => o.meeting_id === meeting.id).map(toOpinion),
    })),
    sites: children.sites.map((site) => ({
      ...toSite(site),
      desks: children.desks.filter((d) => d.site_id === site.id).map(toDesk),
    })),
    staff: children.staff.map(toDutyStaff),
  };
}

async function loadPlan(db: Db, row: PlanRow): Promise<Plan> {
  return toPlan(row, await listPlanChildren(db, row.id));
}

// Who may see and change what

const scopeOf = (row: Scoped<unknown>): UnitScope => ({
  unitId: row.unit_id,
  unitPath: row.path,
  regionPath: row.region_path,
});

/**
 * A record of a plan as the actor may use it: another unit's record is "not found" when the
 * actor may not even read it, so ids cannot be probed; readable but not writable is 403.
 */
function visible<T>(row: Scoped<T> | undefined, actor: Actor, action: PlanAction, what: string): Scoped<T> {
  if (!row || !can(actor, 'plans.read', scopeOf(row))) throw notFound(what);
  authorize(actor, action, scopeOf(row));
  return row;
}

const audited = (row: { unit_id: string; campaign_id: string }) => ({
  unitId: row.unit_id,
  campaignId: row.campaign_id,
});

/**
 * A site or desk that consultations were recorded at stays: the records must keep their place. So
 * does a partner named at a desk or on a consultation.
 */
async function refuseWhenReferenced<T>(
  what: string,
  remove: () => Promise<T>,
  by = 'records (consultations)',
): Promise<T> {
  try {
    return await remove();
  } catch (error) {
    if ((error as { code?: string }).code === PG_FOREIGN_KEY_VIOLATION) {
      throw conflict(`The ${what} has ${by} that refer to it and cannot be deleted`, [
        { field: 'id', reason: `is referred to by ${by}` },
      ]);
    }
    throw error;
  }
}

// Plans

/** The unit's plan for the campaign, with its meetings, sites, desks and staff. */
export async function getPlan({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
}): Promise<Plan> {
  await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  if (!can(actor, 'plans.read', toScope(unit))) throw notFound('Plan');
  const row = await findPlanRowByUnit(db, campaignId, unitId);
  if (!row) throw notFound('Plan');
  return loadPlan(db, row);
}

/** Writes the plan's own fields, creating the plan on first write. */
export async function savePlan({
  db,
  actor,
  campaignId,
  unitId,
  input,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  input: PlanBody;
}): Promise<{ created: boolean; plan: Plan }> {
  return db.transaction(async (tx) => {
    await getCampaign(tx, campaignId);
    const unit = await getUnitRow(tx, unitId);
    authorize(actor, 'plans.write', toScope(unit));
    if (!(await isCampaignUnit(tx, campaignId, unitId))) {
      throw unprocessable('unitId', 'does not take part in this campaign');
    }
    const now = new Date();
    const fields = {
      leader_name: input.leaderName ?? null,
      leader_name_en: input.leaderNameEn ?? null,
      leader_title: input.leaderTitle ?? null,
      staff_count: input.staffCount ?? null,
      issued_on: input.issuedOn ?? null,
      notes: input.notes ?? '',
    };
    let before = await findPlanRowByUnit(tx, campaignId, unitId, { lock: true });
    if (!before) {
      const row: PlanRow = {
        id: newId(),
        campaign_id: campaignId,
        unit_id: unitId,
        ...fields,
        filed_at: input.filed ? now : null,
        created_at: now,
        updated_at: now,
      };
      if (await insertPlanRow(tx, row)) {
        const after = toPlanFields(row);
        await writeAudit(tx, { actor, action: 'create', entity: 'plan', entityId: row.id, ...audited(row), after });
        return { created: true, plan: await loadPlan(tx, row) };
      }
      // Another request created it meanwhile: update that one instead.
      before = (await findPlanRowByUnit(tx, campaignId, unitId, { lock: true }))!;
    }
    const after: PlanRow = {
      ...before,
      ...fields,
      filed_at: input.filed ? (before.filed_at ?? now) : null,
      updated_at: now,
    };
    await updatePlanRow(tx, after);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'plan',
      entityId: after.id,
      ...audited(after),
      before: toPlanFields(before),
      after: toPlanFields(after),
    });
    return { created: false, plan: await loadPlan(tx, after) };
  });
}

async function getVisiblePlan(db: Db, actor: Actor, planId: string, action: PlanAction) {
  return visible(await findPlanRow(db, planId), actor, action, 'Plan');
}

/** What a command adding a part of a plan (a meeting, a site, a desk, …) takes. */
interface AddPart<B> {
  db: Database;
  actor: UserActor;
  planId: string;
  input: B;
  key: IdempotencyKey | undefined;
}

/** What a command changing a part of a plan takes. */
interface ChangePart<P> {
  db: Database;
  actor: UserActor;
  id: string;
  patch: P;
}

/** Which column each field of a meeting's patch sets. */
const MEETING_COLUMNS: ColumnMap<MeetingPatch, MeetingRow> = {
  kind: 'kind',
  heldOn: 'held_on',
  title: 'title',
  titleEn: 'title_en',
  location: 'location',
  locationEn: 'location_en',
  chair: 'chair',
  participantCount: 'participant_count',
  participantCategories: 'participant_categories',
  participants: 'participants',
  decisions: 'decisions',
};

/** Which column each field of an opinion's patch sets. */
const OPINION_COLUMNS: ColumnMap<OpinionPatch, OpinionRow> = {
  text: 'text',
  raisedBy: 'raised_by',
  outcome: 'outcome',
  response: 'response',
  caseId: 'case_id',
  consultationId: 'consultation_id',
};

/** Which column each field of a site's patch sets. */
const SITE_COLUMNS: ColumnMap<SitePatch, SiteRow> = {
  name: 'name',
  nameEn: 'name_en',
  address: 'address',
  regionId: 'region_id',
  heldOn: 'held_on',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
};

/** Which column each field of a duty staff member's patch sets. */
const DUTY_STAFF_COLUMNS: ColumnMap<DutyStaffPatch, DutyStaffRow> = {
  name: 'name',
  title: 'title',
  deskId: 'desk_id',
  leader: 'leader',
};

/** Which column each field of a desk's patch sets. */
const DESK_COLUMNS: ColumnMap<DeskPatch, DeskRow> = {
  name: 'name',
  nameEn: 'name_en',
  topics: 'topics',
  partnerIds: 'partner_ids',
};

/** Which column each field of a partner's patch sets. */
const PARTNER_COLUMNS: ColumnMap<PartnerPatch, PartnerRow> = {
  name: 'name',
  nameEn: 'name_en',
  kind: 'kind',
  contact: 'contact',
};

/** A desk names partners of its own campaign only. */
async function checkDeskPartners(db: Db, campaignId: string, partnerIds: readonly string[]): Promise<void> {
  const unknown = await unknownPartnerIds(db, campaignId, partnerIds);
  if (unknown.length) throw unprocessable('partnerIds', `${unknown.join(', ')} is not a partner of this campaign`);
}

// Meetings

export async function addMeeting({
  db,
  actor,
  planId,
  input,
  key,
}: AddPart<MeetingBody>): Promise<StoredResponse<Meeting>> {
  return runIdempotent(db, key, async (tx) => {
    const plan = await getVisiblePlan(tx, actor, planId, 'plans.write');
    const row: MeetingRow = {
      id: newId(),
      campaign_id: plan.campaign_id,
      plan_id: plan.id,
      kind: input.kind,
      held_on: input.heldOn,
      title: input.title,
      title_en: input.titleEn ?? null,
      location: input.location ?? null,
      location_en: input.locationEn ?? null,
      chair: input.chair ?? null,
      participant_count: input.participantCount ?? null,
      participant_categories: input.participantCategories ?? {},
      participants: input.participants ?? '',
      decisions: input.decisions ?? '',
    };
    const after = await insertAudited(tx, {
      actor,
      entity: 'meeting',
      row: settleParticipants(row),
      scope: plan,
      insert: insertMeetingRow,
      view: toMeeting,
    });
    return { statusCode: 201, body: after };
  });
}

export async function changeMeeting({ db, actor, id, patch }: ChangePart<MeetingPatch>): Promise<Meeting> {
  return db.transaction(async (tx) => {
    const before = visible(await findMeetingRow(tx, id), actor, 'plans.write', 'Meeting');
    const settled = settleParticipants(applyPatch(before, patch, MEETING_COLUMNS));
    const after = await updateAudited(tx, {
      actor,
      entity: 'meeting',
      before,
      patch,
      columns: MEETING_COLUMNS,
      set: { participant_count: settled.participant_count },
      save: updateMeetingRow,
      view: toMeeting,
    });
    return toMeeting(after);
  });
}

/** Deletes a meeting and the opinions raised there; the audit entry keeps them. */
export async function removeMeeting({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const before = visible(await findMeetingRow(tx, id), actor, 'plans.write', 'Meeting');
    const opinions = (await listOpinionRows(tx, id)).map(toOpinion);
    await deleteAudited(tx, {
      actor,
      entity: 'meeting',
      before,
      remove: deleteMeetingRow,
      view: (row) => ({ ...toMeeting(row), opinions }),
    });
  });
}

/**
 * The participants' rule a schema cannot say: the count is at least the sum of the categories
 * (others, such as cadres, may take part too); a count left out is the sum.
 */
function settleParticipants<R extends MeetingRow>(row: R): R {
  const sum = Object.values(row.participant_categories).reduce((a, b) => a + (b ?? 0), 0);
  if (row.participant_count === null) return sum > 0 ? { ...row, participant_count: sum } : row;
  if (row.participant_count < sum) {
    throw unprocessable('participantCount', `is less than the sum of participantCategories (${sum})`);
  }
  return row;
}

// Opinions raised at meetings

/** The links a schema cannot check: a case only for a transferred opinion, both within the campaign. */
async function checkOpinion(db: Db, row: OpinionRow): Promise<void> {
  if (row.case_id) {
    if (row.outcome !== 'transferred') throw unprocessable('caseId', 'is only for a transferred opinion');
    if (!(await isCampaignRecord(db, 'cases', row.case_id, row.campaign_id))) {
      throw unprocessable('caseId', 'is not a case of this campaign');
    }
  }
  if (row.consultation_id && !(await isCampaignRecord(db, 'consultations', row.consultation_id, row.campaign_id))) {
    throw unprocessable('consultationId', 'is not a consultation of this campaign');
  }
}

/** The opinions raised at a meeting, in the order they were recorded. */
export async function listOpinions({ db, actor, meetingId }: { db: Database; actor: Actor; meetingId: string }) {
  visible(await findMeetingRow(db, meetingId), actor, 'plans.read', 'Meeting');
  return { items: (await listOpinionRows(db, meetingId)).map(toOpinion) };
}

export async function addOpinion({
  db,
  actor,
  meetingId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  meetingId: string;
  input: OpinionBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Opinion>> {
  return runIdempotent(db, key, async (tx) => {
    const meeting = visible(await findMeetingRow(tx, meetingId), actor, 'plans.write', 'Meeting');
    const row: OpinionRow = {
      id: newId(),
      campaign_id: meeting.campaign_id,
      meeting_id: meeting.id,
      text: input.text,
      raised_by: input.raisedBy ?? null,
      outcome: input.outcome,
      response: input.response ?? '',
      case_id: input.caseId ?? null,
      consultation_id: input.consultationId ?? null,
      created_at: new Date(),
    };
    await checkOpinion(tx, row);
    const after = await insertAudited(tx, {
      actor,
      entity: 'meeting_opinion',
      row,
      scope: meeting,
      insert: insertOpinionRow,
      view: toOpinion,
    });
    return { statusCode: 201, body: after };
  });
}

export async function changeOpinion({ db, actor, id, patch }: ChangePart<OpinionPatch>): Promise<Opinion> {
  return db.transaction(async (tx) => {
    const before = visible(await findOpinionRow(tx, id), actor, 'plans.write', 'Opinion');
    const after = await updateAudited(tx, {
      actor,
      entity: 'meeting_opinion',
      before,
      patch,
      columns: OPINION_COLUMNS,
      check: (row) => checkOpinion(tx, row),
      save: updateOpinionRow,
      view: toOpinion,
    });
    return toOpinion(after);
  });
}

export async function removeOpinion({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const before = visible(await findOpinionRow(tx, id), actor, 'plans.write', 'Opinion');
    await deleteAudited(tx, { actor, entity: 'meeting_opinion', before, remove: deleteOpinionRow, view: toOpinion });
  });
}

// Sites

/** Rules a schema cannot say: the site opens before it closes, in a region that exists. */
async function checkSite(db: Db, row: SiteRow, changed: { regionId: boolean }): Promise<void> {
  if (row.opens_at >= row.closes_at) throw unprocessable('closesAt', 'must be later than opensAt');
  if (changed.regionId && row.region_id && !(await findRegion(db, row.region_id))) {
    throw unprocessable('regionId', 'does not exist');
  }
}

export async function addSite({ db, actor, planId, input, key }: AddPart<SiteBody>): Promise<StoredResponse<Site>> {
  return runIdempotent(db, key, async (tx) => {
    const plan = await getVisiblePlan(tx, actor, planId, 'plans.write');
    const row: SiteRow = {
      id: newId(),
      campaign_id: plan.campaign_id,
      plan_id: plan.id,
      name: input.name,
      name_en: input.nameEn ?? null,
      address: input.address,
      region_id: input.regionId ?? null,
      held_on: input.heldOn,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
    };
    await checkSite(tx, row, { regionId: true });
    const after = await insertAudited(tx, {
      actor,
      entity: 'site',
      row,
      scope: plan,
      insert: insertSiteRow,
      view: toSite,
    });
    return { statusCode: 201, body: after };
  });
}

export async function changeSite({ db, actor, id, patch }: ChangePart<SitePatch>): Promise<Site> {
  return db.transaction(async (tx) => {
    const before = visible(await findSiteRow(tx, id), actor, 'plans.write', 'Site');
    const after = await updateAudited(tx, {
      actor,
      entity: 'site',
      before,
      patch,
      columns: SITE_COLUMNS,
      check: (row) => checkSite(tx, row, { regionId: patch.regionId !== undefined }),
      save: updateSiteRow,
      view: toSite,
    });
    return toSite(after);
  });
}

/** Deletes a site and the desks standing there; refused while consultations refer to them. */
export async function removeSite({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await refuseWhenReferenced('site', () =>
    db.transaction(async (tx) => {
      const before = visible(await findSiteRow(tx, id), actor, 'plans.write', 'Site');
      const desks = await listSiteDeskRows(tx, id);
      await deleteSiteRow(tx, id);
      await writeAudit(tx, {
        actor,
        action: 'delete',
        entity: 'site',
        entityId: id,
        ...audited(before),
        before: { ...toSite(before), desks: desks.map(toDesk) },
      });
    }),
  );
}

// Desks

export async function addDesk({
  db,
  actor,
  siteId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  siteId: string;
  input: DeskBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Desk>> {
  return runIdempotent(db, key, async (tx) => {
    const site = visible(await findSiteRow(tx, siteId), actor, 'plans.write', 'Site');
    const row: DeskRow = {
      id: newId(),
      campaign_id: site.campaign_id,
      plan_id: site.plan_id,
      site_id: site.id,
      name: input.name,
      name_en: input.nameEn ?? null,
      topics: input.topics ?? [],
      partner_ids: input.partnerIds ?? [],
    };
    await checkDeskPartners(tx, row.campaign_id, row.partner_ids);
    await insertDeskRow(tx, row);
    const after = toDesk(row);
    await writeAudit(tx, { actor, action: 'create', entity: 'desk', entityId: row.id, ...audited(site), after });
    return { statusCode: 201, body: after };
  });
}

export async function changeDesk({ db, actor, id, patch }: ChangePart<DeskPatch>): Promise<Desk> {
  return db.transaction(async (tx) => {
    const before = visible(await findDeskRow(tx, id), actor, 'plans.write', 'Desk');
    const after = await updateAudited(tx, {
      actor,
      entity: 'desk',
      before,
      patch,
      columns: DESK_COLUMNS,
      check: (row) => checkDeskPartners(tx, row.campaign_id, patch.partnerIds ?? []),
      save: updateDeskRow,
      view: toDesk,
    });
    return toDesk(after);
  });
}

/** Deletes a desk; its staff stay on the plan without a desk. Refused while consultations refer to it. */
export async function removeDesk({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await refuseWhenReferenced('desk', () =>
    db.transaction(async (tx) => {
      const before = visible(await findDeskRow(tx, id), actor, 'plans.write', 'Desk');
      await deleteAudited(tx, { actor, entity: 'desk', before, remove: deleteDeskRow, view: toDesk });
    }),
  );
}

/** The campaign's desks with their sites, in the units the actor may read (the desk picker at intake). */
export async function listCampaignDesks({
  db,
  actor,
  campaignId,
  query,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  query: CampaignDeskQuery;
}): Promise<{ items: CampaignDesk[] }> {
  await getCampaign(db, campaignId);
  const rows = await listCampaignDeskRows(db, actor, campaignId, query.unitId);
  return {
    items: rows.map(({ desk, site, unitId, partners }) => ({
      id: desk.id,
      name: desk.name,
      topics: desk.topics,
      partners,
      planId: desk.plan_id,
      unitId,
      site: toSite(site),
    })),
  };
}

/** Is the desk one of the unit's desks in the campaign? For features that record at a desk. */
export async function isUnitDesk({
  db,
  deskId,
  campaignId,
  unitId,
}: {
  db: Db;
  deskId: string;
  campaignId: string;
  unitId: string;
}): Promise<boolean> {
  return isUnitDeskRow(db, deskId, campaignId, unitId);
}

// Duty staff

export async function addDutyStaff({
  db,
  actor,
  planId,
  input,
  key,
}: AddPart<DutyStaffBody>): Promise<StoredResponse<DutyStaff>> {
  return runIdempotent(db, key, async (tx) => {
    const plan = await getVisiblePlan(tx, actor, planId, 'plans.write');
    const deskId = input.deskId ?? null;
    if (deskId && !(await isPlanDesk(tx, deskId, plan.id))) {
      throw unprocessable('deskId', 'is not a desk of this plan');
    }
    const row: DutyStaffRow = {
      id: newId(),
      campaign_id: plan.campaign_id,
      plan_id: plan.id,
      desk_id: deskId,
      name: input.name,
      title: input.title ?? null,
      leader: input.leader ?? false,
    };
    await insertDutyStaffRow(tx, row);
    const after = toDutyStaff(row);
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'duty_staff',
      entityId: row.id,
      ...audited(plan),
      after,
    });
    return { statusCode: 201, body: after };
  });
}

export async function changeDutyStaff({ db, actor, id, patch }: ChangePart<DutyStaffPatch>): Promise<DutyStaff> {
  return db.transaction(async (tx) => {
    const before = visible(await findDutyStaffRow(tx, id), actor, 'plans.write', 'Staff member');
    const after = await updateAudited(tx, {
      actor,
      entity: 'duty_staff',
      before,
      patch,
      columns: DUTY_STAFF_COLUMNS,
      check: async (row) => {
        if (patch.deskId && !(await isPlanDesk(tx, patch.deskId, row.plan_id))) {
          throw unprocessable('deskId', 'is not a desk of this plan');
        }
      },
      save: updateDutyStaffRow,
      view: toDutyStaff,
    });
    return toDutyStaff(after);
  });
}

export async function removeDutyStaff({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await db.transaction(async (tx) => {
    const before = visible(await findDutyStaffRow(tx, id), actor, 'plans.write', 'Staff member');
    await deleteAudited(tx, { actor, entity: 'duty_staff', before, remove: deleteDutyStaffRow, view: toDutyStaff });
  });
}

// Partners (联合设台)

const partnerExists = (name: string) =>
  conflict(`A partner called ${name} is already entered in this campaign`, [
    { field: 'name', reason: 'is already a partner of this campaign: name it at the desk' },
  ]);

/** Enters a partner organisation in the campaign, by one of its units' admins (or an organizer over it). */
export async function addPartner({
  db,
  actor,
  campaignId,
  unitId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  input: PartnerBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Partner>> {
  return runIdempotent(db, key, async (tx) => {
    await getCampaign(tx, campaignId);
    const unit = await getUnitRow(tx, unitId);
    authorize(actor, 'plans.write', toScope(unit));
    if (!(await isCampaignUnit(tx, campaignId, unitId))) {
      throw unprocessable('unitId', 'does not take part in this campaign');
    }
    const partnerUnitId = input.unitId ?? null;
    const partnerUnit = partnerUnitId ? await findPartnerUnit(tx, campaignId, partnerUnitId) : undefined;
    if (partnerUnitId && !partnerUnit) {
      throw unprocessable('unitId', 'is neither a unit of this campaign nor a sub-unit of one');
    }
    const name = input.name ?? partnerUnit?.name;
    if (!name) throw unprocessable('name', 'is required for an organisation that is not a unit');
    const row: PartnerRow = {
      id: newId(),
      campaign_id: campaignId,
      unit_id: unitId,
      partner_unit_id: partnerUnitId,
      name,
      name_en: input.nameEn !== undefined ? input.nameEn : (partnerUnit?.name_en ?? null),
      kind: input.kind,
      contact: input.contact ?? null,
    };
    const after = await insertAudited(tx, {
      actor,
      entity: 'partner',
      row,
      insert: async (db, r) => {
        if (!(await insertPartnerRow(db, r))) throw partnerExists(r.name);
      },
      view: toPartner,
    });
    return { statusCode: 201, body: after };
  });
}

/** The campaign's partner organisations, for naming them at desks and at intake. */
export async function listPartners({
  db,
  campaignId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
}): Promise<PartnerList> {
  await getCampaign(db, campaignId);
  return { items: (await listCampaignPartnerRows(db, campaignId)).map(toPartner) };
}

export async function changePartner({ db, actor, id, patch }: ChangePart<PartnerPatch>): Promise<Partner> {
  return db.transaction(async (tx) => {
    const before = visible(await findPartnerRow(tx, id), actor, 'plans.write', 'Partner');
    const after = await updateAudited(tx, {
      actor,
      entity: 'partner',
      before,
      patch,
      columns: PARTNER_COLUMNS,
      save: async (db, row) => {
        if (!(await updatePartnerRow(db, row))) throw partnerExists(row.name);
      },
      view: toPartner,
    });
    return toPartner(after);
  });
}

/** Deletes a partner; refused while a desk names it or a consultation says it answered. */
export async function removePartner({ db, actor, id }: { db: Database; actor: UserActor; id: string }) {
  await refuseWhenReferenced(
    'partner',
    () =>
      db.transaction(async (tx) => {
        const before = visible(await findPartnerRow(tx, id), actor, 'plans.write', 'Partner');
        await deleteAudited(tx, { actor, entity: 'partner', before, remove: deletePartnerRow, view: toPartner });
      }),
    'desks or consultations',
  );
}

/** Is the unit a partner sitting at a desk of the campaign? Such a unit may receive the campaign's cases. */
export async function isDeskPartnerUnit(db: Db, campaignId: string, unitId: string): Promise<boolean> {
  return isDeskPartnerUnitRow(db, campaignId, unitId);
}

/** A partner of the campaign, or undefined (for a transfer to it). */
export async function findCampaignPartner(db: Db, campaignId: string, id: string): Promise<Partner | undefined> {
  const row = await findPartnerRow(db, id);
  return row && row.campaign_id === campaignId ? toPartner(row) : undefined;
}
