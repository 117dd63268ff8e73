/**
 * Creating notifications. The caller decides WHO may be told (with the policy module) and runs this
 * inside its own transaction: the rows and a `pg_notify` per recipient commit together, so the live
 * push (live.ts, LISTEN on every instance) happens only once the cause is committed, never for a
 * rolled-back action, and reaches every server instance through Postgres itself.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { notifications } from '../db/schema';

/** The Postgres channel; its payload is the recipient's user id. */
export const notificationChannel = 'codraft_notifications';

export interface NewNotification {
  userId: string;
  /** An open set: "mention", "reply", "round_reminder", "signature_requested", … */
  kind: string;
  documentId?: string | null;
  /** The sender's own object id (thread, round, submission…), so the client can open it. */
  subjectId?: string | null;
  /** Small display facts (title, actor name, excerpt ≤ 140 chars): only what the recipient may see. */
  data?: Record<string, unknown>;
}

export async function notify(db: Executor, items: readonly NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  await db.insert(notifications).values(
    items.map((n) => ({ userId: n.userId, kind: n.kind, documentId: n.documentId ?? null, subjectId: n.subjectId ?? null, data: n.data ?? {} })),
  );
  for (const userId of new Set(items.map((n) => n.userId))) {
    await db.execute(sql`select pg_notify(${notificationChannel}, ${userId})`);
  }
}
