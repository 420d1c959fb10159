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

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  /** The first row is a header: bold, and frozen while scrolling. */
  header: readonly string[];
  rows: AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

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

/** Styles: 0 general, 1 text ("@"), 2 bold text for headers. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

async function* sheetXml(sheet: Sheet): AsyncGenerator<string> {
  const names = sheet.columns.map((_, i) => columnName(i));
  const cols = sheet.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 12}" customWidth="1"${c.text ? ' style="1"' : ''}/>`,
    )
    .join('');
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  const cell = (value: Cell, ref: string, style: string) => {
    if (value === null || value === '') return '';
    if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
    const space = value !== value.trim() || value.includes('\n') ? ' xml:space="preserve"' : '';
    return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  };
  const row = (cells: readonly Cell[], n: number, header: boolean) =>
    `<row r="${n}">${cells
      .map((v, i) =>
        cell(v, `${names[i] ?? columnName(i)}${n}`, header ? ' s="2"' : sheet.columns[i]?.text ? ' s="1"' : ''),
      )
      .join('')}</row>`;
  let n = 1;
  let buffer = row(sheet.header, n, true);
  for await (const cells of sheet.rows) {
    buffer += row(cells, ++n, false);
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  buffer += '</sheetData>';
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
  yield `${buffer}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
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
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
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
      .join('')}</sheets></workbook>`,
    'xl/workbook.xml',
  );
  add(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels',
  );
  add(STYLES, 'xl/styles.xml');
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
