/**
 * The TipTap editor on the document's Y.XmlFragment `default`: the shared schema
 * (shared/editor-schema.ts) plus Collaboration (sync + collaborative undo: only my own edits)
 * and CollaborationCaret (others' carets from awareness). Read-only unless `editable`; an
 * editable draft takes the keyboard focus when it opens.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { createEffect, onCleanup, onMount } from 'solid-js';
import { contentField, editorExtensions } from '../../shared/editor-schema';
import type { CollabSession } from '../realtime/collab-session';
import { renderCaret } from './caret';

export interface CaretUser {
  id: string;
  name: string;
  department: string;
  departmentId?: string;
  color: string;
}

export function EditorSurface(props: { session: CollabSession; user: CaretUser; editable: boolean; label: string; hint?: string; onReady: (editor: Editor) => void }) {
  let host: HTMLDivElement | undefined;
  onMount(() => {
    if (!host) return;
    const editor = new Editor({
      element: host,
      extensions: [
        ...editorExtensions(),
        Collaboration.configure({ document: props.session.doc, field: contentField }),
        CollaborationCaret.configure({ provider: props.session.provider, user: props.user, render: renderCaret }),
      ],
      editable: props.editable,
      editorProps: {
        attributes: { class: 'document-content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': props.label },
      },
    });
    createEffect(() => {
      editor.setEditable(props.editable);
      editor.view.dom.setAttribute('aria-readonly', String(!props.editable));
    });
    // An empty draft says what to do instead of showing a blank page (editors only).
    const showHint = () => host?.classList.toggle('editor-host--empty', props.editable && editor.isEmpty);
    editor.on('update', showHint);
    createEffect(showHint);
    props.onReady(editor);
    // A draft just opened: put the keyboard in the text (unless the person is already elsewhere),
    // so reaching it does not take a trip through the header and the toolbar.
    if (props.editable && (document.activeElement === document.body || document.activeElement === null)) editor.commands.focus('start');
    // Destroy after the rest of the page has cleaned up: panels built on this editor (comments)
    // detach their listeners from its view in their own cleanups, which run after this one.
    onCleanup(() => queueMicrotask(() => editor.destroy()));
  });
  return <div ref={host} class="editor-host" data-hint={props.hint ?? ''} />;
}
