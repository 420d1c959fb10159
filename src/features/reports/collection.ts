import { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished as finishedStream } from 'node:stream/promises';
import type { UserActor } from '../../platform/auth/actor.ts';
import { visibleUnitsSql } from '../../platform/auth/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Campaign } from '../campaigns/schema.ts';
import { getCampaign } from '../campaigns/service.ts';
import type { Cell } from '../../platform/documents/write-csv.ts';
import { listSummaryPhotos } from '../photos/service.ts';
import { readOwnText, type SummaryDocument, type SummaryLanguage, withOwnText } from '../summaries/read.ts';
import { getUnitRow } from '../units/service.ts';
import { documentPhotos } from './document-photos.ts';
import {
  centredParagraph,
  LANDSCAPE_TEXT_TWIPS,
  sectionBreak,
  summaryParagraphs,
  tableEnd,
  tableRow,
  tableStart,
  textParagraph,
  titleParagraph,
  tocEntry,
  fieldBegin,
  run,
  writeDocx,
  type DocumentPhoto,
  type TableColumn,
} from './docx-writer.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { computeCampaignStatistics } from '../statistics/service.ts';
import { generateStatisticalSummary, statisticalCells, statisticalHeader } from './generate-statistical-summary.ts';
import { GB9704, mmToPt, OFFICE_FONTS } from './gb9704.ts';
import { GbPdf, LINE_HEIGHT, TEXT_WIDTH, writeSummaryPdf, type PdfFont } from './pdf-writer.ts';
import { pageTreeKids } from '../../platform/documents/pdfkit-internals.ts';
import { listApprovedDocumentRows, listCollectionUnitRows, type CollectionUnitRow } from './repository.ts';
import { chinaToday } from '../statistics/read.ts';

/**
 * 总结汇编: the collection of a campaign's approved summaries in one document — a cover, a table of
 * contents, the statistical summary (统计汇总表), then every approved summary in region order, each
 * on a new page, laid out as the unit's own DOCX or PDF; and an annex listing the units whose
 * summary is missing or not approved. Written unit by unit: a batch of summaries is read, written
 * and let go before the next, so memory does not grow with the number of units.
 */

export type CollectionFormat = 'docx' | 'pdf';
export const COLLECTION_FORMATS = ['docx', 'pdf'] as const;

/** Summaries read from the database at a time. */
const BATCH = 50;

const TEXT = {
  'zh-CN': {
    collection: '总结汇编',
    year: (year: string) => `${year}年`,
    date: (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number);
      return `${y}年${m}月${d}日`;
    },
    contents: '目　录',
    statistics: '统计汇总表',
    annex: '附件：未提交或未审核的单位',
    annexIntro: (n: number) => `以下${n}个单位的活动总结尚未提交或尚未审核通过，未收入本汇编。`,
    annexNone: '本活动各参与单位的活动总结均已审核通过。',
    status: {
      missing: '未生成总结',
      draft: '草稿，未提交',
      submitted: '已提交，待审核',
      returned: '已退回修改',
      approved: '已审核',
    },
    statusLabel: '状态',
    noUnits: '本活动尚无审核通过的活动总结。',
    fileName: (slug: string) => `${slug}-总结汇编`,
  },
  'en-US': {
    collection: 'Collection of summaries',
    year: (year: string) => year,
    date: (iso: string) =>
      new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    contents: 'Contents',
    statistics: 'Statistical summary',
    annex: 'Annex: units whose summary was not submitted or not approved',
    annexIntro: (n: number) =>
      `The summaries of the following ${n === 1 ? 'unit were' : `${n} units were`} not submitted or not approved and are not in this collection.`,
    annexNone: 'The summary of every unit taking part was approved.',
    status: {
      missing: 'no summary generated',
      draft: 'draft, not submitted',
      submitted: 'submitted, awaiting review',
      returned: 'returned for correction',
      approved: 'approved',
    },
    statusLabel: 'status',
    noUnits: 'No summary of this campaign has been approved yet.',
    fileName: (slug: string) => `${slug}-collection-of-summaries`,
  },
} as const;

/** The collection's file name, without directories. */
export function collectionFileName(
  campaign: Pick<Campaign, 'slug'>,
  format: CollectionFormat,
  language: SummaryLanguage,
) {
  return `${TEXT[language].fileName(campaign.slug)}.${format}`;
}

