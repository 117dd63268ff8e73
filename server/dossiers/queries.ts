/**
 * Reading dossiers: one with its grants (the facts shared/permissions/dossiers.ts decides on),
 * lists filtered by visibility in SQL, and the records filed in one (ledger entries by seq, in
 * time order) with each record's access facts so hidden records are never described.
 * Data path: dossiers, dossier_grants, dossier_records → ledger_entries, documents.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { dossierGrants, dossierRecords, dossiers, ledgerEntries } from '../db/schema';
import { loadDocumentDetails } from '../documents/document-queries';
import { canViewRecord, type Actor, type DossierFacts } from '../../shared/permissions';
import { dossierVisibleSql } from '../search/visibility';

export type DossierRow = typeof dossiers.$inferSelect;
export type Dossier = DossierRow & DossierFacts;

export async function loadDossier(db: Executor, id: string, forUpdate = false): Promise<Dossier | null> {
  const query = db.select().from(dossiers).where(eq(dossiers.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) return null;
  const grants = await db.select({ departmentId: dossierGrants.departmentId, userId: dossierGrants.userId }).from(dossierGrants).where(eq(dossierGrants.dossierId, id));
  return { ...row, grants };
}

export interface DossierFilter {
  departmentId?: string;
  year?: number;
  state?: DossierRow['state'];
}

export async function listVisibleDossiers(db: Executor, actor: Actor, filter: DossierFilter) {
  const where: (SQL | undefined)[] = [
    dossierVisibleSql(actor, sql`${dossiers.id}`),
    filter.departmentId ? eq(dossiers.departmentId, filter.departmentId) : undefined,
    filter.year ? eq(dossiers.year, filter.year) : undefined,
    filter.state ? eq(dossiers.state, filter.state) : undefined,
  ];
  return db.select().from(dossiers).where(and(...where)).orderBy(asc(dossiers.year), asc(dossiers.fileCode)).limit(1000);
}

export interface FiledRecord {
  seq: number;
  kind: string;
  documentId: string | null;
  entry: Record<string, unknown>;
  recordedAt: Date;
  filedAt: Date;
}

/** Every record filed in the dossier, oldest first (a dossier exports in time order). */
export async function listFiledRecords(db: Executor, dossierId: string): Promise<FiledRecord[]> {
  const rows = await db
    .select({ seq: ledgerEntries.seq, kind: ledgerEntries.kind, documentId: ledgerEntries.documentId, entry: ledgerEntries.entry, recordedAt: ledgerEntries.createdAt, filedAt: dossierRecords.filedAt })
    .from(dossierRecords)
    .innerJoin(ledgerEntries, eq(ledgerEntries.seq, dossierRecords.seq))
    .where(eq(dossierRecords.dossierId, dossierId))
    .orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => ({ ...r, entry: JSON.parse(r.entry) as Record<string, unknown> }));
}

/** Which of these records the actor may view (their draft's access, or agency-wide rules). */
export async function viewableSeqs(db: Executor, actor: Actor, records: readonly Pick<FiledRecord, 'seq' | 'kind' | 'documentId'>[]): Promise<Set<number>> {
  const facts = new Map<string, Awaited<ReturnType<typeof loadDocumentDetails>>>();
  for (const id of new Set(records.map((r) => r.documentId).filter((d): d is string => !!d))) facts.set(id, await loadDocumentDetails(db, id));
  const seqs = new Set<number>();
  for (const r of records) {
    const document = r.documentId ? facts.get(r.documentId) : null;
    if (r.documentId && !document) continue;
    if (canViewRecord(actor, { kind: r.kind, document: document ?? null })) seqs.add(r.seq);
  }
  return seqs;
}

export async function loadLedgerEntry(db: Executor, seq: number) {
  const [row] = await db.select({ seq: ledgerEntries.seq, kind: ledgerEntries.kind, documentId: ledgerEntries.documentId }).from(ledgerEntries).where(eq(ledgerEntries.seq, seq));
  return row ?? null;
}

export const dossiersOfRecords = (db: Executor, seqs: number[]) =>
  seqs.length ? db.select().from(dossierRecords).where(inArray(dossierRecords.seq, seqs)) : Promise.resolve([]);
