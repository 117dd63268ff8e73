/**
 * Consultation rounds (issue 9): a presiding officer asks departments (and people) for their opinion
 * on a draft by a deadline; their responses, the drafter's dispositions, and the deadline jobs.
 *
 *   rounds             one per round; at most one open per draft (partial unique index)
 *   round_departments  departments consulted, their role, and the temporary grant the round made
 *   round_users        people consulted individually, with the temporary grant the round made
 *   round_responses    every response and amendment, newest last (the current one is the newest)
 *   round_dispositions how the drafter handled each thread received in the round
 *   round_jobs         reminders and deadline handling, due at a time, claimed once (SKIP LOCKED)
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from './accounts';
import { createdAt } from './columns';
import { commentThreads } from './comments';
import { documents } from './documents';
import { dispositions, positions, roundJobKinds, roundRoles } from '../../../shared/rounds/api';

export const rounds = pgTable(
  'rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per draft (first draft, second draft…). */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    request: text('request').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull().default('open'),
    presidingOfficerId: uuid('presiding_officer_id').notNull().references(() => users.id),
    openedAt: createdAt(),
    /** The version frozen when the round opened (what was sent for opinion). */
    openedVersionSeq: bigint('opened_version_seq', { mode: 'number' }),
    openedSeq: bigint('opened_seq', { mode: 'number' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    outcome: text('outcome'),
    closedSeq: bigint('closed_seq', { mode: 'number' }),
  },
  (t) => [
    check('rounds_state', sql`${t.state} in ('open', 'closed')`),
    check('rounds_closed', sql`(${t.state} = 'closed') = (${t.closedAt} is not null)`),
    uniqueIndex('rounds_one_open_key').on(t.documentId).where(sql`${t.state} = 'open'`),
    uniqueIndex('rounds_document_number_key').on(t.documentId, t.number),
    index('rounds_presiding_idx').on(t.presidingOfficerId, t.openedAt),
  ],
);

export const roundDepartments = pgTable(
  'round_departments',
  {
    roundId: uuid('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    role: text('role', { enum: roundRoles }).notNull(),
    /** The level this round granted (null: the department already had comment or more). */
    grantedLevel: text('granted_level'),
    /** What the department had before the round granted (null: no grant). */
    previousLevel: text('previous_level'),
  },
  (t) => [
    primaryKey({ name: 'round_departments_pkey', columns: [t.roundId, t.departmentId] }),
    check('round_departments_role', sql`${t.role} in ('lead', 'cooperating')`),
    index('round_departments_department_idx').on(t.departmentId),
  ],
);

export const roundUsers = pgTable(
  'round_users',
  {
    roundId: uuid('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    grantedLevel: text('granted_level'),
    previousLevel: text('previous_level'),
  },
  (t) => [primaryKey({ name: 'round_users_pkey', columns: [t.roundId, t.userId] }), index('round_users_user_idx').on(t.userId)],
);

export const roundResponses = pgTable(
  'round_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    position: text('position', { enum: positions }).notNull(),
    summary: text('summary').notNull(),
    respondedBy: uuid('responded_by').notNull().references(() => users.id),
    respondedAt: createdAt(),
    /** Submitted after the deadline. */
    late: boolean('late').notNull().default(false),
  },
  (t) => [
    check('round_responses_position', sql`${t.position} in ('agree', 'agree_with_comments', 'disagree')`),
    index('round_responses_round_idx').on(t.roundId, t.departmentId, t.respondedAt),
  ],
);

export const roundDispositions = pgTable(
  'round_dispositions',
  {
    roundId: uuid('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id').notNull().references(() => commentThreads.id, { onDelete: 'cascade' }),
    disposition: text('disposition', { enum: dispositions }).notNull(),
    explanation: text('explanation').notNull().default(''),
    decidedBy: uuid('decided_by').notNull().references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'round_dispositions_pkey', columns: [t.roundId, t.threadId] }),
    check('round_dispositions_disposition', sql`${t.disposition} in ('accepted', 'partly_accepted', 'not_accepted')`),
    check('round_dispositions_explained', sql`${t.disposition} = 'accepted' or length(trim(${t.explanation})) > 0`),
  ],
);

export const roundJobs = pgTable(
  'round_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull().references(() => rounds.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: roundJobKinds }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    check('round_jobs_kind', sql`${t.kind} in ('remind', 'deadline')`),
    uniqueIndex('round_jobs_round_kind_key').on(t.roundId, t.kind),
    index('round_jobs_due_idx').on(t.dueAt).where(sql`${t.doneAt} is null`),
  ],
);
