/**
 * How a room reaches the same document open on other server instances. One instance needs
 * nothing (`localRelay`); several instances will share documents through Redis pub/sub behind
 * this same interface, without the protocol or room code changing.
 *
 * Contract for an implementation: `publish` sends to every *other* instance with the document
 * open; `join` delivers what they published. Each instance persists only the updates its own
 * clients made, so relayed updates are applied and broadcast locally but not stored again.
 *
 * Catching up: a room joins the relay before it loads from the database (`ready` resolves once
 * it is subscribed), then publishes a `sync` message with its state vector; every other holder
 * answers with an `update` of what it lacks. The relay delivers `resync` (locally, no payload) when
 * its connection comes back after an outage, and the room catches up the same way.
 */
export type RelayKind = 'update' | 'awareness' | 'sync' | 'resync';

export interface RoomRelay {
  /** Start receiving a document's messages from other instances; returns the function that stops it. */
  join(documentId: string, deliver: (kind: RelayKind, payload: Uint8Array) => void): () => void;
  /** Resolves once messages of this document published from now on will be delivered. */
  ready?(documentId: string): Promise<void>;
  /** A Yjs update applied here, an awareness update (already rewritten by the guard), or a state vector (`sync`). */
  publish(documentId: string, kind: Exclude<RelayKind, 'resync'>, payload: Uint8Array): void;
}

/** A single server instance: there is nobody else to tell. */
export const localRelay: RoomRelay = {
  join: () => () => {},
  publish: () => {},
};
