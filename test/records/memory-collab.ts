/**
 * A CollabService for record tests that need no websockets: one in-memory Y.Doc per document,
 * with helpers to edit it as a client would. The real service keeps the same contract.
 */
import { Hono } from 'hono';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { CollabService } from '../../server/collab/service';
import type { AppEnv } from '../../server/http/env';
import { contentField, editorSchema } from '../../shared/editor-schema';

export interface MemoryCollab extends CollabService {
  doc(documentId: string): Y.Doc;
  /** Replace the whole content (as a fresh client typing it). */
  setContent(documentId: string, json: Record<string, unknown>): void;
  accessChanges: string[];
}

export function memoryCollab(): MemoryCollab {
  const docs = new Map<string, Y.Doc>();
  const doc = (id: string) => {
    let d = docs.get(id);
    if (!d) docs.set(id, (d = new Y.Doc()));
    return d;
  };
  const accessChanges: string[] = [];
  return {
    doc,
    accessChanges,
    setContent(id, json) {
      const d = doc(id);
      d.transact(() => {
        const fragment = d.getXmlFragment(contentField);
        fragment.delete(0, fragment.length);
        prosemirrorJSONToYXmlFragment(editorSchema, json, fragment);
      });
    },
    routes: () => new Hono<AppEnv>(),
    handleUpgrade: (_request, socket) => socket.destroy(),
    accessChanged: async (id) => {
      accessChanges.push(id);
    },
    userChanged: async () => {},
    flushDocument: async () => {},
    readState: async (id) => Y.encodeStateAsUpdate(doc(id)),
    applyServerEdit: async (id, edit) => edit(doc(id)),
    shutdown: async () => {},
  };
}

const words = ['province', 'district', 'commune', 'decision', 'record', 'department', 'consultation', 'opinion', 'draft', 'archive'];

/** A ProseMirror document of about `wordCount` words: headings every ten paragraphs, some bold. */
export function longDocument(wordCount: number, seed = 0): Record<string, unknown> {
  const content: unknown[] = [];
  for (let i = 0, count = 0; count < wordCount; i++) {
    if (i % 10 === 0) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Section ${i / 10 + 1}` }] });
    const sentence = Array.from({ length: 79 }, (_, j) => words[(i * 7 + j + seed) % words.length]).join(' ');
    content.push({ type: 'paragraph', content: [{ type: 'text', text: `${sentence} ` }, { type: 'text', marks: [{ type: 'bold' }], text: 'noted' }] });
    count += 80;
  }
  return { type: 'doc', content };
}

export const paragraphs = (...texts: string[]) => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
});
