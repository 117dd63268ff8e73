/**
 * Issue 7 (collab hardening), websocket side, against a real server, real sockets and real Yjs
 * clients on both databases: re-check before joining (2), atomic final freeze (1), sign-out
 * closes sockets (3), "saved" only once stored (5), bounded buffer while the database refuses
 * writes (4), and large unsent edits that still arrive (11).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '../../server/collab/persistence';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../../server/collab/protocol';
import { countLogRows, loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { loadConfig } from '../../server/config';
import { documents, documentVersions } from '../../server/db/schema';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer, type StartOptions } from '../../server/server';
import { call } from '../api/http';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { grant, makeDepartment, makeDocument, makeUser } from '../support/factories';
import { addParagraph, collabUrl, connectClient, paragraphs, paragraphsOf, rawSocket, roundTrip, waitFor, withTimeout, type TestClient } from './clients';

interface Running extends RunningServer {
  testDb: TestDatabase;
  stop(): Promise<void>;
}

async function start(env: Record<string, string> = {}, options: Omit<StartOptions, 'database'> = {}): Promise<Running> {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: testDb.url,
    DATA_DIR: 'memory://',
    ROOM_IDLE_MS: '200',
    ...env,
  });
  const server = await startServer(config, createLogger(config.LOG_LEVEL), { ...options, database: testDb.handle });
  return { ...server, testDb, stop: async () => (await server.close(), await testDb.drop()) };
}

const clients: TestClient[] = [];
const open = (server: RunningServer, documentId: string, cookie: string, doc?: Y.Doc) => {
  const client = connectClient(server.url, documentId, { cookie }, doc);
  clients.push(client);
  return client;
};
const stored = async (server: RunningServer, documentId: string) => paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)));
const closes = (client: TestClient) => {
  const seen: { code: number; reason: string }[] = [];
  client.provider.on('connection-close', (event) => seen.push({ code: event?.code ?? 0, reason: event?.reason ?? '' }));
  return seen;
};
/** Run statements one by one (a prepared statement holds one). */
const execAll = async (server: RunningServer, statements: string[]) => {
  for (const statement of statements) await server.database.db.execute(sql.raw(statement));
};
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

