/**
 * Issue 2, "what it must show" 1: editors of two departments co-edit live and converge, a late
 * joiner receives everything, the content is in the database, and a new server on the same
 * database serves it. Also: presence carries the identity the server vouches for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { presenceColor } from '../../shared/presence-color';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { addParagraph, connectClient, paragraphs, paragraphsOf, waitFor, type TestClient } from './clients';
import { eventuallyMs } from '../support/timeouts';

describe('live co-editing over y-websocket', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let documentId: string;
  let financeId: string;
  const clients: TestClient[] = [];
  const connect = (url: string, user: TestUser) => {
    const client = connectClient(url, documentId, { cookie: user.cookie });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const finance = await makeDepartment(db, 'Finance');
    financeId = finance.id;
    const legal = await makeDepartment(db, 'Legal');
    alice = await makeUser(db, { departmentIds: [finance.id], name: 'Alice' });
    bob = await makeUser(db, { departmentIds: [legal.id], name: 'Bob' });
    carol = await makeUser(db, { departmentIds: [finance.id], name: 'Carol' });
    documentId = (await makeDocument(db, alice, 'Budget 2027')).id;
    await grant(db, documentId, { departmentId: legal.id }, 'edit');
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.stop();
  });

  it('carries the identity the server vouches for in presence, not what the client claims', async () => {
    const a = connect(server.url, alice);
    const c = connect(server.url, carol);
    await Promise.all([a.synced(), c.synced()]);
    a.provider.awareness.setLocalState({ cursor: { anchor: 3 }, user: { id: carol.id, name: 'Carol (not really)', color: '#000000' } });
    await waitFor(() => c.provider.awareness.getStates().get(a.doc.clientID)?.cursor !== undefined, eventuallyMs, 'presence');
    const seen = c.provider.awareness.getStates().get(a.doc.clientID)!;
    expect(seen.cursor).toEqual({ anchor: 3 });
    expect(seen.user).toEqual({ id: alice.id, name: 'Alice', departmentId: financeId, departmentName: 'Finance', color: presenceColor(financeId) });
    expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/);

    // Leaving removes the state for everyone else.
    a.provider.destroy();
    await waitFor(() => !c.provider.awareness.getStates().has(a.doc.clientID), eventuallyMs, 'presence removal');
    for (const client of clients.splice(0)) client.destroy();
  });

  it('converges on concurrent edits; a late joiner, the database and a new server see everything', async () => {
    const a = connect(server.url, alice);
    const b = connect(server.url, bob);
    await Promise.all([a.synced(), b.synced()]);

    addParagraph(a.doc, 'shared:');
    await waitFor(() => paragraphs(b.doc).length === 1, eventuallyMs, 'the first paragraph to reach bob');
    const sharedA = (a.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const sharedB = (b.doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // Both type at once, without waiting for each other: paragraphs and characters in one text.
    for (let i = 0; i < 25; i++) {
      addParagraph(a.doc, `alice-${i}`);
      addParagraph(b.doc, `bob-${i}`);
      sharedA.insert(sharedA.length, 'a');
      sharedB.insert(7, 'b');
    }
    await waitFor(() => paragraphs(a.doc).length === 51 && paragraphs(b.doc).length === 51, eventuallyMs, 'convergence');
    await waitFor(() => sharedA.toString() === sharedB.toString() && sharedA.length === 57, eventuallyMs, 'shared text');
    expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));
    const expected = paragraphs(a.doc);
    for (let i = 0; i < 25; i++) expect(expected).toContain(`alice-${i}`);
    for (let i = 0; i < 25; i++) expect(expected).toContain(`bob-${i}`);

    const c = connect(server.url, carol);
    await c.synced();
    expect(paragraphs(c.doc)).toEqual(expected);

    // Durable without any shutdown: the batched log (and snapshot, if compacted) holds it all.
    const db = server.database.db;
    await waitFor(async () => paragraphsOf(mergeStoredState(await loadStoredState(db, documentId))).length === 51, eventuallyMs, 'persistence');
    expect(paragraphsOf(mergeStoredState(await loadStoredState(db, documentId)))).toEqual(expected);

    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    let second: RunningServer | undefined;
    try {
      second = await startServer(server.config, createLogger('silent'), { database: server.testDb.handle });
      const fresh = connect(second.url, bob);
      await fresh.synced();
      expect(paragraphs(fresh.doc)).toEqual(expected);
      fresh.destroy();
      clients.splice(0);
    } finally {
      await second?.close();
    }
    // `stop` in afterAll closes the first server again (a no-op) and drops the database.
  });
});