export interface CollectionProgress {
  done: number;
  total: number;
}

export interface WriteCollectionOptions {
  db: Database;
  /** The organizer the collection is made for: the statistics and units they reach. */
  actor: UserActor;
  campaignId: string;
  format: CollectionFormat;
  language: SummaryLanguage;
  out: Writable;
  /** Called after each unit's summary is written (and once at the start with done 0). */
  onProgress?: (progress: CollectionProgress) => void | Promise<void>;
}

export interface CollectionResult {
  fileName: string;
  units: number;
  /** Pages of the PDF; null for a DOCX (its pages are laid out by the word processor). */
  pages: number | null;
}

/** A chart of the statistical summary, drawn on the server, shown after the table. */
interface CollectionChart {
  title: string;
  png: Buffer;
  width: number;
  height: number;
}

interface Prepared {
  campaign: Campaign;
  charts: CollectionChart[];
  officeName: string;
  year: string;
  today: string;
  approved: CollectionUnitRow[];
  annex: CollectionUnitRow[];
  table: { header: string[]; rows: { kind: 'unit' | 'subtotal' | 'total'; cells: Cell[] }[] };
}

const unitName = (u: Pick<CollectionUnitRow, 'name' | 'name_en'>, language: SummaryLanguage) =>
  language === 'zh-CN' ? u.name : (u.name_en ?? u.name);

async function prepare(options: WriteCollectionOptions): Promise<Prepared> {
  const { db, actor, campaignId, language } = options;
  const campaign = await getCampaign(db, campaignId);
  const office = await getUnitRow(db, campaign.organizerUnitId);
  const units = await listCollectionUnitRows(db, campaignId, (params) =>
    visibleUnitsSql(actor, 'summaries.read', 'u', params),
  );
  // Read once for the table and the charts.
  const computed = await computeCampaignStatistics({ db, actor, campaignId });
  const statistics = await generateStatisticalSummary({ db, actor, campaignId, language, statistics: computed });
  return {
    campaign,
    charts: await renderCharts(options, computed),
    officeName: language === 'zh-CN' ? office.name : (office.name_en ?? office.name),
    year: campaign.openDay.slice(0, 4),
    today: chinaToday(),
    approved: units.filter((u) => u.status === 'approved'),
    annex: units.filter((u) => u.status !== 'approved'),
    table: {
      header: statisticalHeader(language),
      rows: statistics.rows.map((r) => ({ kind: r.kind, cells: statisticalCells(r) })),
    },
  };
}

/**
 * The statistical summary's charts (people received and consultations by unit or region, by
 * topic, satisfaction). The charts module draws with ECharts; a collection is still written when
 * charts cannot be drawn (the module or its fonts missing), without them.
 */
async function renderCharts(
  options: WriteCollectionOptions,
  statistics: CampaignStatistics,
): Promise<CollectionChart[]> {
  try {
    const { renderStatisticsCharts } = await import('./charts.ts');
    const charts = await renderStatisticsCharts({
      db: options.db,
      actor: options.actor,
      campaignId: options.campaignId,
      language: options.language,
      statistics,
    });
    // The PNG has twice the pixels of the chart's size.
    return charts.map((c) => ({ title: c.title, png: c.png, width: c.size.width * 2, height: c.size.height * 2 }));
  } catch {
    return [];
  }
}

const chartPhotos = (charts: readonly CollectionChart[]): DocumentPhoto[] =>
  charts.map((chart, i) => ({
    id: `chart-${i + 1}`,
    caption: chart.title,
    alt: chart.title,
    width: chart.width,
    height: chart.height,
    contentType: 'image/png',
    load: async () => ({ data: chart.png, contentType: 'image/png' }),
  }));

interface UnitSummary {
  unit: CollectionUnitRow;
  index: number;
  document: SummaryDocument;
  photos: DocumentPhoto[];
}

