/**
 * The document list: loaded from the API, remembered for offline visits (the unfiltered list
 * only), and updated in place when a draft is created or renamed.
 */
import { createResource, createSignal } from 'solid-js';
import { api, type Answer } from '../data/api';
import { NetworkError } from '../data/http';
import { readJson, writeJson } from '../session/local-data';

export type DocumentSummary = Answer<'listDocuments'>['documents'][number];

export interface DocumentList {
  documents: DocumentSummary[];
  /** True when this is the copy from the last visit (no network). */
  cached: boolean;
}

async function fetchList({ query, archived }: { query: string; archived: boolean }): Promise<DocumentList> {
  try {
    const { documents } = await api.listDocuments(query || undefined, archived);
    if (!query && !archived) writeJson('documents', documents);
    return { documents, cached: false };
  } catch (error) {
    const saved = error instanceof NetworkError && !archived ? readJson<DocumentSummary[]>('documents') : null;
    if (!saved) throw error;
    const needle = query.toLocaleLowerCase();
    return { documents: saved.filter((d) => d.title.toLocaleLowerCase().includes(needle)), cached: true };
  }
}

/** The list for a (debounced) search query; archived drafts instead when asked. */
export function createDocumentList(initialQuery: string) {
  const [query, setQuery] = createSignal(initialQuery);
  const [archived, setArchived] = createSignal(false);
  const [list, { refetch }] = createResource(() => ({ query: query(), archived: archived() }), fetchList);
  return { query, setQuery, archived, setArchived, list, refetch };
}
