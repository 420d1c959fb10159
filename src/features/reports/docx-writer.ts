import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { xmlText } from '../../platform/documents/write-xlsx.ts';
import type { DocumentImage } from '../photos/read.ts';
import type { Paragraph as SummaryParagraph, SummaryDocument, SummaryLanguage } from '../summaries/read.ts';
import { GB9704, mmToTwip, OFFICE_FONTS, SUBSECTION_OPENING } from './gb9704.ts';
import { balancedTitleLines, TITLE_CHARS } from '../../platform/documents/title-lines.ts';

/**
 * A WordprocessingML (DOCX) writer that streams: document.xml is written paragraph by paragraph
 * into the zip as it is produced, and images are read one at a time after it, so a document of
 * thousands of summaries needs the memory of one summary, not of the whole book. The layout is
 * GB/T 9704-2012's: the unit summary and the collection of summaries are written by the same code.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const LATIN = 'Times New Roman';
const halfPoints = (points: number) => points * 2;
/** One character of the body (16 pt) in twips: the first-line indent is two of them. */
const BODY_CHAR_TWIPS = halfPoints(GB9704.bodyPt) * 10;
/** English Metric Units: 36,000 a millimetre. */
const EMU_PER_MM = 36_000;

export const PORTRAIT_TEXT_TWIPS = mmToTwip(GB9704.textWidthMm);
/** The landscape page turns the text block: 225 mm wide, 156 mm high. */
export const LANDSCAPE_TEXT_TWIPS = mmToTwip(GB9704.textHeightMm);

function rPr(family: readonly string[], points: number, extra = ''): string {
  const size = halfPoints(points);
  return `<w:rPr><w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="${family[0]}"/>${extra}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
}

const space = (text: string) => (/^\s|\s$/.test(text) ? ' xml:space="preserve"' : '');

/** A run of text; line breaks in the text become <w:br/>. */
export function run(text: string, family: readonly string[], points: number, extra = ''): string {
  const parts = text.split('\n').map((line) => `<w:t${space(line)}>${xmlText(line)}</w:t>`);
  return `<w:r>${rPr(family, points, extra)}${parts.join('<w:br/>')}</w:r>`;
}

/**
 * Character spacing of the body, in twentieths of a point: 16 pt characters condensed by 0.25 pt
 * make 28 a line in the 156 mm text block (28 × 15.75 pt = 441 pt of 442.2), in Word as in LibreOffice.
 */
const BODY_CHARACTER_SPACING = -5;

const EXACT_LINE = `<w:spacing w:before="0" w:after="0" w:line="${GB9704.lineTwips}" w:lineRule="exact"/>`;

export interface TitleOptions {
  /** A bookmark on the title, which a table of contents points to. */
  bookmark?: { id: number; name: string };
  /** Starts a new page (each summary of a collection). */
  pageBreakBefore?: boolean;
}

/** The title: 2号 小标宋, centred, a blank line after; outline level 1 so a TOC field finds it. */
export function titleParagraph(text: string, options: TitleOptions = {}): string {
  const mark = options.bookmark;
  return (
    `<w:p><w:pPr><w:pStyle w:val="Heading1"/>${options.pageBreakBefore ? '<w:pageBreakBefore/>' : ''}` +
    `<w:spacing w:before="0" w:after="${GB9704.lineTwips}" w:line="${GB9704.lineTwips}" w:lineRule="exact"/>` +
    `<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
    (mark ? `<w:bookmarkStart w:id="${mark.id}" w:name="${mark.name}"/>` : '') +
    run(balancedTitleLines(text, TITLE_CHARS).join('\n'), OFFICE_FONTS.title, GB9704.titlePt) +
    (mark ? `<w:bookmarkEnd w:id="${mark.id}"/>` : '') +
    `</w:p>`
  );
}

/** A heading 一、 in 黑体, indented two characters like the body. */
export function headingParagraph(text: string): string {
  return `<w:p><w:pPr>${EXACT_LINE}<w:ind w:firstLine="${BODY_CHAR_TWIPS * 2}"/></w:pPr>${run(text, OFFICE_FONTS.heading1, GB9704.bodyPt)}</w:p>`;
}