describe('access decided again before a socket joins (2)', () => {
  let server: Running;
  let gate: { opened: Promise<void>; open(): void; loading: Promise<void>; loaded(): void } | null = null;
  afterAll(() => server?.stop());

  it('applies an access change made while the room was loading to the socket that was joining', async () => {
    const makeGate = () => {
      let open!: () => void;
      let loaded!: () => void;
      const opened = new Promise<void>((r) => (open = r));
      const loading = new Promise<void>((r) => (loaded = r));
      return { opened, open, loading, loaded };
    };
    // The store's load waits for the test: the window between the handshake's access decision and the join.
    const wrapStore = (store: DocumentStore): DocumentStore =>
      new Proxy(store, {
        get(target, key) {
          if (key === 'load') {
            return async (documentId: string) => {
              if (gate) {
                gate.loaded();
                await gate.opened;
              }
              return target.load(documentId);
            };
          }
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    server = await start({}, { collab: { wrapStore } });
    const db = server.database.db;
    const owner = await makeUser(db);
    const bob = await makeUser(db);
    const documentId = (await makeDocument(db, owner)).id;
    await grant(db, documentId, { userId: bob.id }, 'edit');

    gate = makeGate();
    const client = open(server, documentId, bob.cookie);
    await withTimeout(gate.loading, 10_000, 'the room to start loading');
    // Edit withdrawn while Bob's socket waits for the room.
    await grant(db, documentId, { userId: bob.id }, 'view');
    await server.collab.accessChanged(documentId);
    gate.open();
    await client.synced();
    addParagraph(client.doc, 'typed by a viewer');
    await roundTrip(client);
    await server.collab.flushDocument(documentId);
    expect(paragraphsOf(await server.collab.readState(documentId))).toEqual([]);
    expect(await stored(server, documentId)).toEqual([]);
  });
});

describe('collab hardening on one server', () => {
  let server: Running;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.stop());
  const setup = async () => {
    const db = server.database.db;
    const dept = await makeDepartment(db);
    const alice = await makeUser(db, { departmentIds: [dept.id] });
    return { db, alice };
  };

  it('finalises atomically: a failure after the flag leaves neither flag nor entry, even if undoing would fail (1)', async () => {
    const { db, alice } = await setup();
    const documentId = (await makeDocument(db, alice)).id;
    const client = open(server, documentId, alice.cookie);
    await client.synced();
    addParagraph(client.doc, 'Decision text');
    await roundTrip(client);
    // A fault in the ledger (the append fails) and no way back for the flag once written: what a
    // crash between the two writes would leave behind if they were separate.
    await execAll(server, [
      `create function test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected ledger failure'; end $$`,
      'create trigger test_fail_ledger before insert on ledger_entries for each row execute function test_fail()',
      `create function test_keep_final() returns trigger language plpgsql as $$ begin raise exception 'injected: cannot undo finalisation'; end $$`,
      `create trigger test_keep_final before update on documents for each row
        when (old.finalized_at is not null and new.finalized_at is null) execute function test_keep_final()`,
    ]);
    const failed = await call(server, 'POST', `/api/documents/${documentId}/versions`, { cookie: alice.cookie, body: { label: 'Final', final: true } });
    expect(failed.status).toBe(500);
    const [row] = await db.select({ finalizedAt: documents.finalizedAt }).from(documents).where(eq(documents.id, documentId));
    expect(row!.finalizedAt).toBeNull();
    expect(await db.select().from(documentVersions).where(eq(documentVersions.documentId, documentId))).toEqual([]);
    // The editor was not cut off, and edits held during the attempt were applied.
    addParagraph(client.doc, 'after the failed attempt');
    await roundTrip(client);
    expect(paragraphsOf(await server.collab.readState(documentId))).toEqual(['Decision text', 'after the failed attempt']);

    await execAll(server, ['drop trigger test_fail_ledger on ledger_entries', 'drop trigger test_keep_final on documents']);
    const done = await call(server, 'POST', `/api/documents/${documentId}/versions`, { cookie: alice.cookie, body: { label: 'Final', final: true } });
    expect(done.status).toBe(201);
    const [after] = await db.select({ finalizedAt: documents.finalizedAt }).from(documents).where(eq(documents.id, documentId));
    expect(after!.finalizedAt).not.toBeNull();
    // A title change now is refused (409 or 403), never applied.
    const renamed = await call(server, 'PATCH', `/api/documents/${documentId}`, { cookie: alice.cookie, body: { title: 'Renamed' } });
    expect([403, 409]).toContain(renamed.status);
  });

  it('closes the sockets of a session that signs out (4401 "signed out"), not the same user’s other sessions (3)', async () => {
    const db = server.database.db;
    const carol = await makeUser(db);
    const documentId = (await makeDocument(db, carol)).id;
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: carol.email, password: carol.password } });
    const otherCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const signingOut = open(server, documentId, carol.cookie);
    const staying = open(server, documentId, otherCookie);
    await Promise.all([signingOut.synced(), staying.synced()]);
    const closed = withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) => signingOut.provider.once('closed', resolve)),
      10_000,
      'the signed-out socket to close',
    );
    expect((await call(server, 'POST', '/api/auth/logout', { cookie: carol.cookie })).status).toBe(204);
    expect(await closed).toEqual({ code: 4401, reason: 'signed out' });
    await roundTrip(staying); // still open and answering
    expect(staying.provider.wsconnected).toBe(true);
  });
});

