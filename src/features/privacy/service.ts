import type { UserActor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { getCampaign } from '../campaigns/service.ts';
import { caseReference, normalizeTrackingCode } from '../cases/read.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import {
  countHeldPersonalData,
  eraseExpiredBatch,
  eraseVisit,
  findPersonalData,
  findRetentionSetting,
  insertAnonymousAudit,
  updateRetentionSetting,
  type PersonalDataRow,
} from './repository.ts';
import { checkProofAllowed, clearProofFailures, proofMatches, recordProofFailure } from './proof.ts';
import type { ErasureAnswer, ErasureOnRequestAnswer, ErasureOnRequestBody, PersonalData, Retention } from './schema.ts';

const DAY_MS = 86_400_000;

/** The day (China Standard Time) from which a closed case's contact details are erased. */
function eraseOn(row: PersonalDataRow): string | null {
  if (row.status !== 'closed' || !row.closed_at) return null;
  const at = new Date(row.closed_at.getTime() + row.retention_days * DAY_MS + 8 * 3_600_000);
  return at.toISOString().slice(0, 10);
}

const PURPOSE =
  '联系方式仅用于答复您的问题并回访；办结后按规定期限自动删除，您也可以随时要求删除。' +
  ' Contact details are kept only to answer and follow up your question; they are erased a fixed time after the case closes, or at any time you ask.';

function toPersonalData(trackingCode: string, row: PersonalDataRow): PersonalData {
  return {
    trackingCode,
    recordedAt: row.recorded_at.toISOString(),
    visitorName: row.visitor_name,
    visitorPhone: row.visitor_phone,
    contactEmail: row.contact_email,
    contactConsent: row.contact_consent,
    otherRecords: row.other_records,
    erasedAt: row.personal_data_erased_at?.toISOString() ?? null,
    retention: { daysAfterClose: row.retention_days, eraseOn: eraseOn(row) },
    purpose: PURPOSE,
  };
}

async function findByCode(db: Db, code: string, defaultDays: number, lock = false) {
  const row = await findPersonalData(db, { trackingCode: code }, defaultDays, { lock });
  if (!row) throw notFound('Case');
  return row;
}

/**
 * The case behind a tracking code, when the proof is the citizen's (proof.ts): an unknown code and
 * a wrong proof are both "not found", and both count against the code as typed, so that neither
 * the code nor its proof can be guessed through this route.
 */
async function findProven(db: Db, trackingCode: string, proof: string, defaultDays: number) {
  const code = normalizeTrackingCode(trackingCode);
  const key = code ?? trackingCode.trim().toUpperCase();
  await checkProofAllowed(db, key);
  const row = code ? await findPersonalData(db, { trackingCode: code }, defaultDays) : undefined;
  if (!code || !row || !proofMatches(row, proof)) {
    await recordProofFailure(db, key);
    throw notFound('Case');
  }
  await clearProofFailures(db, key);
  return { code, row };
}

/**
 * A citizen sees what is held about them (PIPL art. 45): the name, phone and e-mail given with
 * their question, in full, and when they will be erased. The tracking code and a proof only the
 * citizen has (the last four digits of the phone given) are the key.
 */
export async function getPersonalData({
  db,
  trackingCode,
  proof,
  defaultDays,
}: {
  db: Db;
  trackingCode: string;
  proof: string;
  defaultDays: number;
}): Promise<PersonalData> {
  const { code, row } = await findProven(db, trackingCode, proof, defaultDays);
  return toPersonalData(code, row);
}

/**
 * Erases the contact details of the visit behind a case, in the caller's transaction, with its
 * audit entry: the citizen's own request, or staff acting on a request they received (the actor
 * and the requester are then recorded). Asking again changes nothing.
 */
async function eraseCaseVisit(
  tx: Db,
  row: PersonalDataRow,
  by: { actor: UserActor; requester: string; note: string | null } | null,
) {
  const at = new Date();
  const erased = await eraseVisit(tx, { campaignId: row.campaign_id, visitId: row.visit_id, at });
  const changed = erased.consultations + erased.caseRequests + erased.opinions > 0;
  if (changed) {
    const entry = {
      action: 'erase_personal_data',
      entity: 'case',
      entityId: row.case_id,
      campaignId: row.campaign_id,
      unitId: row.unit_id,
    };
    if (by) {
      await writeAudit(tx, {
        ...entry,
        actor: by.actor,
        after: { reason: 'request_received_by_staff', requester: by.requester, note: by.note, ...erased },
      });
    } else {
      await insertAnonymousAudit(tx, { ...entry, after: { reason: 'citizen_request', ...erased } });
    }
  }
  return {
    erasedAt: (changed ? at : row.personal_data_erased_at)?.toISOString() ?? null,
    erased,
  };
}

/**
 * A citizen has their contact details erased (PIPL art. 47): the name and phone of every question
 * of their visit and the e-mail of its requests. The anonymous record — the question, the reply,
 * the rating, the case — stays, and can still be followed with the tracking code. Audited. Asking
 * again changes nothing and answers the same.
 */
export async function erasePersonalData({
  db,
  trackingCode,
  proof,
  defaultDays,
}: {
  db: Database;
  trackingCode: string;
  proof: string;
  defaultDays: number;
}): Promise<ErasureAnswer> {
  const { code } = await findProven(db, trackingCode, proof, defaultDays);
  return db.transaction(async (tx) => {
    const row = await findByCode(tx, code, defaultDays, true);
    return {
      trackingCode: code,
      ...(await eraseCaseVisit(tx, row, null)),
      message:
        '您的姓名、电话和电子邮箱已删除；问题与答复不含个人信息，仍可凭查询码查看。' +
        ' Your name, phone number and e-mail have been erased; the question and its reply remain, without them, under your tracking code.',
    };
  });
}

