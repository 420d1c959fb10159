import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { PDF_FONTS } from '../../features/reports/render-pdf.ts';
import { forgetLayoutCaches, pageTreeKids, simplifyCurrentFontLayout, WORD_JOINER } from './pdfkit-internals.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/** A document with the serif CJK font in use, two pages and a line laid out. */
function documentWithText() {
  const doc = new PDFDocument({ autoFirstPage: true, size: 'A4' });
  doc.registerFont('serif', PDF_FONTS.serif.file);
  doc.font('serif').fontSize(16);
  doc.text('政务公开日接待群众62人次');
  doc.addPage();
  return doc;
}

describe("pdfkit's private fields, behind one adapter", () => {
  it('is pinned to the exact version the adapter was written against', () => {
    const declared = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      }
    ).dependencies.pdfkit;
    const installed = (
      JSON.parse(fs.readFileSync(path.join(root, 'node_modules/pdfkit/package.json'), 'utf8')) as { version: string }
    ).version;
    // An upgrade changes both: then every test below must pass again before it lands.
    expect(declared).toBe('0.20.2');
    expect(installed).toBe(declared);
  });

  it('reorders pages through the page tree pdfkit keeps', () => {
    const doc = documentWithText();
    const kids = pageTreeKids(doc);
    expect(kids).toHaveLength(2);
    kids.reverse();
    expect(pageTreeKids(doc)[0]).toBe(kids[0]);
    doc.end();
  });

  it('empties the layout caches of the fonts in use', () => {
    const doc = documentWithText();
    const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
    const cached = Object.values(families).map((font) => Object.keys(font.layoutCache ?? {}).length);
    expect(cached.some((n) => n > 0)).toBe(true);
    forgetLayoutCaches(doc);
    for (const font of Object.values(families)) expect(Object.keys(font.layoutCache ?? {})).toHaveLength(0);
    doc.end();
  });

  it('lays text out glyph by glyph, with the widths shaping gives and no glyph for the word joiner', () => {
    const doc = documentWithText();
    const text = '接待群众62人次';
    const shapedWidth = doc.widthOfString(text);
    simplifyCurrentFontLayout(doc);
    expect(doc.widthOfString(text)).toBeCloseTo(shapedWidth, 3);
    expect(doc.widthOfString(`62${WORD_JOINER}人${WORD_JOINER}次`)).toBeCloseTo(doc.widthOfString('62人次'), 3);
    // Applied once per font, however often it is asked.
    simplifyCurrentFontLayout(doc);
    expect(doc.widthOfString(text)).toBeCloseTo(shapedWidth, 3);
    doc.end();
  });
});