/** The approved summaries in collection order, read a batch at a time. */
async function* approvedSummaries(
  options: WriteCollectionOptions,
  approved: readonly CollectionUnitRow[],
): AsyncGenerator<UnitSummary> {
  const { db, campaignId, language } = options;
  for (let start = 0; start < approved.length; start += BATCH) {
    const batch = approved.slice(start, start + BATCH);
    const ids = batch.map((u) => u.unit_id);
    const rows = await listApprovedDocumentRows(db, campaignId, ids, language);
    const documents = new Map(rows.map((r) => [r.unit_id, r]));
    const photos = await listSummaryPhotos(db, campaignId, ids);
    for (const [i, unit] of batch.entries()) {
      const row = documents.get(unit.unit_id);
      // Returned for correction while the collection was being written: it is no longer approved.
      if (!row) throw new Error(`${unit.name}: the summary is no longer approved; start the collection again`);
      if (!row.document || typeof row.document !== 'object')
        throw new Error(`${unit.name}: the stored summary has no ${language} document`);
      let document: SummaryDocument;
      try {
        document = withOwnText(row.document as SummaryDocument, readOwnText(row.own_text));
      } catch (error) {
        throw new Error(`${unit.name}: the stored summary cannot be read (${(error as Error).message})`, {
          cause: error,
        });
      }
      yield {
        unit,
        index: start + i,
        document,
        photos: documentPhotos(db, photos.get(unit.unit_id) ?? [], unitName(unit, language), language),
      };
    }
  }
}

/** Names an error with the unit whose summary it came from. */
function inUnit<T>(unit: CollectionUnitRow, work: () => T): T {
  try {
    return work();
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (message.startsWith(unit.name)) throw error;
    throw new Error(`${unit.name}: ${message}`, { cause: error });
  }
}

const bookmarkOf = (index: number) => `_TocUnit${index + 1}`;
const STATISTICS_BOOKMARK = '_TocStatistics';
const ANNEX_BOOKMARK = '_TocAnnex';

/** The most figures one table across the landscape page holds with four digits in each cell. */
const FIGURES_PER_TABLE = 16;

/**
 * The statistical table in parts that fit across the page: each part the unit and region and an
 * even share of the figures, in their order (the XLSX keeps them in one sheet).
 */
function tableParts(table: Prepared['table']): Prepared['table'][] {
  const figures = table.header.length - 2;
  const parts = Math.max(1, Math.ceil(figures / FIGURES_PER_TABLE));
  const size = Math.ceil(figures / parts);
  return Array.from({ length: parts }, (_, i) => {
    const pick = <T>(cells: readonly T[]) => [...cells.slice(0, 2), ...cells.slice(2 + i * size, 2 + (i + 1) * size)];
    return {
      header: pick(table.header),
      rows: table.rows.map((row) => ({ kind: row.kind, cells: pick(row.cells) })),
    };
  });
}

/** Column widths of the statistical table: unit and region wide, the figures evenly in what is left. */
function tableColumns(header: readonly string[], total: number): TableColumn[] {
  const unit = Math.round(total * 0.19);
  const region = Math.round(total * 0.09);
  const figure = Math.floor((total - unit - region) / Math.max(1, header.length - 2));
  return header.map((_, i) =>
    i === 0
      ? { width: unit, align: 'left' }
      : i === 1
        ? { width: region, align: 'left' }
        : { width: figure, align: 'right' },
  );
}

const cellText = (cell: Cell) => (cell === null || cell === undefined ? '' : String(cell));

// DOCX

