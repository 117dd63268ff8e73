/**
 * When is the local (IndexedDB) copy of a document up to date? y-indexeddb writes each update in
 * its own transaction without telling anyone. IndexedDB runs a read-only transaction only after
 * every earlier read-write transaction over the same store has finished, so a read opened now
 * completes once all writes started so far are on disk.
 */
import type { IndexeddbPersistence } from 'y-indexeddb';

const updatesStore = 'updates';

export async function whenStored(persistence: IndexeddbPersistence): Promise<void> {
  await persistence.whenSynced;
  const db = persistence.db;
  if (!db) return;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction([updatesStore], 'readonly');
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB read failed'));
    tx.objectStore(updatesStore).count();
  });
}
