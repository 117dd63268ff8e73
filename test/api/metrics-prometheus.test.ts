/**
 * GET /metrics for scrapers: Prometheus text (rooms, sockets, persistence latency) for
 * `Accept: text/plain`, readable with `Authorization: Bearer <METRICS_TOKEN>` without a session;
 * a wrong token is refused like no credentials at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { connectClient, addParagraph, roundTrip } from '../collab/clients';

const token = 'scrape-token-0123456789abcdef';
let server: TestServer;
let staff: TestUser;

beforeAll(async () => {
  server = await startTestServer({ METRICS_TOKEN: token });
  staff = await makeUser(server.database.db);
});
afterAll(() => server.stop());

describe('GET /metrics in Prometheus text', () => {
  it('answers a scraper holding METRICS_TOKEN with live figures', async () => {
    const doc = await makeDocument(server.database.db, staff);
    const client = connectClient(server.url, doc.id, { cookie: staff.cookie, origin: server.url });
    try {
      await client.synced();
      addParagraph(client.doc, 'metrics');
      await roundTrip(client);
      const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}`, accept: 'text/plain' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(text).toMatch(/^codraft_rooms_open\{instance="[^"]+"\} 1$/m);
      expect(text).toMatch(/^codraft_sockets_open\{instance="[^"]+"\} 1$/m);
      expect(text).toMatch(/^# TYPE codraft_persist_latency_ms summary$/m);
      expect(text).toMatch(/^codraft_persist_latency_ms\{instance="[^"]+",quantile="0\.99"\} \d/m);
      expect(text).not.toContain('codraft_relay_'); // one instance: no relay
    } finally {
      client.destroy();
    }
  });

  it('refuses a wrong token and a signed-in non-admin', async () => {
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { cookie: staff.cookie, accept: 'text/plain' } })).status).toBe(403);
  });
});
