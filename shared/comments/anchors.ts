/**
 * Thread anchors: a passage held by two Yjs relative positions (they move with their characters
 * under any concurrent or offline edit), plus the quoted text with some context (a W3C
 * TextQuoteSelector: exact, prefix, suffix) as last seen.
 *
 * Resolution: both positions are turned into offsets of the draft's flat text (flat-text.ts).
 *  - start < end: `attached`, and the passage is the text between them (with what was typed inside).
 *  - otherwise the passage was deleted. Undo and version restore re-insert the text as NEW Yjs
 *    items, which relative positions never follow on another replica, so we look for the quoted
 *    text again: where it reappears with its context (prefix or suffix), or uniquely and long
 *    enough to be unmistakable, the anchor is re-created there (`reattached`); else `orphaned`.
 * The start sticks to the passage's first character (assoc 0) and the end to its last (assoc -1),
 * so typing right before or right after the passage stays outside it. No I/O.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { flatten, type FlatText } from './flat-text';

/** Characters of context kept on each side of the passage. */
export const contextLength = 32;
/** A passage found again without its context is accepted only when unique and at least this long. */
const unmistakableLength = 16;

export interface StoredAnchor {
  /** base64 of Y.encodeRelativePosition */
  start: string;
  end: string;
  exact: string;
  prefix: string;
  suffix: string;
}

export type Resolved =
  | { status: 'attached'; from: number; to: number; exact: string; start: string; end: string; prefix: string; suffix: string; changed: boolean; reattached: boolean }
  | { status: 'orphaned'; exact: string };

export type QuoteProblem = 'absent' | 'ambiguous' | 'empty';

export const encodePosition = (position: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(position));

export function decodePosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** The flat-text offset of an encoded relative position, or null (unknown yet, deleted with its block, or malformed). */
export function offsetOfPosition(doc: Y.Doc, flat: FlatText, encoded: string): number | null {
  const position = decodePosition(encoded);
  if (!position) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    return null;
  }
  return absolute ? flat.offsetOf(absolute.type as Y.AbstractType<unknown>, absolute.index) : null;
}

/** Whether the document knows every item an encoded position refers to (false: an edit not received yet). */
export function positionKnown(doc: Y.Doc, encoded: string): boolean {
  const position = decodePosition(encoded);
  if (!position) return false;
  const id = position.item ?? position.type;
  return !id || Y.getState(doc.store, id.client) > id.clock;
}

/** Anchor the flat-text range [from, to): positions on its first and last character, and its quote. */
export function anchorRange(flat: FlatText, from: number, to: number): StoredAnchor | null {
  // A range may start or end on a block separator, which no Yjs text holds: shrink to real text.
  let first = flat.textAt(from, 'after');
  while (!first && from < to) first = flat.textAt(++from, 'after');
  let last = flat.textAt(to, 'before');
  while (!last && to > from) last = flat.textAt(--to, 'before');
  if (!first || !last || from >= to) return null;
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(first.node, from - first.base, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(last.node, to - last.base, -1)),
    exact: flat.text.slice(from, to),
    prefix: flat.text.slice(Math.max(0, from - contextLength), from),
    suffix: flat.text.slice(to, to + contextLength),
  };
}

const occurrences = (text: string, exact: string): number[] => {
  const found: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) found.push(at);
  return found;
};

const commonTail = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};
const commonHead = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/** How well the text around an occurrence matches the quote's context. */
function contextScore(text: string, at: number, quote: { exact: string; prefix: string; suffix: string }) {
  const before = text.slice(Math.max(0, at - quote.prefix.length), at);
  const after = text.slice(at + quote.exact.length, at + quote.exact.length + quote.suffix.length);
  const head = commonTail(before, quote.prefix);
  const tail = commonHead(after, quote.suffix);
  return { score: head + tail, full: head === quote.prefix.length || tail === quote.suffix.length };
}

