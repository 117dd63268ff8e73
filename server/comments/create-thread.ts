/**
 * Command: open a thread on a draft — check the policy, anchor it against the live draft, insert
 * thread + first comment, notify (mentions; the draft's creator of an annotation) and audit in one
 * transaction, then signal everyone with the draft open.
 */
import type { CollabService } from '../collab/service';
import type { Database } from '../db/client';
import { commentThreads, comments } from '../db/schema';
import { forbidden } from '../errors';
import type { SessionUser } from '../http/env';
import type { AuditContext } from '../audit/record-event';
import { auditComment } from './audit';
import { signalThreadsChanged } from './live';
import { authorDepartment, viewableDocument } from './load';
import { anchorFromInput } from './thread-anchors';
import { checkMentions, notifyThreadEvent } from './thread-notifications';
import { authorRole, canComment, canCreateThread, mayAnnotate, type ThreadKind } from '../../shared/permissions';
import type { ThreadAnchorInput } from '../../shared/comments/api';

export interface CreateThreadInput {
  kind: ThreadKind;
  body: string;
  anchor: ThreadAnchorInput;
  mentions?: string[];
}

export async function createThread(deps: { db: Database; collab: CollabService }, user: SessionUser, audit: AuditContext, documentId: string, input: CreateThreadInput) {
  const { db, collab } = deps;
  const doc = await viewableDocument(db, user, documentId);
  if (!canCreateThread(user, doc, input.kind)) {
    if (doc.finalized) throw forbidden('This document is finalized: its threads can no longer change');
    if (!canComment(user, doc)) throw forbidden('You may view this document but not comment on it');
    if (!mayAnnotate(user)) throw forbidden('Only leaders of a department and administrators may annotate');
    throw forbidden('You may not comment on this document');
  }
  const anchor = await collab.readDocument(doc.id, (ydoc) => anchorFromInput(ydoc, input.anchor));
  const mentions = await checkMentions(db, doc, input.mentions);
  const created = await db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(commentThreads)
      .values({
        documentId: doc.id,
        kind: input.kind,
        createdBy: user.id,
        ...(anchor.document
          ? {}
          : { anchorStart: anchor.start, anchorEnd: anchor.end, anchorExact: anchor.exact, anchorPrefix: anchor.prefix, anchorSuffix: anchor.suffix }),
      })
      .returning({ id: commentThreads.id });
    const [comment] = await tx
      .insert(comments)
      .values({
        threadId: thread!.id,
        authorId: user.id,
        authorDepartmentId: authorDepartment(user, doc, input.kind === 'annotation'),
        authorRole: authorRole(user, input.kind),
        body: input.body,
        mentions: mentions.visible,
      })
      .returning({ id: comments.id });
    await notifyThreadEvent(tx, {
      doc,
      actor: user,
      threadId: thread!.id,
      commentId: comment!.id,
      body: input.body,
      mentioned: mentions.visible,
      others: input.kind === 'annotation' ? [{ userId: doc.createdBy, kind: 'annotation' }] : [],
    });
    await auditComment(tx, audit, 'comment.thread_create', { type: 'comment_thread', id: thread!.id }, 'success', {
      documentId: doc.id,
      kind: input.kind,
      anchor: anchor.document ? 'document' : 'passage',
      mentions: mentions.visible.length,
    });
    return { threadId: thread!.id, commentId: comment!.id };
  });
  signalThreadsChanged(collab, doc.id);
  return { ...created, documentId: doc.id, notNotified: mentions.notNotified };
}
