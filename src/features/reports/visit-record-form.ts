import fs from 'node:fs';
import { type Column, CONSULTATION_COLUMNS } from '../imports/read.ts';
import { loadPdfKit } from './pdf-writer.ts';
import { registerPdfFonts } from './render-pdf.ts';

/**
 * The printable blank visit-record form (来访登记表) for desks without a device: A4 landscape,
 * a ruled table whose columns are the import template's, in its order, so that a filled-in
 * sheet is typed into the template (or a copy of this table) and imported as it is.
 */

const mm = (value: number) => (value / 25.4) * 72;

/** A4 landscape, in points. */
export const FORM_PAGE = { width: 841.89, height: 595.28, margin: mm(12) } as const;

/** Rows to write in on each page. */
export const FORM_ROWS_PER_PAGE = 12;

/**
 * Room each column gets on paper, in parts of the table's width: by hand a question needs more
 * than its spreadsheet column, a yes/no less. Columns not named take their spreadsheet width. The
 * parts add up to 167: past about 171, 来访编号's header no longer fits on one line.
 */
const PAPER_WIDTH: Record<string, number> = {
  no: 4,
  date: 8,
  time: 5.5,
  desk: 9,
  channel: 6,
  channelPoint: 11,
  topic: 9,
  question: 24,
  answer: 20,
  outcome: 8,
  handledMatter: 10,
  receivedBy: 6,
  partner: 8,
  rating: 7,
  visitorName: 7,
  visitorPhone: 11,
  contactConsent: 6.5,
  visit: 7,
};

/** Where a one-line header of `size` points starts so that its baseline is that of a 9 pt header at `y`. */
const baselineAt = (y: number, size: number) => y + (9 - size) * 0.88;

export interface FormColumn {
  key: string;
  zh: string;
  en: string;
  /** Left edge and width in points. */
  x: number;
  width: number;
}

/** The columns of the printed table: the import template's, laid out across the page. */
export function formColumns(columns: readonly Column[] = CONSULTATION_COLUMNS): FormColumn[] {
  const tableWidth = FORM_PAGE.width - 2 * FORM_PAGE.margin;
  const parts = columns.map((c) => PAPER_WIDTH[c.key] ?? c.width ?? 10);
  const total = parts.reduce((a, b) => a + b, 0);
  let x = FORM_PAGE.margin;
  return columns.map((c, i) => {
    const width = (parts[i]! / total) * tableWidth;
    const column = { key: c.key, zh: c.zh, en: c.en, x, width };
    x += width;
    return column;
  });
}

const INSTRUCTIONS_ZH = [
  '填写说明：一人多个问题分行填写，“来访编号”填同一编号（算一人次）；只领取资料的来访可不填“问题”。',
  '渠道：现场、热线、信箱、网上、座谈会（空则为现场）；热线或意见箱：来电、来信所经的本单位热线或意见箱的名称或号码；处理方式：当场答复、现场办理（“办理事项”写明办了什么）、转办、登记后答复、意见建议、投诉；接待人：方案中值班人员姓名；合作单位：联合设台时解答问题的合作单位名称；评价：非常满意、满意、基本满意、不满意、非常不满意。',
  '姓名、电话须经本人同意方可填写，并在“同意保留联系方式”栏填“是”。',
  '导入：按表录入导入模板（openday import template --kind consultations，或控制台“导入”下载），再执行 openday import 文件 --campaign 活动 --unit 单位，或在控制台上传；整批导入，有错行则一行不入。',
];
const INSTRUCTIONS_EN =
  "One line per question; the same Visit number for several questions of one visitor. Hotline or mailbox: the unit's hotline or mailbox a call or letter came through, by name or number. Handled: what was done on the spot; Received by: a staff member on duty; Partner: the partner organisation at the desk that answered. Name and phone only with consent (Consent: yes). " +
  'To import: type the sheet into the import template (openday import template, or Imports in the console), then openday import FILE --campaign SLUG --unit UNIT, or upload it in the console: all rows or none.';

/**
 * The blank form as a PDF: on each page the title, lines for the unit, desk, date and recorder,
 * the ruled table (Chinese headers, English below in small type) and the instructions for
 * filling it in and importing it. Noto Sans CJK is embedded (subset).
 */
