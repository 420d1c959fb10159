import type { Readable } from 'node:stream';
import type { UserActor } from '../../platform/auth/actor.ts';
import { canSeePersonalData } from '../../platform/auth/policy.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/http/errors.ts';
import type { DownloadFile } from '../../platform/http/download.ts';
import { newId } from '../../platform/ids.ts';
import { getCampaign } from '../campaigns/service.ts';
import type { Language } from '../imports/read.ts';
import { computeCampaignStatistics } from '../statistics/service.ts';
import {
  CASE_EXPORT_COLUMNS,
  CONSULTATION_EXPORT_COLUMNS,
  DEFAULT_CONSULTATION_COLUMNS,
  OPINION_EXPORT_COLUMNS,
  STATISTICS_EXPORT_COLUMNS,
  type ExportColumn,
} from './columns.ts';
import {
  countPersonalCases,
  countPersonalConsultations,
  listCaseExportPage,
  listConsultationExportPage,
  listExportUnitIds,
  listOpinionExportRows,
  type Reader,
} from './repository.ts';
import type {
  CaseExportQuery,
  ConsultationExportQuery,
  ExportFormat,
  OpinionExportQuery,
  StatisticsExportQuery,
} from './schema.ts';
import { writeCsv, type Cell } from '../../platform/documents/write-csv.ts';
import { writeXlsx } from '../../platform/documents/write-xlsx.ts';

// Kept for existing imports; they live in the platform, beside the other HTTP helpers.
export { attachmentHeader, sendFile } from '../../platform/http/download.ts';

/** Rows read per statement: large enough to keep the database busy, small enough to stay light. */
const PAGE_ROWS = 2000;

export type ExportFile = DownloadFile;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The columns asked for, in the order asked (all, or the defaults, when none are named). */
export function chooseColumns<R>(
  all: readonly ExportColumn<R>[],
  requested: string | undefined,
  defaults: readonly string[] = all.map((c) => c.key),
): ExportColumn<R>[] {
  const keys = requested ? requested.split(',') : defaults;
  const unknown = keys.filter((key) => !all.some((c) => c.key === key));
  if (unknown.length)
    throw badRequest(`columns: ${unknown.join(', ')} is not a column of this export`, [
      { field: 'columns', reason: `${unknown.join(', ')} is not one of: ${all.map((c) => c.key).join(', ')}` },
    ]);
  if (new Set(keys).size !== keys.length)
    throw badRequest('columns: names a column twice', [{ field: 'columns', reason: 'names a column twice' }]);
  return keys.map((key) => all.find((c) => c.key === key)!);
}

function render<R>(
  format: ExportFormat,
  title: string,
  columns: readonly ExportColumn<R>[],
  language: Language,
  rows: AsyncIterable<R> | Iterable<R>,
  personalOf: (row: R) => boolean,
): Readable {
  const header = columns.map((c) => (language === 'zh-CN' ? c.zh : c.en));
  async function* cells(): AsyncGenerator<Cell[]> {
    for await (const row of rows) {
      const context = { language, personal: personalOf(row) };
      yield columns.map((c) => c.value(row, context));
    }
  }
  if (format === 'csv')
    return writeCsv(
      (async function* () {
        yield header;
        yield* cells();
      })(),
    );
  return writeXlsx([
    { name: title, header, columns: columns.map((c) => ({ width: c.width ?? 12, text: c.text })), rows: cells() },
  ]);
}

/**
 * Records in the audit log that personal data left the system unmasked: one entry per unit whose
 * visitors' names or phones the file holds, with who, when, the filters and the row count.
 */
async function auditPersonalExport(
  db: Database,
  actor: UserActor,
  what: { kind: string; format: ExportFormat; campaignId: string; columns: string[]; filters: object },
  counts: readonly { unit_id: string; rows: number }[],
): Promise<void> {
  if (!counts.some((c) => c.rows > 0)) return;
  const exportId = newId();
  await db.transaction(async (tx) => {
    for (const count of counts) {
      if (count.rows === 0) continue;
      await writeAudit(tx, {
        actor,
        action: 'export_personal_data',
        entity: 'export',
        entityId: exportId,
        unitId: count.unit_id,
        campaignId: what.campaignId,
        after: { kind: what.kind, format: what.format, columns: what.columns, filters: what.filters, rows: count.rows },
      });
    }
  });
}

const adminUnits = (actor: Reader) =>
  actor ? [...new Set(actor.grants.filter((g) => g.role === 'unit_admin').map((g) => g.unitId))] : [];

const languageOf = (actor: Reader, requested: Language | undefined): Language =>
  requested ?? actor?.language ?? 'zh-CN';

function filtersOf<Q extends { columns?: string | undefined; lang?: string | undefined }>(query: Q) {
  const { columns: _columns, lang: _lang, ...filters } = query;
  return filters;
}

/**
 * The consultations the reader may see, with the filters of GET /consultations, oldest first,
 * as CSV or XLSX: read page by page and written as the client takes it, so the memory used does
 * not grow with the number of rows. Visitors' names and phones are shown only in the rows of a
 * unit whose admin the reader is (and audited); masked everywhere else. `actor` null is the
 * operator at the command line: every unit, personal fields masked.
 */
