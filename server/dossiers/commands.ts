/**
 * Dossier commands, each in its own transaction with its audit event and search entry:
 * create (from the annual list or ad hoc), file a record by ledger seq, close, reopen (admins),
 * name a draft's dossier (its frozen versions are then filed automatically, see autoFile).
 * Data path: routes → here → dossiers, dossier_records, document_dossiers (+ audit_events, search_entries).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../db/client';
import { documentDossiers, dossierPlanItems, dossierRecords, dossiers, ledgerEntries } from '../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { getAgencySettings } from '../agency/settings';
import { recordAudit, type AuditContext } from '../audit/record-event';
import { upsertSearchEntry } from '../search/indexer';
import type { SessionUser } from '../http/env';
import { canCloseDossier, canCreateDossier, canFileIntoDossier, canReopenDossier, canViewDossier } from '../../shared/permissions';
import { listFiledRecords, loadDossier, loadLedgerEntry, viewableSeqs, type Dossier } from './queries';

export interface CreateDossierInput {
  department: string;
  year: number;
  notation?: string;
  title?: string;
  retention?: string;
  rights?: string;
  language?: string;
  description?: string;
  planItemId?: string;
  startDate?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Agency code + year + notation; the agency code from issue 13's settings, else AGENCY_CODE. */
export async function fileCodeFor(db: Executor, fallbackCode: string, year: number, notation: string) {
  const settings = await getAgencySettings(db).catch(() => null);
  return `${settings?.code || fallbackCode}.${year}.${notation}`;
}

export async function indexDossier(db: Executor, d: Dossier | typeof dossiers.$inferSelect) {
  const body = [d.fileCode, d.notation, d.description ?? '', d.rights ?? '', `${d.year}`].join(' ');
  await upsertSearchEntry(db, { type: 'dossier', objectId: d.id, dossierId: d.id, departmentId: d.departmentId, title: d.title, body, occurredAt: d.createdAt, sourceAt: new Date() });
}

export async function createDossier(db: Executor, actor: SessionUser, audit: AuditContext, input: CreateDossierInput, agencyCode: string) {
  if (!canCreateDossier(actor, input.department)) throw forbidden('Only members of the department, clerks and administrators may open its dossiers');
  return db.transaction(async (tx) => {
    let { notation, title, retention, description } = input;
    if (input.planItemId) {
      const [item] = await tx.select().from(dossierPlanItems).where(eq(dossierPlanItems.id, input.planItemId));
      if (!item || item.departmentId !== input.department || item.year !== input.year) throw badRequest('planItemId: not an item of this department’s list for that year');
      notation ??= item.notation;
      title ??= item.title;
      retention ??= item.retention;
      description ??= item.description ?? undefined;
    }
    if (!notation || !title || !retention) throw badRequest('notation, title and retention are required (or open the dossier from its annual list)');
    const fileCode = await fileCodeFor(tx, agencyCode, input.year, notation);
    const [taken] = await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.fileCode, fileCode));
    if (taken) throw conflict(`A dossier with file code ${fileCode} already exists`);
    const [row] = await tx
      .insert(dossiers)
      .values({
        departmentId: input.department,
        year: input.year,
        notation,
        fileCode,
        title,
        retention,
        rights: input.rights ?? null,
        creatorId: actor.id,
        language: input.language ?? 'vi',
        startDate: input.startDate ?? today(),
        description: description ?? null,
        planItemId: input.planItemId ?? null,
      })
      .returning();
    await indexDossier(tx, row!);
    await recordAudit(tx, { ...audit, action: 'dossier.create', objectType: 'dossier', objectId: row!.id, outcome: 'success', details: { fileCode, title } });
    return row!;
  });
}

/** Lock the dossier and check the actor may see it (404) and act (403). */
async function lockFor(tx: Transaction, actor: SessionUser, id: string, may: (d: Dossier) => boolean, refusal: (d: Dossier) => Error) {
  const dossier = await loadDossier(tx, id, true);
  if (!dossier || !canViewDossier(actor, dossier)) throw notFound('Dossier');
  if (!may(dossier)) throw refusal(dossier);
  return dossier;
}

export async function fileRecord(db: Executor, actor: SessionUser, audit: AuditContext, dossierId: string, seq: number) {
  return db.transaction(async (tx) => {
    const dossier = await lockFor(tx, actor, dossierId, (d) => canFileIntoDossier(actor, d), (d) =>
      d.state === 'open' ? forbidden('You may not file records into this dossier') : conflict(`This dossier is ${d.state === 'closed' ? 'closed' : 'handed over'}: it accepts nothing more`),
    );
    const entry = await loadLedgerEntry(tx, seq);
    if (!entry || !(await viewableSeqs(tx, actor, [entry])).has(seq)) throw notFound('Record');
    const inserted = await tx.insert(dossierRecords).values({ dossierId, seq, filedBy: actor.id }).onConflictDoNothing().returning({ seq: dossierRecords.seq });
    await recordAudit(tx, { ...audit, action: 'dossier.file', objectType: 'dossier', objectId: dossierId, outcome: 'success', details: { seq, fileCode: dossier.fileCode, alreadyFiled: inserted.length === 0 } });
    return { seq, filed: inserted.length > 0 };
  });
}

