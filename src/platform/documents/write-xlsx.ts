import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { Cell } from './write-csv.ts';

export interface SheetColumn {
  /** Width in characters. */
  width?: number;
  /** Cells typed into this column stay text (phones, dates): Excel's "@" format. */
  text?: boolean;
  /** A drop-down list of the values the column takes (template only). */
  list?: readonly string[];
}

/** A PNG picture placed over the cells of a sheet (a chart rendered on the server). */
export interface SheetImage {
  png: Buffer;
  /** The cell its top-left corner sits on, counted from 0 (row 0 is the header). */
  row: number;
  column: number;
  /** Shown size in pixels (the PNG may have more, for print). */
  width: number;
  height: number;
  /** Alternative text. */
  description: string;
}

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  /** The first row is a header: bold, and frozen while scrolling. */
  header: readonly string[];
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>;
  images?: readonly SheetImage[];
  /** Lines above the header (title, issuing office, date …), each across the table; the first large and bold. */
  title?: readonly string[];
  /**
   * Set up to be printed: A4 landscape, fitted to the page width, the header row repeated on every
   * page, every cell of the table bordered, the header wrapped at word boundaries.
   */
  print?: boolean;
  /** Rows set in bold (subtotals, the total), by their place among the rows, counted from 0. */
  bold?: (index: number) => boolean;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DRAWING = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const DRAWING_MAIN = 'http://schemas.openxmlformats.org/drawingml/2006/main';
/** English Metric Units per pixel (at 96 dpi). */
const EMU_PER_PIXEL = 9525;

// Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Styles: 0 general, 1 text ("@"), 2 bold text for headers; for printed tables 3 bordered,
 * 4 bordered bold header wrapped at word boundaries, 5 bordered bold (subtotals), 6 the title.
 */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="16"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Width of text in character widths: a Chinese character is two. */
const textWidth = (text: string) => [...text].reduce((w, c) => w + (/[\u2e80-\uffff]/u.test(c) ? 2 : 1), 0);

/** Lines a header takes wrapped at word boundaries (each Chinese character is a word) in a column's width. */
export function wrappedLines(text: string, width: number): number {
  const words = text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+/gu) ?? [];
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const w = textWidth(word);
    const space = used && !/[\u2e80-\uffff]/u.test(word) ? 1 : 0;
    if (used && used + space + w > width) {
      lines++;
      used = w;
    } else used += space + w;
  }
  return lines;
}

/** The row at which a sheet's header stands, counted from 1: after its title lines. */
export const headerRowOf = (sheet: Pick<Sheet, 'title'>) => (sheet.title?.length ?? 0) + 1;

