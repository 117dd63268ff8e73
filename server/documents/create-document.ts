/** Creates a draft owned by the creator's (first) department, which may edit it by default. */
import type { Executor } from '../db/client';
import { documentGrants, documents } from '../db/schema';
import { badRequest } from '../errors';
import type { SessionUser } from '../http/env';

export async function createDocument(db: Executor, creator: Pick<SessionUser, 'id' | 'departmentIds'>, title: string) {
  const departmentId = creator.departmentIds[0];
  if (!departmentId) throw badRequest('You belong to no department: ask an administrator to add you to one');
  const [doc] = await db.insert(documents).values({ title, departmentId, createdBy: creator.id }).returning();
  await db.insert(documentGrants).values({ documentId: doc!.id, departmentId, level: 'edit' });
  return doc!;
}
