/**
 * A tiny element tree from XML text (saxes: strict, no DTD, no external or custom entities, so no
 * "billion laughs" expansion). Names keep their prefixes (`w:p`): WordprocessingML always uses
 * them, and matching on `w:` is what every DOCX reader does in practice.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

/** Parse XML text into its root element; throws XmlError on malformed input. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: false });
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  // Text only matters inside w:t / w:instrText; whitespace between elements is dropped later.
  parser.on('text', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.on('cdata', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.on('doctype', () => {
    throw new XmlError('XML with a DOCTYPE is not accepted');
  });
  try {
    parser.write(text).close();
  } catch (err) {
    throw new XmlError(err instanceof Error ? err.message : String(err));
  }
  const first = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!first) throw new XmlError('empty XML part');
  return first;
}

export const elements = (el: XmlElement | undefined, name?: string): XmlElement[] =>
  el ? (el.children.filter((c) => typeof c !== 'string' && (name === undefined || c.name === name)) as XmlElement[]) : [];

export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The concatenated text directly inside an element. */
export const textOf = (el: XmlElement): string => el.children.filter((c): c is string => typeof c === 'string').join('');

/** `w:val` (or another attribute) of a child element, e.g. `val(pPr, 'w:jc')`. */
export const val = (el: XmlElement | undefined, name: string, attr = 'w:val'): string | undefined => child(el, name)?.attrs[attr];

/**
 * A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): undefined when absent, else whether it is on.
 */
export function toggle(rPr: XmlElement | undefined, name: string): boolean | undefined {
  const el = child(rPr, name);
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}
