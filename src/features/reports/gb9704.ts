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
  textWidthMm: 156,
  textHeightMm: 225,
  /** 225 mm / 22 lines = 28.95 pt. */
  lineTwips: 579,
  titlePt: 22, // 二号
  bodyPt: 16, // 三号
  footerPt: 14, // 四号
  /** Tables of figures (the statistical summary) on a landscape page: 小五. */
  tablePt: 9,
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

/** Millimetres in twips, rounded (docx's own helper truncates: A4 would come out 11905 wide). */
export const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);

/** Millimetres in PDF points. */
export const mmToPt = (mm: number) => (mm / 25.4) * 72;

/** A 一、 heading or a paragraph that opens with （一）: the two kinds of subheading the standard sets apart. */
export const SUBSECTION_OPENING = /^（[一二三四五六七八九十]+）/;
