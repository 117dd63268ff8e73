/**
 * Command: resolve or reopen a thread (its author, the draft's editors, leaders). Resolving tells
 * the thread's author; both are audited and signalled to everyone with the draft open.
 */
import { eq } from 'drizzle-orm';
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { commentThreads } from '../db/schema';
import { forbidden } from '../errors';
import type { SessionUser } from '../http/env';
import type { AuditContext } from '../audit/record-event';
import { auditComment } from './audit';
import { signalThreadsChanged } from './live';
import { viewableThread } from './load';
import { notifyThreadEvent } from './thread-notifications';
import { canResolveThread } from '../../shared/permissions';

export async function setThreadState(deps: { db: Database; collab: CollabService }, user: SessionUser, audit: AuditContext, threadId: string, state: 'open' | 'resolved') {
  const { db, collab } = deps;
  const { thread, doc } = await viewableThread(db, user, threadId);
  if (!canResolveThread(user, doc, thread)) {
    throw forbidden(
      doc.finalized
        ? 'This document is finalized: its threads can no longer change'
        : "Only the thread's author, the draft's editors and leaders may resolve or reopen it",
    );
  }
  if (thread.state === state) return { threadId: thread.id, documentId: doc.id };
  await db.transaction(async (tx) => {
    await tx
      .update(commentThreads)
      .set(state === 'resolved' ? { state, resolvedBy: user.id, resolvedAt: new Date() } : { state, resolvedBy: null, resolvedAt: null })
      .where(eq(commentThreads.id, thread.id));
    if (state === 'resolved') {
      await notifyThreadEvent(tx, { doc, actor: user, threadId: thread.id, mentioned: [], others: [{ userId: thread.createdBy, kind: 'thread_resolved' }] });
    }
    await auditComment(tx, audit, state === 'resolved' ? 'comment.resolve' : 'comment.reopen', { type: 'comment_thread', id: thread.id }, 'success', { documentId: doc.id });
  });
  signalThreadsChanged(collab, doc.id);
  return { threadId: thread.id, documentId: doc.id };
}
