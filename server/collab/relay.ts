/**
 * How a room reaches the same document open on other server instances. One instance needs
 * nothing (`localRelay`); several instances will share documents through Redis pub/sub behind
 * this same interface, without the protocol or room code changing.
 *
 * Contract for an implementation: `publish` sends to every *other* instance with the document
 * open; `join` delivers what they published. Each instance persists only the updates its own
 * clients made, so relayed updates are applied and broadcast locally but not stored again.
 */
export type RelayKind = 'update' | 'awareness';

export interface RoomRelay {
  /** Start receiving a document's messages from other instances; returns the function that stops it. */
  join(documentId: string, deliver: (kind: RelayKind, payload: Uint8Array) => void): () => void;
  /** A Yjs update applied here, or an awareness update (already rewritten by the guard). */
  publish(documentId: string, kind: RelayKind, payload: Uint8Array): void;
}

/** A single server instance: there is nobody else to tell. */
export const localRelay: RoomRelay = {
  join: () => () => {},
  publish: () => {},
};
