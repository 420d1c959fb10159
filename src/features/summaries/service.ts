import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { isCampaignUnit, listUnitDays } from '../campaigns/read.ts';
import { getCampaign } from '../campaigns/service.ts';
import type { Figures } from '../statistics/schema.ts';
import { computeCampaignStatistics, readCampaignFigures } from '../statistics/service.ts';
import { toScope } from '../units/read.ts';
import { getUnitRow } from '../units/service.ts';
import { figureMap, untranslatedNames, type SummaryDocument, type SummaryLanguage } from './document.ts';
import type { SummaryRecords } from './facts.ts';
import { buildSummaryDocument, withOwnText } from './generate.ts';
import { EMPTY_OWN_TEXT, readOwnText } from './own-text.ts';
import { listSummaryHtmlPhotos } from './html-photos.ts';
import { renderSummaryHtml } from './render-html.ts';
import { chinaToday } from '../statistics/read.ts';
import {
  findPlanFacts,
  findSummaryRow,
  findVersionRow,
  insertVersionRow,
  listCaseExchanges,
  listChannelFacts,
  listHandledMatters,
  listLeaderReceptions,
  listDeskFacts,
  listLedSlogans,
  listMaterialFacts,
  listMediaReports,
  listMeetingFacts,
  listPublicityDates,
  listSiteFacts,
  listTopicFacts,
  listVersionRows,
  lockOrCreateSummaryRow,
  updateSummaryRow,
  type SummaryRow,
  type TopicFactsRow,
  type VersionRow,
} from './repository.ts';
import type { ApproveBody, FigureChange, OwnText, OwnTextBody, ReturnBody, Summary, SummaryVersion } from './schema.ts';

/** Both languages of a generated document; a version keeps them together. */
export interface StoredDocument {
  'zh-CN': SummaryDocument;
  'en-US': SummaryDocument;
}

/** The unit as the actor may use it, in the campaign: 404 when the actor may not even read it. */
async function reachUnit(
  db: Db,
  actor: Actor,
  campaignId: string,
  unitId: string,
  action: 'summaries.read' | 'summaries.write' | 'summaries.review',
) {
  const campaign = await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  if (!can(actor, 'summaries.read', toScope(unit))) throw notFound('Summary');
  const user = authorize(actor, action, toScope(unit));
  if (!(await isCampaignUnit(db, campaignId, unitId)))
    throw unprocessable('unitId', 'does not take part in this campaign');
  return { campaign, unit, user };
}

/** The whole campaign's answers and ratings, as a topic's are counted: the yardstick a topic is compared with. */
const campaignRatings = (f: Figures): TopicFactsRow => ({
  topic: '',
  topic_en: null,
  consultations: f.consultations,
  answered_on_spot: f.answeredOnSpot,
  ...f.satisfaction,
});

/**
 * Reads everything a summary of the unit states, once: the figures from the statistics feature
 * (the same numbers the dashboard shows) and the plan, publicity, materials and topics.
 */
export async function collectSummaryFacts({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
}): Promise<SummaryRecords> {
  const campaign = await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  const statistics = await computeCampaignStatistics({ db, actor, campaignId, unitId });
  const row = statistics.rows.find((r) => r.unitId === unitId);
  if (!row) throw notFound('Unit figures');
  const {
    unitId: _id,
    unitName: _name,
    unitNameEn: _nameEn,
    regionId: _region,
    partners,
    channelPoints,
    villages,
    ...figures
  } = row;
  return {
    campaign,
    unit: { id: unit.id, name: unit.name, nameEn: unit.name_en },
    figures,
    plan: await findPlanFacts(db, campaignId, unitId),
    meetings: await listMeetingFacts(db, campaignId, unitId),
    sites: await listSiteFacts(db, campaignId, unitId),
    desks: await listDeskFacts(db, campaignId, unitId),
    ledSlogans: await listLedSlogans(db, campaignId, unitId),
    publicityDates: await listPublicityDates(db, campaignId, unitId),
    mediaReports: await listMediaReports(db, campaignId, unitId),
    materials: await listMaterialFacts(db, campaignId, unitId),
    topics: await listTopicFacts(db, campaignId, unitId),
    channels: await listChannelFacts(db, campaignId, unitId),
    campaignRatings: campaignRatings(await readCampaignFigures(db, campaign)),
    caseExchanges: await listCaseExchanges(db, campaignId, unitId),
    handledMatters: await listHandledMatters(db, campaignId, unitId),
    leaderReceptions: await listLeaderReceptions(db, campaignId, unitId),
    partners,
    agreedDays: (await listUnitDays(db, campaignId, unitId))[0] ?? null,

    channelPoints,
    villages,
    writtenOn: chinaToday(),
  };
}

/** The figures that differ between two versions' figure maps. */
export function compareFigures(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
): FigureChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => (before[key] ?? null) !== (after[key] ?? null))
    .map((key) => ({ key, before: before[key] ?? null, after: after[key] ?? null }));
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

