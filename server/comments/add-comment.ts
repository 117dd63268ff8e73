/**
 * Command: reply in a thread — policy, insert, notify (mentions; the thread's author of a reply),
 * audit, in one transaction; then signal everyone with the draft open.
 */
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { comments } from '../db/schema';
import { forbidden } from '../errors';
import type { SessionUser } from '../http/env';
import type { AuditContext } from '../audit/record-event';
import { auditComment } from './audit';
import { signalThreadsChanged } from './live';
import { authorDepartment, viewableThread } from './load';
import { checkMentions, notifyThreadEvent } from './thread-notifications';
import { authorRole, canReply } from '../../shared/permissions';

export async function addComment(
  deps: { db: Database; collab: CollabService },
  user: SessionUser,
  audit: AuditContext,
  threadId: string,
  input: { body: string; mentions?: string[] },
) {
  const { db, collab } = deps;
  const { thread, doc } = await viewableThread(db, user, threadId);
  if (!canReply(user, doc)) {
    throw forbidden(doc.finalized ? 'This document is finalized: its threads can no longer change' : 'You may view this document but not comment on it');
  }
  const mentions = await checkMentions(db, doc, input.mentions);
  const commentId = await db.transaction(async (tx) => {
    const [comment] = await tx
      .insert(comments)
      .values({
        threadId: thread.id,
        authorId: user.id,
        authorDepartmentId: authorDepartment(user, doc, false),
        authorRole: authorRole(user, 'comment'),
        body: input.body,
        mentions: mentions.visible,
      })
      .returning({ id: comments.id });
    await notifyThreadEvent(tx, {
      doc,
      actor: user,
      threadId: thread.id,
      commentId: comment!.id,
      body: input.body,
      mentioned: mentions.visible,
      others: [{ userId: thread.createdBy, kind: 'reply' }],
    });
    await auditComment(tx, audit, 'comment.reply', { type: 'comment', id: comment!.id }, 'success', { documentId: doc.id, threadId: thread.id });
    return comment!.id;
  });
  signalThreadsChanged(collab, doc.id);
  return { commentId, threadId: thread.id, documentId: doc.id, notNotified: mentions.notNotified };
}
