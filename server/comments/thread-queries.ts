/**
 * Reading and writing thread rows: comment_threads, comments, comment_revisions (schema/comments.ts).
 * Every function is `fn(db, params)` so it runs alone or in a command's transaction.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client';
import { commentThreads, comments, departments, users } from '../db/schema';
import type { ThreadKind } from '../../shared/permissions';

export type ThreadRow = typeof commentThreads.$inferSelect & { createdByName: string; resolvedByName: string | null };

export interface CommentRow {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  authorDepartmentId: string | null;
  authorDepartmentName: string | null;
  authorRole: string;
  body: string;
  mentions: string[];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

const creator = alias(users, 'creator');
const resolver = alias(users, 'resolver');

const threadColumns = {
  thread: commentThreads,
  createdByName: creator.name,
  resolvedByName: resolver.name,
};

const toThread = (r: { thread: typeof commentThreads.$inferSelect; createdByName: string; resolvedByName: string | null }): ThreadRow => ({
  ...r.thread,
  createdByName: r.createdByName,
  resolvedByName: r.resolvedByName,
});

export async function listThreadRows(db: Executor, documentId: string, filter: { state?: 'open' | 'resolved'; kind?: ThreadKind } = {}) {
  const rows = await db
    .select(threadColumns)
    .from(commentThreads)
    .innerJoin(creator, eq(creator.id, commentThreads.createdBy))
    .leftJoin(resolver, eq(resolver.id, commentThreads.resolvedBy))
    .where(
      and(
        eq(commentThreads.documentId, documentId),
        filter.state ? eq(commentThreads.state, filter.state) : undefined,
        filter.kind ? eq(commentThreads.kind, filter.kind) : undefined,
      ),
    )
    // Annotations first (a leader's direction leads), then oldest first.
    .orderBy(sql`${commentThreads.kind} = 'annotation' desc`, asc(commentThreads.createdAt), asc(commentThreads.id));
  return rows.map(toThread);
}

export async function loadThreadRow(db: Executor, threadId: string): Promise<ThreadRow | null> {
  const [row] = await db
    .select(threadColumns)
    .from(commentThreads)
    .innerJoin(creator, eq(creator.id, commentThreads.createdBy))
    .leftJoin(resolver, eq(resolver.id, commentThreads.resolvedBy))
    .where(eq(commentThreads.id, threadId));
  return row ? toThread(row) : null;
}

const commentColumns = {
  id: comments.id,
  threadId: comments.threadId,
  authorId: comments.authorId,
  authorName: users.name,
  authorDepartmentId: comments.authorDepartmentId,
  authorDepartmentName: departments.name,
  authorRole: comments.authorRole,
  body: comments.body,
  mentions: comments.mentions,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
};

/** The comments of these threads, oldest first within each thread. */
export async function listCommentRows(db: Executor, threadIds: readonly string[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return [];
  // One parameter (a uuid[] literal) instead of thousands: the 1,000-thread list stays one round trip.
  return db
    .select(commentColumns)
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(departments, eq(departments.id, comments.authorDepartmentId))
    .where(threadIds.length > 100 ? sql`${comments.threadId} = any(${`{${threadIds.join(',')}}`}::uuid[])` : inArray(comments.threadId, [...threadIds]))
    .orderBy(asc(comments.threadId), asc(comments.createdAt), asc(comments.id));
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The comments of these threads, grouped by thread in the database (one row per thread holding a
 * JSON array, oldest first): for long lists this is several times cheaper than one mapped row per
 * comment, above all on the embedded database.
 */
export async function listCommentsByThread(db: Executor, threadIds: readonly string[]): Promise<Map<string, CommentRow[]>> {
  const byThread = new Map<string, CommentRow[]>();
  if (threadIds.length === 0) return byThread;
  const result = await db.execute(sql`
    select c.thread_id, json_agg(json_build_object(
        'id', c.id, 'threadId', c.thread_id, 'authorId', c.author_id, 'authorName', u.name,
        'authorDepartmentId', c.author_department_id, 'authorDepartmentName', d.name, 'authorRole', c.author_role,
        'body', c.body, 'mentions', c.mentions,
        'createdAt', ${sql.raw(iso('c.created_at'))}, 'editedAt', ${sql.raw(iso('c.edited_at'))}, 'deletedAt', ${sql.raw(iso('c.deleted_at'))}
      ) order by c.created_at, c.id)::text as comments
      from ${comments} c join ${users} u on u.id = c.author_id left join ${departments} d on d.id = c.author_department_id
     where c.thread_id = any(${`{${threadIds.join(',')}}`}::uuid[])
     group by c.thread_id`);
  // postgres.js answers an array of rows, PGlite an object holding them.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { thread_id: string; comments: string }[];
  const date = (v: string | null) => (v === null ? null : new Date(v));
  for (const row of rows) {
    const list = JSON.parse(row.comments) as (Omit<CommentRow, 'createdAt' | 'editedAt' | 'deletedAt'> & { createdAt: string; editedAt: string | null; deletedAt: string | null })[];
    byThread.set(
      row.thread_id,
      list.map((c) => ({ ...c, createdAt: new Date(c.createdAt), editedAt: date(c.editedAt), deletedAt: date(c.deletedAt) })),
    );
  }
  return byThread;
}

export async function loadCommentRow(db: Executor, commentId: string): Promise<CommentRow | null> {
  const [row] = await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(departments, eq(departments.id, comments.authorDepartmentId))
    .where(eq(comments.id, commentId));
  return row ?? null;
}

/** Names of people (mentions), by id. */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AnchorRefresh {
  id: string;
  start: string;
  end: string;
  exact: string;
  prefix: string;
  suffix: string;
}

/** Store anchors as last seen (moved text, re-attached passages), in one statement. */
export async function saveAnchors(db: Executor, refreshed: readonly AnchorRefresh[]): Promise<void> {
  if (refreshed.length === 0) return;
  await db.execute(sql`
    update ${commentThreads} as t
       set anchor_start = v.start, anchor_end = v."end", anchor_exact = v.exact, anchor_prefix = v.prefix, anchor_suffix = v.suffix
      from jsonb_to_recordset(${JSON.stringify(refreshed)}::jsonb) as v(id uuid, start text, "end" text, exact text, prefix text, suffix text)
     where t.id = v.id and t.anchor_start is not null`);
}
