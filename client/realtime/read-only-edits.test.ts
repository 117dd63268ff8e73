import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentServerLacks, rememberDiscarded, takeDiscarded } from './read-only-edits';

const text = (doc: Y.Doc, value: string) => doc.getXmlFragment('default').insert(0, [new Y.XmlText(value)]);

describe('edits typed while read-only (issue 7, item 9)', () => {
  it('counts exactly the content the server has not got, whoever else edited meanwhile', () => {
    const server = new Y.Doc();
    text(server, 'shared');
    const reader = new Y.Doc();
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
    expect(contentServerLacks(reader, Y.encodeStateVector(server))).toBe(0);

    // The server moves on (someone with edit access types): the reader lacks nothing it has not got.
    text(server, 'more from an editor');
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
    expect(contentServerLacks(reader, Y.encodeStateVector(server))).toBe(0);

    // The reader's own typing, dropped by the server, is counted.
    text(reader, 'abc');
    expect(contentServerLacks(reader, Y.encodeStateVector(server))).toBe(4); // the text node and its 3 characters
    // Merging would bring it to the server: that is the surprise the rule prevents.
    const surprise = new Y.Doc();
    Y.applyUpdate(surprise, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(surprise, Y.encodeStateAsUpdate(reader));
    expect(surprise.getXmlFragment('default').toString()).toContain('abc');
  });

  it('keeps the count of discarded changes across the reload, once', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    rememberDiscarded(storage, 'doc-1', 4);
    expect(takeDiscarded(storage, 'doc-2')).toBe(0);
    expect(takeDiscarded(storage, 'doc-1')).toBe(4);
    expect(takeDiscarded(storage, 'doc-1')).toBe(0);
  });
});
