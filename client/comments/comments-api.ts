/**
 * The comments API (server/comments/routes.ts) for the web client, typed through hono/client from
 * the server's own routes; answers are the DTOs of shared/comments/api.ts.
 */
import { hc } from 'hono/client';
import type { commentRoutes } from '../../server/comments/routes';
import { call } from '../data/http';
import type { ThreadAnchorInput } from '../../shared/comments/api';
import type { ThreadKind } from '../../shared/permissions/comments';

const comments = hc<ReturnType<typeof commentRoutes>>('/api');

export const commentsApi = {
  threads: (id: string) => call(comments.documents[':id'].threads.$get({ param: { id }, query: { state: 'all' } })),
  createThread: (id: string, json: { kind: ThreadKind; body: string; anchor: ThreadAnchorInput; mentions?: string[] }) =>
    call(comments.documents[':id'].threads.$post({ param: { id }, json })),
  mentionable: (id: string) => call(comments.documents[':id'].mentionable.$get({ param: { id } })),
  reply: (id: string, json: { body: string; mentions?: string[] }) => call(comments.threads[':id'].comments.$post({ param: { id }, json })),
  setState: (id: string, state: 'open' | 'resolved') => call(comments.threads[':id'].$patch({ param: { id }, json: { state } })),
  editComment: (id: string, json: { body: string; mentions?: string[] }) => call(comments.comments[':id'].$patch({ param: { id }, json })),
  deleteComment: (id: string) => call(comments.comments[':id'].$delete({ param: { id } })),
};
