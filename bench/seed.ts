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

/** A Yjs state built from `edits` single-character edits at random places (some deletions). */
export function buildEditedState(edits: number): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < edits; i++) {
    if (text.length > 10 && random() < 0.1) text.delete(Math.floor(random() * (text.length - 1)), 1);
    else text.insert(Math.floor(random() * (text.length + 1)), 'abcdefghij'[i % 10]!);
  }
  return Y.encodeStateAsUpdate(doc);
}

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
