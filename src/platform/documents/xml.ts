import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { documentError, limitError } from './errors.ts';

/** Deeper than any part of a DOCX or XLSX an office program writes (tables in tables included). */
export const MAX_XML_DEPTH = 256;

export interface XmlHandlers {
  open?: (tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (tag: SaxesTagPlain) => void;
}

export interface XmlLimits {
  /** The part's name, for the errors: "word/document.xml". */
  part: string;
  /** The longest run of text (or attribute value, or name) the parser may hold at once. */
  maxText: number;
  maxDepth?: number;
}

/** Where saxes keeps the text, attribute value or name it is reading (private in its types). */
interface SaxesBuffers {
  text: string;
  name: string;
}

/**
 * Parses one XML part chunk by chunk with a streaming parser (no regular expression, no DOM),
 * yielding the bytes read after each chunk so the caller can hand on what its handlers gathered.
 * Refused with 413 when a run of text grows beyond maxText or elements nest deeper than maxDepth,
 * checked as the parser goes, so neither time nor memory grows with a hostile part; with 422
 * when the XML is not well-formed. No DTD is read and no entity beyond XML's five is expanded.
 */
export async function* parseXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  { part, maxText, maxDepth = MAX_XML_DEPTH }: XmlLimits,
): AsyncGenerator<number> {
  const parser = new SaxesParser({ position: false });
  const buffers = parser as unknown as SaxesBuffers;
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing && ++depth > maxDepth)
      throw limitError(`has a part ${part} whose elements nest deeper than ${maxDepth} levels`);
    handlers.open?.(tag as SaxesTagPlain);
  });
  // saxes sends closetag for a self-closing tag too, right after its opentag.
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
    handlers.close?.(tag as SaxesTagPlain);
  });
  if (handlers.text) parser.on('text', handlers.text);
  const tooLong = () => limitError(`has a part ${part} with a text longer than ${maxText} characters`);
  const write = (text: string | null) => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      if (error instanceof Error && error.name === 'AppError') throw error;
      throw documentError(`has a part ${part} that is not well-formed XML`);
    }
    if (buffers.text.length > maxText || buffers.name.length > maxText) throw tooLong();
  };
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    write(decoder.decode(chunk, { stream: true }));
    yield bytes;
  }
  write(decoder.decode());
  write(null);
  yield bytes;
}
