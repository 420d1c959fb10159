import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import type { Paragraph as SummaryParagraph, SummaryDocument, SummaryLanguage } from '../summaries/document.ts';

/**
 * The page of GB/T 9704-2012 (党政机关公文格式): A4, top margin 37 mm, binding (left) margin
 * 28 mm, a text block of 156 × 225 mm, so right 26 mm and bottom 35 mm; 22 lines of 28 characters.
 */
export const GB9704 = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  topMm: 37,
  leftMm: 28,
  rightMm: 210 - 28 - 156,
  bottomMm: 297 - 37 - 225,
  /** 225 mm / 22 lines = 28.95 pt. */
  lineTwips: 579,
  titlePt: 22, // 二号
  bodyPt: 16, // 三号
  footerPt: 14, // 四号
} as const;

/**
 * Font names as offices have them; the second is what a machine without the office font uses.
 * A DOCX run names one East Asian font: the office one. Word and LibreOffice substitute a
 * missing one by their own tables; the fallbacks are listed so that the PDF renderer and a
 * reader of this file know the intended family.
 */
export const OFFICE_FONTS = {
  title: ['方正小标宋简体', '华文中宋', 'Noto Serif CJK SC'],
  body: ['仿宋_GB2312', 'FangSong', 'Noto Serif CJK SC'],
  heading1: ['黑体', 'SimHei', 'Noto Sans CJK SC'],
  heading2: ['楷体_GB2312', 'KaiTi', 'Noto Serif CJK SC'],
  footer: ['宋体', 'SimSun', 'Noto Serif CJK SC'],
} as const;

const LATIN = 'Times New Roman';

/** Latin letters and digits in Times New Roman, Chinese in the office font. */
function fonts(family: readonly string[]) {
  return { ascii: LATIN, hAnsi: LATIN, eastAsia: family[0]! };
}

const pt = (points: number) => points * 2; // half-points

/** Millimetres in twips, rounded (docx's own helper truncates: A4 would come out 11905 wide). */
export const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);

const exactLine = { line: GB9704.lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function runsOf(paragraph: SummaryParagraph, family: readonly string[]): TextRun[] {
  return paragraph.runs.map((run) => new TextRun({ text: run.text, font: fonts(family), size: pt(GB9704.bodyPt) }));
}

function bodyParagraph(paragraph: SummaryParagraph): Paragraph {
  // A paragraph of a subsection that opens with （一） is set in 楷体 up to the end of its first sentence.
  const first = paragraph.runs[0];
  const subheading = first?.kind === 'enumerator' && /^（[一二三四五六七八九十]+）/.test(first.text);
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: exactLine,
    indent: { firstLine: pt(GB9704.bodyPt) * 20 }, // two characters
    children: runsOf(paragraph, subheading ? OFFICE_FONTS.heading2 : OFFICE_FONTS.body),
  });
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: fonts(OFFICE_FONTS.footer), size: pt(GB9704.footerPt) });
  // 页码: "— 1 —", 4号 宋体; odd pages on the right and even pages on the left, one character in.
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent:
          alignment === AlignmentType.RIGHT ? { right: pt(GB9704.footerPt) * 10 } : { left: pt(GB9704.footerPt) * 10 },
        children: [run(['— ', PageNumber.CURRENT, ' —'])],
      }),
    ],
  });
}

/** The summary as a DOCX laid out to GB/T 9704-2012. */
export async function renderSummaryDocx(document: SummaryDocument, language: SummaryLanguage): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: GB9704.lineTwips, lineRule: LineRuleType.EXACT, before: 0, after: GB9704.lineTwips },
      children: [new TextRun({ text: document.title, font: fonts(OFFICE_FONTS.title), size: pt(GB9704.titlePt) })],
    }),
    bodyParagraph(document.opening),
  ];
  for (const section of document.sections) {
    children.push(
      new Paragraph({
        spacing: exactLine,
        indent: { firstLine: pt(GB9704.bodyPt) * 20 },
        children: [new TextRun({ text: section.heading, font: fonts(OFFICE_FONTS.heading1), size: pt(GB9704.bodyPt) })],
      }),
      ...section.paragraphs.map((p) => bodyParagraph(p)),
    );
  }
  const doc = new Document({
    creator: 'OpenDay',
    title: document.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: fonts(OFFICE_FONTS.body),
            size: pt(GB9704.bodyPt),
            language: { value: language, eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: mmToTwip(GB9704.pageWidthMm),
              height: mmToTwip(GB9704.pageHeightMm),
            },
            margin: {
              top: mmToTwip(GB9704.topMm),
              bottom: mmToTwip(GB9704.bottomMm),
              left: mmToTwip(GB9704.leftMm),
              right: mmToTwip(GB9704.rightMm),
              footer: mmToTwip(GB9704.bottomMm - 7 - 5),
            },
          },
          // 22 lines of 28 characters: the line pitch, and the character pitch 156 mm / 28 less 16 pt, × 4096.
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: GB9704.lineTwips,
            charSpace: Math.round((((156 / 25.4) * 72) / 28 - GB9704.bodyPt) * 4096),
          },
        },
        footers: {
          default: pageNumberFooter(AlignmentType.RIGHT),
          even: pageNumberFooter(AlignmentType.LEFT),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
