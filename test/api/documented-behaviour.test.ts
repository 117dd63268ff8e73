/**
 * Behaviour the README and docs/ promise that no other test held to: configuration read from the
 * environment (ALLOWED_ORIGINS, SIGNING_KEY_JWK, COMPACT_AFTER_UPDATES, an invalid value stopping
 * the real process), readiness, sign-in answers and the client address, the directory's privacy
 * and the document list's cap. Each test starts what it needs, so any one runs alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLogRows } from '../../server/collab/update-log';
import { documentSnapshots, documents } from '../../server/db/schema';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { collabUrl, handshake } from '../collab/clients';
import { makeDepartment, makeDocument, makeUser } from '../support/factories';
import { spawnServer } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

// One server for everything but the tests that must break theirs: its environment sets every
// variable under test (server start-up is the slow part on a loaded machine).
let shared: TestServer;
const signingJwk = exportJWK(generateKeyPairSync('ed25519').privateKey);
beforeAll(async () => {
  shared = await startTestServer({
    ALLOWED_ORIGINS: 'http://localhost:5173',
    SIGNING_KEY_JWK: JSON.stringify(await signingJwk),
    COMPACT_AFTER_UPDATES: '10',
    LOGIN_MAX_FAILURES: '2', // 10 per client address
  });
});
afterAll(() => shared?.stop());
const start = async () => shared;

describe('configuration from the environment', () => {
  it('ALLOWED_ORIGINS: an extra origin may write and open websockets; any other origin may not', async () => {
    const server = await start();
    const alice = await makeUser(server.database.db);
    const fromDev = await call(server, 'POST', '/api/documents', { cookie: alice.cookie, headers: { origin: 'http://localhost:5173' }, body: { title: 'From Vite' } });
    expect(fromDev.status).toBe(201);
    const fromElsewhere = await call(server, 'POST', '/api/documents', { cookie: alice.cookie, headers: { origin: 'http://localhost:5174' }, body: { title: 'x' } });
    expect(fromElsewhere.status).toBe(403);

    const url = `${collabUrl(server.url)}/${fromDev.body.id}`;
    const ws = await handshake(url, { cookie: alice.cookie, origin: 'http://localhost:5173' });
    expect(ws.status).toBe(101);
    ws.socket!.close();
    expect((await handshake(url, { cookie: alice.cookie, origin: 'http://localhost:5174' })).status).toBe(403);
  });

  it('SIGNING_KEY_JWK: records are signed with that key, and its public half is published', async () => {
    const jwk = await signingJwk;
    const server = await start();
    const alice = await makeUser(server.database.db);
    const doc = await makeDocument(server.database.db, alice);
    const frozen = await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: alice.cookie, body: { label: 'v1' } });
    expect(frozen.status).toBe(201);
    const { kid } = decodeProtectedHeader(frozen.body.record.jws);
    const jwks = await call(server, 'GET', '/.well-known/jwks.json');
    const published = jwks.body.keys.find((k: { kid: string }) => k.kid === kid);
    expect(published).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
    expect(published.d).toBeUndefined();
  });

  it('COMPACT_AFTER_UPDATES: a log longer than that is folded into a snapshot', async () => {
    const server = await start();
    const db = server.database.db;
    const alice = await makeUser(db);
    const doc = await makeDocument(db, alice);
    for (let i = 0; i < 22; i++) {
      await server.collab.applyServerEdit(doc.id, (d: Y.Doc) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]));
      await server.collab.flushDocument(doc.id);
    }
    // Folding runs in the background once the log is past 10 rows (the default is 500).
    await expect.poll(() => countLogRows(db, doc.id)).toBeLessThanOrEqual(10);
    expect(await db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, doc.id))).toHaveLength(1);
  });

  it('an invalid value stops the real server process at start, naming the variable', { timeout: 180_000 }, async () => {
    const invalid: [string, string][] = [
      ['PORT', 'eighty'],
      ['COMPACT_AFTER_UPDATES', '-1'],
    ];
    for (const [name, value] of invalid) {
      await expect(spawnServer({ env: { [name]: value } }), name).rejects.toThrow(new RegExp(`exited before it was ready[\\s\\S]*${name}`));
    }
  });
});

describe('readiness', () => {
  it('/ready answers 503 not_ready while the database is unreachable; /health still 200', { timeout: 180_000 }, async () => {
    const server = await startTestServer(); // its own: this test breaks its database
    try {
      expect((await call(server, 'GET', '/ready')).status).toBe(200);
      await server.testDb.handle.close();
      const ready = await call(server, 'GET', '/ready');
      expect([ready.status, ready.body.error?.code]).toEqual([503, 'not_ready']);
      expect((await call(server, 'GET', '/health')).status).toBe(200);
    } finally {
      await server.stop().catch(() => undefined); // the handle is already closed
      await server.testDb.drop().catch(() => undefined);
    }
  });
});

describe('sign-in', () => {
  it('wrong password, unknown email and disabled account all get 401 invalid_credentials', async () => {
    const server = await start();
    const alice = await makeUser(server.database.db);
    const disabled = await makeUser(server.database.db);
    await call(server, 'PATCH', `/api/users/${disabled.id}`, { cookie: (await makeUser(server.database.db, { isAdmin: true })).cookie, body: { disabled: true } });
    for (const body of [
      { email: alice.email, password: 'not the password' },
      { email: 'nobody@example.org', password: alice.password },
      { email: disabled.email, password: disabled.password },
    ]) {
      const res = await call(server, 'POST', '/api/auth/login', { body });
      expect([res.status, res.body.error?.code], body.email).toEqual([401, 'invalid_credentials']);
    }
    expect((await call(server, 'POST', '/api/auth/login', { body: { email: alice.email, password: alice.password } })).status).toBe(200);
  });

  it("limits failures per client address, which is X-Forwarded-For's last entry (earlier entries are forgeable)", async () => {
    const server = await start(); // LOGIN_MAX_FAILURES 2: 10 per address
    const fail = (forwardedFor: string, i: number) =>
      call(server, 'POST', '/api/auth/login', { headers: { 'x-forwarded-for': forwardedFor }, body: { email: `n${i}-${forwardedFor.length}@example.org`, password: 'wrong password' } });
    // Ten different emails, each behind a different forged first entry, from one proxy-seen address.
    for (let i = 0; i < 10; i++) expect((await fail(`10.0.0.${i}, 203.0.113.7`, i)).status).toBe(401);
    const limited = await fail('10.0.0.99, 203.0.113.7', 99);
    expect([limited.status, limited.body.error?.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client address (same forged first entry) is not limited.
    expect((await fail('10.0.0.99, 203.0.113.8', 100)).status).toBe(401);
  });
});

describe('what lists show', () => {
  it('/api/directory lists enabled users without emails, and active departments only', async () => {
    const server = await start();
    const db = server.database.db;
    const finance = await makeDepartment(db, 'Finance');
    const merged = await makeDepartment(db, 'Old Finance');
    const admin = await makeUser(db, { isAdmin: true, departmentIds: [finance.id] });
    const gone = await makeUser(db, { departmentIds: [finance.id], name: 'Gone Person' });
    expect((await call(server, 'PATCH', `/api/users/${gone.id}`, { cookie: admin.cookie, body: { disabled: true } })).status).toBe(200);
    expect((await call(server, 'PATCH', `/api/departments/${merged.id}`, { cookie: admin.cookie, body: { mergeInto: finance.id } })).status).toBe(200);
    const alice = await makeUser(db, { departmentIds: [finance.id], name: 'Alice' });

    const res = await call(server, 'GET', '/api/directory', { cookie: alice.cookie });
    expect(res.status).toBe(200);
    const ids = res.body.users.map((u: { id: string }) => u.id);
    expect(ids).toContain(alice.id);
    expect(ids).not.toContain(gone.id);
    expect(JSON.stringify(res.body)).not.toContain('@example.org');
    for (const user of res.body.users) expect(Object.keys(user)).not.toContain('email');
    const departmentIds = res.body.departments.map((d: { id: string }) => d.id);
    expect(departmentIds).toContain(finance.id);
    expect(departmentIds).not.toContain(merged.id);
  });

  it('GET /api/documents returns at most 500 documents, most recent first', async () => {
    const server = await start();
    const db = server.database.db;
    const alice = await makeUser(db);
    const base = Date.parse('2026-01-01T00:00:00Z');
    await db.insert(documents).values(
      Array.from({ length: 501 }, (_, i) => ({
        title: `Bulk ${i}`,
        departmentId: alice.departmentIds[0]!,
        createdBy: alice.id,
        createdAt: new Date(base + i * 1000),
        updatedAt: new Date(base + i * 1000),
      })),
    );
    const res = await call(server, 'GET', '/api/documents', { cookie: alice.cookie });
    expect(res.status).toBe(200);
    expect(res.body.documents).toHaveLength(500); // alice sees only her own: exactly these 501
    expect(res.body.documents[0].title).toBe('Bulk 500');
    expect(res.body.documents.map((d: { title: string }) => d.title)).not.toContain('Bulk 0');
  });
});
