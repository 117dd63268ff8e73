/**
 * The audit trail (issue 11): one row per action, append-only (a migration's triggers refuse
 * UPDATE, DELETE and TRUNCATE) and hash-chained: row n's hash covers row n-1's hash and row n's
 * canonical fields, so an altered or deleted row breaks the chain. The head is anchored in the
 * record ledger (event kind "audit.anchor"), so even rewriting the whole chain is detected.
 *
 *   audit_events     seq 1,2,3… gap-free (assigned under a transaction-scoped advisory lock)
 *   scheduled_jobs   jobs whose schedule lives in the database, so several instances run each once
 */
import { bigint, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    /** Milliseconds, as hashed (toISOString). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    /** No foreign key: the trail outlives whatever it mentions. */
    actorId: uuid('actor_id'),
    objectType: text('object_type'),
    objectId: text('object_id'),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Lowercase hex; the previous row's hash ('' before the first row). */
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorId, t.seq),
    index('audit_events_object_idx').on(t.objectType, t.objectId, t.seq),
    index('audit_events_action_idx').on(t.action, t.seq),
    check('audit_events_outcome_check', sql`${t.outcome} in ('success', 'failure', 'denied')`),
  ],
);

export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
});