async function writeCollectionDocx(options: WriteCollectionOptions, p: Prepared): Promise<CollectionResult> {
  const { language } = options;
  const t = TEXT[language];
  const total = p.approved.length;
  let done = 0;
  const title = `${language === 'zh-CN' ? p.campaign.title : (p.campaign.titleEn ?? p.campaign.title)}`;
  // The contents' page numbers: the PDF's, laid out first and thrown away. Both follow the same
  // GB/T 9704 grid page for page, so the numbers are those a word processor lays out; a TOC's
  // cached results are what LibreOffice and WPS show (Word fills them again on update).
  const { contentsPages } = await writeCollectionPdf({ ...options, out: discard(), onProgress: undefined }, p);
  await writeDocx(options.out, {
    title: `${title} ${t.collection}`,
    language,
    updateFields: true,
    finalSection: {},
    body: async function* (body) {
      // The cover: no page number.
      yield centredParagraph(title, { family: OFFICE_FONTS.title, points: GB9704.titlePt, before: 2400 });
      yield centredParagraph(t.collection, { family: OFFICE_FONTS.title, points: 36, before: 600, after: 600 });
      yield centredParagraph(t.year(p.year), { family: OFFICE_FONTS.heading1, points: GB9704.bodyPt, before: 2400 });
      yield centredParagraph(p.officeName, { points: GB9704.bodyPt, before: 600 });
      yield centredParagraph(t.date(p.today), { points: GB9704.bodyPt });
      // The table of contents: Word fills the TOC field on update; until then (and in LibreOffice
      // and WPS) the entries below are shown, each page a PAGEREF to the bookmark of its title.
      yield `<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:pageBreakBefore/></w:pPr>${run(t.contents, OFFICE_FONTS.heading1, GB9704.titlePt)}</w:p>`;
      const entries: { text: string; bookmark: string }[] = [
        { text: t.statistics, bookmark: STATISTICS_BOOKMARK },
        ...p.approved.map((u, i) => ({ text: unitName(u, language), bookmark: bookmarkOf(i) })),
        { text: t.annex, bookmark: ANNEX_BOOKMARK },
      ];
      for (const [i, entry] of entries.entries()) {
        yield tocEntry(entry.text, entry.bookmark, contentsPages[i] ?? null, {
          ...(i === 0 && { open: fieldBegin('TOC \\o "1-1" \\h \\z \\u') }),
          close: i === entries.length - 1,
        });
      }
      yield sectionBreak({ titlePage: true });

      // The statistical summary, on landscape pages.
      yield titleParagraph(t.statistics, { bookmark: { id: body.nextBookmarkId(), name: STATISTICS_BOOKMARK } });
      for (const [i, part] of tableParts(p.table).entries()) {
        if (i > 0) yield textParagraph('');
        const columns = tableColumns(part.header, LANDSCAPE_TEXT_TWIPS);
        yield tableStart(columns) + tableRow(columns, part.header, { header: true });
        for (const row of part.rows) yield tableRow(columns, row.cells, { bold: row.kind !== 'unit' });
        yield tableEnd();
      }
      for (const chart of chartPhotos(p.charts)) {
        yield body.image(chart);
        yield centredParagraph(chart.caption!, { family: OFFICE_FONTS.heading2, points: GB9704.footerPt, after: 120 });
      }
      yield sectionBreak({ orientation: 'landscape' });

      await options.onProgress?.({ done, total });
      if (total === 0) yield textParagraph(t.noUnits);
      for await (const summary of approvedSummaries(options, p.approved)) {
        for (const paragraph of inUnit(summary.unit, () =>
          summaryParagraphs(summary.document, summary.photos, body, {
            bookmark: { id: body.nextBookmarkId(), name: bookmarkOf(summary.index) },
            pageBreakBefore: summary.index > 0,
          }),
        ))
          yield paragraph;
        done++;
        await options.onProgress?.({ done, total });
      }

      yield titleParagraph(t.annex, {
        bookmark: { id: body.nextBookmarkId(), name: ANNEX_BOOKMARK },
        pageBreakBefore: true,
      });
      yield textParagraph(p.annex.length ? t.annexIntro(p.annex.length) : t.annexNone);
      for (const [i, unit] of p.annex.entries()) yield textParagraph(`${i + 1}. ${annexLine(unit, language)}`);
    },
  });
  return { fileName: collectionFileName(p.campaign, 'docx', language), units: done, pages: null };
}

function annexLine(unit: CollectionUnitRow, language: SummaryLanguage): string {
  const t = TEXT[language];
  const status = t.status[unit.status ?? 'missing'];
  return language === 'zh-CN'
    ? `${unit.name}（${unit.group_name}；${t.statusLabel}：${status}）`
    : `${unitName(unit, language)} (${unit.group_name_en ?? unit.group_name}; ${t.statusLabel}: ${status})`;
}

// PDF

interface TocLine {
  text: string;
  destination: string;
  /** Index (in creation order) of the page the entry points to. */
  pageIndex: number;
}

/**
 * Lays out the table of contents: the heading, then one entry after another, an entry that does
 * not fit moving to the next page. Measures only when `draw` is not given, so the same code
 * counts the pages before the body is written and draws them after.
 */
