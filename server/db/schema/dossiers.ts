/**
 * Work dossiers (hồ sơ công việc, issue 11), their annual plans, filing by ledger seq (records are
 * never copied), view grants, the draft → dossier link used for automatic filing, and the history
 * of reorganisations (what moved where when a department was merged or dissolved).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './accounts';
import { createdAt } from './columns';
import { documents } from './documents';
import { ledgerEntries } from './records';

export const dossierStates = ['open', 'closed', 'handed_over'] as const;
export type DossierState = (typeof dossierStates)[number];

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    year: integer('year').notNull(),
    notation: text('notation').notNull(),
    /** Agency code + year + notation, e.g. "H12.22.01.2026.HS-05": unique in the agency. */
    fileCode: text('file_code').notNull(),
    title: text('title').notNull(),
    /** Years as digits, or "permanent". */
    retention: text('retention').notNull(),
    rights: text('rights'),
    creatorId: uuid('creator_id').notNull().references(() => users.id),
    language: text('language').notNull().default('vi'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    docTotal: integer('doc_total'),
    pageTotal: integer('page_total'),
    description: text('description'),
    state: text('state').$type<DossierState>().notNull().default('open'),
    planItemId: uuid('plan_item_id'),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    /** The ledger entry recording the handover. */
    handoverSeq: bigint('handover_seq', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('dossiers_file_code_key').on(t.fileCode),
    index('dossiers_department_year_idx').on(t.departmentId, t.year),
    check('dossiers_state_check', sql`${t.state} in ('open', 'closed', 'handed_over')`),
    check('dossiers_retention_check', sql`${t.retention} ~ '^(permanent|[1-9][0-9]{0,2})$'`),
  ],
);

export const dossierRecords = pgTable(
  'dossier_records',
  {
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    seq: bigint('seq', { mode: 'number' }).notNull().references(() => ledgerEntries.seq),
    filedBy: uuid('filed_by').references(() => users.id),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'dossier_records_pkey', columns: [t.dossierId, t.seq] }), index('dossier_records_seq_idx').on(t.seq)],
);

export const dossierGrants = pgTable(
  'dossier_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    departmentId: uuid('department_id').references(() => departments.id),
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('dossier_grants_one_subject', sql`(${t.departmentId} is null) <> (${t.userId} is null)`),
    index('dossier_grants_dossier_idx').on(t.dossierId),
    index('dossier_grants_department_idx').on(t.departmentId),
  ],
);

/** The annual list of planned dossiers of a department. */
export const dossierPlanItems = pgTable(
  'dossier_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    year: integer('year').notNull(),
    notation: text('notation').notNull(),
    title: text('title').notNull(),
    retention: text('retention').notNull(),
    description: text('description'),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('dossier_plan_items_key').on(t.departmentId, t.year, t.notation),
    check('dossier_plan_items_retention_check', sql`${t.retention} ~ '^(permanent|[1-9][0-9]{0,2})$'`),
  ],
);

/** A draft names its dossier: its frozen versions are filed there automatically. */
export const documentDossiers = pgTable('document_dossiers', {
  documentId: uuid('document_id').primaryKey().references(() => documents.id),
  dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
});

/** What moved where when a department was merged or dissolved. */
export const departmentHistory = pgTable(
  'department_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    /** 'merged_into' | 'dissolved_into' | 'received_from' */
    event: text('event').notNull(),
    otherDepartmentId: uuid('other_department_id').notNull().references(() => departments.id),
    moved: jsonb('moved').$type<Record<string, number>>().notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('department_history_department_idx').on(t.departmentId, t.createdAt)],
);
