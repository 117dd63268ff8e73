/**
 * Threads of comments on a draft (issue 8). A thread is anchored to a passage (two Yjs relative
 * positions, base64, plus the quoted text as last seen), or to the whole document. Comments are
 * changed only through REST; an edit keeps the previous text in comment_revisions.
 *
 *   comment_threads     one per thread: kind, state, anchor, who resolved it and when
 *   comments            first comment and replies, in order; deleted ones keep their row
 *   comment_revisions   earlier texts of edited or deleted comments
 *   record_threads      threads as frozen with a record entry (append-only)
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './accounts';
import { createdAt } from './columns';
import { documents } from './documents';
import { threadKinds } from '../../../shared/permissions/comments';

export const threadStates = ['open', 'resolved'] as const;

export const commentThreads = pgTable(
  'comment_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: threadKinds }).notNull(),
    state: text('state', { enum: threadStates }).notNull().default('open'),
    /** Encoded Y.RelativePosition (base64) of the passage's first character; null: whole document. */
    anchorStart: text('anchor_start'),
    /** Encoded Y.RelativePosition (base64) just after the passage's last character. */
    anchorEnd: text('anchor_end'),
    /** The passage's text as last seen attached (refreshed on reads): what an orphan shows and re-attaches by. */
    anchorExact: text('anchor_exact').notNull().default(''),
    anchorPrefix: text('anchor_prefix').notNull().default(''),
    anchorSuffix: text('anchor_suffix').notNull().default(''),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    check('comment_threads_kind', sql`${t.kind} in ('comment', 'annotation')`),
    check('comment_threads_state', sql`${t.state} in ('open', 'resolved')`),
    check('comment_threads_anchor', sql`(${t.anchorStart} is null) = (${t.anchorEnd} is null)`),
    check('comment_threads_resolved', sql`(${t.state} = 'resolved') = (${t.resolvedAt} is not null)`),
    index('comment_threads_document_idx').on(t.documentId, t.createdAt),
  ],
);

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id').notNull().references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull().references(() => users.id),
    /** The department the author wrote for (the one they lead, for an annotation), kept as written. */
    authorDepartmentId: uuid('author_department_id').references(() => departments.id),
    /** `leader`, `member` or `admin` when written: annotations carry the leader's standing. */
    authorRole: text('author_role').notNull().default('member'),
    body: text('body').notNull(),
    /** Users mentioned (who could see the draft when it was written). */
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('comments_author_role', sql`${t.authorRole} in ('member', 'leader', 'admin')`),
    index('comments_thread_idx').on(t.threadId, t.createdAt),
  ],
);

export const commentRevisions = pgTable(
  'comment_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commentId: uuid('comment_id').notNull().references(() => comments.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** When this text was replaced (edit) or withdrawn (delete). */
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comment_revisions_comment_idx').on(t.commentId)],
);

/**
 * Threads as frozen with a version: the canonical snapshot (shared/comments/snapshot.ts) whose
 * hash the ledger entry `seq` carries as threadsSha256. Append-only like the ledger (migration 0005).
 */
export const recordThreads = pgTable(
  'record_threads',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    json: text('json').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('record_threads_document_idx').on(t.documentId)],
);