describe('"saved" only once stored (5)', () => {
  let server: Running;
  afterAll(() => server?.stop());

  it('answers a sync step 1 probe only after the updates sent before it are in the database', async () => {
    server = await start({ PERSIST_FLUSH_MS: '1500' });
    const db = server.database.db;
    const user = await makeUser(db);
    const documentId = (await makeDocument(db, user)).id;
    const { socket, received } = await rawSocket(`${collabUrl(server.url)}/${documentId}`, { cookie: user.cookie });
    const doc = new Y.Doc();
    addParagraph(doc, 'must be stored before it is confirmed');
    socket.send(encodeSyncUpdate(Y.encodeStateAsUpdate(doc)));
    socket.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    const sentAt = Date.now();
    await waitFor(() => received.some((m) => m[0] === 0 && m[1] === 1), 15_000, 'the answer to the probe');
    // At the moment the answer arrives, the update is already a row in the database.
    expect(await countLogRows(db, documentId)).toBeGreaterThanOrEqual(1);
    expect(Date.now() - sentAt).toBeGreaterThan(200);
    // Without edits of its own, a probe is answered at once.
    const reader = await rawSocket(`${collabUrl(server.url)}/${documentId}`, { cookie: user.cookie });
    const askedAt = Date.now();
    reader.socket.send(encodeSyncStep1(new Uint8Array([0])));
    await waitFor(() => reader.received.some((m) => m[0] === 0 && m[1] === 1), 5_000, 'an immediate answer');
    expect(Date.now() - askedAt).toBeLessThan(1_200);
    socket.close();
    reader.socket.close();
  });
});

describe('bounded memory while the database refuses writes (4)', () => {
  let server: Running;
  afterAll(() => server?.stop());

  it('stops accepting edits past PERSIST_MAX_PENDING_BYTES (1013), and every edit arrives once storage is back', async () => {
    server = await start({ PERSIST_MAX_PENDING_BYTES: '4096', PERSIST_FLUSH_MS: '20' });
    const db = server.database.db;
    const user = await makeUser(db);
    const documentId = (await makeDocument(db, user)).id;
    const client = open(server, documentId, user.cookie);
    const seen = closes(client);
    await client.synced();
    await execAll(server, [
      `create function test_refuse() returns trigger language plpgsql as $$ begin raise exception 'injected: storage refuses writes'; end $$`,
      'create trigger test_refuse_updates before insert on document_updates for each row execute function test_refuse()',
    ]);
    const texts = Array.from({ length: 30 }, (_, i) => `paragraph ${i} `.padEnd(400, 'x'));
    for (const text of texts) {
      addParagraph(client.doc, text);
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => seen.some((c) => c.code === 1013), 15_000, 'a 1013 close while the buffer is full');
    expect(paragraphs(client.doc)).toEqual(texts); // the client keeps everything
    await execAll(server, ['drop trigger test_refuse_updates on document_updates']);
    await waitFor(async () => (await stored(server, documentId)).length === texts.length, 30_000, 'every edit to be stored');
    expect(await stored(server, documentId)).toEqual(texts);
  });
});

describe('large unsent edits (11)', () => {
  let server: Running;
  afterAll(() => server?.stop());
  const big = (label: string, bytes: number) => `${label} `.padEnd(bytes, 'y');

  it('takes a catching-up client’s sync reply above WS_MAX_FRAME_BYTES, and a big paste through a reconnect; refuses for good (4413) past WS_MAX_SYNC_BYTES', async () => {
    server = await start({ WS_MAX_FRAME_BYTES: '65536', WS_MAX_SYNC_BYTES: '1048576' });
    const db = server.database.db;
    const user = await makeUser(db);
    const documentId = (await makeDocument(db, user)).id;

    // A long offline session: 300 KB typed before the first connection.
    const offline = new Y.Doc();
    addParagraph(offline, big('offline', 300_000));
    const catchingUp = open(server, documentId, user.cookie, offline);
    await waitFor(async () => (await stored(server, documentId)).length === 1, 20_000, 'the offline edits to be stored');

    // A 200 KB paste while connected: sent as one update, refused (1009), then sent in the handshake.
    const seen = closes(catchingUp);
    addParagraph(catchingUp.doc, big('pasted', 200_000));
    await waitFor(async () => (await stored(server, documentId)).length === 2, 20_000, 'the paste to be stored');
    expect(seen.map((c) => c.code)).toContain(1009);

    // More than the sync limit: a final close, so the client stops retrying and can say so.
    const raw = await rawSocket(`${collabUrl(server.url)}/${documentId}`, { cookie: user.cookie });
    const huge = new Y.Doc();
    addParagraph(huge, big('huge', 1_200_000));
    raw.socket.send(encodeSyncStep2(Y.encodeStateAsUpdate(huge)));
    expect((await withTimeout(raw.closed, 10_000, 'the close')).code).toBe(4413);
  });
});