/**
 * Staff erase a citizen's contact details on a request they received (by phone, at a desk, in a
 * letter): through their own route, by case, recorded as their action with the requester noted.
 * The unit answering the case, or the one that took the question, may do it.
 */
export async function eraseOnRequest({
  db,
  actor,
  caseId,
  input,
  defaultDays,
}: {
  db: Database;
  actor: UserActor;
  caseId: string;
  input: ErasureOnRequestBody;
  defaultDays: number;
}): Promise<ErasureOnRequestAnswer> {
  return db.transaction(async (tx) => {
    const row = await findPersonalData(tx, { caseId }, defaultDays, { lock: true });
    const scopes = row && [
      { unitId: row.unit_id, unitPath: row.unit_path, regionPath: row.unit_region_path },
      { unitId: row.origin_unit_id, unitPath: row.origin_path, regionPath: row.origin_region_path },
    ];
    if (!scopes || !scopes.some((scope) => can(actor, 'cases.read', scope))) throw notFound('Case');
    if (!scopes.some((scope) => can(actor, 'personal_data.erase_on_request', scope)))
      throw forbidden('Only the admin or a responder of the unit answering or recording the case may erase');
    const done = await eraseCaseVisit(tx, row, { actor, requester: input.requester, note: input.note ?? null });
    return { caseId, reference: caseReference(caseId), requester: input.requester, ...done };
  });
}

export interface RetentionRun {
  consultations: number;
  caseRequests: number;
  /** Opinions raised at meetings whose names and numbers were masked. */
  opinions: number;
  campaigns: string[];
}

/**
 * The retention job's command: erases the contact details whose time is up — names and phones of
 * consultations whose case closed more than the retention ago (without a case: that long after the
 * consultation), and the e-mails of those cases' requests — keeping the anonymous records. Opinions
 * raised at meetings have the names, phone and ID numbers and e-mails in their text masked on the
 * same terms: when the case or consultation they are linked to is due, or, linked to none, that
 * long after the meeting. Works
 * in batches, each its own transaction with one audit entry per campaign giving the counts.
 */
export async function eraseExpiredPersonalData({
  db,
  defaultDays,
  now = new Date(),
  batchSize = 1000,
}: {
  db: Database;
  defaultDays: number;
  now?: Date;
  batchSize?: number;
}): Promise<RetentionRun> {
  const run: RetentionRun = { consultations: 0, caseRequests: 0, opinions: 0, campaigns: [] };
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const erased = await eraseExpiredBatch(tx, { defaultDays, now, limit: batchSize });
      for (const campaign of erased) {
        await insertAnonymousAudit(tx, {
          action: 'erase_personal_data',
          entity: 'campaign',
          entityId: campaign.campaignId,
          campaignId: campaign.campaignId,
          after: {
            reason: 'retention',
            retentionDaysAfterClose: campaign.retentionDays,
            consultations: campaign.consultationIds.length,
            caseRequests: campaign.caseRequestIds.length,
            opinions: campaign.opinionIds.length,
          },
        });
      }
      return erased;
    });
    let consultations = 0;
    let caseRequests = 0;
    let opinions = 0;
    for (const campaign of batch) {
      consultations += campaign.consultationIds.length;
      caseRequests += campaign.caseRequestIds.length;
      opinions += campaign.opinionIds.length;
      if (!run.campaigns.includes(campaign.campaignId)) run.campaigns.push(campaign.campaignId);
    }
    run.consultations += consultations;
    run.caseRequests += caseRequests;
    run.opinions += opinions;
    if (consultations < batchSize && caseRequests < batchSize && opinions < batchSize) return run;
  }
}

/** Only an organizer over the campaign's coordinating office sets its retention. */
async function authorizeRetentionWrite(db: Db, actor: UserActor, campaignId: string): Promise<void> {
  const campaign = await getCampaign(db, campaignId);
  const office = await getUnitRow(db, campaign.organizerUnitId);
  if (!can(actor, 'campaigns.write', toScope(office))) {
    throw forbidden('Only the organizing office may set how long this campaign keeps contact details');
  }
}

/** A campaign's retention of contact details, and how many records hold them. */
export async function getRetention({
  db,
  campaignId,
  defaultDays,
}: {
  db: Db;
  campaignId: string;
  defaultDays: number;
}): Promise<Retention> {
  const days = await findRetentionSetting(db, campaignId);
  if (days === undefined) throw notFound('Campaign');
  const counts = await countHeldPersonalData(db, campaignId, defaultDays);
  return { campaignId, daysAfterClose: days, defaultDays, effectiveDays: days ?? defaultDays, ...counts };
}

/** The organizing office sets how long its campaign keeps contact details (null: the default). */
export async function setRetention({
  db,
  actor,
  campaignId,
  daysAfterClose,
  defaultDays,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  daysAfterClose: number | null;
  defaultDays: number;
}): Promise<Retention> {
  await authorizeRetentionWrite(db, actor, campaignId);
  await db.transaction(async (tx) => {
    const before = await findRetentionSetting(tx, campaignId);
    await updateRetentionSetting(tx, campaignId, daysAfterClose);
    await writeAudit(tx, {
      actor,
      action: 'set_retention',
      entity: 'campaign',
      entityId: campaignId,
      campaignId,
      before: { retentionDaysAfterClose: before ?? null },
      after: { retentionDaysAfterClose: daysAfterClose },
    });
  });
  return getRetention({ db, campaignId, defaultDays });
}
