/**
 * Reading and marking a person's notifications. A notification about a draft the person can no
 * longer view (access revoked since) is not shown: the listing checks each one with the policy.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { notifications } from '../db/schema';
import { loadDocumentFactsMany } from '../documents/document-access';
import { canView, type Actor } from '../../shared/permissions';
import type { NotificationDto } from '../../shared/notifications';

const listLimit = 200;

export async function listNotifications(db: Executor, actor: Actor, options: { unreadOnly: boolean }): Promise<NotificationDto[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), options.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(listLimit);
  const documentIds = [...new Set(rows.flatMap((r) => (r.documentId ? [r.documentId] : [])))];
  const facts = await loadDocumentFactsMany(db, documentIds);
  return rows
    .filter((r) => !r.documentId || (facts.has(r.documentId) && canView(actor, facts.get(r.documentId)!)))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      documentId: r.documentId,
      subjectId: r.subjectId,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt ? r.readAt.toISOString() : null,
    }));
}

/** Unread notifications the actor may still see. */
export const unreadCount = async (db: Executor, actor: Actor) => (await listNotifications(db, actor, { unreadOnly: true })).length;

/** Marks the caller's own notifications read (ids of others' are ignored, never revealed). */
export async function markRead(db: Executor, userId: string, target: { ids: readonly string[] } | { all: true }): Promise<number> {
  const own = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const where = 'all' in target ? own : and(own, inArray(notifications.id, [...target.ids]));
  const rows = await db.update(notifications).set({ readAt: sql`now()` }).where(where).returning({ id: notifications.id });
  return rows.length;
}