async function toSummary(db: Db, row: SummaryRow, language: SummaryLanguage): Promise<Summary> {
  const version = await findVersionRow(db, row.campaign_id, row.unit_id, row.current_version);
  if (!version) throw notFound('Summary');
  const document = (version.document as StoredDocument)[language];
  const generated = await lastGeneration(db, row.campaign_id, row.unit_id);
  return {
    campaignId: row.campaign_id,
    unitId: row.unit_id,
    status: row.status,
    version: version.version,
    generatedAt: generated.at.toISOString(),
    submittedAt: iso(row.submitted_at),
    approvedAt: iso(row.approved_at),
    reviewComment: row.review_comment,
    ownText: readOwnText(version.own_text),
    changes: generated.changes,
    document: withOwnText(document, readOwnText(version.own_text)),
    // Asked in either language: the names the English document has no English for.
    untranslated: untranslatedNames((version.document as StoredDocument)['en-US']),
  };
}

/** When the figures were last computed, and what changed then against the generation before. */
async function lastGeneration(db: Db, campaignId: string, unitId: string) {
  const generations = (await listVersionRows(db, campaignId, unitId)).filter((v) => v.kind === 'generated');
  const [last, previous] = generations;
  return {
    at: last?.created_at ?? new Date(0),
    changes: last && previous ? compareFigures(previous.figures, last.figures) : [],
  };
}

async function loadSummaryRow(db: Db, campaignId: string, unitId: string): Promise<SummaryRow> {
  const row = await findSummaryRow(db, campaignId, unitId);
  if (!row || row.current_version === 0) throw notFound('Summary');
  return row;
}

/** The unit's summary in one language, with the unit's own paragraphs. */
export async function getSummary({
  db,
  actor,
  campaignId,
  unitId,
  language,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
  language: SummaryLanguage;
}): Promise<Summary> {
  await reachUnit(db, actor, campaignId, unitId, 'summaries.read');
  return toSummary(db, await loadSummaryRow(db, campaignId, unitId), language);
}

/** The summary's HTML page, with the photos the unit chose after section 六. */
export async function getSummaryHtml(options: Parameters<typeof getSummary>[0]): Promise<string> {
  const summary = await getSummary(options);
  const unit = await getUnitRow(options.db, options.unitId);
  const name = options.language === 'zh-CN' ? unit.name : (unit.name_en ?? unit.name);
  const photos = await listSummaryHtmlPhotos(options.db, options.campaignId, options.unitId, name, options.language);
  return renderSummaryHtml(summary.document, photos, { stylesheet: 'linked' });
}

const EDITABLE = new Set(['draft', 'returned']);

function refuseUnlessEditable(row: SummaryRow): void {
  if (!EDITABLE.has(row.status)) {
    throw conflict(`The summary is ${row.status} and cannot be changed`, [
      { field: 'status', reason: `is ${row.status}; only a draft or a returned summary can be changed` },
    ]);
  }
}

const summaryEntity = (campaignId: string, unitId: string) => ({
  entity: 'unit_summary',
  entityId: `${campaignId}/${unitId}`,
  unitId,
  campaignId,
});

/**
 * Computes the summary from the records now, in both languages, as a new version; the unit's own
 * paragraphs carry over, and the answer lists the figures that changed since the last generation.
 */
