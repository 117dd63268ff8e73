/**
 * Issue 2, "what it must show" 3 (websocket side): refusals happen before the upgrade with the
 * right HTTP status; viewers and commenters receive live updates but nothing they send is
 * applied, stored or forwarded; finalised documents are read-only; access changes apply live.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentGrants, documents, sessions, userDepartments, users } from '../../server/db/schema';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { eventuallyMs } from '../support/timeouts';
import {
  addParagraph,
  collabUrl,
  connectClient,
  handshake,
  paragraphs,
  paragraphsOf,
  roundTrip,
  waitFor,
  withTimeout,
  type TestClient,
} from './clients';

describe('collab access', () => {
  let server: TestServer;
  let alice: TestUser; // creator: edits
  let vera: TestUser; // viewer (user grant)
  let cole: TestUser; // commenter (department grant)
  let otto: TestUser; // no access
  const clients: TestClient[] = [];

  const open = (user: TestUser, documentId: string) => {
    const client = connectClient(server.url, documentId, { cookie: user.cookie });
    clients.push(client);
    return client;
  };
  const stored = async (documentId: string) => paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)));
  const newDocument = async () => {
    const id = (await makeDocument(server.database.db, alice)).id;
    await grant(server.database.db, id, { userId: vera.id }, 'view');
    await grant(server.database.db, id, { departmentId: cole.departmentIds[0]! }, 'comment');
    return id;
  };
  /** The close event the server sends a client (y-websocket stops reconnecting on 44xx). */
  const nextClose = (client: TestClient) =>
    withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) =>
        client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
      ),
      eventuallyMs,
      'the server to close the connection',
    );

  beforeAll(async () => {
    server = await startTestServer({ WS_MAX_CONNECTIONS_PER_USER: '4' });
    const db = server.database.db;
    const finance = await makeDepartment(db, 'Finance');
    alice = await makeUser(db, { departmentIds: [finance.id], name: 'Alice' });
    vera = await makeUser(db, { name: 'Vera' });
    cole = await makeUser(db, { name: 'Cole' });
    otto = await makeUser(db, { name: 'Otto' });
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => server.stop());

  it('refuses before upgrading: no session 401, no access or unknown document 403, bad id 404, foreign Origin 403', async () => {
    const documentId = await newDocument();
    const url = `${collabUrl(server.url)}/${documentId}`;

    const anonymous = await handshake(url);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await handshake(url, { cookie: 'codraft_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).status).toBe(401);

    const outsider = await handshake(url, { cookie: otto.cookie });
    expect(outsider.status).toBe(403);
    expect(JSON.parse(outsider.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await handshake(`${collabUrl(server.url)}/${crypto.randomUUID()}`, { cookie: alice.cookie })).status).toBe(403);
    expect((await handshake(`${collabUrl(server.url)}/not-a-uuid`, { cookie: alice.cookie })).status).toBe(404);
    expect((await handshake(`${server.url.replace('http', 'ws')}/elsewhere`, { cookie: alice.cookie })).status).toBe(404);

    const foreign = await handshake(url, { cookie: alice.cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toContain('Origin');

    // The same cookie from the app's own origin (and from a client sending none) is accepted.
    const own = await handshake(url, { cookie: alice.cookie, origin: server.url });
    expect(own.status).toBe(101);
    own.socket!.close();
    const viewer = await handshake(url, { cookie: vera.cookie });
    expect(viewer.status).toBe(101);
    viewer.socket!.close();
    // Plain HTTP on the websocket address says what to do instead.
    expect((await fetch(`${server.url}/collab/${documentId}`)).status).toBe(426);
  });

  it("never applies, stores or forwards a viewer's or a commenter's updates, while they receive live ones", async () => {
    const documentId = await newDocument();
    const editor = open(alice, documentId);
    const viewer = open(vera, documentId);
    const commenter = open(cole, documentId);
    await Promise.all([editor.synced(), viewer.synced(), commenter.synced()]);

    addParagraph(editor.doc, 'before');
    await waitFor(() => paragraphs(viewer.doc).includes('before') && paragraphs(commenter.doc).includes('before'), eventuallyMs, 'live updates');

    addParagraph(viewer.doc, 'viewer was here');
    addParagraph(commenter.doc, 'commenter was here');
    await Promise.all([roundTrip(viewer), roundTrip(commenter)]); // the server has handled (and dropped) them

    addParagraph(editor.doc, 'after');
    await waitFor(() => paragraphs(viewer.doc).includes('after'), eventuallyMs, 'the later edit to reach the viewer');
    await waitFor(async () => (await stored(documentId)).includes('after'), eventuallyMs, 'the later edit to be stored');

    expect(paragraphs(editor.doc)).toEqual(['before', 'after']);
    expect(await stored(documentId)).toEqual(['before', 'after']);
    expect(paragraphs(commenter.doc)).not.toContain('viewer was here');
    expect(paragraphs(viewer.doc)).not.toContain('commenter was here');
    const late = open(alice, documentId);
    await late.synced();
    expect(paragraphs(late.doc)).toEqual(['before', 'after']);
  });

  it('keeps a finalised document read-only for everyone, also when it is finalised while they are connected', async () => {
    const db = server.database.db;
    const frozen = await newDocument();
    await db.update(documents).set({ finalizedAt: new Date() }).where(eq(documents.id, frozen));
    const creator = open(alice, frozen);
    await creator.synced(); // may still open and read it
    addParagraph(creator.doc, 'too late');
    await roundTrip(creator);
    expect(await stored(frozen)).toEqual([]);

    const live = await newDocument();
    const a = open(alice, live);
    const v = open(vera, live);
    await Promise.all([a.synced(), v.synced()]);
    addParagraph(a.doc, 'draft');
    await waitFor(() => paragraphs(v.doc).includes('draft'), eventuallyMs, 'the draft edit');
    await db.update(documents).set({ finalizedAt: new Date() }).where(eq(documents.id, live));
    const closedA = nextClose(a);
    await server.collab.accessChanged(live);
    // The editor loses edit: its socket closes so its editor turns read-only at once; the viewer stays.
    expect(await closedA).toMatchObject({ code: 4403 });
    addParagraph(a.doc, 'after freezing');
    const reopened = open(alice, live);
    await reopened.synced();
    addParagraph(reopened.doc, 'after freezing, reopened');
    await roundTrip(reopened);
    await server.collab.flushDocument(live);
    expect(await stored(live)).toEqual(['draft']);
    expect(paragraphs(reopened.doc)).toContain('draft');
    expect(paragraphs(v.doc)).toEqual(['draft']);
    expect(v.provider.wsconnected).toBe(true);
  });

  it('closes a live editor losing edit (4403) so it reopens read-only, and refuses it once access is gone', async () => {
    const db = server.database.db;
    const documentId = await newDocument();
    await grant(db, documentId, { userId: vera.id }, 'edit');
    const a = open(alice, documentId);
    const v = open(vera, documentId);
    await Promise.all([a.synced(), v.synced()]);
    addParagraph(v.doc, 'while editor');
    await waitFor(() => paragraphs(a.doc).includes('while editor'), eventuallyMs, "vera's edit");

    await grant(db, documentId, { userId: vera.id }, 'view');
    const downgraded = nextClose(v);
    await server.collab.accessChanged(documentId);
    expect(await downgraded).toMatchObject({ code: 4403 });
    // Reopened as a viewer: live updates still arrive, what it sends is dropped.
    const viewer = open(vera, documentId);
    await viewer.synced();
    addParagraph(viewer.doc, 'while viewer');
    await roundTrip(viewer);
    addParagraph(a.doc, 'from alice');
    await waitFor(() => paragraphs(viewer.doc).includes('from alice'), eventuallyMs, 'live updates after the downgrade');
    await server.collab.flushDocument(documentId);
    expect(paragraphs(a.doc)).not.toContain('while viewer');
    expect(await stored(documentId)).not.toContain('while viewer');

    await db.delete(documentGrants).where(and(eq(documentGrants.documentId, documentId), eq(documentGrants.userId, vera.id)));
    const closed = nextClose(viewer);
    const stopped = withTimeout(new Promise((resolve) => viewer.provider.once('closed', resolve)), eventuallyMs, 'the provider to give up');
    await server.collab.accessChanged(documentId);
    expect(await closed).toMatchObject({ code: 4403 });
    await stopped; // 4403 is final for y-websocket: no reconnect loop
    expect((await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: vera.cookie })).status).toBe(403);
  });

  it('closes the sockets of a disabled user', async () => {
    // A commenter of their own (Cole's department): disabling the shared Cole would break the
    // tests that run after this one.
    const db = server.database.db;
    const colleague = await makeUser(db, { departmentIds: [cole.departmentIds[0]!], name: 'Colleague' });
    const documentId = await newDocument();
    const c = open(colleague, documentId);
    await c.synced();
    const closed = nextClose(c);
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, colleague.id));
    await server.collab.userChanged(colleague.id);
    expect(await closed).toMatchObject({ code: 4403, reason: 'account disabled' });
    expect((await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: colleague.cookie })).status).toBe(401);
  });

  it("re-checks a user's sockets when their departments change, and closes them when the session ends (4401)", async () => {
    const db = server.database.db;
    const documentId = await newDocument();
    const dan = await makeUser(db, { name: 'Dan' }); // in a department of his own, no grant
    await grant(db, documentId, { departmentId: dan.departmentIds[0]! }, 'view');
    const a = open(alice, documentId);
    const d = open(dan, documentId);
    await Promise.all([a.synced(), d.synced()]);
    addParagraph(d.doc, 'as a viewer');
    await roundTrip(d);

    // Joining Finance (the creator's department, which edits by default) makes him an editor.
    await db.insert(userDepartments).values({ userId: dan.id, departmentId: alice.departmentIds[0]! });
    await server.collab.userChanged(dan.id);
    addParagraph(d.doc, 'as an editor');
    await waitFor(() => paragraphs(a.doc).includes('as an editor'), eventuallyMs, "dan's edit after joining Finance");
    // Regaining edit asks his client for what it has: the edit made as a viewer arrives too.
    await waitFor(() => paragraphs(a.doc).includes('as a viewer'), eventuallyMs, 'resync after regaining edit');

    const closed = nextClose(d);
    await db.delete(sessions).where(eq(sessions.userId, dan.id));
    await server.collab.userChanged(dan.id);
    expect(await closed).toMatchObject({ code: 4401 });
  });

  it('limits concurrent sockets per user (429 before upgrade) and frees the slot on close', async () => {
    const documentId = await newDocument();
    const reader = await makeUser(server.database.db, { name: 'Many Tabs' });
    await grant(server.database.db, documentId, { userId: reader.id }, 'view');
    const url = `${collabUrl(server.url)}/${documentId}`;
    const accepted = [];
    for (let i = 0; i < 4; i++) {
      const result = await handshake(url, { cookie: reader.cookie });
      expect(result.status).toBe(101);
      accepted.push(result.socket!);
    }
    const refused = await handshake(url, { cookie: reader.cookie });
    expect(refused.status).toBe(429);
    accepted.pop()!.close();
    await waitFor(async () => {
      const retry = await handshake(url, { cookie: reader.cookie });
      retry.socket?.close();
      return retry.status === 101;
    }, eventuallyMs, 'a freed slot');
    for (const socket of accepted) socket.close();
  });
});
