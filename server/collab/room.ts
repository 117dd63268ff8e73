/**
 * One open document: its Y.Doc, its presence (awareness), and the peers connected to it.
 * Everything applied to the doc — a client's update, a server edit, an update relayed from another
 * instance — leaves through one `update` handler that encodes the message once and sends the same
 * buffer to every peer, hands it to the store (durability) and the relay (other instances).
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import { AwarenessGuard, type PresenceUser } from './awareness-guard';
import type { DocumentStore } from './persistence';
import { CloseCode, ProtocolError, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, validateUpdate } from './protocol';
import type { RelayKind, RoomRelay } from './relay';
import { applyStoredParts } from './update-log';

/** What a room needs of a connection. */
export interface RoomPeer {
  readonly userId: string;
  readonly presence: PresenceUser;
  /** Send one binary frame (the same Buffer may go to many peers: do not modify it). */
  send(frame: Buffer): void;
  /** This peer's update went to the store under `seq` (see DocumentStore.append). */
  appended?(seq: number): void;
}

/** Transaction origins that are not peers. */
export const serverOrigin = Symbol('server edit');
export const relayOrigin = Symbol('relayed from another instance');
export const loadOrigin = Symbol('loaded from storage');

/** An empty state vector (no clients): what a brand-new client asks for. */
const emptyStateVector = new Uint8Array([0]);
const isEmptyStateVector = (sv: Uint8Array) => sv.length === 1 && sv[0] === 0;
/** An update with no structs and no deletions (what Yjs encodes when there is nothing to send). */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  private readonly guard = new AwarenessGuard(this.awareness.clientID);
  private readonly leaveRelay: () => void;
  /** The whole state, encoded once and reused for every new client until the next change. */
  private fullState: Uint8Array | null = null;
  /**
   * While set (a final freeze is sealing the state), what editors send is queued in arrival order
   * instead of handled; `resumeEdits` handles the queue (after the access re-check, so on a final
   * freeze the queued updates meet read-only sockets and are dropped, never applied).
   */
  private held: Array<() => void> | null = null;
  /** Holds keep the room loaded: one per peer, per upgrade in progress, per server-side read or edit. */
  holds = 0;
  idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly documentId: string,
    private readonly store: DocumentStore,
    private readonly relay: RoomRelay,
    private readonly log: Logger,
  ) {
    this.awareness.setLocalState(null); // the server itself has no presence
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.leaveRelay = relay.join(documentId, this.onRelayed);
  }

  /** Apply what was stored, before anyone is connected; returns how many parts were unreadable. */
  restore(parts: readonly Uint8Array[]): number {
    return applyStoredParts(this.doc, parts, loadOrigin);
  }

  /** A peer joins: send our state vector (so it sends what we lack) and everyone's presence. */
  join(peer: RoomPeer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
    }
  }

  /** A peer leaves: its presence states are removed for everyone. */
  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    const ids = this.guard.release(peer);
    if (ids.length) removeAwarenessStates(this.awareness, ids, null);
  }

  /** Answer a sync step 1: everything the peer's state vector lacks. */
  syncStep2For(stateVector: Uint8Array): Buffer {
    if (isEmptyStateVector(stateVector)) {
      this.fullState ??= Y.encodeStateAsUpdate(this.doc, emptyStateVector);
      return encodeSyncStep2(this.fullState);
    }
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /**
   * Apply an editor's update. It is decoded in full first, so a malformed update never reaches
   * the document. An update that decodes but still fails while integrating (it refers to content
   * in impossible ways) may have been applied in part: Yjs then emits the part it integrated as a
   * well-formed update, which we broadcast and store like any other, so every copy stays equal.
   */
  applyClientUpdate(peer: RoomPeer, update: Uint8Array): void {
    validateUpdate(update);
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.log.warn({ err: error, documentId: this.documentId, userId: peer.userId }, 'client update failed to integrate');
      throw new ProtocolError(CloseCode.malformed, 'Yjs update could not be applied');
    }
  }

  /** Whether every update up to the store sequence `seq` is written (0: nothing to wait for). */
  isDurable(seq: number): boolean {
    return seq === 0 || this.store.isDurable(seq);
  }

  whenDurable(seq: number): Promise<void> {
    return this.store.whenDurable(seq);
  }

  /** The store's buffer is full (database down): edits are refused until it drains. */
  get storeOverloaded(): boolean {
    return this.store.overloaded;
  }

  /** Hold back what peers send (see `held`) until `resumeEdits`. */
  holdEdits(): void {
    this.held ??= [];
  }

  /** Whether `task` (handling one peer message) had to wait: it runs on `resumeEdits`. */
  deferWhileHeld(task: () => void): boolean {
    if (!this.held) return false;
    this.held.push(task);
    return true;
  }

  /** Handle the queued messages in order; every task handles its own errors. */
  resumeEdits(): void {
    const queued = this.held ?? [];
    this.held = null;
    for (const task of queued) task();
  }

  /** Run a server-side edit as one transaction: broadcast and persisted like a client's. */
  applyServerEdit(edit: (doc: Y.Doc) => void): void {
    this.doc.transact(() => edit(this.doc), serverOrigin);
  }

  /** A peer's presence: only its own client IDs, with `user` set by the server. */
  receiveAwareness(peer: RoomPeer, update: Uint8Array): void {
    const rewritten = this.guard.rewrite(update, peer, peer.presence);
    if (rewritten) applyAwarenessUpdate(this.awareness, rewritten, peer);
  }

  /** Every known presence state, for a client asking with "query awareness". */
  awarenessFrame(): Buffer | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  destroy(): void {
    this.leaveRelay();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.doc.destroy(); // also destroys the awareness and its timer
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullState = null;
    if (origin === loadOrigin) return; // it came from storage, before anyone joined
    // Runs inside Y.applyUpdate: an exception here would surface as if the sender's update were
    // bad (and close it with 4400). Our own failures are logged as ours instead.
    try {
      const frame = encodeSyncUpdate(update);
      // The sender already has its own update.
      for (const peer of this.peers) if (peer !== origin) peer.send(frame);
      if (origin === relayOrigin) return; // stored and published by the instance that received it
      const sender = origin === serverOrigin ? null : ((origin as RoomPeer | null) ?? null);
      const seq = this.store.append(this.documentId, update, sender?.userId ?? null);
      sender?.appended?.(seq);
      this.relay.publish(this.documentId, 'update', update);
    } catch (error) {
      this.log.error({ err: error, documentId: this.documentId }, 'handling an applied update failed (server side)');
    }
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const update = encodeAwarenessUpdate(this.awareness, changed);
    const frame = encodeAwareness(update);
    // Sent to the origin too: y-websocket clients count it as a sign of life (their 30 s watchdog).
    for (const peer of this.peers) peer.send(frame);
    if (origin !== relayOrigin) this.relay.publish(this.documentId, 'awareness', update);
  };

  /** Ask the other instances holding this document for whatever this copy lacks (see relay.ts). */
  catchUp(): void {
    this.relay.publish(this.documentId, 'sync', Y.encodeStateVector(this.doc));
  }

  private readonly onRelayed = (kind: RelayKind, payload: Uint8Array) => {
    try {
      if (kind === 'update') Y.applyUpdate(this.doc, payload, relayOrigin);
      else if (kind === 'awareness') applyAwarenessUpdate(this.awareness, payload, relayOrigin);
      else if (kind === 'resync') this.catchUp();
      else {
        // Another instance's state vector: send what it lacks (nothing when it has everything),
        // and ask for what we lack in turn, so one exchange repairs both sides after an outage.
        const missing = Y.encodeStateAsUpdate(this.doc, payload);
        if (!isEmptyUpdate(missing)) this.relay.publish(this.documentId, 'update', missing);
        const ours = Y.decodeStateVector(Y.encodeStateVector(this.doc));
        for (const [client, clock] of Y.decodeStateVector(payload)) {
          if ((ours.get(client) ?? 0) < clock) {
            this.catchUp();
            break;
          }
        }
      }
    } catch (error) {
      this.log.error({ err: error, documentId: this.documentId, kind }, 'relayed message could not be applied');
    }
  };
}