/**
 * A body paragraph in 仿宋, 3号, first line indented two characters; Chinese text justified on its
 * grid, English text left-aligned (justifying it on the Chinese grid leaves wide gaps).
 */
export function textParagraph(
  text: string,
  family: readonly string[] = OFFICE_FONTS.body,
  align: 'both' | 'left' = 'both',
): string {
  return `<w:p><w:pPr>${EXACT_LINE}<w:ind w:firstLine="${BODY_CHAR_TWIPS * 2}"/><w:jc w:val="${align}"/></w:pPr>${run(text, family, GB9704.bodyPt)}</w:p>`;
}

/** 落款: the issuing unit and the date, aligned right four characters in from the margin (GB/T 9704). */
export function signatureParagraphs(signature: { issuer: string; date: string }): string[] {
  return [signature.issuer, signature.date].map(
    (line, i) =>
      `<w:p><w:pPr>${i === 0 ? `<w:spacing w:before="${GB9704.lineTwips}" w:after="0" w:line="${GB9704.lineTwips}" w:lineRule="exact"/>` : EXACT_LINE}` +
      `<w:ind w:right="${BODY_CHAR_TWIPS * 4}"/><w:jc w:val="right"/></w:pPr>${run(line, OFFICE_FONTS.body, GB9704.bodyPt)}</w:p>`,
  );
}

/** A line centred in the body font (captions, the cover). */
export function centredParagraph(
  text: string,
  options: { family?: readonly string[]; points?: number; before?: number; after?: number } = {},
): string {
  const points = options.points ?? GB9704.bodyPt;
  const line = points > GB9704.bodyPt ? Math.round(points * 20 * 1.5) : GB9704.lineTwips;
  return (
    `<w:p><w:pPr><w:spacing w:before="${options.before ?? 0}" w:after="${options.after ?? 0}" w:line="${line}" w:lineRule="exact"/>` +
    `<w:jc w:val="center"/></w:pPr>${run(text, options.family ?? OFFICE_FONTS.body, points)}</w:p>`
  );
}

/** A summary paragraph: a subsection opening with （一） is set in 楷体. */
function summaryParagraph(paragraph: SummaryParagraph, language: SummaryLanguage): string {
  const first = paragraph.runs[0];
  const subheading = first?.kind === 'enumerator' && SUBSECTION_OPENING.test(first.text);
  const text = paragraph.runs.map((r) => r.text).join('');
  return textParagraph(
    text,
    subheading ? OFFICE_FONTS.heading2 : OFFICE_FONTS.body,
    language === 'zh-CN' ? 'both' : 'left',
  );
}

/** A photo as a document shows it: its image is read when the package writes it. */
export interface DocumentPhoto {
  id: string;
  caption: string | null;
  /** The words a screen reader says for it. */
  alt: string;
  width: number;
  height: number;
  /** The type of the image load() answers. */
  contentType: DocumentImage['contentType'];
  load: () => Promise<DocumentImage>;
}

/** The largest a photo is drawn: the text width, and at most two thirds of the text height. */
export const PHOTO_MAX_MM = { width: GB9704.textWidthMm, height: 150 } as const;

/** The size a photo is drawn at, in millimetres: as large as fits, never enlarged past 1 px = 0.2 mm. */
export function photoSizeMm(photo: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(PHOTO_MAX_MM.width / photo.width, PHOTO_MAX_MM.height / photo.height, 0.2);
  return { width: photo.width * scale, height: photo.height * scale };
}

/** The caption under a photo: 图1 caption. */
export function photoCaption(index: number, photo: { caption: string | null }, language: SummaryLanguage): string {
  const label = language === 'zh-CN' ? `图${index + 1}` : `Figure ${index + 1}`;
  return photo.caption ? `${label}${language === 'zh-CN' ? ' ' : '. '}${photo.caption}` : label;
}

/** The heading of the photos after section 六. */
export const photosHeading = (language: SummaryLanguage) => (language === 'zh-CN' ? '活动照片' : 'Photos of the day');

