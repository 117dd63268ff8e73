/**
 * The draft's text as one string, read straight from the Yjs document (the `default` XmlFragment
 * TipTap edits), with the way back and forth between Yjs positions and offsets in that string.
 * Anchors are resolved in this model on the server (REST listing) and in the browser (highlights),
 * so both see the same passage. Blocks are separated by "\n"; an inline embed counts as U+FFFC.
 * No I/O.
 */
import * as Y from 'yjs';

export const draftFragmentName = 'default';
const objectReplacement = '\uFFFC';

export interface FlatText {
  text: string;
  /** Offset of a Yjs absolute position (text index, or child index of an element), or null if not in the draft. */
  offsetOf(type: Y.AbstractType<unknown>, index: number): number | null;
  /** The XmlText holding offset `at` with its base offset: `side` says which character (after: at, before: at - 1). */
  textAt(at: number, side: 'after' | 'before'): { node: Y.XmlText; base: number } | null;
}

interface TextSpan {
  node: Y.XmlText;
  base: number;
  length: number;
}

/**
 * Plain text of an XmlText, as many UTF-16 units as Yjs counts (embeds become one character).
 * Walks the items directly (formatting marks are not countable and add nothing): several times
 * faster than toDelta(), which builds attribute objects for every run.
 */
function plain(node: Y.XmlText): string {
  let out = '';
  for (let item = node._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    out += item.content instanceof Y.ContentString ? item.content.str : objectReplacement.repeat(item.length);
  }
  return out;
}

export function flatten(doc: Y.Doc): FlatText {
  const fragment = doc.getXmlFragment(draftFragmentName);
  const spans: TextSpan[] = [];
  const textStart = new Map<Y.XmlText, number>();
  /** For each element: the offset where each child starts, plus its end (before any separator). */
  const childStarts = new Map<Y.AbstractType<unknown>, number[]>();
  let text = '';

  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    const starts: number[] = [];
    for (const child of parent.toArray()) {
      starts.push(text.length);
      if (child instanceof Y.XmlText) {
        const content = plain(child);
        textStart.set(child, text.length);
        spans.push({ node: child, base: text.length, length: content.length });
        text += content;
      } else if (child instanceof Y.XmlElement) {
        walk(child);
        if (text.length > 0 && !text.endsWith('\n')) text += '\n';
      }
    }
    starts.push(text.length);
    childStarts.set(parent as Y.AbstractType<unknown>, starts);
  };
  walk(fragment);

  return {
    text,
    offsetOf(type, index) {
      if (type instanceof Y.XmlText) {
        const base = textStart.get(type);
        return base === undefined ? null : base + Math.min(index, type.length);
      }
      const starts = childStarts.get(type);
      if (!starts) return null;
      return starts[Math.min(index, starts.length - 1)]!;
    },
    textAt(at, side) {
      // Binary search over spans (in document order, increasing base).
      let lo = 0;
      let hi = spans.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const span = spans[mid]!;
        const inside = side === 'after' ? at >= span.base && at < span.base + span.length : at > span.base && at <= span.base + span.length;
        if (inside) return { node: span.node, base: span.base };
        if ((side === 'after' ? at : at - 1) < span.base) hi = mid - 1;
        else lo = mid + 1;
      }
      return null;
    },
  };
}

const cache = new WeakMap<Y.Doc, FlatText>();

/**
 * `flatten(doc)`, reused until the document next changes: listing the threads and answering a
 * new thread read the same live document without walking it twice.
 */
export function flattenCached(doc: Y.Doc): FlatText {
  let flat = cache.get(doc);
  if (!flat) {
    flat = flatten(doc);
    cache.set(doc, flat);
    doc.once('update', () => cache.delete(doc));
  }
  return flat;
}
