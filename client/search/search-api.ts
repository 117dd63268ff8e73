/**
 * The search API (server/search/routes.ts) for the web client, typed through hono/client from the
 * server's own route, and where each kind of result opens.
 */
import { hc } from 'hono/client';
import type { searchRoutes } from '../../server/search/routes';
import { call } from '../data/http';

const api = hc<ReturnType<typeof searchRoutes>>('/api');

export type SearchType = 'draft' | 'record' | 'dossier' | 'comment';
export const searchTypes: readonly SearchType[] = ['draft', 'record', 'dossier', 'comment'];

export const searchApi = {
  search: (q: string, options: { type?: SearchType; limit?: number; offset?: number } = {}) =>
    call(
      api.search.$get({
        query: { q, ...(options.type ? { type: options.type } : {}), limit: String(options.limit ?? 20), offset: String(options.offset ?? 0) },
      }),
    ),
};

export type SearchAnswer = Awaited<ReturnType<typeof searchApi.search>>;
export type SearchHit = SearchAnswer['results'][number];

/** The page a result opens: its draft (drafts, comments, versions of a draft), its dossier, or the record's bundle. */
export function resultHref(hit: Pick<SearchHit, 'type' | 'id' | 'documentId' | 'dossierId'>): string {
  if (hit.type === 'dossier') return `/dossiers/${hit.dossierId ?? hit.id}`;
  if (hit.documentId) return `/documents/${hit.documentId}`;
  if (hit.type === 'record' && /^\d+$/.test(hit.id)) return `/api/records/${hit.id}/bundle`;
  return '/';
}