/** Receives what one document's body refers to: its images, and ids unique in the document. */
export interface DocxBody {
  /** Registers an image and answers the paragraph that shows it. */
  image(photo: DocumentPhoto): string;
  /** A new id for a bookmark. */
  nextBookmarkId(): number;
}

function imageParagraph(relationshipId: string, drawingId: number, photo: DocumentPhoto): string {
  const size = photoSizeMm(photo);
  const cx = Math.round(size.width * EMU_PER_MM);
  const cy = Math.round(size.height * EMU_PER_MM);
  const alt = xmlText(photo.alt);
  return (
    `<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60" w:line="240" w:lineRule="auto"/><w:snapToGrid w:val="0"/><w:jc w:val="center"/></w:pPr>` +
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:docPr id="${drawingId}" name="Picture ${drawingId}" descr="${alt}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${A}"><a:graphicData uri="${PIC}"><pic:pic xmlns:pic="${PIC}">` +
    `<pic:nvPicPr><pic:cNvPr id="${drawingId}" name="photo-${drawingId}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relationshipId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/**
 * The paragraphs of a summary: title, opening, sections 一 to 六, the photos the unit chose
 * (after 六, each with its caption), then the unit's remarks.
 */
export function summaryParagraphs(
  document: SummaryDocument,
  photos: readonly DocumentPhoto[],
  body: DocxBody,
  title: TitleOptions = {},
): string[] {
  const out = [titleParagraph(document.title, title), summaryParagraph(document.opening, document.language)];
  const photoBlock = () => {
    if (!photos.length) return;
    out.push(headingParagraph(photosHeading(document.language)));
    photos.forEach((photo, i) => {
      out.push(body.image(photo));
      out.push(
        centredParagraph(photoCaption(i, photo, document.language), {
          family: OFFICE_FONTS.heading2,
          points: GB9704.footerPt,
          after: 120,
        }),
      );
    });
  };
  let placed = false;
  for (const section of document.sections) {
    if (section.key === 'remarks' && !placed) {
      photoBlock();
      placed = true;
    }
    out.push(headingParagraph(section.heading));
    for (const p of section.paragraphs) out.push(summaryParagraph(p, document.language));
  }
  if (document.signature) out.push(...signatureParagraphs(document.signature));
  if (!placed) photoBlock();
  return out;
}

// Tables (the statistical summary)

export interface TableColumn {
  /** Width in twips. */
  width: number;
  align: 'left' | 'right' | 'center';
}

const cellBorders = `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>`;

/** The opening of a ruled table whose header row repeats on every page. */
export function tableStart(columns: readonly TableColumn[]): string {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>${cellBorders}<w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join('')}</w:tblGrid>`
  );
}

/** A table row; a header row repeats at the top of each page, a bold row sets off subtotals. */
export function tableRow(
  columns: readonly TableColumn[],
  cells: readonly (string | number | null)[],
  options: { header?: boolean; bold?: boolean } = {},
): string {
  const bold = options.bold || options.header ? '<w:b/><w:bCs/>' : '';
  const tds = cells.map((cell, i) => {
    const column = columns[i]!;
    const align = options.header ? 'center' : column.align;
    const text = cell === null || cell === undefined ? '' : String(cell);
    return (
      `<w:tc><w:tcPr><w:tcW w:w="${column.width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
      `<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="${align}"/></w:pPr>` +
      (text ? run(text, OFFICE_FONTS.footer, GB9704.tablePt, bold) : '') +
      `</w:p></w:tc>`
    );
  });
  const trPr = options.header ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' : '<w:trPr><w:cantSplit/></w:trPr>';
  return `<w:tr>${trPr}${tds.join('')}</w:tr>`;
}

export const tableEnd = () => '</w:tbl>';

// Sections and fields

export type Orientation = 'portrait' | 'landscape';

