/**
 * Live re-checks driven through the front door: each route that changes who may do what on a
 * document (share dialog, department merge, user administration, sign-out) is called over HTTP
 * while real y-websocket clients are connected, and the effect is observed on those sockets:
 * the close code of a downgrade or a removal, and an upgrade seen as edits that start to count.
 * (test/collab/access.test.ts covers the collab service's own re-check rules; this file proves the
 * routes call them, so removing a hook breaks a test here.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { call } from '../api/http';
import { makeDepartment, makeDocument, makeUser, signIn, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { eventuallyMs } from '../support/timeouts';
import { addParagraph, collabUrl, connectClient, handshake, paragraphs, paragraphsOf, roundTrip, waitFor, withTimeout, type TestClient } from './clients';

describe('access changes made through the API reach live sockets', () => {
  let server: TestServer;
  let admin: TestUser;
  let alice: TestUser; // creator, Finance
  let financeId: string;
  const clients: TestClient[] = [];

  const open = (cookie: string, documentId: string) => {
    const client = connectClient(server.url, documentId, { cookie });
    clients.push(client);
    return client;
  };
  const stored = async (documentId: string) => {
    await server.collab.flushDocument(documentId);
    return paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)));
  };
  const nextClose = (client: TestClient) =>
    withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) =>
        client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
      ),
      eventuallyMs,
      'the server to close the connection',
    );
  /** An admin request that must succeed. */
  const asAdmin = async (method: string, path: string, body: unknown) => {
    const res = await call(server, method, path, { cookie: admin.cookie, body });
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const putAccess = (documentId: string, grants: unknown[]) =>
    call(server, 'PUT', `/api/documents/${documentId}/access`, { cookie: alice.cookie, body: { grants } }).then((res) => {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });
  /** `client`'s edits count: a new paragraph reaches `other` through the server. */
  const editsCount = async (client: TestClient, other: TestClient, text: string) => {
    addParagraph(client.doc, text);
    await waitFor(() => paragraphs(other.doc).includes(text), eventuallyMs, `"${text}" to reach the other client`);
  };
  /** `client`'s edits are dropped: after a round trip, neither the other client nor the database has it. */
  const editsDropped = async (client: TestClient, other: TestClient, documentId: string, text: string) => {
    addParagraph(client.doc, text);
    await roundTrip(client);
    await roundTrip(other); // anything forwarded to `other` would have arrived before this answer
    expect(paragraphs(other.doc)).not.toContain(text);
    expect(await stored(documentId)).not.toContain(text);
  };

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    financeId = (await makeDepartment(db, 'Finance')).id;
    alice = await makeUser(db, { departmentIds: [financeId], name: 'Alice' });
    admin = await makeUser(db, { isAdmin: true, name: 'Admin' });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => server.stop());

  it('PUT /api/documents/:id/access: a downgraded editor is closed (4403) and reopens read-only, an upgrade counts at once, a removal shuts the door', async () => {
    const db = server.database.db;
    const vera = await makeUser(db, { name: 'Vera' });
    const documentId = (await makeDocument(db, alice)).id;
    const finance = { department: financeId, level: 'edit' };
    await putAccess(documentId, [finance, { user: vera.id, level: 'edit' }]);
    const a = open(alice.cookie, documentId);
    const v = open(vera.cookie, documentId);
    await Promise.all([a.synced(), v.synced()]);
    await editsCount(v, a, 'vera as editor');

    const downgraded = nextClose(v);
    await putAccess(documentId, [finance, { user: vera.id, level: 'view' }]);
    expect(await downgraded).toMatchObject({ code: 4403 });
    const viewer = open(vera.cookie, documentId);
    await viewer.synced();
    await editsDropped(viewer, a, documentId, 'vera as viewer');
    await editsCount(a, viewer, 'alice to the viewer');

    // Upgrade on the same live socket: no reconnect, and what it typed as a viewer is asked for again.
    await putAccess(documentId, [finance, { user: vera.id, level: 'edit' }]);
    await editsCount(viewer, a, 'vera upgraded');
    await waitFor(() => paragraphs(a.doc).includes('vera as viewer'), eventuallyMs, 'the resync after the upgrade');
    expect(viewer.provider.wsconnected).toBe(true);

    const removed = nextClose(viewer);
    await putAccess(documentId, [finance]);
    expect(await removed).toMatchObject({ code: 4403 });
    expect((await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: vera.cookie })).status).toBe(403);
  });

  it('PATCH /api/departments/:id {mergeInto}: members of the merged department are upgraded live', async () => {
    const db = server.database.db;
    const legal = await makeDepartment(db, 'Legal');
    const ops = await makeDepartment(db, 'Operations');
    const dan = await makeUser(db, { departmentIds: [legal.id], name: 'Dan' });
    const documentId = (await makeDocument(db, alice)).id;
    await putAccess(documentId, [
      { department: financeId, level: 'edit' },
      { department: legal.id, level: 'view' },
      { department: ops.id, level: 'edit' },
    ]);
    const a = open(alice.cookie, documentId);
    const d = open(dan.cookie, documentId);
    await Promise.all([a.synced(), d.synced()]);
    await editsDropped(d, a, documentId, 'dan in Legal');

    await asAdmin('PATCH', `/api/departments/${legal.id}`, { mergeInto: ops.id });
    await editsCount(d, a, 'dan in Operations');
    await waitFor(() => paragraphs(a.doc).includes('dan in Legal'), eventuallyMs, 'the resync after the merge');
    expect(d.provider.wsconnected).toBe(true);
  });

  it('PATCH /api/users/:id {departmentIds}: joining the editing department upgrades, leaving it downgrades (4403)', async () => {
    const db = server.database.db;
    const legal = await makeDepartment(db, 'Legal');
    const dan = await makeUser(db, { departmentIds: [legal.id], name: 'Dan' });
    const documentId = (await makeDocument(db, alice)).id;
    await putAccess(documentId, [
      { department: financeId, level: 'edit' },
      { department: legal.id, level: 'view' },
    ]);
    const a = open(alice.cookie, documentId);
    const d = open(dan.cookie, documentId);
    await Promise.all([a.synced(), d.synced()]);
    await editsDropped(d, a, documentId, 'dan as viewer');

    await asAdmin('PATCH', `/api/users/${dan.id}`, { departmentIds: [legal.id, financeId] });
    await editsCount(d, a, 'dan joined Finance');

    const downgraded = nextClose(d);
    await asAdmin('PATCH', `/api/users/${dan.id}`, { departmentIds: [legal.id] });
    expect(await downgraded).toMatchObject({ code: 4403 });
    const reopened = open(dan.cookie, documentId);
    await reopened.synced();
    await editsDropped(reopened, a, documentId, 'dan left Finance');
  });

  it('PATCH /api/users/:id {disabled: true}: every socket of the user closes (4403) and the session is gone', async () => {
    const db = server.database.db;
    const cole = await makeUser(db, { departmentIds: [financeId], name: 'Cole' });
    const documentId = (await makeDocument(db, alice)).id;
    const c = open(cole.cookie, documentId);
    await c.synced();
    const closed = nextClose(c);
    await asAdmin('PATCH', `/api/users/${cole.id}`, { disabled: true });
    expect(await closed).toMatchObject({ code: 4403, reason: 'account disabled' });
    expect((await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: cole.cookie })).status).toBe(401);
  });

  it("POST /api/auth/logout closes that session's sockets (4401) and leaves the user's other sessions connected", async () => {
    const db = server.database.db;
    const mai = await makeUser(db, { departmentIds: [financeId], name: 'Mai' });
    const otherSession = await signIn(db, mai.id);
    const documentId = (await makeDocument(db, alice)).id;
    const a = open(alice.cookie, documentId);
    const tablet = open(mai.cookie, documentId);
    const laptop = open(otherSession, documentId);
    await Promise.all([a.synced(), tablet.synced(), laptop.synced()]);

    const closed = nextClose(tablet);
    expect((await call(server, 'POST', '/api/auth/logout', { cookie: mai.cookie })).status).toBe(204);
    expect(await closed).toMatchObject({ code: 4401 });
    await editsCount(laptop, a, 'still signed in on the laptop');
    expect((await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: mai.cookie })).status).toBe(401);
  });
});
