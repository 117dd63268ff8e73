/**
 * Commands: an author edits or deletes their own comment. The previous text goes to
 * comment_revisions; a deleted comment keeps its place (shown as deleted, replies kept).
 * Refusals are audited too (someone tried to change another person's comment).
 */
import { eq } from 'drizzle-orm';
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { commentRevisions, comments } from '../db/schema';
import { forbidden } from '../errors';
import type { SessionUser } from '../http/env';
import type { AuditContext } from '../audit/record-event';
import { auditComment } from './audit';
import { signalThreadsChanged } from './live';
import { viewableComment } from './load';
import { checkMentions, notifyThreadEvent } from './thread-notifications';
import { canChangeComment, canComment } from '../../shared/permissions';

type Deps = { db: Database; collab: CollabService };

async function changeable(deps: Deps, user: SessionUser, audit: AuditContext, commentId: string, action: 'comment.edit' | 'comment.delete') {
  const found = await viewableComment(deps.db, user, commentId);
  const { comment, doc } = found;
  if (!canChangeComment(user, doc, { authorId: comment.authorId, deleted: comment.deletedAt !== null })) {
    if (comment.authorId !== user.id) {
      await auditComment(deps.db, audit, action, { type: 'comment', id: comment.id }, 'denied', { documentId: doc.id, reason: 'not the author' });
      throw forbidden('Only its author may change or delete a comment');
    }
    if (comment.deletedAt) throw forbidden('This comment was deleted');
    if (doc.finalized) throw forbidden('This document is finalized: its threads can no longer change');
    if (!canComment(user, doc)) throw forbidden('You may no longer comment on this document');
    throw forbidden('You may not change this comment');
  }
  return found;
}

export async function editComment(deps: Deps, user: SessionUser, audit: AuditContext, commentId: string, input: { body: string; mentions?: string[] }) {
  const { comment, thread, doc } = await changeable(deps, user, audit, commentId, 'comment.edit');
  const mentions = await checkMentions(deps.db, doc, input.mentions);
  const added = mentions.visible.filter((id) => !comment.mentions.includes(id));
  await deps.db.transaction(async (tx) => {
    await tx.insert(commentRevisions).values({ commentId: comment.id, body: comment.body });
    await tx.update(comments).set({ body: input.body, mentions: mentions.visible, editedAt: new Date() }).where(eq(comments.id, comment.id));
    // Only people newly mentioned hear about an edit.
    await notifyThreadEvent(tx, { doc, actor: user, threadId: thread.id, commentId: comment.id, body: input.body, mentioned: added, others: [] });
    await auditComment(tx, audit, 'comment.edit', { type: 'comment', id: comment.id }, 'success', { documentId: doc.id, threadId: thread.id });
  });
  signalThreadsChanged(deps.collab, doc.id);
  return { threadId: thread.id, documentId: doc.id, notNotified: mentions.notNotified };
}

export async function deleteComment(deps: Deps, user: SessionUser, audit: AuditContext, commentId: string) {
  const { comment, thread, doc } = await changeable(deps, user, audit, commentId, 'comment.delete');
  await deps.db.transaction(async (tx) => {
    await tx.insert(commentRevisions).values({ commentId: comment.id, body: comment.body });
    await tx.update(comments).set({ body: '', mentions: [], deletedAt: new Date() }).where(eq(comments.id, comment.id));
    await auditComment(tx, audit, 'comment.delete', { type: 'comment', id: comment.id }, 'success', { documentId: doc.id, threadId: thread.id });
  });
  signalThreadsChanged(deps.collab, doc.id);
  return { threadId: thread.id, documentId: doc.id };
}
