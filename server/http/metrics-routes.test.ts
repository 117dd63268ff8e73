import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument, makeUser, type TestUser } from '../../test/support/factories';
import { startTestServer, type TestServer } from '../../test/support/server';

describe('GET /metrics', () => {
  let server: TestServer;
  let admin: TestUser;
  let staff: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await makeUser(server.database.db, { isAdmin: true });
    staff = await makeUser(server.database.db);
  });
  afterAll(() => server.stop());

  it('is for administrators only', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { cookie: staff.cookie } })).status).toBe(403);
  });

  it('reports how long accepted updates waited to become durable', async () => {
    const doc = await makeDocument(server.database.db, staff);
    const before = performance.now();
    await server.collab.applyServerEdit(doc.id, (d: Y.Doc) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]));
    await server.collab.flushDocument(doc.id);
    const bracketMs = performance.now() - before;
    const res = await fetch(`${server.url}/metrics`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.persistLatencyMs.count).toBeGreaterThanOrEqual(1);
    // The figures are this edit's real wait: ordered, and no longer than the time around it.
    const { p50, p99, max } = body.persistLatencyMs;
    expect(p50).toBeGreaterThanOrEqual(0);
    expect(p99).toBeGreaterThanOrEqual(p50);
    expect(max).toBeGreaterThanOrEqual(p99);
    expect(max).toBeLessThanOrEqual(Math.ceil(bracketMs) + 1);
    expect(body.counters.updatesPersisted).toBeGreaterThanOrEqual(1);
  });
});