export async function exportConsultations({
  db,
  actor,
  query,
  format,
}: {
  db: Database;
  actor: Reader;
  query: ConsultationExportQuery;
  format: ExportFormat;
}): Promise<ExportFile> {
  const columns = chooseColumns(CONSULTATION_EXPORT_COLUMNS, query.columns, DEFAULT_CONSULTATION_COLUMNS);
  const campaign = await getCampaign(db, query.campaignId);
  const unitIds = await listExportUnitIds(db, actor, campaign.id);
  const personalUnits = columns.some((c) => c.personal) ? adminUnits(actor) : [];
  if (actor && personalUnits.length) {
    await auditPersonalExport(
      db,
      actor,
      {
        kind: 'consultations',
        format,
        campaignId: campaign.id,
        columns: columns.map((c) => c.key),
        filters: filtersOf(query),
      },
      await countPersonalConsultations(db, unitIds, query, personalUnits),
    );
  }
  async function* rows() {
    let after: { key: string; id: string } | undefined;
    for (;;) {
      const page = await listConsultationExportPage(db, unitIds, query, after, PAGE_ROWS);
      yield* page;
      if (page.length < PAGE_ROWS) return;
      const last = page.at(-1)!;
      after = { key: last.key, id: last.id };
    }
  }
  const language = languageOf(actor, query.lang);
  return {
    fileName: `openday-consultations-${campaign.slug}.${format}`,
    contentType: CONTENT_TYPES[format],
    stream: render(format, language === 'zh-CN' ? '来访登记' : 'Consultations', columns, language, rows(), (row) =>
      canSeePersonalData(actor ?? { kind: 'anonymous' }, row.unit_id),
    ),
  };
}

/** The campaign's cases (办件) the reader may see, as CSV or XLSX, streamed like consultations. */
export async function exportCases({
  db,
  actor,
  query,
  format,
}: {
  db: Database;
  actor: Reader;
  query: CaseExportQuery;
  format: ExportFormat;
}): Promise<ExportFile> {
  const columns = chooseColumns(CASE_EXPORT_COLUMNS, query.columns);
  const campaign = await getCampaign(db, query.campaignId);
  const personalUnits = columns.some((c) => c.personal) ? adminUnits(actor) : [];
  if (actor && personalUnits.length) {
    await auditPersonalExport(
      db,
      actor,
      { kind: 'cases', format, campaignId: campaign.id, columns: columns.map((c) => c.key), filters: filtersOf(query) },
      await countPersonalCases(db, actor, query, personalUnits),
    );
  }
  async function* rows() {
    let after: string | undefined;
    for (;;) {
      const page = await listCaseExportPage(db, actor, query, after, PAGE_ROWS);
      yield* page;
      if (page.length < PAGE_ROWS) return;
      after = page.at(-1)!.id;
    }
  }
  const language = languageOf(actor, query.lang);
  const reader = actor ?? ({ kind: 'anonymous' } as const);
  return {
    fileName: `openday-cases-${campaign.slug}.${format}`,
    contentType: CONTENT_TYPES[format],
    stream: render(
      format,
      language === 'zh-CN' ? '办件' : 'Cases',
      columns,
      language,
      rows(),
      (row) => canSeePersonalData(reader, row.unit_id) || canSeePersonalData(reader, row.origin_unit_id),
    ),
  };
}

/** The opinions raised at the campaign's meetings in the units the reader may see, with what became of each. */
export async function exportOpinions({
  db,
  actor,
  query,
  format,
}: {
  db: Database;
  actor: Reader;
  query: OpinionExportQuery;
  format: ExportFormat;
}): Promise<ExportFile> {
  const columns = chooseColumns(OPINION_EXPORT_COLUMNS, query.columns);
  const campaign = await getCampaign(db, query.campaignId);
  const language = languageOf(actor, query.lang);
  const rows = await listOpinionExportRows(db, actor, query);
  return {
    fileName: `openday-opinions-${campaign.slug}.${format}`,
    contentType: CONTENT_TYPES[format],
    stream: render(format, language === 'zh-CN' ? '会议意见建议' : 'Opinions', columns, language, rows, () => false),
  };
}

/** The statistical summary (统计汇总表) of a campaign: one row per unit the reader may see, then the totals. */
export async function exportStatistics({
  db,
  actor,
  campaignId,
  query,
  format,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  query: StatisticsExportQuery;
  format: ExportFormat;
}): Promise<ExportFile> {
  const columns = chooseColumns(STATISTICS_EXPORT_COLUMNS, query.columns);
  const campaign = await getCampaign(db, campaignId);
  const statistics = await computeCampaignStatistics({ db, actor, campaignId });
  const language = languageOf(actor, query.lang);
  const rows = [
    ...statistics.rows.map(({ unitId: _id, unitName, unitNameEn, regionId: _region, ...figures }) => ({
      ...figures,
      unitLabel: language === 'en-US' && unitNameEn ? unitNameEn : unitName,
    })),
    { ...statistics.totals, unitLabel: language === 'zh-CN' ? '合计' : 'Total' },
  ];
  return {
    fileName: `openday-statistics-${campaign.slug}.${format}`,
    contentType: CONTENT_TYPES[format],
    stream: render(format, language === 'zh-CN' ? '统计汇总表' : 'Statistics', columns, language, rows, () => false),
  };
}
