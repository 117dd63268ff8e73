/** Drafts, who may reach them, and their collaborative state (update log + snapshot). */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './accounts';
import { bytea, createdAt } from './columns';
import { accessLevels } from '../../../shared/permissions';

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** The creator's department at creation; it receives an edit grant by default. */
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastEditedAt: timestamp('last_edited_at', { withTimezone: true }),
    lastEditedBy: uuid('last_edited_by').references(() => users.id),
    /** Set when a final version was frozen: the draft is read-only for everyone from then on. */
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    /** Set when the draft was archived ("deleted"): hidden from the default list, records untouched. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: uuid('archived_by').references(() => users.id),
  },
  (t) => [index('documents_department_idx').on(t.departmentId)],
);

export const documentGrants = pgTable(
  'document_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').references(() => departments.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    level: text('level', { enum: accessLevels }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('document_grants_one_subject', sql`(${t.departmentId} is null) <> (${t.userId} is null)`),
    check('document_grants_level', sql`${t.level} in ('view', 'comment', 'edit')`),
    uniqueIndex('document_grants_department_key').on(t.documentId, t.departmentId).where(sql`${t.departmentId} is not null`),
    uniqueIndex('document_grants_user_key').on(t.documentId, t.userId).where(sql`${t.userId} is not null`),
    index('document_grants_department_idx').on(t.departmentId),
    index('document_grants_user_idx').on(t.userId),
  ],
);

/** Append-only log of Yjs updates not yet folded into the snapshot. */
export const documentUpdates = pgTable(
  'document_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('document_updates_document_idx').on(t.documentId, t.id)],
);

/** The merged Yjs state of a document up to and including update `upToUpdateId`. */
export const documentSnapshots = pgTable('document_snapshots', {
  documentId: uuid('document_id').primaryKey().references(() => documents.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  upToUpdateId: bigint('up_to_update_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
