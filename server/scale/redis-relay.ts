/**
 * Rooms of one document on several instances, joined through Redis pub/sub (RoomRelay, see
 * collab/relay.ts). One channel per document; a message is
 *
 *   [kind: 1 byte][sender instance id: 36 bytes ASCII][sent at: float64 ms][payload]
 *
 * kinds: 0 update (a Yjs update this instance accepted and validated), 1 awareness (already
 * rewritten by the awareness guard), 2 sync (a state vector: "send me what I lack"; every holder
 * answers with an update of the difference). Redis is only the messenger: Postgres stays the
 * source of truth, each update is stored once by the instance that accepted it, and a room that
 * missed messages (subscribed late, Redis restarted) catches up by exchanging state vectors.
 */
import type { Logger } from '../logger';
import type { RelayKind, RoomRelay } from '../collab/relay';
import type { RedisLink } from './redis';

const kindByte: Record<Exclude<RelayKind, 'resync'>, number> = { update: 0, awareness: 1, sync: 2 };
const kindOf: Exclude<RelayKind, 'resync'>[] = ['update', 'awareness', 'sync'];
const idBytes = 36;
const headerBytes = 1 + idBytes + 8;

type Deliver = (kind: RelayKind, payload: Uint8Array) => void;

export interface RelayStats {
  published: number;
  received: number;
  /** Milliseconds from publish to delivery, last observed (clocks of the two machines). */
  lastLagMs: number;
  /** Largest lag observed since the last read of the metrics. */
  maxLagMs: number;
}

export function createRedisRelay(link: RedisLink, log: Logger): RoomRelay & { stats: RelayStats; openDocuments(): string[] } {
  const channelOf = (documentId: string) => `${link.prefix}doc:${documentId}`;
  const members = new Map<string, Set<Deliver>>();
  const subscribed = new Map<string, Promise<unknown>>();
  const self = Buffer.from(link.instanceId, 'ascii');
  const stats: RelayStats = { published: 0, received: 0, lastLagMs: 0, maxLagMs: 0 };

  link.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (message.length < headerBytes || message.subarray(1, 1 + idBytes).equals(self)) return;
    const documentId = channel.toString().slice(`${link.prefix}doc:`.length);
    const kind = kindOf[message[0]!];
    if (!kind) return;
    stats.received++;
    stats.lastLagMs = Math.max(0, Date.now() - message.readDoubleBE(1 + idBytes));
    stats.maxLagMs = Math.max(stats.maxLagMs, stats.lastLagMs);
    const payload = new Uint8Array(message.buffer, message.byteOffset + headerBytes, message.length - headerBytes);
    for (const deliver of members.get(documentId) ?? []) deliver(kind, payload);
  });

  // After an outage every room asks the others for what it missed (and answers what they missed).
  link.onReconnect(() => {
    for (const set of members.values()) for (const deliver of set) deliver('resync', new Uint8Array());
  });

  return {
    stats,
    openDocuments: () => [...members.keys()],
    join(documentId, deliver) {
      let set = members.get(documentId);
      if (!set) {
        members.set(documentId, (set = new Set()));
        const done = link.subscriber.subscribe(channelOf(documentId)).catch((error: Error) => {
          log.warn({ documentId, err: { message: error.message } }, 'redis subscribe failed; the room resyncs on reconnect');
        });
        subscribed.set(documentId, done);
      }
      set.add(deliver);
      return () => {
        set!.delete(deliver);
        if (set!.size === 0 && members.get(documentId) === set) {
          members.delete(documentId);
          subscribed.delete(documentId);
          void link.subscriber.unsubscribe(channelOf(documentId)).catch(() => {});
        }
      };
    },
    ready: async (documentId) => {
      await subscribed.get(documentId);
    },
    publish(documentId, kind, payload) {
      const byte = kindByte[kind];
      if (byte === undefined) return;
      stats.published++;
      const sentAt = Buffer.alloc(8);
      sentAt.writeDoubleBE(Date.now());
      const message = Buffer.concat([Buffer.from([byte]), self, sentAt, payload]);
      // Fire and forget: a message lost in an outage is recovered by the resync after it.
      link.command.publish(channelOf(documentId), message).catch((error: Error) => link.publishFailed(error));
    },
  };
}