function layOutContents(
  pdf: GbPdf,
  heading: string,
  entries: readonly { text: string }[],
  draw?: { entry: (i: number, y: number, height: number) => void; heading: (y: number) => void; newPage: () => void },
): number {
  const { doc } = pdf;
  const numberWidth = GB9704.bodyPt * 3;
  const width = TEXT_WIDTH - numberWidth;
  const top = mmToPt(GB9704.topMm);
  const bottom = pdf.maxY;
  let pages = 1;
  draw?.heading(top);
  let y = top + LINE_HEIGHT * 2;
  pdf.use('serif', GB9704.bodyPt);
  for (const [i, entry] of entries.entries()) {
    const height = Math.max(
      LINE_HEIGHT,
      doc.heightOfString(entry.text, { width, lineGap: LINE_HEIGHT - GB9704.bodyPt * 1.2 }),
    );
    if (y + height > bottom) {
      pages++;
      draw?.newPage();
      y = top;
    }
    draw?.entry(i, y, height);
    y += height;
  }
  return pages;
}

/**
 * Hands pdfkit's output to `out`. pdfkit pushes into its readable side as it writes, without
 * waiting to be read, and while it writes synchronously a flowing stream cannot keep up: its
 * buffer held the whole document. So the output is pulled explicitly after each summary, and the
 * caller waits for `out` to drain: at most one summary's output is ever held.
 */
function pdfOutput(doc: PDFKit.PDFDocument, out: Writable) {
  let failed: Error | undefined;
  out.on('error', (error: Error) => (failed ??= error));
  const pull = () => {
    for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) out.write(chunk);
  };
  return {
    async drained() {
      pull();
      if (failed) throw failed;
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    /** Ends the document and waits until `out` has every byte. */
    async finish() {
      const ended = once(doc, 'end');
      doc.on('readable', pull);
      doc.end();
      pull();
      await ended;
      out.end();
      await finishedStream(out);
      if (failed) throw failed;
    },
    abort(error: Error) {
      doc.removeAllListeners('readable');
      out.destroy(error);
    },
  };
}

