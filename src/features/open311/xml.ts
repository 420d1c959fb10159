/**
 * The little XML that Open311 GeoReport v2 needs: elements with text or child elements, written
 * with the XML declaration the spec's examples carry. No attributes, no namespaces.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlElement[];

export interface XmlElement {
  name: string;
  value: XmlValue;
}

export const el = (name: string, value: XmlValue): XmlElement => ({ name, value });

/** The elements of a record, one per field, in the record's order. */
export const fields = (record: Record<string, XmlValue>): XmlElement[] =>
  Object.entries(record).map(([name, value]) => el(name, value));

// Characters XML 1.0 cannot carry at all are dropped; the five special ones are escaped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(INVALID, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(element: XmlElement, indent: string): string {
  const { name, value } = element;
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${value.map((child) => render(child, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration and one root element. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(root, '')}\n`;
}
