/**
 * A comments scenario on a real server: a draft with one passage, its owner (editor), a second
 * editor, a commenter, a viewer, an outsider, a leader with comment access, and helpers to call
 * the threads API and to write the draft through a real y-websocket client.
 */
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { userDepartments } from '../../server/db/schema';
import type { Database } from '../../server/db/client';
import { call } from '../api/http';
import { addParagraph, connectClient, paragraphs, waitFor, type TestClient } from '../collab/clients';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import type { TestServer } from '../support/server';

/** Make `user` a leader of `departmentId` (a membership they already have). */
export async function makeLeader(db: Database, user: TestUser, departmentId: string) {
  await db
    .update(userDepartments)
    .set({ role: 'leader' })
    .where(and(eq(userDepartments.userId, user.id), eq(userDepartments.departmentId, departmentId)));
}

export interface Scenario {
  documentId: string;
  owner: TestUser;
  editor: TestUser;
  commenter: TestUser;
  viewer: TestUser;
  outsider: TestUser;
  leader: TestUser;
}

export async function makeScenario(server: TestServer): Promise<Scenario> {
  const db = server.testDb.handle.db;
  const drafting = await makeDepartment(db);
  const legal = await makeDepartment(db);
  const owner = await makeUser(db, { departmentIds: [drafting.id], name: 'Owner Olga' });
  const editor = await makeUser(db, { departmentIds: [drafting.id], name: 'Editor Eddie' });
  const commenter = await makeUser(db, { departmentIds: [legal.id], name: 'Commenter Chi' });
  const viewer = await makeUser(db, { name: 'Viewer Vy' });
  const outsider = await makeUser(db, { name: 'Outsider Oanh' });
  const leader = await makeUser(db, { departmentIds: [legal.id], name: 'Leader Lan' });
  await makeLeader(db, leader, legal.id);
  const doc = await makeDocument(db, owner, 'Decision on the annual budget');
  await grant(db, doc.id, { departmentId: legal.id }, 'comment');
  await grant(db, doc.id, { userId: viewer.id }, 'view');
  return { documentId: doc.id, owner, editor, commenter, viewer, outsider, leader };
}

/** Write paragraphs into the draft through a real client and wait until the server has them. */
export async function writeDraft(server: TestServer, documentId: string, user: TestUser, texts: string[]): Promise<TestClient> {
  const client = connectClient(server.url, documentId, { cookie: user.cookie, origin: server.url });
  await client.synced();
  client.doc.transact(() => texts.forEach((t) => addParagraph(client.doc, t)));
  await waitFor(
    async () => {
      const state = await server.collab.readState(documentId);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      return texts.every((t) => paragraphs(copy).includes(t));
    },
    15_000,
    'the draft on the server',
  );
  return client;
}

export const api = (server: TestServer) => ({
  threads: (user: TestUser | undefined, documentId: string, query = '') => call(server, 'GET', `/api/documents/${documentId}/threads${query}`, { cookie: user?.cookie }),
  create: (user: TestUser | undefined, documentId: string, body: unknown) =>
    call(server, 'POST', `/api/documents/${documentId}/threads`, { cookie: user?.cookie, body, headers: { origin: server.url } }),
  reply: (user: TestUser | undefined, threadId: string, body: unknown) =>
    call(server, 'POST', `/api/threads/${threadId}/comments`, { cookie: user?.cookie, body, headers: { origin: server.url } }),
  setState: (user: TestUser | undefined, threadId: string, state: string) =>
    call(server, 'PATCH', `/api/threads/${threadId}`, { cookie: user?.cookie, body: { state }, headers: { origin: server.url } }),
  edit: (user: TestUser | undefined, commentId: string, body: unknown) =>
    call(server, 'PATCH', `/api/comments/${commentId}`, { cookie: user?.cookie, body, headers: { origin: server.url } }),
  remove: (user: TestUser | undefined, commentId: string) => call(server, 'DELETE', `/api/comments/${commentId}`, { cookie: user?.cookie, headers: { origin: server.url } }),
});