async function writeCollectionPdf(
  options: WriteCollectionOptions,
  p: Prepared,
): Promise<CollectionResult & { contentsPages: number[] }> {
  const { language } = options;
  const t = TEXT[language];
  const total = p.approved.length;
  let done = 0;
  const title = language === 'zh-CN' ? p.campaign.title : (p.campaign.titleEn ?? p.campaign.title);
  const pdf = await GbPdf.open({ title: `${title} ${t.collection}`, language });
  const { doc } = pdf;
  const output = pdfOutput(doc, options.out);
  try {
    const entries: TocLine[] = [
      { text: t.statistics, destination: 'statistics', pageIndex: -1 },
      ...p.approved.map((u, i) => ({ text: unitName(u, language), destination: `unit-${i + 1}`, pageIndex: -1 })),
      { text: t.annex, destination: 'annex', pageIndex: -1 },
    ];
    // The contents come after the cover but are drawn last, when every page number is known; their
    // page count is measured now so that every page after them is numbered as it is written.
    pdf.numbering = () => null;
    pdf.addPage();
    const tocPages = layOutContents(pdf, t.contents, entries);
    pdf.numbering = (index) => (index === 0 ? null : index + tocPages + 1);
    const outline: { title: string; index: number }[] = [];

    // The cover.
    pdf.use('serifBold', GB9704.titlePt);
    doc.text(title, pdf.left, mmToPt(80), { width: pdf.width, align: 'center' });
    pdf.use('serifBold', 36);
    doc.text(t.collection, pdf.left, doc.y + mmToPt(15), { width: pdf.width, align: 'center' });
    pdf.use('sans', GB9704.bodyPt);
    doc.text(t.year(p.year), pdf.left, mmToPt(190), { width: pdf.width, align: 'center' });
    pdf.use('serif', GB9704.bodyPt);
    doc.text(p.officeName, pdf.left, mmToPt(215), { width: pdf.width, align: 'center' });
    doc.text(t.date(p.today), pdf.left, doc.y + 6, { width: pdf.width, align: 'center' });

    // The statistical summary, on landscape pages.
    pdf.addPage('landscape');
    entries[0]!.pageIndex = pdf.pages - 1;
    doc.addNamedDestination('statistics');
    outline.push({ title: t.statistics, index: pdf.pages - 1 });
    pdf.use('sans', GB9704.bodyPt);
    doc.text(t.statistics, pdf.left, doc.y, { width: pdf.width, align: 'center' });
    doc.moveDown(0.5);
    for (const [i, part] of tableParts(p.table).entries()) {
      if (i > 0) doc.moveDown(1);
      drawTable(pdf, part);
    }
    for (const chart of p.charts) {
      const scale = Math.min(pdf.width / chart.width, (pdf.maxY - pdf.doc.page.margins.top - 40) / chart.height);
      const w = chart.width * scale;
      const h = chart.height * scale;
      if (doc.y + 8 + h + 24 > pdf.maxY) pdf.addPage('landscape');
      const top = doc.y + 8;
      doc.image(chart.png, pdf.left + (pdf.width - w) / 2, top, { width: w, height: h });
      pdf.use('serif', GB9704.footerPt);
      doc.text(chart.title, pdf.left, top + h + 4, { width: pdf.width, align: 'center' });
      doc.x = pdf.left;
    }

    await output.drained();
    await options.onProgress?.({ done, total });
    if (total === 0) {
      pdf.addPage();
      pdf.use('serif', GB9704.bodyPt);
      doc.text(t.noUnits, pdf.left, doc.y, { width: TEXT_WIDTH });
    }
    for await (const summary of approvedSummaries(options, p.approved)) {
      pdf.addPage();
      const entry = entries[summary.index + 1]!;
      entry.pageIndex = pdf.pages - 1;
      doc.addNamedDestination(entry.destination);
      outline.push({ title: entry.text, index: entry.pageIndex });
      try {
        await writeSummaryPdf(pdf, summary.document, summary.photos);
      } catch (error) {
        inUnit(summary.unit, () => {
          throw error;
        });
      }
      pdf.forgetLayouts();
      await output.drained();
      done++;
      await options.onProgress?.({ done, total });
    }

    // The annex.
    pdf.addPage();
    entries.at(-1)!.pageIndex = pdf.pages - 1;
    doc.addNamedDestination('annex');
    outline.push({ title: t.annex, index: pdf.pages - 1 });
    pdf.use('serifBold', GB9704.titlePt);
    doc.text(t.annex, pdf.left, doc.y, { width: TEXT_WIDTH, align: 'center' });
    doc.moveDown(0.5);
    pdf.use('serif', GB9704.bodyPt);
    const gap = LINE_HEIGHT - GB9704.bodyPt * 1.2;
    doc.text(p.annex.length ? t.annexIntro(p.annex.length) : t.annexNone, pdf.left, doc.y, {
      width: TEXT_WIDTH,
      indent: GB9704.bodyPt * 2,
      lineGap: gap,
    });
    for (const [i, unit] of p.annex.entries())
      doc.text(`${i + 1}. ${annexLine(unit, language)}`, pdf.left, doc.y, {
        width: TEXT_WIDTH,
        indent: GB9704.bodyPt * 2,
        lineGap: gap,
      });

    // The contents, drawn now and moved to follow the cover.
    const bodyPages = pdf.pages;
    pdf.numbering = (index) => index - bodyPages + 2;
    const number = (pageIndex: number) => (pageIndex === 0 ? 1 : pageIndex + tocPages + 1);
    pdf.addPage();
    const drawn = layOutContents(pdf, t.contents, entries, {
      heading: (y) => {
        pdf.use('sans', GB9704.titlePt);
        doc.text(t.contents, pdf.left, y, { width: TEXT_WIDTH, align: 'center' });
        pdf.use('serif', GB9704.bodyPt);
      },
      newPage: () => {
        pdf.addPage();
        pdf.use('serif', GB9704.bodyPt);
      },
      entry: (i, y, height) => {
        const entry = entries[i]!;
        const numberWidth = GB9704.bodyPt * 3;
        doc.text(entry.text, pdf.left, y, {
          width: TEXT_WIDTH - numberWidth,
          lineGap: LINE_HEIGHT - GB9704.bodyPt * 1.2,
          goTo: entry.destination,
        });
        const label = String(number(entry.pageIndex));
        doc.text(label, pdf.left + TEXT_WIDTH - doc.widthOfString(label), y + height - LINE_HEIGHT, {
          lineBreak: false,
          goTo: entry.destination,
        });
      },
    });
    if (drawn !== tocPages) throw new Error(`The contents took ${drawn} pages, not the ${tocPages} measured`);
    // Page order: the cover, the contents, then the body as it was written.
    const kids = pageTreeKids(doc);
    kids.splice(1, 0, ...kids.splice(bodyPages, tocPages));
    // Bookmarks, in page order; pdfkit's outline takes a page by its place in the page tree.
    const bookmark = doc.outline.addItem as (title: string, options: { pageNumber: number }) => unknown;
    bookmark.call(doc.outline, t.contents, { pageNumber: 1 });
    for (const item of outline) bookmark.call(doc.outline, item.title, { pageNumber: item.index + tocPages });
    const pageCount = pdf.pages;
    await output.finish();
    return {
      fileName: collectionFileName(p.campaign, 'pdf', language),
      units: done,
      pages: pageCount,
      contentsPages: entries.map((entry) => number(entry.pageIndex)),
    };
  } catch (error) {
    output.abort(error as Error);
    throw error;
  }
}

