/**
 * Issue 2, "what it must show" 2: the real server process is restarted while two y-websocket
 * clients keep typing — once gracefully (SIGTERM: every accepted edit is written before exit)
 * and once with kill -9 mid-typing (edits the server had not written yet come back from the
 * clients, which resend what the server lacks when they reconnect). Nothing typed is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { createServerDatabase, freePort, spawnServer, type ServerDatabase, type ServerProcess } from '../support/process';
import { addParagraph, connectClient, paragraphs, paragraphsOf, waitFor, type TestClient } from './clients';
import { eventuallyMs } from '../support/timeouts';

/** A client typing one numbered paragraph every `everyMs`, online or not, remembering what it typed. */
class Typist {
  readonly typed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(
    readonly client: TestClient,
    private readonly name: string,
  ) {}
  start(everyMs = 20) {
    this.timer ??= setInterval(() => {
      const text = `${this.name}-${this.typed.length}`;
      addParagraph(this.client.doc, text);
      this.typed.push(text);
    }, everyMs);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const missing = (have: string[], want: string[]) => {
  const set = new Set(have);
  return want.filter((t) => !set.has(t));
};

describe('restarting the server while clients type', () => {
  let database: ServerDatabase;
  let alice: TestUser;
  let bob: TestUser;
  let documentId: string;
  let server: ServerProcess | undefined;
  const clients: TestClient[] = [];

  const storedParagraphs = async () => {
    const handle = await database.open(); // embedded: only while the server is stopped
    try {
      return paragraphsOf(mergeStoredState(await loadStoredState(handle.db, documentId)));
    } finally {
      await handle.close();
    }
  };

  beforeAll(async () => {
    database = await createServerDatabase();
    const handle = await database.open();
    try {
      const db = handle.db;
      const finance = await makeDepartment(db, 'Finance');
      const legal = await makeDepartment(db, 'Legal');
      alice = await makeUser(db, { departmentIds: [finance.id], name: 'Alice' });
      bob = await makeUser(db, { departmentIds: [legal.id], name: 'Bob' });
      documentId = (await makeDocument(db, alice, 'Minutes')).id;
      await grant(db, documentId, { departmentId: legal.id }, 'edit');
    } finally {
      await handle.close();
    }
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop('SIGKILL');
    await database.drop();
  });

  it('loses nothing across a graceful restart and a kill -9', { timeout: 180_000 }, async () => {
    // A flush interval longer than the test: what reaches the database before SIGTERM's exit is
    // there because shutdown flushed it, and a kill -9 loses every edit since the restart, which
    // only the clients' resend can bring back (observed below).
    const env = { ...database.env, PERSIST_FLUSH_MS: '3600000' };
    const port = await freePort();
    server = await spawnServer({ env, port });

    const a = connectClient(server.url, documentId, { cookie: alice.cookie });
    const b = connectClient(server.url, documentId, { cookie: bob.cookie });
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    const typists = [new Typist(a, 'alice'), new Typist(b, 'bob')];
    const allTyped = () => typists.flatMap((t) => t.typed);
    const bothHave = (texts: string[]) => missing(paragraphs(a.doc), texts).length === 0 && missing(paragraphs(b.doc), texts).length === 0;
    // Phases end on observed state, never on a fixed sleep: how far each typist got, and which of
    // its paragraphs went through the server (the other client has them).
    const marks = () => typists.map((t) => t.typed.length);
    const typedSince = (from: number[], n: number) => typists.every((t, i) => t.typed.length >= from[i]! + n);
    const relayedSince = (from: number[], n: number) => typedSince(from, n) && bothHave(typists.flatMap((t, i) => t.typed.slice(from[i], from[i]! + n)));

    // Graceful: everything the server accepted is written before it exits.
    for (const t of typists) t.start();
    await waitFor(() => relayedSince([0, 0], 15), eventuallyMs, '15 edits of each typist through the server');
    for (const t of typists) t.stop();
    const beforeTerm = allTyped();
    await waitFor(() => bothHave(beforeTerm), eventuallyMs, 'both clients to have every edit before SIGTERM');
    const term = await server.stop('SIGTERM');
    expect(term.code).toBe(0);
    for (const t of typists) t.start(); // typing on, offline
    expect(missing(await storedParagraphs(), beforeTerm)).toEqual([]);

    server = await spawnServer({ env, port });
    await Promise.all([a.synced(), b.synced()]);

    // Crash: killed mid-typing, with up to two seconds of accepted edits not yet written.
    const online = marks();
    await waitFor(() => relayedSince(online, 10), eventuallyMs, '10 edits of each typist through the restarted server');
    const kill = await server.stop('SIGKILL');
    expect(kill.signal).toBe('SIGKILL');
    const relayedBeforeKill = typists.flatMap((t, i) => t.typed.slice(online[i], online[i]! + 10));
    const offline = marks();
    await waitFor(() => typedSince(offline, 5), eventuallyMs, 'each typist to type 5 paragraphs offline');
    // The server had accepted and relayed these, but the kill lost them: the database lacks them.
    expect(missing(await storedParagraphs(), relayedBeforeKill)).toEqual(relayedBeforeKill);
    server = await spawnServer({ env, port });
    await Promise.all([a.synced(), b.synced()]);
    const back = marks();
    await waitFor(() => relayedSince(back, 5), eventuallyMs, '5 edits of each typist through the server after the crash');
    for (const t of typists) t.stop();

    const typed = allTyped();
    expect(typists[0]!.typed.length).toBeGreaterThan(30);
    expect(typists[1]!.typed.length).toBeGreaterThan(30);
    await waitFor(() => bothHave(typed), eventuallyMs, 'both clients to converge on every edit');
    expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));

    const fresh = connectClient(server.url, documentId, { cookie: alice.cookie });
    clients.push(fresh);
    await fresh.synced();
    expect(missing(paragraphs(fresh.doc), typed)).toEqual([]);
    expect(paragraphs(fresh.doc)).toHaveLength(typed.length);

    // And it is durable: after a last graceful stop, the database holds every edit.
    for (const client of clients.splice(0)) client.destroy();
    expect((await server.stop('SIGTERM')).code).toBe(0);
    const stored = await storedParagraphs();
    expect(missing(stored, typed)).toEqual([]);
    expect(stored).toHaveLength(typed.length);
  });
});
