/** Loads the facts the document policy decides on (shared/permissions.ts). */
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentGrants, documents } from '../db/schema';
import type { DocumentFacts } from '../../shared/permissions';

export interface DocumentRow {
  id: string;
  title: string;
  departmentId: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  lastEditedAt: Date | null;
  lastEditedBy: string | null;
  finalizedAt: Date | null;
  archivedAt: Date | null;
}

export type DocumentWithFacts = DocumentRow & DocumentFacts;

export async function loadDocumentFacts(db: Executor, documentId: string): Promise<DocumentWithFacts | null> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return null;
  const grants = await db
    .select({ departmentId: documentGrants.departmentId, userId: documentGrants.userId, level: documentGrants.level })
    .from(documentGrants)
    .where(eq(documentGrants.documentId, documentId));
  return { ...doc, finalized: doc.finalizedAt !== null, grants };
}

/** The policy facts of several documents at once (two queries), keyed by id; unknown ids are absent. */
export async function loadDocumentFactsMany(db: Executor, documentIds: readonly string[]): Promise<Map<string, DocumentWithFacts>> {
  const byId = new Map<string, DocumentWithFacts>();
  if (documentIds.length === 0) return byId;
  const ids = [...documentIds];
  const [docs, grants] = await Promise.all([
    db.select().from(documents).where(inArray(documents.id, ids)),
    db
      .select({ documentId: documentGrants.documentId, departmentId: documentGrants.departmentId, userId: documentGrants.userId, level: documentGrants.level })
      .from(documentGrants)
      .where(inArray(documentGrants.documentId, ids)),
  ]);
  for (const doc of docs) byId.set(doc.id, { ...doc, finalized: doc.finalizedAt !== null, grants: [] });
  for (const { documentId, ...grant } of grants) (byId.get(documentId)?.grants as DocumentFacts['grants'][number][] | undefined)?.push(grant);
  return byId;
}
