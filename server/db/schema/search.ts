/**
 * The search index (issue 11): one row per searchable thing (draft with its current text, record,
 * dossier, comment). `norm` and `norm_title` are generated: lower-case and without diacritics
 * (codraft_unaccent, an immutable wrapper of unaccent), trigram-indexed for partial words and typos.
 * Visibility is not stored here: queries join the live grants (server/search/visibility.ts).
 */
import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const searchTypes = ['draft', 'record', 'dossier', 'comment'] as const;
export type SearchType = (typeof searchTypes)[number];

export const searchEntries = pgTable(
  'search_entries',
  {
    type: text('type').$type<SearchType>().notNull(),
    objectId: text('object_id').notNull(),
    /** Drafts, records and comments: the draft whose access rules apply (null: agency-wide record). */
    documentId: uuid('document_id'),
    /** Dossiers: the dossier whose access rules apply. */
    dossierId: uuid('dossier_id'),
    departmentId: uuid('department_id'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    norm: text('norm').generatedAlwaysAs(sql`lower(codraft_unaccent(title || ' ' || body))`),
    normTitle: text('norm_title').generatedAlwaysAs(sql`lower(codraft_unaccent(title))`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** What the row reflects (drafts: greatest(last_edited_at, updated_at) when indexed). */
    sourceAt: timestamp('source_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'search_entries_pkey', columns: [t.type, t.objectId] }),
    index('search_entries_norm_trgm_idx').using('gin', sql`${t.norm} gin_trgm_ops`),
    index('search_entries_norm_title_trgm_idx').using('gin', sql`${t.normTitle} gin_trgm_ops`),
    index('search_entries_document_idx').on(t.documentId),
    index('search_entries_dossier_idx').on(t.dossierId),
  ],
);
