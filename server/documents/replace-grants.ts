/** Replaces the explicit access grants of a document with the given list (PUT semantics). */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentGrants } from '../db/schema';
import type { GrantLevel } from '../../shared/permissions';

export type GrantInput = { departmentId: string; level: GrantLevel } | { userId: string; level: GrantLevel };

export async function replaceGrants(db: Executor, documentId: string, grants: readonly GrantInput[]) {
  await db.delete(documentGrants).where(eq(documentGrants.documentId, documentId));
  if (grants.length === 0) return;
  await db.insert(documentGrants).values(
    grants.map((g) => ({
      documentId,
      level: g.level,
      departmentId: 'departmentId' in g ? g.departmentId : null,
      userId: 'userId' in g ? g.userId : null,
    })),
  );
}
