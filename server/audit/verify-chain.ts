/**
 * Checking the audit trail (run by `codraft verify`): every row's hash recomputed from its
 * fields and its predecessor's hash, seq gap-free from 1, and every "audit.anchor" ledger entry
 * matching the row it names. An altered row breaks its own hash; a deleted row leaves a gap or a
 * broken link; a rewritten chain (hashes recomputed) or deleted tail no longer matches an anchor.
 * Data path: audit_events in seq batches; ledger_entries of kind audit.anchor.
 */
import { asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { auditEvents, ledgerEntries } from '../db/schema';
import { auditHash } from './chain';
import { auditAnchorKind, type AuditAnchorBody } from './anchor';

export interface AuditProblem {
  subject: string;
  check: string;
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  events: number;
  anchors: number;
  problems: AuditProblem[];
}

const batchSize = 5000;

export async function verifyAuditTrail(db: Executor): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const hashBySeq = new Map<number, string>();
  const anchors = await db
    .select({ seq: ledgerEntries.seq, body: ledgerEntries.body })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.kind, auditAnchorKind))
    .orderBy(asc(ledgerEntries.seq));
  const wanted = new Map<number, { ledgerSeq: number; hash: string }[]>();
  for (const anchor of anchors) {
    const body = JSON.parse(anchor.body ?? '{}') as AuditAnchorBody;
    const list = wanted.get(body.auditSeq) ?? [];
    list.push({ ledgerSeq: anchor.seq, hash: body.auditHash });
    wanted.set(body.auditSeq, list);
  }
  let expectedSeq = 1;
  let prevHash = '';
  let events = 0;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      events++;
      const subject = `audit event ${row.seq}`;
      if (row.seq !== expectedSeq) {
        problems.push({ subject, check: 'sequence', detail: `expected event ${expectedSeq} next: event(s) ${expectedSeq}–${row.seq - 1} are missing` });
      } else if (row.prevHash !== prevHash) {
        problems.push({ subject, check: 'chain', detail: 'prev_hash does not match the previous event’s hash' });
      }
      const { hash, prevHash: storedPrev, ...fields } = row;
      const recomputed = auditHash(storedPrev, { ...fields, occurredAt: row.occurredAt.toISOString() });
      if (recomputed !== hash) problems.push({ subject, check: 'hash', detail: 'its fields no longer match its hash (altered)' });
      if (wanted.has(row.seq)) hashBySeq.set(row.seq, hash);
      prevHash = hash;
      expectedSeq = row.seq + 1;
    }
    after = rows.at(-1)!.seq;
  }
  for (const [auditSeq, list] of wanted) {
    for (const anchor of list) {
      const actual = hashBySeq.get(auditSeq);
      if (actual === undefined) {
        problems.push({ subject: `ledger entry ${anchor.ledgerSeq} (audit.anchor)`, check: 'anchor', detail: `anchors audit event ${auditSeq}, which no longer exists (deleted)` });
      } else if (actual !== anchor.hash) {
        problems.push({ subject: `ledger entry ${anchor.ledgerSeq} (audit.anchor)`, check: 'anchor', detail: `audit event ${auditSeq} no longer has the anchored hash (the chain was rewritten)` });
      }
    }
  }
  return { ok: problems.length === 0, events, anchors: anchors.length, problems };
}
