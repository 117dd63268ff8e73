/**
 * Recording an audit event: recordAudit(db | tx, event) → audit_events (append-only, hash-chained).
 *
 * Called inside the caller's transaction when the action succeeds (the event commits with it), or
 * on the plain database handle for a failure or refusal (the caller's transaction rolled back).
 * Inserts are serialised by a transaction-scoped advisory lock, so seq is gap-free and each row's
 * prev_hash is the hash of the row before it; the lock is held until the caller commits.
 */
import { desc, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Executor } from '../db/client';
import { auditEvents, type AuditOutcome } from '../db/schema/audit';
import { clientAddress } from '../accounts/client-address';
import { auditHash, auditLockKey, type AuditFields } from './chain';

export interface AuditEventInput {
  /** Dotted verb, e.g. "auth.sign_in", "document.create", "dossier.close". */
  action: string;
  actorId: string | null;
  objectType?: string | null;
  objectId?: string | null;
  outcome: AuditOutcome;
  /** Small facts (ids, names, new values); never passwords, tokens or document content. */
  details?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Who is acting and from where, for `recordAudit(db, { ...auditContext(c), action, … })`. */
export function auditContext(c: Context): AuditContext {
  const user = (c.var as { user?: { id: string } }).user;
  const address = clientAddress(c);
  return {
    actorId: user?.id ?? null,
    ip: address === 'unknown' ? null : address,
    userAgent: c.req.header('user-agent')?.slice(0, 400) ?? null,
  };
}

export async function recordAudit(db: Executor, event: AuditEventInput): Promise<{ seq: number; hash: string }> {
  // A savepoint inside the caller's transaction, or a transaction of its own.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
    const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    const occurredAt = new Date(Math.floor(Date.now()));
    const fields: AuditFields = {
      seq: (last?.seq ?? 0) + 1,
      occurredAt: occurredAt.toISOString(),
      action: event.action,
      actorId: event.actorId ?? null,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      outcome: event.outcome,
      details: jsonSafe(event.details ?? {}),
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
    };
    const prevHash = last?.hash ?? '';
    const hash = auditHash(prevHash, fields);
    await tx.insert(auditEvents).values({ ...fields, outcome: event.outcome, occurredAt, prevHash, hash });
    return { seq: fields.seq, hash };
  });
}

/** What jsonb will give back: a JSON round trip (drops undefined, Dates become strings). */
const jsonSafe = (value: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value).replace(/\\u0000/g, '')) as Record<string, unknown>;
