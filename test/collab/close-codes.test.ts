/**
 * Close codes of docs/collaboration.md that no other test produced: 1001 when the server shuts
 * down gracefully (clients reconnect later) and 4404 when the document no longer exists (final).
 * (4401/4403 are in access*.test.ts, 4400/4415/1009 in fuzz.test.ts, 1013 in hardening-collab.)
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema';
import { makeDocument, makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { eventuallyMs } from '../support/timeouts';
import { connectClient, withTimeout, type TestClient } from './clients';

const nextClose = (client: TestClient) =>
  withTimeout(
    new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' })),
    ),
    eventuallyMs,
    'the server to close the connection',
  );

describe('close codes', () => {
  let server: TestServer;
  let stopped = false;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    if (!stopped) await server.stop();
  });

  const openDocument = async () => {
    const alice = await makeUser(server.database.db);
    const doc = await makeDocument(server.database.db, alice);
    const client = connectClient(server.url, doc.id, { cookie: alice.cookie });
    clients.push(client);
    await client.synced();
    return { doc, client };
  };

  it('4404 when the document no longer exists', async () => {
    const { doc, client } = await openDocument();
    const closed = nextClose(client);
    await server.collab.flushDocument(doc.id);
    await server.database.db.delete(documents).where(eq(documents.id, doc.id));
    // No route deletes documents yet: the re-check a deletion would trigger, called directly.
    await server.collab.accessChanged(doc.id);
    expect(await closed).toMatchObject({ code: 4404 });
  });

  // Last in the file: it stops the server.
  it('1001 when the server shuts down gracefully', async () => {
    const { client } = await openDocument();
    const closed = nextClose(client);
    stopped = true;
    const stopping = server.stop(); // sockets close (1001) before the database does
    expect(await closed).toMatchObject({ code: 1001, reason: 'server shutting down' });
    await stopping;
  });
});
