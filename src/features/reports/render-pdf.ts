import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Paragraph, SummaryDocument, SummaryLanguage } from '../summaries/document.ts';
import { GB9704 } from './render-docx.ts';

/**
 * The CJK fonts of fonts-noto-cjk (Debian), embedded (subset) so that the PDF shows and yields
 * its Chinese text on any machine. A .ttc holds several faces: pdfkit picks one by PostScript name.
 */
const NOTO = '/usr/share/fonts/opentype/noto';
export const PDF_FONTS = {
  serif: { file: `${NOTO}/NotoSerifCJK-Regular.ttc`, face: 'NotoSerifCJKsc-Regular' },
  serifBold: { file: `${NOTO}/NotoSerifCJK-Bold.ttc`, face: 'NotoSerifCJKsc-Bold' },
  sans: { file: `${NOTO}/NotoSansCJK-Regular.ttc`, face: 'NotoSansCJKsc-Regular' },
} as const;

const mm = (value: number) => (value / 25.4) * 72;

export class MissingFontError extends Error {}

function registerFonts(pdf: PDFKit.PDFDocument): void {
  for (const [name, font] of Object.entries(PDF_FONTS)) {
    if (!fs.existsSync(font.file))
      throw new MissingFontError(`The CJK font ${font.file} is missing: install the Debian package fonts-noto-cjk`);
    pdf.registerFont(name, font.file, font.face);
  }
}

const textOf = (p: Paragraph) => p.runs.map((r) => r.text).join('');

/**
 * The summary as a PDF on the GB/T 9704 page (A4, the same margins, 22 lines a page), in
 * Noto Serif CJK (the 仿宋 of a machine without office fonts), headings 一、 in Noto Sans CJK.
 */
export async function renderSummaryPdf(document: SummaryDocument, language: SummaryLanguage): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: mm(GB9704.topMm), bottom: mm(GB9704.bottomMm), left: mm(GB9704.leftMm), right: mm(GB9704.rightMm) },
    bufferPages: true,
    lang: language,
    info: { Title: document.title, Creator: 'OpenDay' },
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  registerFonts(pdf);
  const lineHeight = (mm(225) / 22) as number;
  const body = GB9704.bodyPt;
  const width = mm(156);
  const gap = lineHeight - body * 1.2;
  const indent = language === 'zh-CN' ? body * 2 : body;

  pdf.font('serifBold').fontSize(GB9704.titlePt);
  pdf.text(document.title, { align: 'center', width, lineGap: lineHeight * 1.2 - GB9704.titlePt * 1.2 });
  pdf.moveDown(0.5);
  const paragraph = (text: string, font: 'serif' | 'sans') =>
    pdf.font(font).fontSize(body).text(text, { align: 'justify', width, indent, lineGap: gap, paragraphGap: 0 });
  paragraph(textOf(document.opening), 'serif');
  for (const section of document.sections) {
    paragraph(section.heading, 'sans');
    for (const p of section.paragraphs) paragraph(textOf(p), 'serif');
  }

  // 页码 "— 1 —": odd pages on the right, even on the left, in the bottom margin.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const number = `— ${i + 1} —`;
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('serif')
      .fontSize(GB9704.footerPt)
      .text(number, mm(GB9704.leftMm) + GB9704.footerPt, pdf.page.height - mm(GB9704.bottomMm) + mm(7), {
        width: width - GB9704.footerPt * 2,
        align: (i + 1) % 2 === 1 ? 'right' : 'left',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
