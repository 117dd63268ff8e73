/** Comment actions in the audit trail (issue 11's module): who did what to which thread or comment. */
import type { Executor } from '../db/client';
import { recordAudit, type AuditContext } from '../audit/record-event';

export type CommentAction = 'comment.thread_create' | 'comment.reply' | 'comment.edit' | 'comment.delete' | 'comment.resolve' | 'comment.reopen';

export const auditComment = (
  db: Executor,
  context: AuditContext,
  action: CommentAction,
  object: { type: 'comment_thread' | 'comment'; id: string },
  outcome: 'success' | 'denied',
  details: Record<string, unknown>,
) => recordAudit(db, { ...context, action, objectType: object.type, objectId: object.id, outcome, details });
