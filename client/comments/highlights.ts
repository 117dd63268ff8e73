/**
 * Highlights of anchored passages in the editor: a ProseMirror decoration plugin. Each attached
 * thread's Yjs relative positions (from the server) are mapped to editor positions through the
 * y-sync binding, so highlights sit on the same characters for everyone. Annotations get their own
 * class, the active thread is emphasised, resolved threads are not highlighted. Local edits map
 * the decorations; remote ones (y-sync transactions) and new thread lists recompute them.
 * Registered on a running editor with `editor.registerPlugin` (no change to the editor setup).
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { decodePosition } from '../../shared/comments/anchors';
import type { ThreadDto } from '../../shared/comments/api';

export interface HighlightState {
  threads: readonly ThreadDto[];
  active: string | null;
  decorations: DecorationSet;
}

export const highlightsKey = new PluginKey<HighlightState>('codraft-comment-highlights');

interface Binding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
}

const bindingOf = (state: EditorState): Binding | null => {
  const sync = ySyncPluginKey.getState(state) as { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Binding['mapping'] } | null } | undefined;
  return sync?.binding ? { doc: sync.doc, type: sync.type, mapping: sync.binding.mapping } : null;
};

/** Editor range of a thread's passage, or null (orphaned here, or not yet known to this copy). */
export function threadRange(state: EditorState, thread: Pick<ThreadDto, 'anchor'>): { from: number; to: number } | null {
  const binding = bindingOf(state);
  if (!binding || thread.anchor.status !== 'attached' || !thread.anchor.start || !thread.anchor.end) return null;
  const start = decodePosition(thread.anchor.start);
  const end = decodePosition(thread.anchor.end);
  if (!start || !end) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, start, binding.mapping as never);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, end, binding.mapping as never);
    if (from === null || to === null || from >= to || to > state.doc.content.size) return null;
    return { from, to };
  } catch {
    return null;
  }
}

/** The editor's selection as a thread anchor (base64 Yjs relative positions), or null if empty. */
export function selectionAnchor(state: EditorState): { start: string; end: string; quote: string } | null {
  const { from, to, empty } = state.selection;
  const binding = bindingOf(state);
  if (empty || !binding) return null;
  const quote = state.doc.textBetween(from, to, '\n').trim();
  if (!quote) return null;
  const encode = (pos: number) => toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never)));
  return { start: encode(from), end: encode(to), quote };
}

function build(state: EditorState, threads: readonly ThreadDto[], active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    if (thread.state !== 'open' && thread.id !== active) continue;
    const range = threadRange(state, thread);
    if (!range) continue;
    const classes = ['comment-mark', `comment-mark--${thread.kind}`];
    if (thread.id === active) classes.push('comment-mark--active');
    decorations.push(Decoration.inline(range.from, range.to, { class: classes.join(' '), 'data-thread-id': thread.id }, { threadId: thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Tell the plugin about new threads or a new active thread. */
export const setHighlights = (view: EditorView, next: { threads?: readonly ThreadDto[]; active?: string | null }) =>
  view.dispatch(view.state.tr.setMeta(highlightsKey, next));

/** `onActivate(threadId)` when a highlighted passage is clicked. */
export function commentHighlights(onActivate: (threadId: string) => void) {
  return new Plugin<HighlightState>({
    key: highlightsKey,
    state: {
      init: (_config, state) => ({ threads: [], active: null, decorations: DecorationSet.create(state.doc, []) }),
      apply(tr: Transaction, value: HighlightState, _old: EditorState, state: EditorState): HighlightState {
        const meta = tr.getMeta(highlightsKey) as { threads?: readonly ThreadDto[]; active?: string | null } | undefined;
        if (meta) {
          const threads = meta.threads ?? value.threads;
          const active = meta.active !== undefined ? meta.active : value.active;
          return { threads, active, decorations: build(state, threads, active) };
        }
        if (tr.getMeta(ySyncPluginKey)) return { ...value, decorations: build(state, value.threads, value.active) };
        return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
      },
    },
    props: {
      decorations: (state) => highlightsKey.getState(state)?.decorations,
      handleClick(view, pos) {
        const found = highlightsKey.getState(view.state)?.decorations.find(pos, pos);
        const threadId = found?.[0]?.spec.threadId as string | undefined;
        if (threadId) onActivate(threadId);
        return false;
      },
    },
  });
}
