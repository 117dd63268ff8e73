/**
 * Anchor resolution on real Yjs documents (no server): positions move with their text under
 * concurrent edits, a deleted passage is orphaned with the text it had, and re-inserting the text
 * (as undo and version restore do: new Yjs items) re-attaches it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorRange, findQuote, resolveAnchor, type StoredAnchor } from '../../shared/comments/anchors';
import { flatten } from '../../shared/comments/flat-text';

function draft(...paragraphs: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
  return doc;
}

const textOf = (doc: Y.Doc, block: number) => (doc.getXmlFragment('default').get(block) as Y.XmlElement).get(0) as Y.XmlText;

function anchorOn(doc: Y.Doc, exact: string): StoredAnchor {
  const flat = flatten(doc);
  const at = findQuote(flat.text, { exact });
  if (typeof at !== 'number') throw new Error(at);
  return anchorRange(flat, at, at + exact.length)!;
}

const resolve = (doc: Y.Doc, anchor: StoredAnchor) => resolveAnchor(doc, flatten(doc), anchor);

describe('anchors', () => {
  it('flattens blocks with a separator and finds quotes, refusing ambiguity without context', () => {
    const doc = draft('Điều 1. Phạm vi', 'Điều 2. Đối tượng');
    expect(flatten(doc).text).toBe('Điều 1. Phạm vi\nĐiều 2. Đối tượng\n');
    expect(findQuote(flatten(doc).text, { exact: 'Điều' }, { strict: true })).toBe('ambiguous');
    expect(findQuote(flatten(doc).text, { exact: 'Điều', prefix: 'vi\n' }, { strict: true })).toBe(16);
    expect(findQuote(flatten(doc).text, { exact: 'absent text' })).toBe('absent');
  });

  it('moves with edits before, inside and after the passage, from two replicas merged', () => {
    const a = draft('The quick brown fox jumps over the lazy dog');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const anchor = anchorOn(a, 'quick brown fox');
    textOf(a, 0).insert(0, 'Yes! '); // before
    textOf(a, 0).insert('Yes! The quick '.length, 'very '); // inside
    textOf(b, 0).insert('The quick brown fox'.length, ' really'); // right after the end (b does not see a's edits)
    textOf(b, 0).insert('The '.length, 'so '); // right before the start
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const resolved = resolve(doc, anchor);
      expect(resolved.status).toBe('attached');
      expect(resolved.exact).toBe('quick very brown fox');
    }
  });

  it('is orphaned when the passage is deleted, keeping its last text, and re-attaches where it reappears', () => {
    const doc = draft('Intro text here.', 'The budget is 120 million dong for the year.', 'Closing.');
    const anchor = anchorOn(doc, 'budget is 120 million');
    const seen = resolve(doc, anchor);
    expect(seen.status).toBe('attached');
    const text = textOf(doc, 1);
    text.delete('The '.length, 'budget is 120 million'.length);
    expect(resolve(doc, anchor)).toEqual({ status: 'orphaned', exact: 'budget is 120 million' });
    // Undo re-inserts the same characters as new items: positions cannot follow, the quote can.
    text.insert('The '.length, 'budget is 120 million');
    const back = resolve(doc, anchor);
    expect(back.status).toBe('attached');
    expect(back.exact).toBe('budget is 120 million');
    if (back.status !== 'attached') return;
    expect(back.reattached).toBe(true);
    // The new positions hold from now on, without searching.
    const again = resolve(doc, { start: back.start, end: back.end, exact: back.exact, prefix: back.prefix, suffix: back.suffix });
    expect(again.status === 'attached' && !again.reattached).toBe(true);
  });

  it('is orphaned when its whole paragraph is removed, and does not re-attach to a short word found elsewhere', () => {
    const doc = draft('the first', 'the second one', 'the third');
    const anchor = anchorOn(doc, 'second');
    doc.getXmlFragment('default').delete(1, 1);
    expect(resolve(doc, anchor).status).toBe('orphaned');
    const word = anchorOn(doc, 'first');
    textOf(doc, 0).delete(4, 5);
    textOf(doc, 1).insert(0, 'first ');
    // "first" is back but elsewhere and without its context ("the " before, end of block after): stays orphaned.
    expect(resolve(doc, word).status).toBe('orphaned');
  });
});

describe('anchors whose first or last characters are deleted', () => {
  it('keep the rest of the passage after a partial deletion, and the whole one after an undo', () => {
    const doc = draft('The quick brown fox jumps.');
    const anchor = anchorOn(doc, 'quick brown fox');
    const undo = new Y.UndoManager(doc.getXmlFragment('default'));
    textOf(doc, 0).delete(4, 'quick '.length);
    const rest = resolve(doc, anchor);
    expect(rest.status === 'attached' && rest.exact).toBe('brown fox');
    undo.undo();
    expect(resolve(doc, anchor).exact).toBe('quick brown fox');
  });
});