async function* sheetXml(sheet: Sheet): AsyncGenerator<string> {
  const names = sheet.columns.map((_, i) => columnName(i));
  const cols = sheet.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 12}" customWidth="1"${c.text ? ' style="1"' : ''}/>`,
    )
    .join('');
  const headerRow = headerRowOf(sheet);
  const lastColumn = columnName(Math.max(sheet.columns.length, sheet.header.length) - 1);
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${sheet.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  const cell = (value: Cell, ref: string, style: string) => {
    if (value === null || value === '') return '';
    if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
    const space = value !== value.trim() || value.includes('\n') ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  };
  const styleOf = (i: number, header: boolean, bold: boolean) => {
    if (sheet.print) return header ? ' s="4"' : bold ? ' s="5"' : ' s="3"';
    return header ? ' s="2"' : sheet.columns[i]?.text ? ' s="1"' : '';
  };
  // A printed table's cells are all written, empty ones too, so that every cell has its border.
  const row = (cells: readonly Cell[], n: number, header: boolean, bold = false, height = '') =>
    `<row r="${n}"${height}>${(sheet.print
      ? Array.from({ length: sheet.header.length }, (_, i) => cells[i] ?? null)
      : cells
    )
      .map((v, i) => {
        const ref = `${names[i] ?? columnName(i)}${n}`;
        const style = styleOf(i, header, bold);
        return sheet.print && (v === null || v === '') ? `<c r="${ref}"${style}/>` : cell(v, ref, style);
      })
      .join('')}</row>`;
  const titles = sheet.title ?? [];
  let buffer = titles
    .map(
      (line, i) =>
        `<row r="${i + 1}"${i === 0 ? ' ht="27" customHeight="1"' : ''}>${cell(line, `A${i + 1}`, i === 0 ? ' s="6"' : '')}</row>`,
    )
    .join('');
  const headerLines = sheet.print
    ? Math.max(...sheet.header.map((h, i) => wrappedLines(h, (sheet.columns[i]?.width ?? 12) - 1)))
    : 1;
  let n = headerRow;
  buffer += row(sheet.header, n, true, false, headerLines > 1 ? ` ht="${15 * headerLines + 3}" customHeight="1"` : '');
  let index = 0;
  for await (const cells of sheet.rows) {
    buffer += row(cells, ++n, false, sheet.bold?.(index++) ?? false);
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += '</sheetData>';
  if (titles.length)
    buffer += `<mergeCells count="${titles.length}">${titles.map((_, i) => `<mergeCell ref="A${i + 1}:${lastColumn}${i + 1}"/>`).join('')}</mergeCells>`;
  const lists = sheet.columns
    .map((c, i) => ({ list: c.list, name: names[i]! }))
    .filter((c): c is { list: readonly string[]; name: string } => Boolean(c.list?.length));
  if (lists.length) {
    buffer += `<dataValidations count="${lists.length}">${lists
      .map(
        (c) =>
          `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${c.name}2:${c.name}1048576"><formula1>"${xmlText(c.list.join(','))}"</formula1></dataValidation>`,
      )
      .join('')}</dataValidations>`;
  }
  const drawing = sheet.images?.length ? '<drawing r:id="rId1"/>' : '';
  const setup = sheet.print
    ? '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>'
    : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  yield `${buffer}${setup}${drawing}</worksheet>`;
}

/** The drawing part of a sheet: each image anchored at its cell, at its shown size. */
function drawingXml(images: readonly SheetImage[]): string {
  const anchors = images
    .map((image, i) => {
      const cx = Math.round(image.width * EMU_PER_PIXEL);
      const cy = Math.round(image.height * EMU_PER_PIXEL);
      return `<xdr:oneCellAnchor><xdr:from><xdr:col>${image.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${image.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="Picture ${i + 1}" descr="${xmlText(image.description)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId${i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${DRAWING}" xmlns:a="${DRAWING_MAIN}" xmlns:r="${REL}">${anchors}</xdr:wsDr>`;
}

/** The header row of each printed sheet, repeated at the top of every page it prints on. */
function printTitles(sheets: readonly Sheet[]): string {
  const names = sheets
    .map((sheet, i) => ({ sheet, i }))
    .filter(({ sheet }) => sheet.print)
    .map(({ sheet, i }) => {
      const row = headerRowOf(sheet);
      const name = xmlText(sheetName(sheet.name).replace(/'/g, "''"));
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${name}'!$${row}:$${row}</definedName>`;
    });
  return names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

/**
 * An XLSX workbook, streamed: each sheet's XML is generated row by row into the ZIP as the reader
 * takes it. Text goes inline in its cell (no shared strings table to hold in memory), so a
 * million rows are written in constant memory.
 */
export function writeXlsx(sheets: readonly Sheet[]): Readable {
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  const add = (text: string, name: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime });
  add(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('')}${sheets
      .map((s, i) =>
        s.images?.length
          ? `<Override PartName="/xl/drawings/drawing${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
          : '',
      )
      .join('')}</Types>`,
    '[Content_Types].xml',
  );
  add(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    '_rels/.rels',
  );
  add(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map((s, i) => `<sheet name="${xmlText(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets>${printTitles(sheets)}</workbook>`,
    'xl/workbook.xml',
  );
  add(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels',
  );
  add(STYLES, 'xl/styles.xml');
  // Pictures: each sheet with images gets a drawing (xl/drawings/drawingN.xml) naming its PNGs.
  let media = 0;
  sheets.forEach((sheet, i) => {
    if (!sheet.images?.length) return;
    const n = i + 1;
    add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/drawing" Target="../drawings/drawing${n}.xml"/></Relationships>`,
      `xl/worksheets/_rels/sheet${n}.xml.rels`,
    );
    add(drawingXml(sheet.images), `xl/drawings/drawing${n}.xml`);
    const targets = sheet.images.map((image) => {
      const name = `image${++media}.png`;
      // PNG is compressed already.
      zip.addBuffer(image.png, `xl/media/${name}`, { mtime, compress: false });
      return name;
    });
    add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${targets
        .map((t, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/image" Target="../media/${t}"/>`)
        .join('')}</Relationships>`,
      `xl/drawings/_rels/drawing${n}.xml.rels`,
    );
  });
  const parts = sheets.map((sheet) => Readable.from(sheetXml(sheet), { objectMode: false }));
  parts.forEach((part, i) => zip.addReadStream(part, `xl/worksheets/sheet${i + 1}.xml`, { mtime }));
  zip.end();
  const output = zip.outputStream as Readable;
  // A failure while generating a sheet (the database went away) ends the download with an error;
  // a download given up stops reading the rows.
  zip.on('error', (error: Error) => output.destroy(error));
  output.on('close', () => parts.forEach((part) => part.destroy()));
  return output;
}
