import { Readable } from 'node:stream';
import type { Actor, UserActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { getCampaign } from '../campaigns/service.ts';
import { CONTENT_TYPES as EXPORT_CONTENT_TYPES, type ExportFile } from '../exports/service.ts';
import { writeCsv } from '../exports/write-csv.ts';
import { writeXlsx } from '../exports/write-xlsx.ts';
import { computeCampaignStatistics } from '../statistics/service.ts';
import type { SummaryLanguage } from '../summaries/document.ts';
import { buildSummaryDocument, withOwnText } from '../summaries/generate.ts';
import { renderSummaryHtml } from '../summaries/render-html.ts';
import { findSummaryRow } from '../summaries/repository.ts';
import { collectSummaryFacts, getSummary } from '../summaries/service.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { toScope } from '../units/repository.ts';
import { getUnitRow } from '../units/service.ts';
import {
  buildStatisticalRows,
  statisticalCells,
  statisticalHeader,
  STATISTICAL_COLUMNS,
} from './generate-statistical-summary.ts';
import { renderSummaryDocx } from './render-docx.ts';
import { renderSummaryPdf } from './render-pdf.ts';
import { listUnitRegionGroups } from './repository.ts';

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
 * figures link to the records, DOCX laid out to GB/T 9704-2012, or PDF with an embedded CJK font.
 * The reader's rights are those of GET …/summary: 404 when they may not read the unit, or when
 * no summary was generated yet — unless preview is set (the CLI): then the document is computed
 * from the records now, without storing a version, with empty own paragraphs.
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
    document = withOwnText(buildSummaryDocument(facts, language), { nextSteps: '', remarks: '' });
  } else document = (await getSummary(options)).document;
  const body =
    format === 'html'
      ? Buffer.from(renderSummaryHtml(document), 'utf8')
      : format === 'docx'
        ? await renderSummaryDocx(document, language)
        : await renderSummaryPdf(document, language);
  return { fileName, contentType: REPORT_CONTENT_TYPES[format], stream: Readable.from([body]) };
}

/**
 * The statistical summary (统计汇总表) of a campaign as XLSX or CSV: one row per unit the reader
 * may see, grouped by city with subtotals, and the total.
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
  const campaign = await getCampaign(db, campaignId);
  const statistics = await computeCampaignStatistics({ db, actor, campaignId });
  const groups = await listUnitRegionGroups(
    db,
    statistics.rows.map((r) => r.unitId),
  );
  const rows = buildStatisticalRows(statistics, groups, language).map(statisticalCells);
  const header = statisticalHeader(language);
  const title = language === 'zh-CN' ? '统计汇总表' : 'Statistical summary';
  const stream =
    format === 'csv'
      ? writeCsv([header, ...rows])
      : writeXlsx([
          {
            name: title,
            columns: [{ width: 30 }, { width: 14 }, ...STATISTICAL_COLUMNS.map(() => ({ width: 14 }))],
            header,
            rows,
          },
        ]);
  return {
    fileName: `${campaign.slug}-${language === 'zh-CN' ? '统计汇总表' : 'statistical-summary'}.${format}`,
    contentType: REPORT_CONTENT_TYPES[format],
    stream,
  };
}
