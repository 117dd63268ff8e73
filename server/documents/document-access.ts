/** Loads the facts the document policy decides on (shared/permissions.ts). */
import { eq } from 'drizzle-orm';
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