export async function generateSummary({
  db,
  actor,
  campaignId,
  unitId,
  language,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  language: SummaryLanguage;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Summary>> {
  await reachUnit(db, actor, campaignId, unitId, 'summaries.write');
  const facts = await collectSummaryFacts({ db, actor, campaignId, unitId });
  const document: StoredDocument = {
    'zh-CN': buildSummaryDocument(facts, 'zh-CN'),
    'en-US': buildSummaryDocument(facts, 'en-US'),
  };
  return runIdempotent(db, key, async (tx) => {
    const row = await lockOrCreateSummaryRow(tx, campaignId, unitId);
    refuseUnlessEditable(row);
    const previous = row.current_version
      ? await findVersionRow(tx, campaignId, unitId, row.current_version)
      : undefined;
    const version: VersionRow = {
      version: row.current_version + 1,
      kind: 'generated',
      document,
      figures: figureMap(document['zh-CN']),
      own_text: previous ? readOwnText(previous.own_text) : EMPTY_OWN_TEXT,
      created_at: new Date(),
      created_by: actor.userId,
    };
    await insertVersionRow(tx, campaignId, unitId, version);
    const after: SummaryRow = { ...row, current_version: version.version, updated_at: version.created_at };
    await updateSummaryRow(tx, after);
    await writeAudit(tx, {
      actor,
      action: 'generate',
      ...summaryEntity(campaignId, unitId),
      before: previous ? { version: previous.version } : undefined,
      after: { version: version.version, figures: version.figures },
    });
    return { statusCode: 200, body: await toSummary(tx, after, language) };
  });
}

/**
 * Saves the unit's own paragraphs (section 六 and remarks) in one language as a new version of
 * the same figures; the other language's text stays as it was.
 */
export async function saveOwnText({
  db,
  actor,
  campaignId,
  unitId,
  input,
  language,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  input: OwnTextBody;
  language: SummaryLanguage;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Summary>> {
  await reachUnit(db, actor, campaignId, unitId, 'summaries.write');
  return runIdempotent(db, key, async (tx) => {
    const row = await findSummaryRow(tx, campaignId, unitId, { lock: true });
    if (!row || row.current_version === 0)
      throw conflict('Generate the summary first', [{ field: 'summary', reason: 'has not been generated yet' }]);
    refuseUnlessEditable(row);
    const current = (await findVersionRow(tx, campaignId, unitId, row.current_version))!;
    const before = readOwnText(current.own_text);
    const ownText: OwnText = {
      ...before,
      [input.language]: {
        nextSteps: input.nextSteps.trim(),
        remarks: (input.remarks ?? before[input.language].remarks).trim(),
      },
    };
    const version: VersionRow = {
      ...current,
      version: row.current_version + 1,
      kind: 'edited',
      own_text: ownText,
      created_at: new Date(),
      created_by: actor.userId,
    };
    await insertVersionRow(tx, campaignId, unitId, version);
    const after: SummaryRow = { ...row, current_version: version.version, updated_at: version.created_at };
    await updateSummaryRow(tx, after);
    await writeAudit(tx, {
      actor,
      action: 'edit',
      ...summaryEntity(campaignId, unitId),
      before: { language: input.language, ...before[input.language] },
      after: { language: input.language, ...ownText[input.language] },
    });
    return { statusCode: 200, body: await toSummary(tx, after, language) };
  });
}

type Transition = 'submit' | 'approve' | 'return';

const FROM: Record<Transition, readonly SummaryRow['status'][]> = {
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
};

/**
 * Moves the summary along draft → submitted → approved, or back to returned with the
 * organizer's comment. Submitting stops the summary-owed reminders.
 */
export async function reviewSummary({
  db,
  actor,
  campaignId,
  unitId,
  transition,
  input,
  language,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  unitId: string;
  transition: Transition;
  input: ApproveBody | ReturnBody | Record<string, never>;
  language: SummaryLanguage;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Summary>> {
  await reachUnit(db, actor, campaignId, unitId, transition === 'submit' ? 'summaries.write' : 'summaries.review');
  return runIdempotent(db, key, async (tx) => {
    const row = await findSummaryRow(tx, campaignId, unitId, { lock: true });
    if (!row || row.current_version === 0)
      throw conflict('Generate the summary first', [{ field: 'summary', reason: 'has not been generated yet' }]);
    if (!FROM[transition].includes(row.status)) {
      throw conflict(
        `A ${row.status} summary cannot be ${transition === 'submit' ? 'submitted' : transition === 'approve' ? 'approved' : 'returned'}`,
        [{ field: 'status', reason: `is ${row.status}` }],
      );
    }
    const now = new Date();
    const comment = 'comment' in input && input.comment ? input.comment.trim() : null;
    let after: SummaryRow;
    if (transition === 'submit') {
      const current = (await findVersionRow(tx, campaignId, unitId, row.current_version))!;
      if (!readOwnText(current.own_text)['zh-CN'].nextSteps.trim())
        throw unprocessable('nextSteps', 'write section 六 (next steps) in Chinese (zh-CN) before submitting');
      after = { ...row, status: 'submitted', submitted_at: now, updated_at: now };
    } else if (transition === 'approve') {
      after = {
        ...row,
        status: 'approved',
        approved_at: now,
        reviewed_at: now,
        review_comment: comment,
        updated_at: now,
      };
    } else {
      after = { ...row, status: 'returned', reviewed_at: now, review_comment: comment, updated_at: now };
    }
    await updateSummaryRow(tx, after, transition === 'submit' ? null : actor.userId);
    await writeAudit(tx, {
      actor,
      action: transition,
      ...summaryEntity(campaignId, unitId),
      before: { status: row.status },
      after: { status: after.status, version: after.current_version, ...(comment ? { comment } : {}) },
    });
    return { statusCode: 200, body: await toSummary(tx, after, language) };
  });
}

/** Every version, newest first, each with the figures that differ from the version before it. */
export async function listSummaryVersions({
  db,
  actor,
  campaignId,
  unitId,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
}): Promise<{ items: SummaryVersion[] }> {
  await reachUnit(db, actor, campaignId, unitId, 'summaries.read');
  await loadSummaryRow(db, campaignId, unitId);
  const rows = await listVersionRows(db, campaignId, unitId);
  return {
    items: rows.map((v, i) => ({
      version: v.version,
      kind: v.kind,
      createdAt: v.created_at.toISOString(),
      createdBy: v.created_by,
      ownText: readOwnText(v.own_text),
      changes: rows[i + 1] ? compareFigures(rows[i + 1]!.figures, v.figures) : [],
    })),
  };
}
