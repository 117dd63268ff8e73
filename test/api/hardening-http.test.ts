/**
 * Issue 7 (collab hardening), REST side: NUL characters are 400s naming the field (12), storage
 * unavailable is 503 + Retry-After on REST and on the websocket handshake (13), the
 * Content-Security-Policy and no HSTS over http (14), login throttling under parallel guesses (8),
 * expired sessions purged (3), database errors logged without their parameters (6), and an empty
 * draft frozen into a valid, verifiable document (10).
 */
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../server/db/schema';
import { createLogger } from '../../server/logger';
import { editorSchema } from '../../shared/editor-schema';
import { verifyBundle, type FreezeResultDto, type RecordBundle } from '../../shared/records';
import { collabUrl, handshake, waitFor } from '../collab/clients';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

describe('REST hardening', () => {
  let server: TestServer;
  let admin: TestUser;
  let editor: TestUser;
  let documentId: string;

  beforeAll(async () => {
    server = await startTestServer({ LOGIN_MAX_FAILURES: '5', SESSION_PURGE_MINUTES: '0.01' });
    const db = server.database.db;
    const dept = await makeDepartment(db, 'Finance');
    admin = await makeUser(db, { departmentIds: [dept.id], isAdmin: true });
    editor = await makeUser(db, { departmentIds: [dept.id] });
    documentId = (await makeDocument(db, editor, 'Budget')).id;
  });
  afterAll(() => server.stop());

  it('answers a NUL character anywhere with 400 naming the field, never 500 (12)', async () => {
    const nul = 'a\u0000b';
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/documents', { title: nul }, 'title'],
      ['PATCH', `/api/documents/${documentId}`, { title: nul }, 'title'],
      ['POST', '/api/departments', { name: nul }, 'name'],
      ['POST', '/api/auth/login', { email: `x${nul}@example.org`, password: 'whatever-long' }, 'email'],
      ['POST', '/api/auth/login', { email: 'x@example.org', password: `pass${nul}word` }, 'password'],
      ['POST', `/api/documents/${documentId}/versions`, { label: nul }, 'label'],
      ['POST', '/api/documents', { title: 'ok', 'k\u0000': 1 }, 'k\\u0000'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(server, method, path, { cookie: admin.cookie, body });
      expect(res.status, `${method} ${path} ${field}`).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const search = await call(server, 'GET', '/api/documents?q=a%00b', { cookie: editor.cookie });
    expect(search.status).toBe(400);
    expect(search.body.error.message).toContain('q');
    expect((await call(server, 'GET', '/api/documents/%00', { cookie: editor.cookie })).status).toBe(400);
    // Nothing was created or frozen.
    const versions = await call(server, 'GET', `/api/documents/${documentId}/versions`, { cookie: editor.cookie });
    expect(versions.body.versions).toEqual([]);
  });

  it('sends a Content-Security-Policy (own origin only, no framing) and HSTS only over https (14)', async () => {
    for (const path of ['/', '/api/auth/me']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/connect-src 'self'( ws:\/\/[^;]+)?;/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    const proxied = await fetch(`${server.url}/api/auth/me`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(proxied.headers.get('content-security-policy')).toContain('wss://');
  });

  it('lets at most LOGIN_MAX_FAILURES of 30 parallel wrong passwords reach the password check (8)', async () => {
    const target = await makeUser(server.database.db);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => call(server, 'POST', '/api/auth/login', { body: { email: target.email, password: 'wrong password guess' } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // The right password is refused too now: the account is throttled.
    expect((await call(server, 'POST', '/api/auth/login', { body: { email: target.email, password: target.password } })).status).toBe(429);
  });

  it('purges expired sessions from the database periodically (3)', async () => {
    const db = server.database.db;
    const user = await makeUser(db);
    await db.insert(sessions).values({ id: 'f'.repeat(64), userId: user.id, expiresAt: new Date(Date.now() - 60_000) });
    await waitFor(async () => (await db.select().from(sessions).where(eq(sessions.id, 'f'.repeat(64)))).length === 0, 15_000, 'the expired session to be purged');
    // Live sessions stay.
    expect((await db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(1);
  });

  it('logs a failed query without its parameters: no password hash, no row values (6)', async () => {
    const db = server.database.db;
    const [row] = await db.select({ email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, editor.id));
    let failure: unknown;
    try {
      // Violates the unique email index: the error carries the hash among its parameters.
      await db.insert(users).values({ email: row!.email, name: 'Duplicate', passwordHash: row!.hash });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined();
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure)) + String((failure as Error).message)).toContain(row!.hash);
    let output = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((output += chunk.toString()), done()) });
    const log = createLogger('info', sink);
    log.error({ err: failure }, 'insert failed');
    log.child({ requestId: 'r1' }).error({ err: failure }, 'insert failed in a child');
    await new Promise((r) => setTimeout(r, 50));
    expect(output).toContain('insert failed in a child');
    expect(output).toContain('23505');
    expect(output).not.toContain(row!.hash);
    expect(output).not.toContain(row!.email);
    expect(output).not.toContain('$argon2');
  });

  it('freezes an empty draft into a valid document (one empty paragraph) that verifies (10)', async () => {
    const empty = (await makeDocument(server.database.db, editor, 'Empty')).id;
    const frozen = await call<FreezeResultDto>(server, 'POST', `/api/documents/${empty}/versions`, { cookie: editor.cookie, body: { label: 'Empty', final: true } });
    expect(frozen.status).toBe(201);
    const detail = await call(server, 'GET', `/api/versions/${frozen.body.version.id}`, { cookie: editor.cookie });
    expect(detail.body.content.json).toMatchObject({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(detail.body.content.json.content).toHaveLength(1);
    expect(detail.body.content.json.content[0].content).toBeUndefined();
    expect(() => editorSchema.nodeFromJSON(detail.body.content.json).check()).not.toThrow();
    expect(detail.body.verification.ok).toBe(true);
    const bundle = (await call<RecordBundle>(server, 'GET', `/api/records/${frozen.body.version.seq}/bundle`, { cookie: editor.cookie })).body;
    const jwks = (await call(server, 'GET', '/.well-known/jwks.json')).body;
    const report = await verifyBundle(bundle, jwks);
    expect(report.ok).toBe(true);
  });
});

describe('storage unavailable (13)', () => {
  let server: TestServer;
  let user: TestUser;
  let documentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    user = await makeUser(server.database.db);
    documentId = (await makeDocument(server.database.db, user)).id;
    // The database goes away under the running server.
    await server.database.close();
  });
  afterAll(async () => {
    await server.close().catch(() => {});
    await server.testDb.drop().catch(() => {});
  });

  it('answers REST requests with 503 and Retry-After, not 500', async () => {
    for (const path of ['/api/documents', `/api/documents/${documentId}`, '/api/auth/me']) {
      const res = await call(server, 'GET', path, { cookie: user.cookie });
      expect(res.status, path).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.body.error.code).toBe('storage_unavailable');
    }
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(503);
  });

  it('refuses the websocket handshake with 503 and Retry-After', async () => {
    const refused = await handshake(`${collabUrl(server.url)}/${documentId}`, { cookie: user.cookie });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'storage_unavailable' } });
  });
});
