/**
 * Edits that can never reach the server (issue 7, item 9). A reader's socket drops every update
 * it sends, yet the edits stay in the local Y.Doc and IndexedDB (typed offline before access was
 * withdrawn, or in the moment before the client learned of a downgrade). Were the person later
 * granted edit, y-websocket would send them in its next handshake and they would appear by
 * surprise, long after. The rule: once a read-only session holds content the server lacks, that
 * content is discarded (the local copy is cleared and the document reloaded from the server) and
 * the person is told how many changes went.
 */
import * as Y from 'yjs';

/** How many operations (struct clocks) the local document has that the server's state vector lacks. */
export function contentServerLacks(local: Y.Doc | Uint8Array, serverStateVector: Uint8Array): number {
  const mine = Y.decodeStateVector(local instanceof Uint8Array ? local : Y.encodeStateVector(local));
  const theirs = Y.decodeStateVector(serverStateVector);
  let missing = 0;
  for (const [client, clock] of mine) missing += Math.max(0, clock - (theirs.get(client) ?? 0));
  return missing;
}

const noticeKey = (documentId: string) => `codraft:discarded:${documentId}`;

/** Remember, across the reload that follows, how many changes were discarded. */
export function rememberDiscarded(storage: Pick<Storage, 'setItem'>, documentId: string, count: number) {
  try {
    storage.setItem(noticeKey(documentId), String(count));
  } catch {
    // Storage unavailable: the reload still happens, without the notice.
  }
}

/** How many changes the previous page discarded (read once, then forgotten). */
export function takeDiscarded(storage: Pick<Storage, 'getItem' | 'removeItem'>, documentId: string): number {
  try {
    const value = Number.parseInt(storage.getItem(noticeKey(documentId)) ?? '0', 10);
    storage.removeItem(noticeKey(documentId));
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}
