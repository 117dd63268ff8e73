/**
 * One open document in the browser: its Y.Doc, kept in IndexedDB (y-indexeddb) and synced with
 * the server (y-websocket), with what the UI shows about it as Solid signals: connection state,
 * edits not yet confirmed by the server, whether they are safe on this device, who is present.
 * Must be created inside a component: it cleans up with its owner.
 */
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { documentDbName, pendingKey, rememberOpened } from '../session/local-data';
import { connectionState, type ConnectionState, type SocketStatus } from './connection-state';
import { whenStored } from './local-copy';
import { peopleFrom, type Person, type SelfIdentity } from './presence';
import { contentServerLacks, rememberDiscarded, takeDiscarded } from './read-only-edits';
import { attachSyncProbe } from './sync-probe';
import { SyncTracker, storagePendingStore } from './sync-tracker';

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  state: Accessor<ConnectionState>;
  unconfirmed: Accessor<number>;
  /** Every local edit so far is written to IndexedDB. */
  storedLocally: Accessor<boolean>;
  people: Accessor<Person[]>;
  /** Counts completed syncs with the server (a change means: refresh what may have changed). */
  syncs: Accessor<number>;
  /** The socket keeps failing although the browser is online (session or access gone?). */
  failures: Accessor<number>;
  /** The server closed for good with this code (4401 session ended, 4403 access revoked, 4404 gone, 4413 too large). */
  closedCode: Accessor<number | null>;
  /** The last close of the socket by the server (code and reason), final or not; null once synced again. */
  lastClose: Accessor<{ code: number; reason: string } | null>;
  /** Changes discarded when this page loaded, because they were made without edit access (item 9). */
  discarded: Accessor<number>;
  /** Reconnect now instead of waiting for the provider's back-off (e.g. after signing in again). */
  reconnect(): void;
  /** Stop syncing (access revoked). */
  stop(): void;
}

export const collabUrl = () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;

export interface CollabSessionOptions {
  /** Whether I may edit now; when not, local content the server lacks is discarded (read-only-edits.ts). */
  canEdit?: () => boolean;
}

export function createCollabSession(documentId: string, self: SelfIdentity, options: CollabSessionOptions = {}): CollabSession {
  const doc = new Y.Doc();
  rememberOpened(documentId);
  const persistence = new IndexeddbPersistence(documentDbName(documentId), doc);
  const provider = new WebsocketProvider(collabUrl(), documentId, doc, { connect: false, maxBackoffTime: 5000 });
  const tracker = new SyncTracker(storagePendingStore(localStorage, pendingKey(documentId)));
  let serverStateVector: Uint8Array | null = null;
  let discarding = false;
  /** Content I hold that a reader's socket will never store: clear the local copy and reload from the server. */
  const discardIfReadOnly = () => {
    if (discarding || !serverStateVector || !options.canEdit || options.canEdit()) return;
    const missing = contentServerLacks(doc, serverStateVector);
    if (missing === 0) return;
    discarding = true;
    rememberDiscarded(sessionStorage, documentId, missing);
    provider.destroy();
    tracker.reset();
    void persistence.clearData().finally(() => location.reload());
  };
  const detachProbe = attachSyncProbe(provider, tracker, {
    isLocal: (origin) => origin !== persistence,
    onServerStateVector: (sv) => {
      serverStateVector = sv;
      discardIfReadOnly();
    },
  });
  // A server state vector is only evidence until the socket closes: edits confirmed since (e.g.
  // just before a final freeze closed it) are not in it, so they must not count as lacking.
  provider.on('connection-close', () => {
    serverStateVector = null;
  });
  // Access is looked up again after reconnecting: losing edit then discards what cannot be sent.
  createEffect(() => {
    options.canEdit?.();
    discardIfReadOnly();
  });
  const [discarded] = createSignal(takeDiscarded(sessionStorage, documentId));
  const [lastClose, setLastClose] = createSignal<{ code: number; reason: string } | null>(null);

  const [online, setOnline] = createSignal(navigator.onLine);
  const [socket, setSocket] = createSignal<SocketStatus>('connecting');
  const [synced, setSynced] = createSignal(false);
  const [syncs, setSyncs] = createSignal(0);
  const [failures, setFailures] = createSignal(0);
  const [closedCode, setClosedCode] = createSignal<number | null>(null, { equals: false });
  const [unconfirmed, setUnconfirmed] = createSignal(tracker.unconfirmed);
  const [storedLocally, setStoredLocally] = createSignal(true);
  const collator = new Intl.Collator();
  const people = () => peopleFrom(provider.awareness.getStates(), doc.clientID, self, collator);
  const [presence, setPresence] = createSignal(people());

  tracker.subscribe(setUnconfirmed);
  provider.on('status', ({ status }) => setSocket(status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'disconnected'));
  provider.on('sync', (isSynced: boolean) => {
    setSynced(isSynced);
    if (isSynced) {
      setLastClose(null);
      setFailures(0);
      setSyncs((n) => n + 1);
    }
  });
  provider.on('connection-close', (event) => {
    if (event && event.code !== 1000 && event.code !== 1005 && event.code !== 1006) setLastClose({ code: event.code, reason: event.reason });
    if (navigator.onLine && !provider.synced) setFailures((n) => n + 1);
  });
  provider.on('closed', ({ code }: { code: number }) => setClosedCode(code));
  provider.awareness.on('change', () => setPresence(people()));

  let storeRun = 0;
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === persistence) return;
    if (serverStateVector && options.canEdit && !options.canEdit()) queueMicrotask(discardIfReadOnly);
    const run = ++storeRun;
    setStoredLocally(false);
    void whenStored(persistence).then(() => run === storeRun && setStoredLocally(true));
  });

  const goOffline = () => {
    setOnline(false);
    provider.disconnect();
  };
  const goOnline = () => {
    setOnline(true);
    provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  if (navigator.onLine) provider.connect();

  onCleanup(() => {
    window.removeEventListener('offline', goOffline);
    window.removeEventListener('online', goOnline);
    detachProbe();
    provider.destroy();
    void persistence.destroy();
    doc.destroy();
  });

  return {
    doc,
    provider,
    state: () => connectionState({ online: online(), socket: socket(), synced: synced(), everSynced: syncs() > 0 }),
    unconfirmed,
    storedLocally,
    people: presence,
    syncs,
    failures,
    closedCode,
    lastClose,
    discarded,
    reconnect: () => {
      // Too large for the server even in the handshake: reconnecting would only be refused again.
      if (provider.synced || !navigator.onLine || closedCode() === 4413) return;
      discardIfReadOnly();
      provider.disconnect();
      provider.connect();
    },
    stop: () => provider.disconnect(),
  };
}
