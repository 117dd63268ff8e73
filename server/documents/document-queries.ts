/**
 * Reading documents with what their presentation needs (department and last editor names,
 * grants for the policy). The list pre-filters in SQL with the policy's own semantics
 * (creator, a grant to me or to one of my departments, or admin); callers still apply `canView`.
 */
import { and, desc, eq, exists, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client';
import { departments, documentGrants, documents, users } from '../db/schema';
import type { Actor, Grant } from '../../shared/permissions';
import type { DocumentWithFacts } from './document-access';

export interface DocumentDetails extends DocumentWithFacts {
  department: { id: string; name: string };
  lastEditor: { id: string; name: string } | null;
}

const editor = alias(users, 'last_editor');

const detailColumns = {
  id: documents.id,
  title: documents.title,
  departmentId: documents.departmentId,
  createdBy: documents.createdBy,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  lastEditedAt: documents.lastEditedAt,
  lastEditedBy: documents.lastEditedBy,
  finalizedAt: documents.finalizedAt,
  archivedAt: documents.archivedAt,
  departmentName: departments.name,
  lastEditorName: editor.name,
};

/** Last activity: the latest of a title change, a content edit and creation. */
const lastActivity = sql`greatest(${documents.updatedAt}, coalesce(${documents.lastEditedAt}, ${documents.createdAt}))`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

async function grantsByDocument(db: Executor, documentIds: string[]) {
  const byDoc = new Map<string, Grant[]>();
  if (documentIds.length === 0) return byDoc;
  const rows = await db
    .select({ documentId: documentGrants.documentId, departmentId: documentGrants.departmentId, userId: documentGrants.userId, level: documentGrants.level })
    .from(documentGrants)
    .where(inArray(documentGrants.documentId, documentIds));
  for (const { documentId, ...grant } of rows) byDoc.set(documentId, [...(byDoc.get(documentId) ?? []), grant]);
  return byDoc;
}

type DetailRow = { [K in keyof typeof detailColumns]: unknown } & Record<string, unknown>;

function withFacts(row: DetailRow, grants: Grant[]): DocumentDetails {
  const { departmentName, lastEditorName, ...doc } = row as unknown as DocumentDetails & { departmentName: string; lastEditorName: string | null };
  return {
    ...doc,
    finalized: doc.finalizedAt !== null,
    grants,
    department: { id: doc.departmentId, name: departmentName },
    lastEditor: doc.lastEditedBy && lastEditorName !== null ? { id: doc.lastEditedBy, name: lastEditorName } : null,
  };
}

const selectDetails = (db: Executor) =>
  db
    .select(detailColumns)
    .from(documents)
    .innerJoin(departments, eq(departments.id, documents.departmentId))
    .leftJoin(editor, eq(editor.id, documents.lastEditedBy));

export async function loadDocumentDetails(db: Executor, documentId: string): Promise<DocumentDetails | null> {
  const [row] = await selectDetails(db).where(eq(documents.id, documentId));
  if (!row) return null;
  const grants = await grantsByDocument(db, [row.id]);
  return withFacts(row, grants.get(row.id) ?? []);
}

/** Documents the actor may plausibly see, most recently active first, optionally matching `q` in the title. */
export async function listCandidateDocuments(db: Executor, actor: Actor, options: { q?: string; archived?: boolean; limit: number }) {
  const filters: (SQL | undefined)[] = [options.archived ? isNotNull(documents.archivedAt) : isNull(documents.archivedAt)];
  if (!actor.isAdmin) {
    const mine = or(
      eq(documentGrants.userId, actor.id),
      actor.departmentIds.length ? inArray(documentGrants.departmentId, [...actor.departmentIds]) : undefined,
    );
    const granted = db.select({ one: sql`1` }).from(documentGrants).where(and(eq(documentGrants.documentId, documents.id), mine));
    filters.push(or(eq(documents.createdBy, actor.id), exists(granted)));
  }
  if (options.q) filters.push(ilike(documents.title, `%${escapeLike(options.q)}%`));
  const rows = await selectDetails(db)
    .where(and(...filters))
    .orderBy(desc(lastActivity), desc(documents.id))
    .limit(options.limit);
  const grants = await grantsByDocument(db, rows.map((r) => r.id));
  return rows.map((row) => withFacts(row, grants.get(row.id) ?? []));
}

/** Rename a draft; false when it does not exist or is finalized (checked in the same statement, so a concurrent final freeze cannot be overtaken). */
export async function updateDocumentTitle(db: Executor, documentId: string, title: string) {
  const [row] = await db
    .update(documents)
    .set({ title, updatedAt: new Date() })
    .where(and(eq(documents.id, documentId), isNull(documents.finalizedAt)))
    .returning({ id: documents.id });
  return row !== undefined;
}

/** Re-home every document owned by one department to another (department merge). */
export const moveDocumentsToDepartment = (db: Executor, fromId: string, toId: string) =>
  db.update(documents).set({ departmentId: toId }).where(eq(documents.departmentId, fromId)).returning({ id: documents.id });
