import { chartSheet, renderStatisticsCharts } from './charts.ts';
import { Readable } from 'node:stream';
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { runIdempotent, type IdempotencyKey, type StoredResponse } from '../../platform/http/idempotency.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { Campaign } from '../campaigns/schema.ts';
import { getCampaign, getCampaignBySlug } from '../campaigns/service.ts';
import { CONTENT_TYPES as EXPORT_CONTENT_TYPES, type ExportFile } from '../exports/service.ts';
import { writeCsv } from '../../platform/documents/write-csv.ts';
import { writeXlsx } from '../../platform/documents/write-xlsx.ts';
import { listSummaryPhotos } from '../photos/service.ts';
import {
  buildSummaryDocument,
  EMPTY_OWN_TEXT,
  findSummaryRow,
  type HtmlPhoto,
  renderSummaryHtml,
  type SummaryLanguage,
  withOwnText,
} from '../summaries/read.ts';
import { toScope } from '../units/read.ts';
import { collectSummaryFacts, getSummary } from '../summaries/service.ts';
import { getUnitRow } from '../units/service.ts';
import { generateCollectionJob } from './collection-job.ts';
import type { CollectionFormat } from './collection.ts';
import { documentPhotos } from './document-photos.ts';
import {
  generateStatisticalSummary,
  statisticalSheet,
  statisticalTable,
  villageSheet,
} from './generate-statistical-summary.ts';
import { renderSummaryDocx } from './render-docx.ts';
import { renderSummaryPdf } from './render-pdf.ts';
import {
  findCollectionPart,
  findCollectionRow,
  insertCollectionRow,
  listCollectionRows,
  listPublishedCollectionRows,
  publishCollectionRow,
  setCollectionJob,
  type CollectionRow,
} from './repository.ts';
import type { Collection, CollectionBody } from './schema.ts';
import { computeCampaignStatistics } from '../statistics/service.ts';

export type SummaryFormat = 'html' | 'docx' | 'pdf';
export type TableFormat = 'xlsx' | 'csv';

export const REPORT_CONTENT_TYPES: Record<SummaryFormat | TableFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  ...EXPORT_CONTENT_TYPES,
};

/**
 * The unit's summary (its last version, with the unit's own paragraphs) as a file: HTML whose
 * figures link to the records, DOCX laid out to GB/T 9704-2012, or PDF with an embedded CJK font;
 * the photos the unit chose follow section 六, each with its caption. The reader's rights are those
 * of GET …/summary: 404 when they may not read the unit, or when no summary was generated yet —
 * unless preview is set (the CLI): then the document is computed from the records now, without
 * storing a version, with empty own paragraphs.
 */
export async function getSummaryFile({
  db,
  actor,
  campaignId,
  unitId,
  language,
  format,
  preview = false,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
  unitId: string;
  language: SummaryLanguage;
  format: SummaryFormat;
  preview?: boolean;
}): Promise<ExportFile> {
  const options = { db, actor, campaignId, unitId, language };
  const campaign = await getCampaign(db, campaignId);
  const unit = await getUnitRow(db, unitId);
  const name = language === 'zh-CN' ? unit.name : (unit.name_en ?? unit.name);
  const fileName = `${campaign.slug}-${name}-${language === 'zh-CN' ? '总结' : 'summary'}.${format}`;
  const stored = await findSummaryRow(db, campaignId, unitId);
  let document;
  if (preview && (!stored || stored.current_version === 0)) {
    const user = authorize(actor, 'summaries.read', toScope(unit));
    const facts = await collectSummaryFacts({ db, actor: user, campaignId, unitId });
    document = withOwnText(buildSummaryDocument(facts, language), EMPTY_OWN_TEXT);
  } else document = (await getSummary(options)).document;
  // getSummary (or authorize, for a preview) has checked that the reader may read the unit's summary.
  const chosen = (await listSummaryPhotos(db, campaignId, [unitId])).get(unitId) ?? [];
  const photos = documentPhotos(db, chosen, name, language);
  let body: Buffer;
  if (format === 'html') {
    // A file of its own: the images travel inside it.
    const inline: HtmlPhoto[] = [];
    for (const photo of photos) {
      const image = await photo.load();
      inline.push({ ...photo, src: `data:${image.contentType};base64,${image.data.toString('base64')}` });
    }
    body = Buffer.from(renderSummaryHtml(document, inline), 'utf8');
  } else if (format === 'docx') body = await renderSummaryDocx(document, language, photos);
  else body = await renderSummaryPdf(document, language, photos);
  return { fileName, contentType: REPORT_CONTENT_TYPES[format], stream: Readable.from([body]) };
}

