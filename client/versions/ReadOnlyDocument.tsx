/**
 * A frozen version's content, laid out like the draft: its ProseMirror JSON rendered by a
 * read-only TipTap editor on the shared schema (no HTML is inserted; the schema decides what can
 * appear). Not connected to any Yjs document.
 */
import { Editor } from '@tiptap/core';
import { onCleanup, onMount } from 'solid-js';
import { editorExtensions } from '../../shared/editor-schema';

export function ReadOnlyDocument(props: { content: Record<string, unknown>; label: string }) {
  let host: HTMLDivElement | undefined;
  onMount(() => {
    if (!host) return;
    const editor = new Editor({
      element: host,
      extensions: editorExtensions(),
      content: props.content,
      editable: false,
      editorProps: {
        attributes: { class: 'document-content document-content--frozen', role: 'document', 'aria-label': props.label },
      },
    });
    onCleanup(() => editor.destroy());
  });
  return <div ref={host} class="frozen-host" />;
}