export async function renderVisitRecordForm({
  pages = 1,
  rowsPerPage = FORM_ROWS_PER_PAGE,
}: { pages?: number; rowsPerPage?: number } = {}): Promise<Buffer> {
  if (!Number.isInteger(pages) || pages < 1 || pages > 50) throw new RangeError('pages must be 1 to 50');
  const { width: pageWidth, height: pageHeight, margin } = FORM_PAGE;
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    lang: 'zh-CN',
    info: { Title: '来访登记表 Visit record form', Creator: 'OpenDay' },
    displayTitle: true,
    autoFirstPage: false,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  registerPdfFonts(pdf, ['sans', 'serifBold']);
  const columns = formColumns();
  const right = pageWidth - margin;
  const headerHeight = 34;
  const footerHeight = 90;

  for (let page = 1; page <= pages; page++) {
    pdf.addPage();
    let y = margin;
    pdf
      .font('serifBold')
      .fontSize(18)
      .text('政务公开日来访登记表', margin, y, { width: right - margin, align: 'center' });
    y += 24;
    pdf
      .font('sans')
      .fontSize(8)
      .fillColor('#444444')
      .text('Government Open Day: visit record form', margin, y, { width: right - margin, align: 'center' });
    pdf.fillColor('#000000');
    y += 18;

    // 单位 / 咨询台 / 日期 / 记录人, each with a line to write on.
    const fields = [
      { zh: '单位', en: 'Unit', share: 0.34 },
      { zh: '咨询台', en: 'Desk', share: 0.26 },
      { zh: '日期', en: 'Date', share: 0.2 },
      { zh: '记录人', en: 'Recorded by', share: 0.2 },
    ];
    let x = margin;
    for (const field of fields) {
      const width = (right - margin) * field.share;
      pdf.font('sans').fontSize(10.5).text(`${field.zh}：`, x, y, { lineBreak: false });
      const labelWidth = pdf.widthOfString(`${field.zh}：`);
      pdf
        .moveTo(x + labelWidth + 2, y + 13)
        .lineTo(x + width - 12, y + 13)
        .lineWidth(0.6)
        .stroke();
      pdf
        .fontSize(6.5)
        .fillColor('#555555')
        .text(field.en, x, y + 15, { lineBreak: false });
      pdf.fillColor('#000000');
      x += width;
    }
    y += 30;

    // The table: header (Chinese, English below in small type), then ruled rows.
    const top = y;
    const rowHeight = (pageHeight - margin - footerHeight - (top + headerHeight)) / rowsPerPage;
    const bottom = top + headerHeight + rowHeight * rowsPerPage;
    pdf.rect(margin, top, right - margin, headerHeight).fill('#eef1f6');
    pdf.fillColor('#000000');
    for (const column of columns) {
      // The largest size (at most 9 pt) at which the Chinese header fits on one line, or on two
      // (a CJK character is one em wide; 2 % kept so that rounding never breaks a fitting line).
      const chars = [...column.zh].length;
      const room = (column.width - 3) * 0.98;
      let size = Math.min(9, room / chars);
      let lines = 1;
      if (size < 7) {
        lines = 2;
        size = Math.min(8, room / Math.ceil(chars / 2));
      }
      pdf
        .font('sans')
        .fontSize(size)
        .text(column.zh, column.x + 1.5, lines === 1 ? baselineAt(top + 8, size) : top + 3, {
          width: column.width - 3,
          align: 'center',
        });
      // The English below, on one line: smaller than 5.5 pt where the column is narrow.
      const enSize = Math.min(5.5, (5.5 * (column.width - 2.5)) / pdf.fontSize(5.5).widthOfString(column.en));
      pdf
        .fontSize(enSize)
        .fillColor('#444444')
        .text(column.en, column.x + 1, top + headerHeight - 9 + (5.5 - enSize), {
          width: column.width - 2,
          align: 'center',
          lineBreak: false,
        });
      pdf.fillColor('#000000');
    }
    pdf.lineWidth(0.5);
    for (let row = 0; row <= rowsPerPage; row++) {
      const ry = top + headerHeight + row * rowHeight;
      pdf.moveTo(margin, ry).lineTo(right, ry).stroke();
      if (row < rowsPerPage) {
        pdf
          .font('sans')
          .fontSize(8)
          .fillColor('#777777')
          .text(String((page - 1) * rowsPerPage + row + 1), columns[0]!.x, ry + rowHeight / 2 - 4, {
            width: columns[0]!.width,
            align: 'center',
            lineBreak: false,
          });
        pdf.fillColor('#000000');
      }
    }
    for (const column of columns) pdf.moveTo(column.x, top).lineTo(column.x, bottom).stroke();
    pdf
      .lineWidth(1)
      .rect(margin, top, right - margin, bottom - top)
      .stroke();

    // Instructions: filling in, then importing.
    let fy = bottom + 5;
    pdf.font('sans').fontSize(7.2);
    for (const line of INSTRUCTIONS_ZH) {
      pdf.text(line, margin, fy, { width: right - margin });
      fy = pdf.y + 1;
    }
    pdf
      .fontSize(6)
      .fillColor('#444444')
      .text(INSTRUCTIONS_EN, margin, fy, { width: right - margin });
    pdf.fillColor('#000000');
    // The page number sits in the bottom margin: without the margin pdfkit would start a page.
    pdf.page.margins.bottom = 0;
    pdf.fontSize(7).text(`第 ${page} 页 / 共 ${pages} 页  Page ${page} of ${pages}`, margin, pageHeight - margin + 2, {
      width: right - margin,
      align: 'right',
      lineBreak: false,
    });
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

/** Writes the blank form to a file (`openday report form -o FILE.pdf`). */
const blankForms = new Map<number, Promise<Buffer>>();

/**
 * The blank form of `pages` pages as the server hands it out: rendered once per page count and
 * process, then the same bytes. It holds no data, and a render costs about a second of CPU idle
 * (the CJK font is parsed and subset) and over ten on a busy machine, where requests for it would
 * otherwise queue behind one another. A failed render is not kept.
 */
export function blankVisitRecordForm(pages: number): Promise<Buffer> {
  let form = blankForms.get(pages);
  if (!form) {
    form = renderVisitRecordForm({ pages });
    blankForms.set(pages, form);
    form.catch(() => blankForms.delete(pages));
  }
  return form;
}

export async function writeVisitRecordForm(file: string, options: { pages?: number } = {}): Promise<void> {
  await fs.promises.writeFile(file, await renderVisitRecordForm(options));
}
