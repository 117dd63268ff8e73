/**
 * What the browser keeps so Codraft works offline, and forgets at sign-out (shared office
 * computers): the last signed-in user, the last document list and document details (localStorage),
 * each opened document's Yjs state (IndexedDB, one database per document) and its count of
 * edits not yet confirmed by the server.
 */
const prefix = 'codraft:';
const openedKey = `${prefix}opened-documents`;

export const documentDbName = (documentId: string) => `codraft-doc-${documentId}`;
export const pendingKey = (documentId: string) => `${prefix}pending:${documentId}`;

export function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(prefix + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown) {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: offline copies are a convenience, not a requirement.
  }
}

/** Remember that this document has a local copy (so sign-out can delete it). */
export function rememberOpened(documentId: string) {
  const opened = new Set(readJson<string[]>('opened-documents') ?? []);
  if (opened.has(documentId)) return;
  opened.add(documentId);
  writeJson('opened-documents', [...opened]);
}

/** A draft kept on this device: its title (from the last visit) and whether edits have not reached the server. */
export interface LocalDraft {
  id: string;
  title: string | null;
  unsent: number;
}

/** Drafts with a copy on this device (opened here before), with their unsent edits. */
export function localDrafts(): LocalDraft[] {
  const opened = readJson<string[]>('opened-documents') ?? [];
  return opened.map((id) => ({
    id,
    title: readJson<{ title?: string }>(`document:${id}`)?.title ?? null,
    unsent: Number(localStorage.getItem(pendingKey(id))) || 0,
  }));
}

/** Drafts whose edits would be lost if this device's copy were deleted now. */
export const draftsWithUnsentEdits = () => localDrafts().filter((d) => d.unsent > 0);

/** Delete everything Codraft stored in this browser (keeps the language choice). */
export async function forgetLocalData() {
  const opened = readJson<string[]>('opened-documents') ?? [];
  await Promise.all(
    opened.map(
      (id) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(documentDbName(id));
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(prefix) && key !== `${prefix}locale` && key !== openedKey) localStorage.removeItem(key);
  }
  localStorage.removeItem(openedKey);
}
