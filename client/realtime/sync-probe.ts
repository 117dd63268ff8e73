/**
 * Wires a SyncTracker to a y-websocket provider (see sync-tracker.ts for why this is correct):
 * - every local Yjs transaction counts as an edit;
 * - the provider's sync handler is wrapped to see step 1 (we answer with our full missing state,
 *   then probe) and step 2 (the answer to our oldest probe) coming from the server;
 * - after local edits a probe (a sync step 1: our state vector, a few bytes) is sent, one at a
 *   time: when it is answered and edits are still pending, the next one goes.
 * Messages relayed between tabs by BroadcastChannel are not from the server and are ignored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import type { SyncTracker } from './sync-tracker';

export interface SyncProbeOptions {
  /** Whether a Yjs update origin is a local edit (not the provider, not IndexedDB). */
  isLocal: (origin: unknown) => boolean;
  /** Wait this long after an edit before probing, so a burst of typing costs one probe. */
  debounceMs?: number;
  /** The server's state vector, from each sync step 1 it sends (what it has stored and accepted). */
  onServerStateVector?: (stateVector: Uint8Array) => void;
}

export function attachSyncProbe(provider: WebsocketProvider, tracker: SyncTracker, options: SyncProbeOptions) {
  const debounceMs = options.debounceMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const probe = () => {
    timer = undefined;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN || !tracker.covering) return;
    if (tracker.unconfirmed === 0 || tracker.outstanding > 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    ws.send(encoding.toUint8Array(encoder));
    tracker.probeSent();
  };
  const schedule = (delay = debounceMs) => {
    if (timer === undefined) timer = setTimeout(probe, delay);
  };

  const original = provider.messageHandlers[messageSync];
  if (!original) throw new Error('y-websocket provider without a sync handler');
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
    const syncType = decoding.peekVarUint(decoder);
    let serverStateVector: Uint8Array | undefined;
    if (syncType === syncProtocol.messageYjsSyncStep1 && options.onServerStateVector) {
      const copy = decoding.clone(decoder);
      decoding.readVarUint(copy);
      serverStateVector = decoding.readVarUint8Array(copy);
    }
    original(encoder, decoder, p, emitSynced, messageType);
    if (serverStateVector && emitSynced) options.onServerStateVector?.(serverStateVector);
    if (!emitSynced) return;
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      // Our step 2 reply is sent right after this handler returns; probe behind it.
      tracker.sentFullState();
      queueMicrotask(() => schedule(0));
    } else if (syncType === syncProtocol.messageYjsSyncStep2) {
      tracker.answerReceived();
      if (tracker.unconfirmed > 0) schedule();
    }
  };

  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') {
      tracker.connected();
      tracker.probeSent(); // the provider sends its own sync step 1 right after this event
    } else if (status === 'disconnected') {
      tracker.disconnected();
    }
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || !options.isLocal(origin)) return;
    tracker.localEdit();
    schedule();
  };
  provider.on('status', onStatus);
  provider.doc.on('update', onUpdate);

  return () => {
    clearTimeout(timer);
    provider.off('status', onStatus);
    provider.doc.off('update', onUpdate);
    provider.messageHandlers[messageSync] = original;
  };
}
