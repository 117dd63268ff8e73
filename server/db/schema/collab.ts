/**
 * Collaboration bookkeeping beside the update log (documents.ts): stored updates that could not
 * be read when a document's log was compacted. They are moved here (not deleted, not retried) so
 * one damaged row cannot stall compaction forever; an operator can inspect them.
 */
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { documents } from './documents';

export const documentUpdateQuarantine = pgTable(
  'document_update_quarantine',
  {
    /** The id the row had in document_updates. */
    id: bigint('id', { mode: 'number' }).primaryKey(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    reason: text('reason').notNull(),
    quarantinedAt: timestamp('quarantined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_update_quarantine_document_idx').on(t.documentId)],
);
