/**
 * Loading what a comment request is about, with the facts the policy decides on. Anything the
 * caller may not view (unknown, or a draft they cannot see) is a 404 that reveals nothing.
 */
import type { Executor } from '../db/client';
import type { SessionUser } from '../http/env';
import { notFound } from '../errors';
import { loadDocumentFacts, type DocumentWithFacts } from '../documents/document-access';
import { loadCommentRow, loadThreadRow } from './thread-queries';
import { canView } from '../../shared/permissions';

export async function viewableDocument(db: Executor, user: SessionUser, documentId: string): Promise<DocumentWithFacts> {
  const doc = await loadDocumentFacts(db, documentId);
  if (!doc || !canView(user, doc)) throw notFound('Document');
  return doc;
}

export async function viewableThread(db: Executor, user: SessionUser, threadId: string) {
  const thread = await loadThreadRow(db, threadId);
  const doc = thread && (await loadDocumentFacts(db, thread.documentId));
  if (!thread || !doc || !canView(user, doc)) throw notFound('Thread');
  return { thread, doc };
}

export async function viewableComment(db: Executor, user: SessionUser, commentId: string) {
  const comment = await loadCommentRow(db, commentId);
  const thread = comment && (await loadThreadRow(db, comment.threadId));
  const doc = thread && (await loadDocumentFacts(db, thread.documentId));
  if (!comment || !thread || !doc || !canView(user, doc)) throw notFound('Comment');
  return { comment, thread, doc };
}

/** The department an author writes for: one they lead for an annotation, else one the draft is shared with, else their first. */
export function authorDepartment(user: SessionUser, doc: DocumentWithFacts, annotation: boolean): string | null {
  if (annotation && user.leaderDepartmentIds.length) {
    return user.leaderDepartmentIds.find((id) => doc.grants.some((g) => g.departmentId === id)) ?? user.leaderDepartmentIds[0]!;
  }
  return user.departmentIds.find((id) => id === doc.departmentId || doc.grants.some((g) => g.departmentId === id)) ?? user.departmentIds[0] ?? null;
}
