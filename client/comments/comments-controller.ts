/**
 * What the workspace holds for comments: whether the panel is open, the threads store, the active
 * thread, and the wiring to the editor (highlights plugin, Ctrl/Cmd+Alt+M on a selection, clicks
 * on highlights, opening at `?thread=<id>` from a notification). Created once per open draft.
 */
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { CollabSession } from '../realtime/collab-session';
import { route } from '../app/router';
import { commentHighlights, highlightsKey, selectionAnchor, setHighlights, threadRange } from './highlights';
import { createThreadsStore } from './threads-store';
import { positionKnown } from '../../shared/comments/anchors';
import type { AnchorStatus, ThreadDto } from '../../shared/comments/api';
import type { ThreadKind } from '../../shared/permissions/comments';

export interface Draft {
  kind: ThreadKind;
  anchor: { start: string; end: string } | { document: true };
  quote: string;
}

export type CommentsController = ReturnType<typeof createCommentsController>;

export function createCommentsController(documentId: string, session: CollabSession, editor: Accessor<Editor | undefined>) {
  const store = createThreadsStore(documentId, session);
  const [open, setOpen] = createSignal(new URLSearchParams(route().search).has('thread') || window.matchMedia?.('(min-width: 1200px)').matches);
  const [active, setActive] = createSignal<string | null>(new URLSearchParams(route().search).get('thread'));
  const [draft, setDraft] = createSignal<Draft | null>(null);

  const openCount = () => store.threads().filter((t) => t.state === 'open').length;

  // Bumped (at most once a frame) when the draft changes here, so anchors' live status follows edits.
  const [revision, setRevision] = createSignal(0);
  /**
   * A thread's anchor as this copy of the draft shows it now: a passage someone just deleted is
   * orphaned here at once, before the server is asked again (re-attachment comes from the server).
   */
  const liveStatus = (thread: ThreadDto): AnchorStatus => {
    revision();
    const ed = editor();
    const { start, end, status } = thread.anchor;
    if (status !== 'attached' || !ed || !start || !end) return status;
    if (!positionKnown(session.doc, start) || !positionKnown(session.doc, end)) return status;
    return threadRange(ed.state, thread) ? 'attached' : 'orphaned';
  };

  /** Start a thread on the current selection (or say there is none). */
  const startOnSelection = (kind: ThreadKind): boolean => {
    const ed = editor();
    const anchor = ed && selectionAnchor(ed.state);
    if (!anchor) return false;
    setDraft({ kind, anchor: { start: anchor.start, end: anchor.end }, quote: anchor.quote });
    setOpen(true);
    return true;
  };

  const activate = (threadId: string | null, scroll = true) => {
    setActive(threadId);
    if (threadId) setOpen(true);
    const ed = editor();
    if (!ed || !threadId || !scroll) return;
    const thread = store.threads().find((t) => t.id === threadId);
    const range = thread && threadRange(ed.state, thread);
    if (range) {
      const dom = ed.view.domAtPos(range.from).node;
      (dom instanceof Element ? dom : dom.parentElement)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  };

  // Wire the editor once it exists: highlights plugin, shortcut.
  createEffect(
    on(editor, (ed) => {
      if (!ed) return;
      if (!highlightsKey.getState(ed.state)) ed.registerPlugin(commentHighlights((id) => activate(id, false)));
      setHighlights(ed.view, { threads: store.threads(), active: active() });
      const onKey = (event: KeyboardEvent) => {
        if (event.key.toLowerCase() === 'm' && event.altKey && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          startOnSelection('comment') || setOpen(true);
        }
      };
      let frame = 0;
      const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
        if (!transaction.docChanged || frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          setRevision((n) => n + 1);
        });
      };
      ed.on('transaction', onTransaction);
      ed.view.dom.addEventListener('keydown', onKey);
      document.addEventListener('keydown', onKey);
      onCleanup(() => {
        ed.off('transaction', onTransaction);
        cancelAnimationFrame(frame);
        ed.view.dom.removeEventListener('keydown', onKey);
        document.removeEventListener('keydown', onKey);
        if (!ed.isDestroyed) ed.unregisterPlugin(highlightsKey);
      });
    }),
  );
  createEffect(() => {
    const ed = editor();
    const threads = store.threads();
    const current = active();
    if (ed && !ed.isDestroyed && highlightsKey.getState(ed.state)) setHighlights(ed.view, { threads, active: current });
  });
  // Opened from a notification: show the thread once it is loaded.
  createEffect(
    on(store.loaded, (loaded) => {
      const wanted = new URLSearchParams(route().search).get('thread');
      if (loaded && wanted) queueMicrotask(() => activate(wanted));
    }),
  );

  return { store, open, setOpen, active, activate, draft, setDraft, startOnSelection, openCount, liveStatus };
}
