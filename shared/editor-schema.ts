/**
 * The one TipTap extension list that defines a draft's content (nodes, marks, attributes).
 * The web editor adds Collaboration and CollaborationCaret on top; the server uses the same list
 * to read a draft's Y.XmlFragment `default` (e.g. to render a frozen version). Change it here only.
 * No I/O, no DOM: safe to import on the server.
 */
import { getSchema, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import TextAlign from '@tiptap/extension-text-align';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/** The Yjs fragment that holds a draft's content (TipTap Collaboration's default field). */
export const contentField = 'default';

/** Headings levels offered in drafts (title, section, sub-section). */
export const headingLevels = [1, 2, 3] as const;

/** A fresh copy of the schema extensions (extensions are configured per editor instance). */
export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo (only the local user's edits); the two cannot coexist.
      undoRedo: false,
      heading: { levels: [...headingLevels] },
      link: { openOnClick: false, autolink: true },
      // Behaviour only (no schema change): with several editors on one Yjs document, each would
      // append its own trailing paragraph (duplicates), and the append clears the collaborative
      // redo stack after an undo at the end of the document.
      trailingNode: false,
    }),
    TextAlign.configure({ types: ['heading', 'paragraph'] }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
  ];
}

/**
 * The ProseMirror schema of that list, built once (getSchema is not cheap): what the server uses to
 * turn the Yjs state into ProseMirror JSON, HTML and text when it freezes a version.
 */
export const editorSchema = getSchema(editorExtensions());
