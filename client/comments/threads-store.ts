/**
 * A draft's threads in the browser: fetched over REST, refetched when the server says they changed
 * (a one-byte "threads changed" message on the collab websocket, messageThreadsChanged = 40), after
 * every reconnection, and when a local edit may have orphaned or restored a passage.
 * Writes made offline (new threads, replies) are queued in localStorage and sent on reconnect, in
 * order; a queued thread whose positions the server has not received yet (422 anchor_unknown) waits
 * for the next sync. One the server refuses for good (access gone, draft finalized meanwhile) moves
 * to `refused` with the reason, kept on the device until the person dismisses it: never dropped
 * silently. Must be created inside a component.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { ApiError, NetworkError } from '../data/http';
import { errorMessage } from '../ui/error-message';
import { readJson, writeJson } from '../session/local-data';
import type { CollabSession } from '../realtime/collab-session';
import { commentsApi } from './comments-api';
import type { ThreadAnchorInput, ThreadDto } from '../../shared/comments/api';
import type { ThreadKind } from '../../shared/permissions/comments';

/** The collab protocol's "threads changed" message type (server/collab/protocol.ts). */
export const messageThreadsChanged = 40;

export type QueuedWrite =
  | { type: 'thread'; localId: string; kind: ThreadKind; body: string; anchor: ThreadAnchorInput; mentions: string[]; quote: string; queuedAt: string }
  | { type: 'reply'; localId: string; threadId: string; body: string; mentions: string[]; queuedAt: string };

/** A queued write the server refused when it was finally sent, with the server's reason. */
export type RefusedWrite = QueuedWrite & { reason: string };

export interface ThreadsStore {
  threads: Accessor<ThreadDto[]>;
  loaded: Accessor<boolean>;
  /** Writes waiting on this device for the network. */
  queued: Accessor<QueuedWrite[]>;
  /** Queued writes the server refused when sent (shown with their text until dismissed). */
  refused: Accessor<RefusedWrite[]>;
  dismissRefused(localId: string): void;
  refetch(): Promise<void>;
  /** Send now, or queue when offline; returns the created thread when sent. */
  createThread(input: { kind: ThreadKind; body: string; anchor: ThreadAnchorInput; mentions: string[]; quote: string }): Promise<{ thread?: ThreadDto; notNotified: string[]; queued: boolean }>;
  reply(threadId: string, body: string, mentions: string[]): Promise<{ notNotified: string[]; queued: boolean }>;
  /** Replace one thread with the server's answer (after a write). */
  put(thread: ThreadDto): void;
}

const queueKey = (documentId: string) => `comment-queue:${documentId}`;
const refusedKey = (documentId: string) => `comment-refused:${documentId}`;
const localId = () => `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const offline = (error: unknown) => error instanceof NetworkError;

export function createThreadsStore(documentId: string, session: CollabSession): ThreadsStore {
  const [threads, setThreads] = createSignal<ThreadDto[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [queued, setQueued] = createSignal<QueuedWrite[]>(readJson<QueuedWrite[]>(queueKey(documentId)) ?? []);
  const saveQueue = (next: QueuedWrite[]) => {
    setQueued(next);
    writeJson(queueKey(documentId), next);
  };
  const [refused, setRefused] = createSignal<RefusedWrite[]>(readJson<RefusedWrite[]>(refusedKey(documentId)) ?? []);
  const saveRefused = (next: RefusedWrite[]) => {
    setRefused(next);
    writeJson(refusedKey(documentId), next);
  };

  let fetching: Promise<void> | null = null;
  let again = false;
  const refetch = (): Promise<void> => {
    if (fetching) {
      again = true;
      return fetching;
    }
    fetching = (async () => {
      try {
        setThreads((await commentsApi.threads(documentId)).threads);
        setLoaded(true);
      } catch {
        // Offline or gone: keep what we have; the workspace explains access problems.
      } finally {
        fetching = null;
        if (again) {
          again = false;
          void refetch();
        }
      }
    })();
    return fetching;
  };

  const put = (thread: ThreadDto) => setThreads((list) => (list.some((t) => t.id === thread.id) ? list.map((t) => (t.id === thread.id ? thread : t)) : [...list, thread]));

  let flushing = false;
  const flushQueue = async () => {
    if (flushing || queued().length === 0) return;
    flushing = true;
    try {
      for (const write of queued()) {
        try {
          if (write.type === 'thread') {
            const { thread } = await commentsApi.createThread(documentId, { kind: write.kind, body: write.body, anchor: write.anchor, mentions: write.mentions });
            put(thread);
          } else {
            const { thread } = await commentsApi.reply(write.threadId, { body: write.body, mentions: write.mentions });
            put(thread);
          }
        } catch (error) {
          if (offline(error)) return; // still offline: try again later, in order
          if (error instanceof ApiError && error.code === 'anchor_unknown') return; // our edits are not on the server yet
          // Refused for good (access gone, draft finalized): set it aside with the reason rather
          // than block the rest; its text stays on this device until the person dismisses it.
          saveRefused([...refused(), { ...write, reason: errorMessage(error) }]);
        }
        saveQueue(queued().filter((w) => w.localId !== write.localId));
      }
    } finally {
      flushing = false;
    }
  };

  // The server's "threads changed" signal; also refetch and send the queue after each sync.
  session.provider.messageHandlers[messageThreadsChanged] = () => void refetch();
  const onSync = (synced: boolean) => {
    if (!synced) return;
    void flushQueue().then(() => refetch());
  };
  session.provider.on('sync', onSync);
  const onOnline = () => void flushQueue();
  window.addEventListener('online', onOnline);

  // A local edit can orphan a passage or bring one back (undo): look again shortly after.
  let editTimer: ReturnType<typeof setTimeout> | undefined;
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === session.provider) return;
    clearTimeout(editTimer);
    editTimer = setTimeout(() => void refetch(), 800);
  };
  session.doc.on('update', onUpdate);
  onCleanup(() => {
    session.provider.off('sync', onSync);
    session.doc.off('update', onUpdate);
    window.removeEventListener('online', onOnline);
    clearTimeout(editTimer);
  });
  void refetch();

  return {
    threads,
    loaded,
    queued,
    refused,
    dismissRefused: (id) => saveRefused(refused().filter((w) => w.localId !== id)),
    refetch,
    put,
    async createThread(input) {
      try {
        const { thread, notNotified } = await commentsApi.createThread(documentId, { kind: input.kind, body: input.body, anchor: input.anchor, mentions: input.mentions });
        put(thread);
        return { thread, notNotified, queued: false };
      } catch (error) {
        if (!offline(error) && !(error instanceof ApiError && error.code === 'anchor_unknown')) throw error;
        saveQueue([...queued(), { type: 'thread', localId: localId(), ...input, queuedAt: new Date().toISOString() }]);
        return { notNotified: [], queued: true };
      }
    },
    async reply(threadId, body, mentions) {
      try {
        const { thread, notNotified } = await commentsApi.reply(threadId, { body, mentions });
        put(thread);
        return { notNotified, queued: false };
      } catch (error) {
        if (!offline(error)) throw error;
        saveQueue([...queued(), { type: 'reply', localId: localId(), threadId, body, mentions, queuedAt: new Date().toISOString() }]);
        return { notNotified: [], queued: true };
      }
    },
  };
}