/**
 * The statistical summary (统计汇总表) of a campaign as XLSX or CSV: one row per unit the reader
 * may see, grouped by city with subtotals, and the total; with the change against the earlier
 * campaign when the campaign names one.
 */
export async function getStatisticalSummaryFile({
  db,
  actor,
  campaignId,
  language,
  format,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  language: SummaryLanguage;
  format: TableFormat;
}): Promise<ExportFile> {
  // Read once for the table and the charts.
  const statistics = await computeCampaignStatistics({ db, actor, campaignId });
  const summary = await generateStatisticalSummary({ db, actor, campaignId, language, statistics });
  const stream =
    format === 'csv'
      ? writeCsv(statisticalTable(summary))
      : writeXlsx([
          statisticalSheet(summary),
          villageSheet(summary),
          chartSheet(await renderStatisticsCharts({ db, actor, campaignId, language, statistics }), language),
        ]);
  return {
    fileName: `${summary.campaign.slug}-${language === 'zh-CN' ? '统计汇总表' : 'statistical-summary'}.${format}`,
    contentType: REPORT_CONTENT_TYPES[format],
    stream,
  };
}

// The collection of summaries (总结汇编)

/** The organizers over the campaign's coordinating office: who makes, reads and publishes its collections. */
async function campaignOffice(db: Db, campaign: Campaign) {
  return toScope(await getUnitRow(db, campaign.organizerUnitId));
}

function isCampaignOrganizer(actor: Actor, scope: ReturnType<typeof toScope>): boolean {
  return (
    actor.kind === 'user' &&
    can(actor, 'summaries.read', scope) &&
    actor.grants.some((g) => g.role === 'organizer' && scope.regionPath.startsWith(g.regionPath))
  );
}

/** A collection the actor may see (an organizer of its campaign): 404 otherwise, so ids cannot be probed. */
async function readableCollection(db: Db, actor: Actor, id: string) {
  const row = await findCollectionRow(db, id);
  if (!row) throw notFound('Collection');
  const campaign = await getCampaign(db, row.campaign_id);
  if (!isCampaignOrganizer(actor, await campaignOffice(db, campaign))) throw notFound('Collection');
  return { row, campaign };
}

