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

/** A client this far behind (bytes queued for it) is dropped; it reconnects and resyncs. */
const maxBufferedBytes = 16 * 1024 * 1024;

export interface ConnectionInit {
  id: string;
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
    // ws reports frames over WS_MAX_FRAME_BYTES here and closes the socket with 1009 itself.
    this.ws.on('error', (error) => this.log.info({ err: error }, 'websocket error'));
    this.room.join(this);
    this.log.info({ access: this.access }, 'collab connected');
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
    try {
      this.handle(readMessage(data as Buffer));
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.close(error.code, error.reason);
      } else {
        this.log.error({ err: error }, 'collab message handling failed');
        this.close(CloseCode.internalError, 'internal error');
      }
    }
  };

  private handle(message: ClientMessage) {
    switch (message.type) {
      case 'sync-step1':
        this.send(this.room.syncStep2For(message.stateVector));
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
