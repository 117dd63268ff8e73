/**
 * Content for record tests, written through the real collaboration service as a server-side
 * edit (the same path a restore takes), and simple documents to write.
 */
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { CollabService } from '../../server/collab/service';
import { contentField, editorSchema } from '../../shared/editor-schema';

/** Replace the whole content of a draft, as one new edit. */
export const setContent = (collab: CollabService, documentId: string, json: Record<string, unknown>) =>
  collab.applyServerEdit(documentId, (doc) => {
    const fragment = doc.getXmlFragment(contentField);
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(editorSchema, json, fragment);
  });

export const paragraphs = (...texts: string[]) => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })),
});