/** The collection's state as the API shows it; a job that died (its lease ran out) shows as failed. */
export function toCollection(row: CollectionRow, campaign: Pick<Campaign, 'slug'>): Collection {
  const jobFailed = row.job_state === 'failed' && (row.state === 'queued' || row.state === 'running');
  const state = jobFailed ? 'failed' : row.state;
  const completed = state === 'completed';
  return {
    id: row.id,
    campaignId: row.campaign_id,
    format: row.format,
    lang: row.language,
    state,
    progress: { done: row.units_done, total: row.units_total },
    error: jobFailed ? (row.job_error ?? 'The job stopped') : row.error,
    fileName: row.file_name,
    bytes: row.bytes === null ? null : Number(row.bytes),
    pages: row.pages,
    fileUrl: completed ? `/api/v1/collections/${row.id}/file` : null,
    publishedAt: row.published_at?.toISOString() ?? null,
    portalUrl: row.published_at && completed ? portalCollectionUrl(campaign.slug, row.id) : null,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export const portalCollectionUrl = (slug: string, id: string) => `/c/${encodeURIComponent(slug)}/collections/${id}`;

/**
 * Starts the collection of a campaign's approved summaries: a row that keeps its progress and a
 * job that writes it, queued in the same transaction. Answers 202 with the collection to poll.
 */
export async function startCollection({
  db,
  actor,
  campaignId,
  input,
  key,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  input: CollectionBody;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Collection>> {
  const campaign = await getCampaign(db, campaignId);
  const office = await campaignOffice(db, campaign);
  if (!isCampaignOrganizer(actor, office) || !can(actor, 'summaries.review', office))
    throw forbidden('Only an organizer of the campaign may make its collection of summaries');
  return runIdempotent(db, key, async (tx) => {
    const id = newId();
    await insertCollectionRow(tx, {
      id,
      campaign_id: campaignId,
      format: input.format,
      language: input.lang ?? 'zh-CN',
      created_by: actor.userId,
      created_at: new Date(),
    });
    const jobId = await enqueue(tx, generateCollectionJob, { collectionId: id });
    if (jobId) await setCollectionJob(tx, id, jobId);
    const row = (await findCollectionRow(tx, id))!;
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'summary_collection',
      entityId: id,
      campaignId,
      after: { format: row.format, lang: row.language, jobId },
    });
    return { statusCode: 202, body: toCollection(row, campaign) };
  });
}

export async function getCollection({ db, actor, id }: { db: Database; actor: Actor; id: string }) {
  const { row, campaign } = await readableCollection(db, actor, id);
  return toCollection(row, campaign);
}

/** A campaign's collections, newest first, for its organizers. */
export async function listCollections({
  db,
  actor,
  campaignId,
}: {
  db: Database;
  actor: Actor;
  campaignId: string;
}): Promise<{ items: Collection[] }> {
  const campaign = await getCampaign(db, campaignId);
  if (!isCampaignOrganizer(actor, await campaignOffice(db, campaign))) throw notFound('Campaign');
  const rows = await listCollectionRows(db, campaignId, 20);
  return { items: rows.map((r) => toCollection(r, campaign)) };
}

/** Reads the stored document part by part: one part (1 MiB) in memory at a time. */
function partStream(db: Db, id: string): Readable {
  let seq = 0;
  return new Readable({
    read() {
      findCollectionPart(db, id, seq++).then(
        (part) => this.push(part ? Buffer.from(part) : null),
        (error: unknown) => this.destroy(error as Error),
      );
    },
  });
}

const COLLECTION_CONTENT_TYPES: Record<CollectionFormat, string> = {
  docx: REPORT_CONTENT_TYPES.docx,
  pdf: REPORT_CONTENT_TYPES.pdf,
};

function fileOf(row: CollectionRow, db: Db): ExportFile & { bytes: number } {
  return {
    fileName: row.file_name!,
    contentType: COLLECTION_CONTENT_TYPES[row.format],
    stream: partStream(db, row.id),
    bytes: Number(row.bytes),
  };
}

/** The document of a completed collection; 409 while it is being written or when it failed. */
export async function getCollectionFile({ db, actor, id }: { db: Database; actor: Actor; id: string }) {
  const { row, campaign } = await readableCollection(db, actor, id);
  const shown = toCollection(row, campaign);
  if (shown.state !== 'completed')
    throw conflict(`The collection is ${shown.state}`, [
      { field: 'state', reason: `is ${shown.state}; the file is there once the collection is completed` },
    ]);
  return fileOf(row, db);
}

/** Makes a completed collection downloadable on the portal's campaign page, without signing in. */
export async function publishCollection({
  db,
  actor,
  id,
  key,
}: {
  db: Database;
  actor: UserActor;
  id: string;
  key: IdempotencyKey | undefined;
}): Promise<StoredResponse<Collection>> {
  const { campaign } = await readableCollection(db, actor, id);
  if (!can(actor, 'summaries.review', await campaignOffice(db, campaign)))
    throw forbidden('Only an organizer of the campaign may publish its collection of summaries');
  return runIdempotent(db, key, async (tx) => {
    const row = (await findCollectionRow(tx, id))!;
    const before = toCollection(row, campaign);
    if (before.state !== 'completed')
      throw conflict(`A ${before.state} collection cannot be published`, [
        { field: 'state', reason: `is ${before.state}; only a completed collection can be published` },
      ]);
    if (!row.published_at) await publishCollectionRow(tx, id, actor.userId, new Date());
    const after = toCollection((await findCollectionRow(tx, id))!, campaign);
    await writeAudit(tx, {
      actor,
      action: 'publish',
      entity: 'summary_collection',
      entityId: id,
      campaignId: row.campaign_id,
      before: { publishedAt: before.publishedAt },
      after: { publishedAt: after.publishedAt, portalUrl: after.portalUrl },
    });
    return { statusCode: 200, body: after };
  });
}

/** A published collection as the portal lists it. */
export interface PublishedCollection {
  id: string;
  format: CollectionFormat;
  language: SummaryLanguage;
  fileName: string;
  bytes: number;
  url: string;
}

/** The last published collection of the campaign in each format and language, for the portal. */
export async function listPublishedCollections(db: Db, campaign: Pick<Campaign, 'id' | 'slug'>) {
  const rows = await listPublishedCollectionRows(db, campaign.id);
  return rows.map((r): PublishedCollection => ({
    id: r.id,
    format: r.format,
    language: r.language,
    fileName: r.file_name!,
    bytes: Number(r.bytes),
    url: portalCollectionUrl(campaign.slug, r.id),
  }));
}

/** The document of a published collection, for anyone: 404 unless it is published and of this campaign. */
export async function getPublishedCollectionFile(db: Db, slug: string, id: string) {
  const campaign = await getCampaignBySlug(db, slug);
  const row = await findCollectionRow(db, id);
  if (!row || row.campaign_id !== campaign.id || !row.published_at || row.state !== 'completed')
    throw notFound('Collection');
  return fileOf(row, db);
}
