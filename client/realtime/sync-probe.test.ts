/**
 * The unconfirmed-edit count against the real server, over real y-websocket providers in Node:
 * it rises with local edits, falls to zero only once the server holds them (a fresh client then
 * sees them), and edits made while disconnected stay counted until the reconnection delivered them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParagraph, connectClient, paragraphs, type TestClient } from '../../test/collab/clients';
import { makeDocument, makeUser, type TestUser } from '../../test/support/factories';
import { startTestServer, type TestServer } from '../../test/support/server';
import { attachSyncProbe } from './sync-probe';
import { SyncTracker } from './sync-tracker';

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('sync probe on a real server', () => {
  let server: TestServer;
  let user: TestUser;
  let documentId: string;
  const clients: TestClient[] = [];
  const connect = () => {
    const client = connectClient(server.url, documentId, { Cookie: user.cookie });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    user = await makeUser(server.database.db);
    documentId = (await makeDocument(server.database.db, user)).id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  it('counts edits until the server holds them', async () => {
    const client = connect();
    const tracker = new SyncTracker();
    const seen: number[] = [];
    tracker.subscribe((n) => seen.push(n));
    attachSyncProbe(client.provider, tracker, { isLocal: () => true, debounceMs: 20 });
    await client.synced();

    for (const text of ['one', 'two', 'three']) addParagraph(client.doc, text);
    expect(tracker.unconfirmed).toBe(3);
    await until(() => tracker.unconfirmed === 0);
    expect(Math.max(...seen)).toBe(3);

    const reader = connect();
    await reader.synced();
    expect(paragraphs(reader.doc)).toEqual(['one', 'two', 'three']);
  });

  it('keeps offline edits counted until a reconnection has delivered them', async () => {
    const client = connect();
    const tracker = new SyncTracker();
    attachSyncProbe(client.provider, tracker, { isLocal: () => true, debounceMs: 20 });
    await client.synced();
    client.provider.disconnect();
    addParagraph(client.doc, 'offline A');
    addParagraph(client.doc, 'offline B');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tracker.unconfirmed).toBe(2);

    client.provider.connect();
    await until(() => tracker.unconfirmed === 0);
    const reader = connect();
    await reader.synced();
    expect(paragraphs(reader.doc)).toEqual(expect.arrayContaining(['offline A', 'offline B']));
  });
});
