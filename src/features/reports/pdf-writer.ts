import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type { DocumentImage } from '../photos/read.ts';
import type { Paragraph, SummaryDocument, SummaryLanguage } from '../summaries/read.ts';
import { photoCaption, photosHeading, photoSizeMm, type DocumentPhoto } from './docx-writer.ts';
import { GB9704, mmToPt as mm } from './gb9704.ts';
import { balancedTitleLines, TITLE_CHARS } from '../../platform/documents/title-lines.ts';
import {
  forgetLayoutCaches,
  simplifyCurrentFontLayout,
  WORD_JOINER,
} from '../../platform/documents/pdfkit-internals.ts';

/**
 * PDF on the GB/T 9704 page with pdfkit, written page by page (no page is held back): the unit
 * summary and the collection of summaries share these pieces.
 */

/**
 * The CJK fonts, Noto Serif SC and Noto Sans SC (SIL Open Font License), from the npm registry
 * (Expo's packages of the Google Fonts files), so that `npm ci` is the whole set-up: no font needs
 * to be installed on the machine. Embedded (subset), so that the PDF shows and yields its Chinese
 * text on any machine.
 */
const fontFile = (pkg: string, file: string) =>
  createRequire(import.meta.url).resolve(`@expo-google-fonts/${pkg}/${file}`);
export const PDF_FONTS = {
  serif: { file: fontFile('noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf') },
  serifBold: { file: fontFile('noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf') },
  sans: { file: fontFile('noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf') },
} as const;
export type PdfFont = keyof typeof PDF_FONTS;

export class MissingFontError extends Error {}

/** Registers the named fonts with a PDF document; a font file that is gone is said by its package. */
export function registerPdfFonts(doc: PDFKit.PDFDocument, names: readonly PdfFont[]): void {
  for (const name of names) {
    const font = PDF_FONTS[name];
    if (!fs.existsSync(font.file))
      throw new MissingFontError(`The CJK font ${font.file} is missing: run npm ci (it comes with the font packages)`);
    doc.registerFont(name, font.file);
  }
}

/** The portrait page's margins; the landscape page turns the text block (binding side on the left). */
export const PORTRAIT_MARGINS = {
  top: mm(GB9704.topMm),
  bottom: mm(GB9704.bottomMm),
  left: mm(GB9704.leftMm),
  right: mm(GB9704.rightMm),
};
export const LANDSCAPE_MARGINS = {
  top: mm(GB9704.rightMm),
  bottom: mm(GB9704.leftMm),
  left: mm(GB9704.topMm),
  right: mm(GB9704.bottomMm),
};

/** 225 mm / 22 lines. */
export const LINE_HEIGHT = mm(GB9704.textHeightMm) / 22;
export const TEXT_WIDTH = mm(GB9704.textWidthMm);

/** A page's number, or null for a page without one (the cover). */
export type PageNumbering = (pageIndex: number) => number | null;

/**
 * A PDF on the GB/T 9704 page with the CJK fonts registered and "— n —" drawn on each page as
 * it is added (odd pages on the right, even on the left, in the bottom margin).
 */
let pdfkit: Promise<typeof PDFKitDocument> | undefined;

/** pdfkit, loaded when the first PDF is written: ~35 MiB of memory that a server writing no PDF does not carry. */
export function loadPdfKit(): Promise<typeof PDFKitDocument> {
  return (pdfkit ??= import('pdfkit').then((module) => module.default));
}

export class GbPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly language: SummaryLanguage;
  /** Pages added so far. */
  pages = 0;
  numbering: PageNumbering = (i) => i + 1;
  private font: PdfFont = 'serif';
  private size: number = GB9704.bodyPt;

  /** A new document, pdfkit loaded first. */
  static async open(options: { title: string; language: SummaryLanguage }): Promise<GbPdf> {
    return new GbPdf(await loadPdfKit(), options);
  }

  private constructor(PDFDocument: typeof PDFKitDocument, options: { title: string; language: SummaryLanguage }) {
    this.language = options.language;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: PORTRAIT_MARGINS,
      autoFirstPage: false,
      lang: options.language,
      info: { Title: options.title, Creator: 'OpenDay' },
      displayTitle: true,
    });
    registerPdfFonts(this.doc, Object.keys(PDF_FONTS) as PdfFont[]);
    this.doc.on('pageAdded', () => this.drawPageNumber(this.pages++));
  }

  /** Drops the fonts' layout caches, so memory does not grow with the units of a collection. */
  forgetLayouts(): void {
    forgetLayoutCaches(this.doc);
  }

  /** Sets the font for what follows (and remembers it, so a page number drawn meanwhile restores it). */
  use(font: PdfFont, size: number): PDFKit.PDFDocument {
    this.font = font;
    this.size = size;
    this.doc.font(font).fontSize(size);
    simplifyCurrentFontLayout(this.doc);
    return this.doc;
  }

  addPage(orientation: 'portrait' | 'landscape' = 'portrait'): void {
    this.doc.addPage({
      size: 'A4',
      layout: orientation,
      margins: orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS,
    });
  }

  /** The lowest y a line may start at on this page. */
  get maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private drawPageNumber(pageIndex: number): void {
    const number = this.numbering(pageIndex);
    if (number === null) return;
    const { doc } = this;
    const { x, y } = doc;
    const label = `— ${number} —`;
    doc.font('serif').fontSize(GB9704.footerPt);
    const width = doc.widthOfString(label);
    const inset = GB9704.footerPt; // one character in from the text block's edge
    const left =
      number % 2 === 1 ? doc.page.width - doc.page.margins.right - inset - width : doc.page.margins.left + inset;
    doc.text(label, left, doc.page.height - doc.page.margins.bottom + mm(7), { lineBreak: false });
    doc.font(this.font).fontSize(this.size);
    doc.x = x;
    doc.y = y;
  }
}

