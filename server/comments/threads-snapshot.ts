/**
 * Threads kept with a record (issue 8): at freezing, the draft's threads with each anchor resolved
 * against the frozen Yjs state itself (so the quoted text is that of the record), canonicalised by
 * shared/comments/snapshot.ts; stored append-only in record_threads by ledger seq, and read back
 * for bundles and `codraft verify`.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Executor } from '../db/client';
import { recordThreads } from '../db/schema';
import { presentComment, presentThread } from './list-threads';
import { listCommentRows, listThreadRows, namesOf } from './thread-queries';
import { resolveAnchor } from '../../shared/comments/anchors';
import { flatten } from '../../shared/comments/flat-text';
import { threadsSnapshot, type ThreadsSnapshot } from '../../shared/comments/snapshot';
import { canonicalJson } from '../../shared/records/canonical';
import type { CommentDto } from '../../shared/comments/api';

/** The snapshot of a draft's threads against `state` (the Yjs state being frozen). */
export async function snapshotThreads(db: Executor, documentId: string, state: Uint8Array): Promise<ThreadsSnapshot> {
  const threads = await listThreadRows(db, documentId);
  const rows = await listCommentRows(db, threads.map((t) => t.id));
  const names = await namesOf(db, [...new Set(rows.flatMap((r) => r.mentions))]);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const flat = flatten(doc);
    const byThread = new Map<string, CommentDto[]>();
    for (const row of rows) byThread.set(row.threadId, [...(byThread.get(row.threadId) ?? []), presentComment(row, names)]);
    return threadsSnapshot(
      documentId,
      threads.map((t) => {
        const anchor =
          t.anchorStart && t.anchorEnd
            ? resolveAnchor(doc, flat, { start: t.anchorStart, end: t.anchorEnd, exact: t.anchorExact, prefix: t.anchorPrefix, suffix: t.anchorSuffix })
            : null;
        const current = anchor ? { status: anchor.status, exact: anchor.exact } : { status: 'document' as const, exact: '' };
        return presentThread(t, current, byThread.get(t.id) ?? []);
      }),
    );
  } finally {
    doc.destroy();
  }
}

/** Keep the snapshot with ledger entry `seq` (inside the freezing transaction). */
export async function saveThreadsSnapshot(tx: Executor, seq: number, snapshot: ThreadsSnapshot): Promise<void> {
  await tx.insert(recordThreads).values({ seq, documentId: snapshot.documentId, json: canonicalJson(snapshot) });
}

/** The stored snapshot of entry `seq`, as stored (parsed JSON, or the raw text if it no longer parses); undefined when none. */
export async function loadThreadsSnapshot(db: Executor, seq: number): Promise<unknown> {
  const [row] = await db.select({ json: recordThreads.json }).from(recordThreads).where(eq(recordThreads.seq, seq));
  if (!row) return undefined;
  try {
    return JSON.parse(row.json) as unknown;
  } catch {
    return row.json;
  }
}
