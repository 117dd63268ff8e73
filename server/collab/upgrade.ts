/**
 * The websocket handshake for `GET /collab/:documentId`, handled on the Node server's `upgrade`
 * event so that every refusal is a real HTTP response (status and JSON error body) sent before
 * any upgrade: foreign Origin 403, no session 401, malformed id 404, unknown document or no
 * access 403, too many sockets 429, shutting down or storage unavailable 503.
 * Only then is the room loaded (so the connection joins a ready document) and the socket upgraded.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { WebSocketServer } from 'ws';
import { authenticateToken } from '../accounts/middleware';
import { sessionCookieName } from '../accounts/sessions';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { errorBody, storageRetryAfterSeconds, storageUnavailableBody } from '../errors';
import { isStorageUnavailable } from '../db/pg-errors';
import { isAllowedOrigin } from '../http/origin';
import type { Logger } from '../logger';
import { isUuid, loadSocketAccess } from './access';
import { Connection } from './connection';
import type { Room } from './room';
import type { Rooms } from './rooms';
import type { UserConnections } from './user-connections';

/** Per-user socket slots counted across instances (server/scale/redis-slots.ts); absent on one instance. */
export interface SharedSlots {
  /** A slot id, or null when the user is at the limit across instances. */
  take(userId: string): Promise<string | null>;
  give(userId: string, slot: string): void;
}

export interface UpgradeDeps {
  /** Several instances: the per-user limit counted across all of them. */
  sharedSlots?: SharedSlots;
  db: Database;
  config: Config;
  log: Logger;
  wss: WebSocketServer;
  rooms: Rooms;
  connections: UserConnections<Connection>;
  /** True once shutdown began: new sockets are refused. */
  isClosing(): boolean;
  /** Moves whenever access changes anywhere (CollabService.accessChanged / userChanged). */
  accessGeneration(): number;
}

const pathPattern = /^\/collab\/([^/]+)$/;

