/**
 * Seeds a benchmark database before the server starts: users (one session each), documents the
 * users may edit, and one document whose stored state was built from 100,000 edits.
 */
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database } from '../server/db/client';
import { documentSnapshots, users } from '../server/db/schema';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../test/support/factories';

export interface Seed {
  users: TestUser[];
  documentIds: string[];
  convergeDocumentId: string;
  bigDocumentId: string;
  bigDocumentBytes: number;
}

export { buildEditedState } from './edited-state';
import { buildEditedState } from './edited-state';

export async function seed(db: Database, options: { users: number; documents: number; bigEdits: number }): Promise<Seed> {
  const department = await makeDepartment(db, 'Benchmark');
  const seeded: TestUser[] = [];
  for (let i = 0; i < options.users; i++) seeded.push(await makeUser(db, { departmentIds: [department.id], name: `Bench ${i}` }));
  const owner = seeded[0]!;
  await db.update(users).set({ isAdmin: true }).where(eq(users.id, owner.id));
  const documentIds: string[] = [];
  for (let i = 0; i < options.documents; i++) documentIds.push((await makeDocument(db, owner, `Bench ${i}`)).id);
  const convergeDocumentId = (await makeDocument(db, owner, 'Convergence')).id;
  const bigDocumentId = (await makeDocument(db, owner, '100k edits')).id;
  const state = buildEditedState(options.bigEdits);
  await db.insert(documentSnapshots).values({ documentId: bigDocumentId, state, upToUpdateId: 0 });
  return { users: seeded, documentIds, convergeDocumentId, bigDocumentId, bigDocumentBytes: state.length };
}
