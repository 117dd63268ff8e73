/**
 * Query: a draft's threads as the API shows them — rows (2 queries: threads, then all their
 * comments), each anchor resolved against the live draft (thread-anchors.ts), mention names.
 */
import type { CollabService } from '../collab/service';
import type { Executor } from '../db/client';
import { currentAnchors, type CurrentAnchor } from './thread-anchors';
import { listCommentsByThread, listThreadRows, loadThreadRow, namesOf, type CommentRow, type ThreadRow } from './thread-queries';
import type { CommentDto, ThreadDto } from '../../shared/comments/api';
import type { ThreadKind } from '../../shared/permissions';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const roles = ['member', 'leader', 'admin'] as const;

export function presentComment(c: CommentRow, names: Map<string, string>): CommentDto {
  return {
    id: c.id,
    author: {
      id: c.authorId,
      name: c.authorName,
      department: c.authorDepartmentId ? { id: c.authorDepartmentId, name: c.authorDepartmentName ?? '' } : null,
      role: roles.find((r) => r === c.authorRole) ?? 'member',
    },
    body: c.deletedAt ? '' : c.body,
    mentions: c.deletedAt ? [] : c.mentions.map((id) => ({ id, name: names.get(id) ?? '' })),
    createdAt: c.createdAt.toISOString(),
    editedAt: iso(c.editedAt),
    deletedAt: iso(c.deletedAt),
  };
}

export function presentThread(t: ThreadRow, anchor: CurrentAnchor, threadComments: CommentDto[]): ThreadDto {
  return {
    id: t.id,
    documentId: t.documentId,
    kind: t.kind,
    state: t.state,
    anchor: anchor.status === 'attached' ? { exact: anchor.exact, status: anchor.status, start: anchor.start, end: anchor.end } : { exact: anchor.exact, status: anchor.status },
    comments: threadComments,
    createdBy: { id: t.createdBy, name: t.createdByName },
    createdAt: t.createdAt.toISOString(),
    resolvedBy: t.resolvedBy ? { id: t.resolvedBy, name: t.resolvedByName ?? '' } : null,
    resolvedAt: iso(t.resolvedAt),
  };
}

async function present(db: Executor, collab: CollabService, documentId: string, threads: ThreadRow[]): Promise<ThreadDto[]> {
  const [byThread, anchors] = await Promise.all([listCommentsByThread(db, threads.map((t) => t.id)), currentAnchors(db, collab, documentId, threads)]);
  const names = await namesOf(db, [...new Set([...byThread.values()].flatMap((rows) => rows.flatMap((r) => r.mentions)))]);
  return threads.map((t) => presentThread(t, anchors.get(t.id)!, (byThread.get(t.id) ?? []).map((row) => presentComment(row, names))));
}

export async function listThreads(db: Executor, collab: CollabService, documentId: string, filter: { state?: 'open' | 'resolved'; kind?: ThreadKind }) {
  return present(db, collab, documentId, await listThreadRows(db, documentId, filter));
}

export async function loadThread(db: Executor, collab: CollabService, threadId: string): Promise<ThreadDto | null> {
  const thread = await loadThreadRow(db, threadId);
  if (!thread) return null;
  return (await present(db, collab, thread.documentId, [thread]))[0]!;
}
