/**
 * Handing a closed dossier over to the archive: one transaction appends the ledger event
 * "dossier.handover" (body: the dossier's metadata and the seqs of its records), marks the dossier
 * handed_over (read-only from then on), audits it, and anchors the audit head in the ledger.
 * Lock order is the ledger's, then the audit trail's (as every caller appending and auditing does).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { dossiers, users } from '../db/schema';
import { forbidden, notFound, conflict } from '../errors';
import type { SessionUser } from '../http/env';
import type { SigningKey } from '../records/keys';
import { appendEvent } from '../records/append-event';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { anchorAudit } from '../audit/anchor';
import { canHandOverDossier, canViewDossier } from '../../shared/permissions';
import { listFiledRecords, loadDossier } from './queries';

export const handoverKind = 'dossier.handover';

export async function handOverDossier(db: Executor, actor: SessionUser, audit: AuditContext, id: string, key: SigningKey) {
  return db.transaction(async (tx) => {
    const dossier = await loadDossier(tx, id, true);
    if (!dossier || !canViewDossier(actor, dossier)) throw notFound('Dossier');
    if (!canHandOverDossier(actor, dossier)) {
      if (dossier.state === 'open') throw conflict('Close the dossier before handing it over');
      if (dossier.state === 'handed_over') throw conflict('This dossier was already handed over');
      throw forbidden('Only clerks and administrators hand dossiers over to the archive');
    }
    const records = await listFiledRecords(tx, id);
    const [creator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, dossier.creatorId));
    const appended = await appendEvent(tx, {
      kind: handoverKind,
      documentId: null,
      subjectId: dossier.id,
      title: `Handover of dossier ${dossier.fileCode}`,
      body: {
        dossierId: dossier.id,
        fileCode: dossier.fileCode,
        title: dossier.title,
        retention: dossier.retention,
        creator: creator?.name ?? null,
        startDate: dossier.startDate,
        endDate: dossier.endDate,
        docTotal: dossier.docTotal,
        pageTotal: dossier.pageTotal,
        records: records.map((r) => r.seq),
      },
      recordedBy: { id: actor.id, name: actor.name, department: actor.departments[0] ? { id: actor.departments[0].id, name: actor.departments[0].name } : null },
      key,
    });
    const [row] = await tx
      .update(dossiers)
      .set({ state: 'handed_over', handedOverAt: new Date(), handoverSeq: appended.entry.seq })
      .where(eq(dossiers.id, id))
      .returning();
    await recordAudit(tx, { ...audit, action: 'dossier.handover', objectType: 'dossier', objectId: id, outcome: 'success', details: { fileCode: dossier.fileCode, ledgerSeq: appended.entry.seq, records: records.length } });
    await anchorAudit(tx, key, 'handover', true);
    return { dossier: row!, seq: appended.entry.seq };
  });
}
