import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateHTML } from '@tiptap/html';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { contentField, editorExtensions, editorSchema } from '../editor-schema';
import { contentFromYjsState, proseMirrorFromYDoc, replaceYDocContent } from './derive';

const text = (t: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const cell = (type: string, t: string) => ({ type, content: [{ type: 'paragraph', content: [text(t)] }] });

/** Every node and mark of the schema, and text that needs escaping. */
export const richDocument = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1, textAlign: 'center' }, content: [text('Quyết định số 123/QĐ-UBND')] },
    {
      type: 'paragraph',
      content: [
        text('Plain, '),
        text('bold', [{ type: 'bold' }]),
        text(' & '),
        text('italic+underline', [{ type: 'italic' }, { type: 'underline' }]),
        text(' <strike> ', [{ type: 'strike' }]),
        text('code', [{ type: 'code' }]),
        { type: 'hardBreak' },
        text('a "link"', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b="2"' } }]),
        text('\u00a0nbsp'),
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('one')] }] }] },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('three')] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', attrs: { textAlign: 'right' }, content: [text('quoted')] }] },
    { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1 < 2;')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Department'), cell('tableHeader', 'Answer')] },
        { type: 'tableRow', content: [cell('tableCell', 'Finance'), cell('tableCell', 'agree')] },
      ],
    },
  ],
};

export function yjsStateOf(json: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(editorSchema, json, doc.getXmlFragment(contentField));
  return Y.encodeStateAsUpdate(doc);
}

describe('deriving frozen content from a Yjs state', () => {
  it('gives the ProseMirror JSON the editor holds, and the same HTML as TipTap generateHTML', () => {
    const content = contentFromYjsState(yjsStateOf(richDocument));
    expect(content.json).toEqual(editorSchema.nodeFromJSON(richDocument).toJSON());
    expect(content.html).toBe(generateHTML(content.json, editorExtensions()));
    expect(content.html).toContain('<table');
    expect(content.html).toContain('&amp; ');
    expect(content.canonicalJson.startsWith('{"content":[')).toBe(true);
  });

  it('gives plain text with blank lines between blocks and a newline for hard breaks', () => {
    const { text: plain } = contentFromYjsState(yjsStateOf(richDocument));
    expect(plain.split('\n\n')[0]).toBe('Quyết định số 123/QĐ-UBND');
    expect(plain).toContain('code\na "link"');
  });

  it('derives an empty document from an empty state (one empty paragraph: valid for the schema)', () => {
    const content = contentFromYjsState(Y.encodeStateAsUpdate(new Y.Doc()));
    expect(content.json).toEqual({ type: 'doc', content: [{ type: 'paragraph', attrs: { textAlign: null } }] });
    expect(() => editorSchema.nodeFromJSON(content.json).check()).not.toThrow();
    expect(content.text).toBe('');
  });

  it('replaces a live document’s content as one new change, keeping what is unchanged', () => {
    const base = yjsStateOf(richDocument);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const target = { type: 'doc', content: [richDocument.content[0], { type: 'paragraph', content: [text('new')] }] };
    const before = Y.encodeStateVector(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    replaceYDocContent(doc, target);
    expect(updates).toBe(1);
    expect(proseMirrorFromYDoc(doc).toJSON()).toEqual(editorSchema.nodeFromJSON(target).toJSON());
    // A peer that had the old state converges by applying only the diff.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, base);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, before));
    expect(proseMirrorFromYDoc(peer).toJSON()).toEqual(editorSchema.nodeFromJSON(target).toJSON());
  });
});
