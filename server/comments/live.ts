/**
 * "Threads changed" to everyone with the draft open on this instance, editors and read-only
 * viewers alike: one byte on the collab websocket (protocol.ts, messageThreadsChanged); the
 * client refetches the threads over REST. Sent after the change committed.
 */
import type { CollabService } from '../collab/service';
import { messageThreadsChanged } from '../collab/protocol';

const frame = new Uint8Array([messageThreadsChanged]);

export const signalThreadsChanged = (collab: CollabService, documentId: string) => collab.signal(documentId, frame);
