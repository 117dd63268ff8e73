/** One document's details (title, department, my access), remembered for offline visits. */
import { api, type Answer } from '../data/api';
import { NetworkError } from '../data/http';
import { readJson, writeJson } from '../session/local-data';

export type DocumentDetails = Answer<'getDocument'>;

export async function loadDocument(id: string): Promise<DocumentDetails> {
  try {
    const doc = await api.getDocument(id);
    writeJson(`document:${id}`, doc);
    return doc;
  } catch (error) {
    const saved = error instanceof NetworkError ? readJson<DocumentDetails>(`document:${id}`) : null;
    if (saved) return saved;
    throw error;
  }
}

export const rememberDocument = (doc: DocumentDetails) => writeJson(`document:${doc.id}`, doc);
