/**
 * Anchoring the audit trail in the record ledger: an event entry "audit.anchor" whose body names
 * the chain head {auditSeq, auditHash}. Once anchored, rewriting any event up to that seq (even
 * recomputing every later hash) no longer matches a signed ledger entry, and `codraft verify`
 * says so. Anchored hourly by the scheduled job (schedule.ts) and at every dossier handover.
 *
 * Reads the head as committed; takes no audit lock (the ledger lock is enough, and taking both
 * in one transaction could invert their order with a caller that audits after appending).
 */
import { desc, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../db/client';
import { ledgerEntries } from '../db/schema';
import { appendEvent, type AppendedEvent } from '../records/append-event';
import type { SigningKey } from '../records/keys';
import { auditHead } from './queries';

export const auditAnchorKind = 'audit.anchor';

export interface AuditAnchorBody {
  auditSeq: number;
  auditHash: string;
  reason: string;
}

/** The newest anchor's body, or null before the first. */
export async function latestAuditAnchor(db: Executor): Promise<(AuditAnchorBody & { ledgerSeq: number }) | null> {
  const [row] = await db
    .select({ seq: ledgerEntries.seq, body: ledgerEntries.body })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.kind, auditAnchorKind))
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  if (!row?.body) return null;
  return { ...(JSON.parse(row.body) as AuditAnchorBody), ledgerSeq: row.seq };
}

/**
 * Appends an anchor for the current head inside `tx`; returns null when there is nothing new to
 * anchor (empty trail, or the head is already the newest anchor) unless `force`.
 */
export async function anchorAudit(tx: Transaction, key: SigningKey, reason: string, force = false): Promise<AppendedEvent | null> {
  const head = await auditHead(tx);
  if (!head) return null;
  if (!force) {
    const last = await latestAuditAnchor(tx);
    if (last && last.auditSeq === head.seq && last.auditHash === head.hash) return null;
  }
  const body: AuditAnchorBody = { auditSeq: head.seq, auditHash: head.hash, reason };
  return appendEvent(tx, {
    kind: auditAnchorKind,
    documentId: null,
    subjectId: String(head.seq),
    title: `Audit trail up to event ${head.seq}`,
    body: { ...body },
    recordedBy: null,
    key,
  });
}
