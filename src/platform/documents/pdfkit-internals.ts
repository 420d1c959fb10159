/**
 * The one place that reaches into pdfkit's private fields (ADR 35). pdfkit is pinned to an exact
 * version in package.json, and pdfkit-internals.test.ts fails on an upgrade that moves any of them,
 * so an upgrade is a decision, not a surprise in a printed summary. Each function checks the shape
 * it needs and says plainly what changed if it is not there.
 */

/** The word joiner (U+2060): no break either side, and no glyph. */
export const WORD_JOINER = '\u2060';

/** What pdfkit's embedded font and fontkit's font offer, as far as the layout below uses them. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface EmbeddedFont {
  scale: number;
  font: { glyphForCodePoint(codePoint: number): FontkitGlyph };
  layoutRun: (text: string, features?: unknown) => unknown;
  simplified?: boolean;
}
interface Internals {
  _font?: EmbeddedFont;
  _fontFamilies?: Record<string, { layoutCache?: object }>;
  _root?: { data?: { Pages?: { data?: { Kids?: unknown[] } } } };
}

export class PdfkitChangedError extends Error {
  override name = 'PdfkitChangedError';
  constructor(what: string) {
    super(`pdfkit no longer has ${what}: see src/platform/documents/pdfkit-internals.ts before upgrading it`);
  }
}

const internals = (doc: PDFKit.PDFDocument) => doc as unknown as Internals;

/**
 * Drops the fonts' layout caches. pdfkit keeps the shaped glyphs of every distinct run of text it
 * has laid out; Chinese has no spaces, so a run is a whole line and the cache grows with the
 * document. A collection forgets them after each summary, so memory does not grow with the units.
 */
export function forgetLayoutCaches(doc: PDFKit.PDFDocument): void {
  const families = internals(doc)._fontFamilies;
  if (!families || typeof families !== 'object') throw new PdfkitChangedError('_fontFamilies');
  for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null) as object;
}

/** The page tree's list of pages, in the order a reader shows them: reordering it moves pages. */
export function pageTreeKids(doc: PDFKit.PDFDocument): unknown[] {
  const kids = internals(doc)._root?.data?.Pages?.data?.Kids;
  if (!Array.isArray(kids)) throw new PdfkitChangedError('_root.data.Pages.data.Kids');
  return kids;
}

/**
 * Lays the current font's text out glyph by glyph from its character map, without OpenType shaping.
 * Chinese needs none (no ligatures, no contextual forms), and shaping every line through the CJK
 * fonts' lookup tables was most of the time a PDF took. Latin text loses kerning, which the body's
 * justified lines do not show. Word joiners are dropped (they have no glyph).
 */
export function simplifyCurrentFontLayout(doc: PDFKit.PDFDocument): void {
  const font = internals(doc)._font;
  if (!font || typeof font.layoutRun !== 'function' || typeof font.font?.glyphForCodePoint !== 'function')
    throw new PdfkitChangedError('_font.layoutRun and _font.font.glyphForCodePoint');
  if (font.simplified) return;
  const shaped = font.layoutRun.bind(font);
  font.layoutRun = (text: string, features?: unknown) => {
    if (features) return shaped(text.replaceAll(WORD_JOINER, ''), features);
    const glyphs: FontkitGlyph[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] =
      [];
    let advanceWidth = 0;
    for (const character of text) {
      if (character === WORD_JOINER) continue;
      const glyph = font.font.glyphForCodePoint(character.codePointAt(0)!);
      const advance = glyph.advanceWidth * font.scale;
      glyphs.push(glyph);
      positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
      advanceWidth += advance;
    }
    return { glyphs, positions, advanceWidth };
  };
  font.simplified = true;
}
