/**
 * Reading the audit trail: audit_events filtered (action prefix, actor, object, outcome, time)
 * and limited to what the caller's scope allows (shared/permissions/audit.ts), newest first,
 * paged by seq.
 */
import { and, desc, eq, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { auditEvents, users } from '../db/schema';
import { recordsAuditPrefixes, type AuditScope } from '../../shared/permissions/audit';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  from?: Date;
  to?: Date;
  /** Only events with a smaller seq (next page). */
  before?: number;
  limit: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function listAuditEvents(db: Executor, scope: Exclude<AuditScope, 'none'>, filter: AuditFilter) {
  const where: (SQL | undefined)[] = [
    scope === 'records' ? or(...recordsAuditPrefixes.map((p) => like(auditEvents.action, `${escapeLike(p)}%`))) : undefined,
    filter.action ? like(auditEvents.action, `${escapeLike(filter.action)}%`) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.objectType ? eq(auditEvents.objectType, filter.objectType) : undefined,
    filter.objectId ? eq(auditEvents.objectId, filter.objectId) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
    filter.before ? lt(auditEvents.seq, filter.before) : undefined,
  ];
  return db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorId: auditEvents.actorId,
      actorName: users.name,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      outcome: auditEvents.outcome,
      details: auditEvents.details,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(filter.limit);
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

/** The newest event (the chain head), or null for an empty trail. */
export async function auditHead(db: Executor) {
  const [row] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return row ?? null;
}

export const countAuditEvents = async (db: Executor) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(auditEvents))[0]?.n ?? 0);
