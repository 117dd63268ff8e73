/**
 * Live collaboration, composed: handshake (upgrade.ts) → connection (connection.ts) → room
 * (room.ts, one Y.Doc per open document, registry in rooms.ts) → persistence (persistence.ts over
 * update-log.ts) → database. Also the operations the rest of the server calls (CollabService).
 */
import { and, gt, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { sessions } from '../db/schema';
import { errorBody } from '../errors';
import type { AppEnv } from '../http/env';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { loadDocumentFacts } from '../documents/document-access';
import { loadSessionUser } from '../accounts/user-queries';
import { socketAccess } from './access';
import { Connection } from './connection';
import { UpdateLogStore, type DocumentStore } from './persistence';
import { CloseCode } from './protocol';
import { localRelay, type RoomRelay } from './relay';
import { Rooms } from './rooms';
import type { CollabService } from './service';
import { mergeStoredState } from './update-log';
import { createUpgradeHandler, type SharedSlots } from './upgrade';
import { UserConnections } from './user-connections';

export interface CollabDeps {
  db: Database;
  config: Config;
  log: Logger;
  /** How rooms reach other server instances; one instance needs none. */
  relay?: RoomRelay;
  /** Several instances: per-user socket slots counted across all of them. */
  sharedSlots?: SharedSlots;
  /** Records persistence latency and counters when given. */
  metrics?: Metrics;
  /** Wrap the update-log store (another backend, instrumentation, fault injection in tests). */
  wrapStore?: (store: DocumentStore) => DocumentStore;
}

const heartbeatMs = 30_000;

export function createCollabService(deps: CollabDeps): CollabService {
  const { db, config } = deps;
  const log = deps.log.child({ component: 'collab' });
  const updateLog = new UpdateLogStore(db, {
    flushMs: config.PERSIST_FLUSH_MS,
    compactAfter: config.COMPACT_AFTER_UPDATES,
    maxPendingBytes: config.PERSIST_MAX_PENDING_BYTES,
    log,
    metrics: deps.metrics,
  });
  const store = deps.wrapStore ? deps.wrapStore(updateLog) : updateLog;
  const rooms = new Rooms({ store, relay: deps.relay ?? localRelay, log, idleMs: config.ROOM_IDLE_MS });
  const connections = new UserConnections<Connection>(config.WS_MAX_CONNECTIONS_PER_USER);
  // ws itself refuses frames past the sync limit; connection.ts applies the smaller frame limit.
  const maxPayload = Math.max(config.WS_MAX_SYNC_BYTES, config.WS_MAX_FRAME_BYTES);
  const wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: false, perMessageDeflate: false });
  /** Bumped by every access change: a handshake that saw it move re-checks before joining. */
  const access = { generation: 0 };
  /** Server-side operations on one document that must not interleave (freeze, restore). */
  const locks = new Map<string, Promise<unknown>>();
  let closing: Promise<void> | null = null;
  deps.metrics?.gauge('codraft_rooms_open', 'Documents open in memory on this instance', () => rooms.size);
  deps.metrics?.gauge('codraft_sockets_open', 'Live websocket connections on this instance', () => [...connections.all()].length);
  const heartbeat = setInterval(() => {
    for (const connection of connections.all()) connection.ping();
  }, heartbeatMs);
  heartbeat.unref();

  /** Apply the current grants (and finalisation) to some connections of one document. */
  async function recheck(documentId: string, targets: Connection[]) {
    const facts = await loadDocumentFacts(db, documentId);
    for (const connection of targets) {
      if (connection.closed) continue;
      // One socket failing must not leave the others with access they lost.
      try {
        if (!facts) {
          connection.close(CloseCode.documentGone, 'document no longer exists');
          continue;
        }
        const decided = socketAccess(connection.user, facts);
        if (decided) connection.setAccess(decided);
        else connection.close(CloseCode.accessRevoked, 'access to this document was revoked');
      } catch (error) {
        log.error({ err: error, documentId, conn: connection.id }, 'access re-check failed for a socket; terminating it');
        connection.terminate();
      }
    }
  }

  return {
    routes: () =>
      new Hono<AppEnv>().get('/:documentId', (c) =>
        c.json(errorBody('upgrade_required', 'Open this address as a websocket (y-websocket protocol)'), 426),
      ),

    handleUpgrade: createUpgradeHandler({
      db,
      config,
      log,
      wss,
      rooms,
      connections,
      isClosing: () => closing !== null,
      accessGeneration: () => access.generation,
      sharedSlots: deps.sharedSlots,
    }),

    async accessChanged(documentId) {
      access.generation++;
      const room = rooms.get(documentId);
      if (!room) return;
      const targets = [...room.peers].filter((p): p is Connection => p instanceof Connection);
      if (targets.length) await recheck(documentId, targets);
    },

    async userChanged(userId) {
      access.generation++;
      const targets = connections.ofUser(userId).filter((c) => !c.closed);
      if (targets.length === 0) return;
      const user = await loadSessionUser(db, userId);
      if (!user) {
        for (const c of targets) c.close(CloseCode.accessRevoked, 'account disabled');
        return;
      }
      const sessionIds = [...new Set(targets.map((c) => c.sessionId))];
      const live = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, new Date())));
      const liveIds = new Set(live.map((s) => s.id));
      const byDocument = new Map<string, Connection[]>();
      for (const c of targets) {
        if (!liveIds.has(c.sessionId)) {
          c.close(CloseCode.sessionEnded, 'session ended; sign in again');
          continue;
        }
        c.setUser(user);
        byDocument.set(c.room.documentId, [...(byDocument.get(c.room.documentId) ?? []), c]);
      }
      for (const [documentId, group] of byDocument) {
        try {
          await recheck(documentId, group);
        } catch (error) {
          log.error({ err: error, documentId, userId }, 'access re-check failed; closing the sockets to be safe');
          for (const c of group) c.close(CloseCode.tryAgainLater, 'access could not be checked; reconnect');
        }
      }
    },

    async exclusive(documentId, operation) {
      const previous = locks.get(documentId) ?? Promise.resolve();
      const run = previous.catch(() => {}).then(operation);
      const tail = run.catch(() => {});
      locks.set(documentId, tail);
      void tail.then(() => {
        if (locks.get(documentId) === tail) locks.delete(documentId);
      });
      return run;
    },

    async holdEdits(documentId) {
      const room = await rooms.acquire(documentId);
      room.holdEdits();
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        room.resumeEdits();
        await rooms.release(room);
      };
      try {
        // Encode first, then flush: everything in the state is durable when it is handed out.
        const state = Y.encodeStateAsUpdate(room.doc);
        await store.flush();
        return { state, release };
      } catch (error) {
        await release();
        throw error;
      }
    },

    sessionEnded(sessionId) {
      for (const connection of connections.all()) {
        if (connection.sessionId === sessionId) connection.close(CloseCode.sessionEnded, 'signed out');
      }
    },

    flushDocument: () => store.flush(),

    async readState(documentId) {
      const room = rooms.get(documentId);
      if (room) {
        // Encode first, then flush: everything in the returned state is durable when we return.
        const state = Y.encodeStateAsUpdate(room.doc);
        await store.flush();
        return state;
      }
      return mergeStoredState(await store.load(documentId));
    },

    async applyServerEdit(documentId, edit) {
      const wasOpen = rooms.get(documentId) !== undefined;
      const room = await rooms.acquire(documentId);
      try {
        room.applyServerEdit(edit);
        await store.flush();
      } finally {
        await rooms.release(room, { unloadNow: !wasOpen && room.peers.size === 0 });
      }
    },

    async readDocument(documentId, read) {
      const room = await rooms.acquire(documentId);
      try {
        return read(room.doc);
      } finally {
        await rooms.release(room);
      }
    },

    signal(documentId, frame) {
      const room = rooms.get(documentId);
      if (!room) return;
      const buffer = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
      for (const peer of room.peers) peer.send(buffer);
    },

    shutdown: () =>
      (closing ??= (async () => {
        clearInterval(heartbeat);
        // Close sockets first so nothing new is accepted, then write everything accepted so far.
        for (const connection of connections.all()) connection.close(CloseCode.goingAway, 'server shutting down');
        try {
          await store.close();
          log.info('collab shut down: every accepted update written');
        } finally {
          rooms.closeAll();
          for (const connection of connections.all()) connection.terminate();
          wss.close();
        }
      })()),
  };
}
