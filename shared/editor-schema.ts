/**
 * The one TipTap extension list of Codraft documents, used by the client editor and by the
 * server (deriving ProseMirror JSON, HTML and text from the Yjs state when freezing a version).
 * Both sides must build the same schema, or a frozen record would not match what people saw.
 *
 * The client adds Collaboration / CollaborationCaret on top; those add no nodes or marks.
 * Undo/redo is off because Yjs brings its own (per-user) undo manager.
 */
import { getSchema, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import TextAlign from '@tiptap/extension-text-align';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/** Name of the Y.XmlFragment holding the content (TipTap Collaboration's default). */
export const contentFragmentName = 'default';

export const editorExtensions: Extensions = [
  // StarterKit v3 also brings Underline and Link; `undoRedo` is the v3 name of History.
  StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
  TextAlign.configure({ types: ['heading', 'paragraph'] }),
  Table.configure({ resizable: true }),
  TableRow,
  TableHeader,
  TableCell,
];

/** The ProseMirror schema built from `editorExtensions` (built once: getSchema is not cheap). */
export const editorSchema = getSchema(editorExtensions);