/** Section properties: the GB/T 9704 page, "— 1 —" footers, optionally no number on its first page. */
export function sectionProperties(options: { orientation?: Orientation; titlePage?: boolean } = {}): string {
  const landscape = options.orientation === 'landscape';
  const width = mmToTwip(GB9704.pageWidthMm);
  const height = mmToTwip(GB9704.pageHeightMm);
  // The landscape page turns the text block: the binding margin stays on the long side's left.
  const margin = landscape
    ? {
        top: mmToTwip(GB9704.rightMm),
        bottom: mmToTwip(GB9704.leftMm),
        left: mmToTwip(GB9704.topMm),
        right: mmToTwip(GB9704.bottomMm),
      }
    : {
        top: mmToTwip(GB9704.topMm),
        bottom: mmToTwip(GB9704.bottomMm),
        left: mmToTwip(GB9704.leftMm),
        right: mmToTwip(GB9704.rightMm),
      };
  const footerDistance = landscape ? mmToTwip(12) : mmToTwip(GB9704.bottomMm - 7 - 5);
  // 22 lines: the line pitch. The 28 characters a line come from the styles' character spacing
  // (BODY_CHARACTER_SPACING), not from a character grid: LibreOffice and WPS put a 16 pt character
  // that is wider than the grid's pitch (15.8 pt) into two cells, 14 characters a line.
  const grid = landscape
    ? '<w:docGrid w:linePitch="312"/>'
    : `<w:docGrid w:type="lines" w:linePitch="${GB9704.lineTwips}"/>`;
  return (
    `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>` +
    (options.titlePage ? '<w:footerReference w:type="first" r:id="rIdFooterNone"/>' : '') +
    `<w:type w:val="nextPage"/>` +
    `<w:pgSz w:w="${landscape ? height : width}" w:h="${landscape ? width : height}"${landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${margin.top}" w:right="${margin.right}" w:bottom="${margin.bottom}" w:left="${margin.left}" w:header="851" w:footer="${footerDistance}" w:gutter="0"/>` +
    (options.titlePage ? '<w:titlePg/>' : '') +
    grid +
    `</w:sectPr>`
  );
}

/** Ends a section inside the body: the paragraph that carries the section's properties. */
export function sectionBreak(options: { orientation?: Orientation; titlePage?: boolean } = {}): string {
  return `<w:p><w:pPr>${sectionProperties(options)}</w:pPr></w:p>`;
}

/** A complex field (TOC, PAGEREF): begin, instruction, separate, its shown result, end. */
export const fieldBegin = (instruction: string) =>
  `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> ${xmlText(instruction)} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`;
export const fieldEnd = () => `<w:r><w:fldChar w:fldCharType="end"/></w:r>`;

/**
 * One entry of a table of contents as Word saves it: a link to the bookmark, the title, a dotted
 * tab and the page as a PAGEREF field (filled in by Word on update and by LibreOffice as it lays
 * the document out). `open` carries the TOC field's beginning into the first entry, `close` its end.
 */
export function tocEntry(
  text: string,
  bookmark: string,
  page: number | null,
  options: { open?: string; close?: boolean } = {},
): string {
  const shown = page === null ? '' : run(String(page), OFFICE_FONTS.body, GB9704.bodyPt);
  return (
    `<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${PORTRAIT_TEXT_TWIPS}"/></w:tabs>${EXACT_LINE}</w:pPr>` +
    (options.open ?? '') +
    `<w:hyperlink w:anchor="${bookmark}" w:history="1">` +
    run(text, OFFICE_FONTS.body, GB9704.bodyPt) +
    `<w:r>${rPr(OFFICE_FONTS.body, GB9704.bodyPt)}<w:tab/></w:r>` +
    fieldBegin(`PAGEREF ${bookmark} \\h`) +
    shown +
    fieldEnd() +
    `</w:hyperlink>` +
    (options.close ? fieldEnd() : '') +
    `</w:p>`
  );
}

// The package

