/**
 * What the rest of the server sees of live collaboration. The implementation composes the
 * websocket route, the rooms (one Y.Doc per open document), persistence and limits.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import type * as Y from 'yjs';
import type { AppEnv } from '../http/env';

export interface CollabService {
  /** The `/collab/:documentId` websocket route (mounted under /collab). */
  routes(): Hono<AppEnv>;
  /**
   * The Node server's `upgrade` listener: checks Origin, session and access and answers refusals
   * with a real HTTP status and JSON body before upgrading (see collab/upgrade.ts).
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Re-check every live connection to this document against current grants (downgrade or close). */
  accessChanged(documentId: string): Promise<void>;
  /** A user was disabled or their departments changed: re-check or close their connections. */
  userChanged(userId: string): Promise<void>;
  /** A session ended (sign-out): close its live sockets with 4401 "signed out". */
  sessionEnded(sessionId: string): void;
  /**
   * Write this document's pending updates to the database now. Updates of every document share one
   * buffer and one statement, so this writes the others' too (no cheaper per-document write exists).
   */
  flushDocument(documentId: string): Promise<void>;
  /**
   * The server's current state of a document as one Yjs update, after flushing what is pending:
   * exactly what every connected client has seen confirmed. Loads it from the database if not open.
   */
  readState(documentId: string): Promise<Uint8Array>;
  /**
   * Make a server-side edit (e.g. restoring a version) as a normal, new Yjs change: applied to the
   * live document if open (broadcast to clients) or to the stored state otherwise, and persisted.
   */
  applyServerEdit(documentId: string, edit: (doc: Y.Doc) => void): Promise<void>;
  /**
   * Read the live Y.Doc of a document (loaded from storage if no one has it open; it then stays
   * loaded for ROOM_IDLE_MS). `read` runs synchronously and must not change the document.
   */
  readDocument<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T>;
  /** Send one server → client frame (e.g. "threads changed") to every connection of a document on this instance. */
  signal(documentId: string, frame: Uint8Array): void;
  /**
   * Run `operation` after every earlier operation on this document passed to `exclusive` has
   * ended (in this process): a final freeze, a restore and the like never interleave.
   */
  exclusive<T>(documentId: string, operation: () => Promise<T>): Promise<T>;
  /**
   * Hold back live edits of a document (queued in order, not applied) and return its state with
   * everything in it durable. The caller seals that state (a final freeze), calls `accessChanged`
   * if the seal committed, then `release` — queued edits then meet the new access (dropped on
   * read-only sockets) or, if nothing changed, are applied as if they had just arrived.
   */
  holdEdits(documentId: string): Promise<{ state: Uint8Array; release(): Promise<void> }>;
  /** Flush everything and close all connections (graceful shutdown). */
  shutdown(): Promise<void>;
}