/** Answer a handshake with an HTTP error and close the socket. */
export function refuse(socket: Duplex, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(errorBody(code, message));
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      (retryAfterSeconds ? `Retry-After: ${retryAfterSeconds}\r\n` : '') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createUpgradeHandler(deps: UpgradeDeps) {
  const idleMs = deps.config.SESSION_IDLE_HOURS * 3_600_000;

  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node removes its own error handler from upgraded sockets: a reset during the checks
    // below would otherwise be an uncaught exception.
    socket.on('error', () => {});
    void handle(request, socket, head).catch((error: unknown) => {
      if (isStorageUnavailable(error)) {
        deps.log.error({ err: error, url: request.url }, 'collab handshake: storage unavailable');
        const body = storageUnavailableBody().error;
        return refuse(socket, 503, body.code, body.message, storageRetryAfterSeconds);
      }
      deps.log.error({ err: error, url: request.url }, 'collab handshake failed');
      refuse(socket, 500, 'internal', 'Something went wrong on the server');
    });
  };

  async function handle(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const host = request.headers.host;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const deny = (status: number, code: string, message: string, userId?: string) => {
      deps.log.info({ status, code, path: url.pathname, userId }, 'collab handshake refused');
      refuse(socket, status, code, message);
    };
    const match = pathPattern.exec(url.pathname);
    if (!match) return deny(404, 'not_found', `No websocket endpoint at ${url.pathname}`);
    if (deps.isClosing()) return deny(503, 'shutting_down', 'The server is restarting; try again shortly');
    const requestUrl = `http://${host ?? 'localhost'}${url.pathname}`;
    if (!safeAllowedOrigin(request.headers.origin, requestUrl, host, deps.config)) {
      return deny(403, 'forbidden', 'Cross-site websocket refused: Origin is not this application');
    }
    const token = request.headers.cookie ? parseCookies(request.headers.cookie, sessionCookieName)[sessionCookieName] : undefined;
    const auth = await authenticateToken(deps.db, token, idleMs);
    if (!auth) return deny(401, 'unauthenticated', 'Sign in first: no valid session');
    const userId = auth.user.id;
    const documentId = match[1]!;
    if (!isUuid(documentId)) return deny(404, 'not_found', 'Document not found', userId);
    let generation = deps.accessGeneration();
    let access = await loadSocketAccess(deps.db, auth.user, documentId);
    // Unknown and forbidden look the same, so ids cannot be probed.
    if (!access) return deny(403, 'forbidden', 'You may not open this document', userId);
    if (!deps.connections.reserve(userId)) {
      return deny(429, 'rate_limited', `At most ${deps.config.WS_MAX_CONNECTIONS_PER_USER} open documents per user`, userId);
    }
    const sharedSlot = deps.sharedSlots ? await deps.sharedSlots.take(userId) : null;
    if (deps.sharedSlots && !sharedSlot) {
      deps.connections.unreserve(userId);
      return deny(429, 'rate_limited', `At most ${deps.config.WS_MAX_CONNECTIONS_PER_USER} open documents per user`, userId);
    }
    const giveSharedSlot = () => {
      if (sharedSlot) deps.sharedSlots!.give(userId, sharedSlot);
    };
    let room: Room;
    try {
      room = await deps.rooms.acquire(documentId);
    } catch (error) {
      deps.connections.unreserve(userId);
      giveSharedSlot();
      deps.log.error({ err: error, documentId }, 'loading document failed');
      deps.log.info({ status: 503, path: url.pathname, userId }, 'collab handshake refused');
      return refuse(socket, 503, 'storage_unavailable', 'The document could not be loaded; try again shortly', storageRetryAfterSeconds);
    }
    // Until the upgrade completes, the slot and the room hold are given back if the socket dies
    // (client gone during the checks, or ws rejecting a malformed handshake).
    let settled = false;
    const giveBack = () => {
      if (settled) return;
      settled = true;
      deps.connections.unreserve(userId);
      giveSharedSlot();
      void deps.rooms.release(room);
    };
    if (socket.destroyed || deps.isClosing()) {
      giveBack();
      return deny(503, 'shutting_down', 'The server is restarting; try again shortly', userId);
    }
    // Access may have changed while the room loaded (a final freeze, a revocation, a downgrade):
    // decide again until no change slipped in. From here to joining there is no await, and once
    // joined the socket is a room peer that every later access change re-checks.
    while (generation !== deps.accessGeneration()) {
      generation = deps.accessGeneration();
      try {
        access = await loadSocketAccess(deps.db, auth.user, documentId);
      } catch (error) {
        giveBack();
        throw error;
      }
      if (!access) {
        giveBack();
        return deny(403, 'forbidden', 'You may not open this document', userId);
      }
      if (socket.destroyed || deps.isClosing()) {
        giveBack();
        return deny(503, 'shutting_down', 'The server is restarting; try again shortly', userId);
      }
    }
    const joinAccess = access;
    socket.once('close', giveBack);
    deps.wss.handleUpgrade(request, socket, head, (ws) => {
      socket.off('close', giveBack);
      if (settled) return ws.terminate();
      settled = true;
      const id = randomUUID().slice(0, 8);
      const connection = new Connection({
        id,
        maxFrameBytes: deps.config.WS_MAX_FRAME_BYTES,
        ws,
        room,
        user: auth.user,
        sessionId: auth.sessionId,
        access: joinAccess,
        log: deps.log.child({ conn: id, documentId, userId }),
        onClosed: (closed) => {
          deps.connections.remove(closed);
          giveSharedSlot();
          void deps.rooms.release(room);
        },
      });
      deps.connections.add(connection);
    });
  }
}

function safeAllowedOrigin(origin: string | undefined, requestUrl: string, host: string | undefined, config: Config) {
  try {
    return isAllowedOrigin(origin, requestUrl, host, config);
  } catch {
    return false; // an unparsable Host header
  }
}