function footerXml(alignment: 'left' | 'right' | null): string {
  const paragraph =
    alignment === null
      ? '<w:p/>'
      : `<w:p><w:pPr><w:jc w:val="${alignment}"/><w:ind w:${alignment}="${halfPoints(GB9704.footerPt) * 10}"/></w:pPr>` +
        run('— ', OFFICE_FONTS.footer, GB9704.footerPt) +
        `<w:r>${rPr(OFFICE_FONTS.footer, GB9704.footerPt)}<w:fldChar w:fldCharType="begin"/></w:r>` +
        `<w:r>${rPr(OFFICE_FONTS.footer, GB9704.footerPt)}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
        `<w:r>${rPr(OFFICE_FONTS.footer, GB9704.footerPt)}<w:fldChar w:fldCharType="separate"/></w:r>` +
        run('1', OFFICE_FONTS.footer, GB9704.footerPt) +
        `<w:r>${rPr(OFFICE_FONTS.footer, GB9704.footerPt)}<w:fldChar w:fldCharType="end"/></w:r>` +
        run(' —', OFFICE_FONTS.footer, GB9704.footerPt) +
        `</w:p>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="${W}" xmlns:r="${R}">${paragraph}</w:ftr>`;
}

function stylesXml(language: SummaryLanguage): string {
  const body = halfPoints(GB9704.bodyPt);
  const title = halfPoints(GB9704.titlePt);
  const table = halfPoints(GB9704.tablePt);
  const fonts = (family: readonly string[]) =>
    `<w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:eastAsia="${family[0]}" w:cs="${LATIN}"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(OFFICE_FONTS.body)}<w:sz w:val="${body}"/><w:szCs w:val="${body}"/>` +
    `<w:lang w:val="${language}" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    // Normal names its font, size and character spacing, which every paragraph inherits, so that
    // Word, WPS and LibreOffice lay out the same 28 characters a line.
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/></w:pPr>` +
    `<w:rPr>${fonts(OFFICE_FONTS.body)}<w:spacing w:val="${BODY_CHARACTER_SPACING}"/><w:sz w:val="${body}"/><w:szCs w:val="${body}"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
    `<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="${GB9704.lineTwips}" w:line="${GB9704.lineTwips}" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
    `<w:rPr>${fonts(OFFICE_FONTS.title)}<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="000000"/><w:sz w:val="${title}"/><w:szCs w:val="${title}"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
    `<w:pPr><w:spacing w:before="0" w:after="${GB9704.lineTwips}" w:line="${GB9704.lineTwips}" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>` +
    `<w:rPr>${fonts(OFFICE_FONTS.heading1)}<w:sz w:val="${title}"/><w:szCs w:val="${title}"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
    `<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${PORTRAIT_TEXT_TWIPS}"/></w:tabs><w:spacing w:before="0" w:after="0" w:line="${GB9704.lineTwips}" w:lineRule="exact"/></w:pPr>` +
    `<w:rPr>${fonts(OFFICE_FONTS.body)}<w:sz w:val="${body}"/><w:szCs w:val="${body}"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
    `<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:rPr>${fonts(OFFICE_FONTS.footer)}<w:sz w:val="${table}"/><w:szCs w:val="${table}"/></w:rPr></w:style>` +
    `<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="000000"/></w:rPr></w:style>` +
    `</w:styles>`
  );
}

function settingsXml(updateFields: boolean): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="${W}">` +
    (updateFields ? '<w:updateFields w:val="true"/>' : '') +
    `<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>` +
    `<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
    `</w:settings>`
  );
}

function coreXml(title: string): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>OpenDay</dc:creator><cp:lastModifiedBy>OpenDay</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
    `</cp:coreProperties>`
  );
}

const CONTENT_TYPES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
  `<Default Extension="jpeg" ContentType="image/jpeg"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
  ['footer1', 'footer2', 'footer3']
    .map(
      (f) =>
        `<Override PartName="/word/${f}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`,
    )
    .join('') +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `</Types>`;

const PACKAGE_RELS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">` +
  `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `</Relationships>`;

function documentRels(images: readonly { relationshipId: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">` +
    `<Relationship Id="rIdStyles" Type="${REL_TYPE}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${REL_TYPE}/settings" Target="settings.xml"/>` +
    `<Relationship Id="rIdFooterOdd" Type="${REL_TYPE}/footer" Target="footer1.xml"/>` +
    `<Relationship Id="rIdFooterEven" Type="${REL_TYPE}/footer" Target="footer2.xml"/>` +
    `<Relationship Id="rIdFooterNone" Type="${REL_TYPE}/footer" Target="footer3.xml"/>` +
    images
      .map((i) => `<Relationship Id="${i.relationshipId}" Type="${REL_TYPE}/image" Target="${i.target}"/>`)
      .join('') +
    `</Relationships>`
  );
}