export interface CloseInput {
  retention?: string;
  title?: string;
  pageTotal?: number;
}

/** Fixes end date, totals and retention; a closed dossier accepts nothing more. */
export async function closeDossier(db: Executor, actor: SessionUser, audit: AuditContext, id: string, input: CloseInput) {
  return db.transaction(async (tx) => {
    const dossier = await lockFor(tx, actor, id, (d) => canCloseDossier(actor, d), (d) => (d.state === 'open' ? forbidden('You may not close this dossier') : conflict('This dossier is already closed')));
    const records = await listFiledRecords(tx, id);
    const pages = input.pageTotal ?? records.reduce((n, r) => n + estimatePages(r.entry), 0);
    const last = records.at(-1)?.recordedAt ?? new Date();
    const [row] = await tx
      .update(dossiers)
      .set({
        state: 'closed',
        closedAt: new Date(),
        endDate: last.toISOString().slice(0, 10),
        docTotal: records.length,
        pageTotal: pages,
        retention: input.retention ?? dossier.retention,
        title: input.title ?? dossier.title,
      })
      .where(eq(dossiers.id, id))
      .returning();
    await indexDossier(tx, row!);
    await recordAudit(tx, { ...audit, action: 'dossier.close', objectType: 'dossier', objectId: id, outcome: 'success', details: { docTotal: records.length, pageTotal: pages, retention: row!.retention } });
    return row!;
  });
}

/** One page per ~500 words of a version's text when the entry says nothing better; events count one. */
const estimatePages = (entry: Record<string, unknown>) => Math.max(1, Math.ceil(Number(entry.words ?? 0) / 500));

export async function reopenDossier(db: Executor, actor: SessionUser, audit: AuditContext, id: string) {
  return db.transaction(async (tx) => {
    await lockFor(tx, actor, id, (d) => canReopenDossier(actor, d), (d) => (d.state === 'closed' ? forbidden('Only an administrator may reopen a closed dossier') : conflict(`A ${d.state.replace('_', ' ')} dossier cannot be reopened`)));
    const [row] = await tx.update(dossiers).set({ state: 'open', closedAt: null, endDate: null }).where(eq(dossiers.id, id)).returning();
    await recordAudit(tx, { ...audit, action: 'dossier.reopen', objectType: 'dossier', objectId: id, outcome: 'success' });
    return row!;
  });
}

/** A draft names its dossier: its frozen versions are filed there as they appear. */
export async function nameDraftDossier(db: Executor, audit: AuditContext, documentId: string, dossierId: string) {
  await db.transaction(async (tx) => {
    await tx.insert(documentDossiers).values({ documentId, dossierId }).onConflictDoUpdate({ target: documentDossiers.documentId, set: { dossierId } });
    await recordAudit(tx, { ...audit, action: 'dossier.name_draft', objectType: 'dossier', objectId: dossierId, outcome: 'success', details: { documentId } });
  });
}

/**
 * Files new version entries of drafts that named an open dossier (called by the search indexer
 * for each batch of new ledger entries, so freezing itself is untouched). Audited as the system.
 */
export async function autoFile(db: Executor, seqs: number[]) {
  if (!seqs.length) return 0;
  const rows = await db
    .select({ seq: ledgerEntries.seq, dossierId: documentDossiers.dossierId, state: dossiers.state })
    .from(ledgerEntries)
    .innerJoin(documentDossiers, eq(documentDossiers.documentId, ledgerEntries.documentId))
    .innerJoin(dossiers, eq(dossiers.id, documentDossiers.dossierId))
    .where(and(inArray(ledgerEntries.seq, seqs), eq(dossiers.state, 'open')));
  for (const row of rows) {
    await db.transaction(async (tx) => {
      const inserted = await tx.insert(dossierRecords).values({ dossierId: row.dossierId, seq: row.seq }).onConflictDoNothing().returning({ seq: dossierRecords.seq });
      if (inserted.length) await recordAudit(tx, { action: 'dossier.file', actorId: null, objectType: 'dossier', objectId: row.dossierId, outcome: 'success', details: { seq: row.seq, automatic: true } });
    });
  }
  return rows.length;
}

export const countFiled = async (db: Executor, dossierId: string) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(dossierRecords).where(eq(dossierRecords.dossierId, dossierId)))[0]?.n ?? 0);