/** The 统计汇总表 on landscape pages: ruled, the header row repeated on each page, subtotals in bold. */
function drawTable(pdf: GbPdf, table: Prepared['table']): void {
  const { doc } = pdf;
  const size = GB9704.tablePt;
  const columns = tableColumns(table.header, 10_000).map((c) => ({
    ...c,
    width: (c.width / 10_000) * pdf.width,
  }));
  const pad = 2;
  const lineGap = 1;
  const measure = (cells: readonly string[]) =>
    Math.max(
      ...cells.map((text, i) => {
        const width = columns[i]!.width - pad * 2;
        return doc.widthOfString(text) <= width ? size * 1.2 + lineGap : doc.heightOfString(text, { width, lineGap });
      }),
    ) +
    pad * 2;
  const rule = (y: number, height: number) => {
    let x = pdf.left;
    doc
      .moveTo(x, y)
      .lineTo(x + pdf.width, y)
      .lineTo(x + pdf.width, y + height)
      .lineTo(x, y + height)
      .lineTo(x, y);
    for (const column of columns.slice(0, -1)) {
      x += column.width;
      doc.moveTo(x, y).lineTo(x, y + height);
    }
    doc.lineWidth(0.5).stroke();
  };
  const drawRow = (cells: readonly string[], header: boolean, font: PdfFont = 'serif') => {
    pdf.use(font, size);
    let height = measure(cells);
    if (doc.y + height > pdf.maxY) {
      pdf.addPage('landscape');
      if (!header) {
        drawHeader();
        pdf.use(font, size);
        height = measure(cells);
      }
    }
    const y = doc.y;
    let x = pdf.left;
    cells.forEach((text, i) => {
      const column = columns[i]!;
      const width = column.width - pad * 2;
      if (text) {
        const fits = doc.widthOfString(text) <= width;
        if (fits && column.align === 'right' && !header)
          doc.text(text, x + column.width - pad - doc.widthOfString(text), y + pad, { lineBreak: false });
        else if (fits && !header) doc.text(text, x + pad, y + pad, { lineBreak: false });
        else doc.text(text, x + pad, y + pad, { width, lineGap, align: header ? 'center' : 'left' });
      }
      x += column.width;
    });
    rule(y, height);
    doc.x = pdf.left;
    doc.y = y + height;
  };
  const header = table.header.map(String);
  const drawHeader = () => drawRow(header, true, 'sans');
  drawHeader();
  for (const row of table.rows) drawRow(row.cells.map(cellText), false, row.kind === 'unit' ? 'serif' : 'sans');
}

/** A stream that takes everything and keeps nothing. */
const discard = () =>
  new Writable({
    write: (_chunk, _encoding, callback) => callback(),
  });

/** Writes the collection of the campaign to `out` in the format asked, reporting progress unit by unit. */
export async function writeCollection(options: WriteCollectionOptions): Promise<CollectionResult> {
  const prepared = await prepare(options);
  return options.format === 'docx' ? writeCollectionDocx(options, prepared) : writeCollectionPdf(options, prepared);
}

/** How many summaries a collection of the campaign would hold now (approved, reachable). */
export async function countApprovedSummaries(
  db: Database,
  actor: UserActor,
  campaignId: string,
): Promise<{ approved: number; units: number }> {
  const units = await listCollectionUnitRows(db, campaignId, (params) =>
    visibleUnitsSql(actor, 'summaries.read', 'u', params),
  );
  return { approved: units.filter((u) => u.status === 'approved').length, units: units.length };
}
