/**
 * Archive a draft (what the UI calls "delete") or bring it back: documents.archived_at/by only.
 * Its versions, record entries and ledger are never touched: a frozen record outlives its draft.
 * Runs in its own transaction with the audit event, so both commit together.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { documents } from '../db/schema';
import { recordAudit, type AuditContext } from '../audit/record-event';

export async function setDocumentArchived(db: Database, documentId: string, archived: boolean, audit: AuditContext) {
  await db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set(archived ? { archivedAt: new Date(), archivedBy: audit.actorId } : { archivedAt: null, archivedBy: null })
      .where(eq(documents.id, documentId));
    await recordAudit(tx, { ...audit, action: archived ? 'document.archive' : 'document.unarchive', objectType: 'document', objectId: documentId, outcome: 'success' });
  });
}
