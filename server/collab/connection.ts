/**
 * One client's websocket on one document: reads its frames (strictly, see protocol.ts), applies
 * what its access allows, and sends it what the room broadcasts. Bad input closes this
 * connection only, with a close code and reason; the room and other peers go on.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { SessionUser } from '../http/env';
import type { Logger } from '../logger';
import type { SocketAccess } from './access';
import { presenceUser, type PresenceUser } from './awareness-guard';
import { CloseCode, ProtocolError, encodeSyncStep1, readMessage, type ClientMessage } from './protocol';
import type { Room, RoomPeer } from './room';

/** An update with no structs and no deletions (what a client with nothing new sends as step 2). */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;

/** A client this far behind (bytes queued for it) is dropped; it reconnects and resyncs. */
const maxBufferedBytes = 16 * 1024 * 1024;

export interface ConnectionInit {
  id: string;
  /** Frames above this many bytes close with 1009, except a sync step 2 (see `maxSyncBytes`). */
  maxFrameBytes: number;
  ws: WebSocket;
  room: Room;
  user: SessionUser;
  sessionId: string;
  access: SocketAccess;
  log: Logger;
  /** Called once, when the socket has closed. */
  onClosed(connection: Connection): void;
}

export class Connection implements RoomPeer {
  readonly id: string;
  readonly userId: string;
  readonly sessionId: string;
  readonly room: Room;
  user: SessionUser;
  presence: PresenceUser;
  access: SocketAccess;
  /** Set when we decided to close (or the socket closed): nothing more is read or sent. */
  closed = false;
  private alive = true;
  private droppedUpdates = 0;
  /** Store sequence of this connection's latest applied update: its "saved?" probes wait for it. */
  private lastSeq = 0;
  /** Deferred sync step 2 answers, in order (each waits for the flush holding earlier updates). */
  private replies: Promise<void> | null = null;
  private readonly ws: WebSocket;
  private readonly log: Logger;

  constructor(private readonly init: ConnectionInit) {
    this.id = init.id;
    this.ws = init.ws;
    this.room = init.room;
    this.user = init.user;
    this.userId = init.user.id;
    this.sessionId = init.sessionId;
    this.access = init.access;
    this.presence = presenceUser(init.user);
    this.log = init.log;
    this.ws.on('message', this.onMessage);
    this.ws.on('close', this.onClose);
    this.ws.on('pong', () => (this.alive = true));
    // ws refuses frames over WS_MAX_SYNC_BYTES (its maxPayload) by closing with 1009, which
    // y-websocket retries forever: the same content would be refused on every reconnect. That
    // close gets the final code 4413 instead, so the client stops and tells its user.
    const close = this.ws.close.bind(this.ws);
    this.ws.close = (code?: number, reason?: string | Buffer) =>
      code === CloseCode.tooLarge && reason === undefined ? close(CloseCode.tooLargeEver, 'edits too large to send, even in parts') : close(code, reason);
    this.ws.on('error', (error) => this.log.info({ err: error }, 'websocket error'));
    this.room.join(this);
    this.log.info({ access: this.access }, 'collab connected');
  }

  /** The room stored one of our updates under `seq` (RoomPeer). */
  appended(seq: number): void {
    this.lastSeq = seq;
  }

