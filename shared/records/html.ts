/**
 * Renders a ProseMirror document to an HTML string with the schema's own `toDOM` specs (the same
 * ones TipTap's getHTML uses), through a tiny string-building "document" instead of a DOM.
 * Why: a real DOM (happy-dom on the server) costs ~50 ms for a 50-page draft and differs between
 * runtimes; this is ~5 ms and gives the same bytes in Node and the browser. Output follows the
 * HTML serialisation of innerHTML: text escapes & < > and U+00A0, attributes & " and U+00A0,
 * void elements have no end tag, attributes keep the order the spec gives them.
 */
import { DOMSerializer, type Node as PMNode } from '@tiptap/pm/model';

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const escapeText = (s: string) => s.replace(/[&<>\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
const escapeAttr = (s: string) => s.replace(/[&"\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&nbsp;'));

type Child = StringElement | StringText;

const normaliseStyle = (css: string) =>
  css
    .split(';')
    .map((declaration) => declaration.split(':'))
    .filter(([prop, ...value]) => prop?.trim() && value.join(':').trim())
    .map(([prop, ...value]) => `${prop!.trim().toLowerCase()}: ${value.join(':').trim()};`)
    .join(' ');

class StringText {
  readonly nodeType = 3;
  constructor(readonly text: string) {}
  html(): string {
    return escapeText(this.text);
  }
}

class StringElement {
  readonly nodeType: number = 1;
  readonly attributes = new Map<string, string>();
  readonly children: Child[] = [];
  constructor(readonly tag: string) {}
  /** DOMSerializer sets styles through the CSSOM; browsers then serialise them as `prop: value;`. */
  get style() {
    const attributes = this.attributes;
    return {
      set cssText(css: string) {
        const style = normaliseStyle(css);
        if (style) attributes.set('style', style);
      },
    };
  }
  setAttribute(name: string, value: unknown) {
    this.attributes.set(name.toLowerCase(), String(value));
  }
  setAttributeNS(_ns: string, name: string, value: unknown) {
    this.setAttribute(name, value);
  }
  appendChild<T extends Child>(child: T): T {
    this.children.push(child);
    return child;
  }
  inner(): string {
    let out = '';
    for (const child of this.children) out += child.html();
    return out;
  }
  html(): string {
    let attrs = '';
    for (const [name, value] of this.attributes) attrs += ` ${name}="${escapeAttr(value)}"`;
    if (voidElements.has(this.tag)) return `<${this.tag}${attrs}>`;
    return `<${this.tag}${attrs}>${this.inner()}</${this.tag}>`;
  }
}

const stringDocument = {
  createElement: (tag: string) => new StringElement(tag.toLowerCase()),
  createElementNS: (_ns: string, tag: string) => new StringElement(tag),
  createTextNode: (text: string) => new StringText(text),
  createDocumentFragment: () => new StringElement('#fragment'),
};

/** The HTML of a document's content (like TipTap's `editor.getHTML()`), without a DOM. */
export function renderHtml(doc: PMNode): string {
  const wrap = new StringElement('div');
  DOMSerializer.fromSchema(doc.type.schema).serializeFragment(doc.content, { document: stringDocument as unknown as Document }, wrap as unknown as HTMLElement);
  return wrap.inner();
}
