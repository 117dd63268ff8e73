/**
 * The CollabService operations other parts of the server call (freezing and restoring versions,
 * access changes), and the room lifecycle: idle documents are flushed, compacted and unloaded.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentSnapshots, documents } from '../db/schema';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../../test/support/factories';
import { startTestServer, type TestServer } from '../../test/support/server';
import { addParagraph, connectClient, paragraphs, paragraphsOf, waitFor, type TestClient } from '../../test/collab/clients';
import { countLogRows, loadStoredState, mergeStoredState } from './update-log';

describe('collab service', () => {
  let server: TestServer;
  let alice: TestUser;
  const clients: TestClient[] = [];
  const open = (documentId: string) => {
    const client = connectClient(server.url, documentId, { cookie: alice.cookie });
    clients.push(client);
    return client;
  };
  const stored = async (documentId: string) => paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)));
  const appendParagraph = (text: string) => (doc: Y.Doc) => addParagraph(doc, text);

  beforeAll(async () => {
    server = await startTestServer({ ROOM_IDLE_MS: '150', PERSIST_FLUSH_MS: '1000' });
    alice = await makeUser(server.database.db, { departmentIds: [(await makeDepartment(server.database.db)).id] });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => server.stop());

  it('readState of an open document: the live state, durable by the time it returns', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    const client = open(documentId);
    await client.synced();
    addParagraph(client.doc, 'one');
    addParagraph(client.doc, 'two');
    await waitFor(async () => paragraphsOf(await server.collab.readState(documentId)).length === 2, 5_000, 'the live state');
    // PERSIST_FLUSH_MS is a second here: only readState's own flush can have written it already.
    expect(await stored(documentId)).toEqual(['one', 'two']);
  });

  it('readState of a document nobody has open: snapshot and tail from the database', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    await server.collab.applyServerEdit(documentId, appendParagraph('restored'));
    expect(paragraphsOf(await server.collab.readState(documentId))).toEqual(['restored']);
    expect(paragraphsOf(await server.collab.readState(crypto.randomUUID()))).toEqual([]);
  });

  it('applyServerEdit on an open document reaches connected clients and is stored, as a server edit', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    const client = open(documentId);
    await client.synced();
    addParagraph(client.doc, 'typed');
    await waitFor(async () => paragraphsOf(await server.collab.readState(documentId)).length === 1, 5_000, 'the typed edit');
    await server.collab.applyServerEdit(documentId, appendParagraph('from the server'));
    expect(await stored(documentId)).toEqual(['typed', 'from the server']); // stored when it resolves
    await waitFor(() => paragraphs(client.doc).includes('from the server'), 5_000, 'the server edit to reach the client');
    const [row] = await server.database.db.select().from(documents).where(eq(documents.id, documentId));
    expect(row!.lastEditedBy).toBe(alice.id); // the server edit kept the last human editor
  });

  it('applyServerEdit on a closed document is stored, and a client opening it later sees it', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    await server.collab.applyServerEdit(documentId, appendParagraph('while closed'));
    expect(await stored(documentId)).toEqual(['while closed']);
    const client = open(documentId);
    await client.synced();
    expect(paragraphs(client.doc)).toEqual(['while closed']);
  });

  it('flushes, compacts and unloads a document once its last client has left', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    const client = open(documentId);
    await client.synced();
    for (let i = 0; i < 10; i++) addParagraph(client.doc, `p${i}`);
    await waitFor(async () => paragraphsOf(await server.collab.readState(documentId)).length === 10, 5_000, 'the edits');
    expect(await countLogRows(server.database.db, documentId)).toBeGreaterThan(0);
    client.destroy();
    clients.splice(0);
    // Unloading folds the whole log into the snapshot.
    await waitFor(async () => (await countLogRows(server.database.db, documentId)) === 0, 5_000, 'compaction on unload');
    const [snapshot] = await server.database.db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId));
    expect(paragraphsOf(snapshot!.state)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
    const again = open(documentId);
    await again.synced();
    expect(paragraphs(again.doc)).toHaveLength(10);
  });

  it('closes connections to a deleted document (4404)', async () => {
    const documentId = (await makeDocument(server.database.db, alice)).id;
    const client = open(documentId);
    await client.synced();
    const closed = new Promise<number>((resolve) => client.provider.once('connection-close', (e) => resolve(e?.code ?? 0)));
    await server.database.db.delete(documents).where(eq(documents.id, documentId));
    await server.collab.accessChanged(documentId);
    expect(await closed).toBe(4404);
  });
});
