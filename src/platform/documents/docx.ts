import { documentError, unsupportedError } from './errors.ts';
import { parseXml } from './xml.ts';
import { openZip, readEntryChunks } from './zip.ts';

/** The largest word/document.xml read, unpacked: far beyond any summary, small enough for memory. */
export const MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024;

/**
 * The text of a DOCX: one line per paragraph, tabs and breaks kept as whitespace. Read with a
 * streaming XML parser from word/document.xml, whose size is counted as it inflates; more than
 * maxCharacters of text is refused with 422 as soon as it is reached.
 */
export async function readDocxText(buffer: Buffer, maxCharacters: number): Promise<string> {
  const zip = await openZip(buffer, 'DOCX document');
  try {
    const entry = zip.entries.get('word/document.xml');
    if (!entry) throw unsupportedError('is a ZIP file that is not a DOCX document');
    const lines: string[] = [];
    let line = '';
    let characters = 0;
    let inText = false;
    // A tab or break counts inside a run; w:tab also names a paragraph's tab stops.
    let inRun = 0;
    const add = (text: string) => {
      characters += text.length;
      if (characters > maxCharacters) throw documentError(`holds more than ${maxCharacters} characters of text`);
      line += text;
    };
    const handlers = {
      open: (tag: { name: string; isSelfClosing: boolean }) => {
        if (tag.name === 'w:t') inText = !tag.isSelfClosing;
        else if (tag.name === 'w:r') inRun += tag.isSelfClosing ? 0 : 1;
        else if (tag.name === 'w:tab' && inRun > 0) add('\t');
        else if (tag.name === 'w:br' && inRun > 0) add('\n');
      },
      text: (text: string) => {
        if (inText) add(text);
      },
      close: (tag: { name: string; isSelfClosing: boolean }) => {
        if (tag.name === 'w:t') inText = false;
        else if (tag.name === 'w:r' && !tag.isSelfClosing) inRun--;
        else if (tag.name === 'w:p') {
          lines.push(line);
          line = '';
        }
      },
    };
    const part = { part: entry.fileName, maxText: maxCharacters };
    for await (const _ of parseXml(readEntryChunks(zip, entry, MAX_DOCUMENT_XML_BYTES), handlers, part));
    lines.push(line);
    return lines
      .filter((text, i, all) => text !== '' || i < all.length - 1)
      .join('\n')
      .trimEnd();
  } finally {
    zip.close();
  }
}