/**
 * Measure words kept with the number before them, longest first: "62件", "264人次", "6.5个工作日".
 * pdfkit breaks lines by Unicode's line-breaking rules, which allow a break before any ideograph,
 * so a line could end in "62" and the next begin with "件".
 */
const MEASURED = /(\d)(人次|个工作日|个|件|份|人|次|条|块|名|场|篇|处|家|项|台|册|张|期|天|年|月|日|号|余)/gu;

/** The text with word joiners (U+2060, no break either side) inside each number and its measure word. */
export const keepTogether = (text: string) =>
  text.replace(MEASURED, (_, digit: string, word: string) => `${digit}${WORD_JOINER}${[...word].join(WORD_JOINER)}`);

const textOf = (p: Paragraph) => keepTogether(p.runs.map((r) => r.text).join(''));

/** A photo with its image read, ready to draw. */
export interface LoadedPhoto {
  photo: DocumentPhoto;
  image: DocumentImage;
}

/**
 * Writes a summary from the current position (the caller starts the page): the title in
 * 小标宋 (Noto Serif CJK Bold here), the body in 仿宋 (Noto Serif CJK), headings 一、 in 黑体
 * (Noto Sans CJK), 22 lines a page; the photos the unit chose after section 六.
 */
export async function writeSummaryPdf(
  pdf: GbPdf,
  document: SummaryDocument,
  photos: readonly DocumentPhoto[],
): Promise<void> {
  const { doc } = pdf;
  const body = GB9704.bodyPt;
  const gap = LINE_HEIGHT - body * 1.2;
  const indent = pdf.language === 'zh-CN' ? body * 2 : body;
  const width = TEXT_WIDTH;
  pdf.use('serifBold', GB9704.titlePt);
  doc.text(balancedTitleLines(document.title, TITLE_CHARS).join('\n'), pdf.left, doc.y, {
    align: 'center',
    width,
    lineGap: LINE_HEIGHT * 1.2 - GB9704.titlePt * 1.2,
  });
  doc.moveDown(0.5);
  const paragraph = (text: string, font: PdfFont) => {
    pdf.use(font, body);
    // Chinese text is justified on its grid; English text left-aligned, without wide gaps.
    const align = pdf.language === 'zh-CN' ? 'justify' : 'left';
    doc.text(text, pdf.left, doc.y, { align, width, indent, lineGap: gap, paragraphGap: 0 });
  };
  const photoBlock = async () => {
    if (!photos.length) return;
    paragraph(photosHeading(document.language), 'sans');
    for (const [i, photo] of photos.entries()) {
      const image = await photo.load();
      const size = photoSizeMm(photo);
      const w = mm(size.width);
      const h = mm(size.height);
      const caption = photoCaption(i, photo, document.language);
      pdf.use('serif', GB9704.footerPt);
      const captionHeight = doc.heightOfString(caption, { width });
      // The photo and its caption stay on one page.
      if (doc.y + 4 + h + 4 + captionHeight > pdf.maxY) pdf.addPage();
      const top = doc.y + 4;
      doc.image(image.data, pdf.left + (width - w) / 2, top, { width: w, height: h });
      pdf.use('serif', GB9704.footerPt);
      doc.text(caption, pdf.left, top + h + 4, { align: 'center', width });
      doc.x = pdf.left;
      doc.moveDown(0.5);
    }
  };
  paragraph(textOf(document.opening), 'serif');
  let placed = false;
  for (const section of document.sections) {
    if (section.key === 'remarks' && !placed) {
      await photoBlock();
      placed = true;
    }
    paragraph(section.heading, 'sans');
    for (const p of section.paragraphs) paragraph(textOf(p), 'serif');
  }
  if (document.signature) {
    // 落款: right-aligned, four characters in from the margin, a blank line above.
    pdf.use('serif', body);
    doc.moveDown(1);
    for (const line of [document.signature.issuer, document.signature.date])
      doc.text(line, pdf.left, doc.y, { align: 'right', width: width - body * 4, lineGap: gap });
  }
  if (!placed) await photoBlock();
}

/** Collects the PDF's bytes as pdfkit writes them; resolves when it ends. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