export interface DocxOptions {
  title: string;
  language: SummaryLanguage;
  /** Asks Word to update the fields (the table of contents) when it opens the document. */
  updateFields?: boolean;
  /** The section properties of the last section. */
  finalSection?: { orientation?: Orientation; titlePage?: boolean };
  /**
   * Writes the body: yields paragraph XML in order. Awaiting between paragraphs is fine: the zip
   * takes what is written as it comes.
   */
  body: (document: DocxBody) => AsyncIterable<string> | Iterable<string>;
}

/** How much body XML is gathered before it is handed to the zip. */
const FLUSH_AT = 64 * 1024;

/**
 * Writes a DOCX to `out` as the body is produced; resolves when the last byte is written.
 * Images registered by the body are read (one at a time) after document.xml.
 */
export async function writeDocx(out: Writable, options: DocxOptions): Promise<void> {
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, out);
  let loadFailed: unknown;
  zip.on('error', (error: unknown) => {
    loadFailed ??= error;
    (zip.outputStream as unknown as Readable).destroy(error as Error);
  });
  const images: { relationshipId: string; target: string; load: () => Promise<DocumentImage> }[] = [];
  let drawingId = 0;
  let bookmarkId = 0;
  const body: DocxBody = {
    image(photo) {
      const relationshipId = `rIdImage${images.length + 1}`;
      const target = `media/image${images.length + 1}.${photo.contentType === 'image/png' ? 'png' : 'jpeg'}`;
      images.push({ relationshipId, target, load: photo.load });
      return imageParagraph(relationshipId, ++drawingId, photo);
    },
    nextBookmarkId: () => ++bookmarkId,
  };
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(PACKAGE_RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(coreXml(options.title)), 'docProps/core.xml');
  zip.addBuffer(Buffer.from(stylesXml(options.language)), 'word/styles.xml');
  zip.addBuffer(Buffer.from(settingsXml(options.updateFields ?? false)), 'word/settings.xml');
  zip.addBuffer(Buffer.from(footerXml('right')), 'word/footer1.xml');
  zip.addBuffer(Buffer.from(footerXml('left')), 'word/footer2.xml');
  zip.addBuffer(Buffer.from(footerXml(null)), 'word/footer3.xml');

  const documentXml = new PassThrough();
  zip.addReadStream(documentXml, 'word/document.xml');
  let failed: unknown;
  try {
    let pending = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="${WP}" xmlns:a="${A}" xmlns:pic="${PIC}"><w:body>`;
    const flush = async () => {
      if (!documentXml.write(pending)) await once(documentXml, 'drain');
      pending = '';
    };
    for await (const paragraph of options.body(body)) {
      pending += paragraph;
      if (pending.length >= FLUSH_AT) await flush();
    }
    pending += `${sectionProperties(options.finalSection)}</w:body></w:document>`;
    await flush();
    documentXml.end();
  } catch (error) {
    failed = error;
    // The zip's output is destroyed below, with the error; the entry's stream just stops.
    documentXml.on('error', () => {});
    documentXml.destroy();
  }
  if (failed) {
    (zip.outputStream as unknown as Readable).destroy(failed as Error);
    await written.catch(() => {});
    throw failed;
  }

  // Each image is read when the zip comes to it, so one image at a time is in memory.
  for (const image of images) {
    zip.addReadStreamLazy(`word/${image.target}`, (callback) => {
      image.load().then(
        (loaded) => callback(null, Readable.from([loaded.data])),
        (error: unknown) => callback(error, undefined as never),
      );
    });
  }
  zip.addBuffer(Buffer.from(documentRels(images)), 'word/_rels/document.xml.rels');
  zip.end();
  try {
    await written;
  } catch (error) {
    throw loadFailed ?? error;
  }
}