/**
 * Where a quote is in the text: the single occurrence whose context matches best.
 * `near`: prefer the occurrence closest to this offset among equals (where the passage was).
 */
export function findQuote(text: string, quote: { exact: string; prefix?: string; suffix?: string }, options: { near?: number; strict?: boolean } = {}): number | QuoteProblem {
  if (!quote.exact) return 'empty';
  const full = { exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' };
  const found = occurrences(text, full.exact);
  if (found.length === 0) return 'absent';
  if (found.length === 1) return found[0]!;
  const scored = found.map((at) => ({ at, ...contextScore(text, at, full) }));
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  if (top.length === 1) return top[0]!.at;
  if (options.strict || options.near === undefined) return 'ambiguous';
  const near = options.near;
  top.sort((a, b) => Math.abs(a.at - near) - Math.abs(b.at - near));
  return top[0]!.at;
}

/**
 * One end of a range, decoded once: its flat-text offset (null: unknown yet, gone with its block,
 * or malformed) and whether the character it sticks to was deleted (the boundary is gone).
 */
function endpoint(doc: Y.Doc, flat: FlatText, encoded: string): { offset: number | null; deleted: boolean } {
  const position = decodePosition(encoded);
  if (!position) return { offset: null, deleted: false };
  let deleted = false;
  const id = position.item;
  if (id && Y.getState(doc.store, id.client) > id.clock) {
    try {
      deleted = Y.getItem(doc.store, id).deleted;
    } catch {
      deleted = true;
    }
  }
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  } catch {
    absolute = null;
  }
  return { offset: absolute ? flat.offsetOf(absolute.type as Y.AbstractType<unknown>, absolute.index) : null, deleted };
}

/** Resolve a stored anchor against the current document (see the header). */
export function resolveAnchor(doc: Y.Doc, flat: FlatText, stored: StoredAnchor): Resolved {
  const start = endpoint(doc, flat, stored.start);
  const end = endpoint(doc, flat, stored.end);
  const from = start.offset;
  const to = end.offset;
  const spans = from !== null && to !== null && from < to;
  // A deleted first or last character: the range still resolves (around tombstones) but may now
  // cut through text re-inserted by an undo. Look for the quote before trusting it.
  const boundaryGone = start.deleted || end.deleted;
  if (spans && !boundaryGone) {
    const exact = flat.text.slice(from, to);
    const prefix = flat.text.slice(Math.max(0, from - contextLength), from);
    const suffix = flat.text.slice(to, to + contextLength);
    const changed = exact !== stored.exact || prefix !== stored.prefix || suffix !== stored.suffix;
    return { status: 'attached', from, to, exact, start: stored.start, end: stored.end, prefix, suffix, changed, reattached: false };
  }
  const at = findQuote(flat.text, stored, { near: from ?? to ?? undefined });
  if (typeof at === 'number') {
    const { score, full } = contextScore(flat.text, at, stored);
    const unique = occurrences(flat.text, stored.exact).length === 1;
    const believable = (full && score > 0) || (unique && stored.exact.length >= unmistakableLength);
    const again = believable ? anchorRange(flat, at, at + stored.exact.length) : null;
    if (again) return { status: 'attached', from: at, to: at + stored.exact.length, ...again, changed: true, reattached: true };
  }
  // Part of the passage was deleted (its first or last words): keep what is left, on live characters.
  const rest = spans ? anchorRange(flat, from, to) : null;
  if (rest) return { status: 'attached', from: from!, to: to!, ...rest, changed: true, reattached: false };
  return { status: 'orphaned', exact: stored.exact };
}

/** Resolve many anchors against one document (the flat text is built once). */
export function resolveAnchors(doc: Y.Doc, anchors: readonly StoredAnchor[]): Resolved[] {
  const flat = flatten(doc);
  return anchors.map((anchor) => resolveAnchor(doc, flat, anchor));
}
