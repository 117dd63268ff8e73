/**
 * What the rest of the server sees of live collaboration. The implementation composes the
 * websocket route, the rooms (one Y.Doc per open document), persistence and limits.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env';

export interface CollabService {
  /** The `/collab/:documentId` websocket route (mounted under /collab). */
  routes(): Hono<AppEnv>;
  /** Re-check every live connection to this document against current grants (downgrade or close). */
  accessChanged(documentId: string): Promise<void>;
  /** A user was disabled or their departments changed: re-check or close their connections. */
  userChanged(userId: string): Promise<void>;
  /** Write every pending update of a document to the database now. */
  flushDocument(documentId: string): Promise<void>;
  /** Flush everything and close all connections (graceful shutdown). */
  shutdown(): Promise<void>;
}