  send(frame: Buffer): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > maxBufferedBytes) {
      this.close(CloseCode.tryAgainLater, 'client too far behind; reconnect');
      return;
    }
    try {
      this.ws.send(frame);
    } catch (error) {
      // Never let one socket's failure escape into a room broadcast (a Yjs update handler).
      this.log.warn({ err: error }, 'collab send failed; terminating');
      this.terminate();
    }
  }

  /**
   * Access changed while connected. Regaining edit asks the client for anything it has that we
   * lack. Losing edit (a grant lowered, a final version frozen) closes the socket: its editor
   * would otherwise go on accepting typing that the server drops while showing it as saved. The
   * client looks its access up again and reopens read-only.
   */
  setAccess(access: SocketAccess): void {
    if (access === this.access) return;
    this.log.info({ from: this.access, to: access }, 'collab access changed');
    if (this.access === 'edit') {
      this.close(CloseCode.accessRevoked, 'edit access withdrawn; reopen read-only');
      return;
    }
    this.access = access;
    if (access === 'edit') this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)));
  }

  /** New name or departments: presence sent from now on carries them. */
  setUser(user: SessionUser): void {
    this.user = user;
    this.presence = presenceUser(user);
  }

  /** Stop reading and sending now, leave the room, and close the socket with `code` and `reason`. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave(this);
    this.log.info({ code, reason }, 'collab closing connection');
    this.ws.close(code, reason);
  }

  /** Heartbeat: a socket that did not answer the previous ping is gone (network lost, not closed). */
  ping(): void {
    if (!this.alive) {
      this.log.info('collab connection unresponsive; terminating');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }

  private readonly onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
    if (this.closed) return;
    this.alive = true;
    if (!isBinary) {
      this.close(CloseCode.unsupported, 'binary frames only');
      return;
    }
    const frame = data as Buffer;
    // While a final freeze seals the document, messages wait (in order) and are handled after it.
    if (this.room.deferWhileHeld(() => this.receive(frame))) return;
    this.receive(frame);
  };

  private receive(frame: Buffer) {
    if (this.closed) return;
    try {
      const message = readMessage(frame);
      // A large sync step 2 is a client catching up (a big paste, a long offline session): it is
      // taken up to WS_MAX_SYNC_BYTES. Anything else that large closes with 1009, which the
      // client retries — its content then arrives as the step 2 of its next handshake.
      if (frame.byteLength > this.init.maxFrameBytes && message.type !== 'sync-step2') {
        this.close(CloseCode.tooLarge, 'frame too large; reconnect and send it as sync step 2');
        return;
      }
      this.handle(message);
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.close(error.code, error.reason);
      } else {
        this.log.error({ err: error }, 'collab message handling failed');
        this.close(CloseCode.internalError, 'internal error');
      }
    }
  }

  /**
   * Answer a sync step 1. A client sends one after its own edits to learn they arrived (its
   * "saved" indicator): the answer waits until every update this connection sent before it is
   * written to the database, so "saved" means stored. Answers stay in order.
   */
  private answerSyncStep1(stateVector: Uint8Array) {
    const seq = this.lastSeq;
    if (!this.replies && this.room.isDurable(seq)) {
      this.send(this.room.syncStep2For(stateVector));
      return;
    }
    const reply = (this.replies ?? Promise.resolve())
      .then(() => this.room.whenDurable(seq))
      .then(() => {
        if (!this.closed) this.send(this.room.syncStep2For(stateVector));
      });
    this.replies = reply;
    void reply.finally(() => {
      if (this.replies === reply) this.replies = null;
    });
  }

  private handle(message: ClientMessage) {
    switch (message.type) {
      case 'sync-step1':
        this.answerSyncStep1(message.stateVector);
        return;
      case 'sync-step2':
      case 'sync-update':
        if (this.access !== 'edit') {
          // Dropped silently rather than closing: every y-websocket client answers our sync
          // step 1 with a step 2 (usually empty), and a read-only editor may still emit local
          // changes. Closing would make it reconnect in a loop; nothing it sends is applied,
          // stored or forwarded either way.
          if (this.droppedUpdates++ === 0) this.log.debug('dropping updates from a read-only connection');
          return;
        }
        if (this.room.storeOverloaded && !isEmptyUpdate(message.update)) {
          // The database is down and the buffer is full: accept nothing more (1013 retries
          // later). The client keeps its edits and sends them again in its next handshake.
          this.close(CloseCode.tryAgainLater, 'edits cannot be stored right now; they stay on your device and are sent again later');
          return;
        }
        this.room.applyClientUpdate(this, message.update);
        return;
      case 'awareness':
        this.room.receiveAwareness(this, message.update);
        return;
      case 'query-awareness': {
        const frame = this.room.awarenessFrame();
        if (frame) this.send(frame);
        return;
      }
    }
  }

  private readonly onClose = (code: number, reason: Buffer) => {
    this.closed = true;
    this.room.leave(this);
    this.log.info({ code, reason: reason.toString() }, 'collab disconnected');
    this.init.onClosed(this);
  };
}
