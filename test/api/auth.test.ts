/**
 * First-run setup, signing in and out, the session cookie, rate limiting of failed sign-ins,
 * disabled accounts and idle expiry — against a real server and database.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../server/db/schema';
import { makeUser, signIn, testPassword } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call, sessionCookieFrom } from './http';

let server: TestServer;
const maxFailures = 3;
/** Each test signs in from its own address, so per-address limits don't leak between tests. */
const from = () => ({ 'x-forwarded-for': `10.${randomBytes(3).join('.')}` });

beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES: String(maxFailures), LOGIN_WINDOW_MINUTES: '15', SESSION_IDLE_HOURS: '2' });
});
afterAll(() => server.stop());

describe('first-run setup', () => {
  // A fresh install of its own: the other tests of this file create people, whatever the order.
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh.stop());
  const first = { email: 'chief@example.org', name: 'Chief', password: 'a long passphrase', department: 'Secretariat' };

  it('is needed while nobody exists, validates, lets exactly one of two racing requests win, then answers 409', async () => {
    expect((await call(fresh, 'GET', '/api/setup')).body).toEqual({ needsSetup: true });

    const invalid = await call(fresh, 'POST', '/api/setup', { body: { ...first, password: 'short', email: 'nope' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password']);

    const [a, b] = await Promise.all([
      call(fresh, 'POST', '/api/setup', { body: first }),
      call(fresh, 'POST', '/api/setup', { body: { ...first, email: 'other@example.org' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    expect(winner.body.user).toMatchObject({ name: 'Chief', isAdmin: true, departments: [{ name: 'Secretariat' }] });

    const me = await call(fresh, 'GET', '/api/auth/me', { cookie: sessionCookieFrom(winner.headers) });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(winner.body.user.id);

    expect((await call(fresh, 'GET', '/api/setup')).body).toEqual({ needsSetup: false });
    const again = await call(fresh, 'POST', '/api/setup', { body: { ...first, email: 'third@example.org' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const users = await call(fresh, 'GET', '/api/users', { cookie: sessionCookieFrom(winner.headers) });
    expect(users.body.users).toHaveLength(1);
  });
});

describe('sign-in', () => {
  it('signs in (email in any case) with a session cookie: HttpOnly, SameSite=Lax, Path=/, Max-Age = idle timeout', async () => {
    const user = await makeUser(server.database.db);
    const res = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email.toUpperCase(), password: testPassword } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: user.id, email: user.email, name: user.name, isAdmin: false, isClerk: false, departments: user.departments });
    const line = res.headers.getSetCookie().find((l) => l.startsWith('codraft_session='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(/; Max-Age=7200(;|$)/);
    expect(line).not.toMatch(/Secure/);
    const me = await call(server, 'GET', '/api/auth/me', { cookie: sessionCookieFrom(res.headers) });
    expect(me.body.user.id).toBe(user.id);
  });

  it('marks the cookie Secure when the request came over https (through a proxy)', async () => {
    const user = await makeUser(server.database.db);
    const res = await call(server, 'POST', '/api/auth/login', {
      headers: { ...from(), 'x-forwarded-proto': 'https' },
      body: { email: user.email, password: testPassword },
    });
    expect(res.headers.getSetCookie().find((l) => l.startsWith('codraft_session='))).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const user = await makeUser(server.database.db);
    const wrong = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: 'not the password' } });
    const unknown = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: 'nobody@example.org', password: 'whatever1' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('rate-limits an email after repeated failures (429 + Retry-After), even with the right password', async () => {
    const user = await makeUser(server.database.db);
    for (let i = 0; i < maxFailures; i++) {
      expect((await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: `wrong-${i}-pw` } })).status).toBe(401);
    }
    const limited = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: testPassword } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account is unaffected.
    const other = await makeUser(server.database.db);
    expect((await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: other.email, password: testPassword } })).status).toBe(200);
  });

  it('forgets an email’s failures after a successful sign-in', async () => {
    const user = await makeUser(server.database.db);
    const attempt = (password: string) => call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password } });
    for (let i = 0; i < maxFailures - 1; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(testPassword)).status).toBe(200);
    for (let i = 0; i < maxFailures - 1; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(testPassword)).status).toBe(200);
  });

  it('rate-limits one address trying many emails, but not other addresses', async () => {
    const address = from();
    const user = await makeUser(server.database.db);
    let status = 0;
    let tries = 0;
    while (tries < maxFailures * 5 + 1) {
      tries++;
      status = (await call(server, 'POST', '/api/auth/login', { headers: address, body: { email: `guess-${tries}@example.org`, password: 'guessing' } })).status;
      if (status !== 401) break;
    }
    expect(status).toBe(429);
    expect(tries).toBe(maxFailures * 5 + 1);
    expect((await call(server, 'POST', '/api/auth/login', { headers: address, body: { email: user.email, password: testPassword } })).status).toBe(429);
    expect((await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: testPassword } })).status).toBe(200);
  });

  it('logs out: the session is deleted and the cookie cleared', async () => {
    const user = await makeUser(server.database.db);
    const out = await call(server, 'POST', '/api/auth/logout', { cookie: user.cookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((l) => l.startsWith('codraft_session='))).toMatch(/Max-Age=0/);
    expect((await call(server, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(401);
  });

  it('validates the login body (400 naming the field; garbage JSON is a JSON 400)', async () => {
    const missing = await call(server, 'POST', '/api/auth/login', { body: { email: 'a@example.org' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    const garbage = await call(server, 'POST', '/api/auth/login', { rawBody: '{"email": ' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('bad_request');
    expect(JSON.stringify(garbage.body)).not.toMatch(/at .*\.ts/);
  });
});

describe('disabled users and session lifetime', () => {
  it('a disabled user is signed out everywhere and cannot sign in until re-enabled', async () => {
    const db = server.database.db;
    const admin = await makeUser(db, { isAdmin: true });
    const user = await makeUser(db);
    const secondSession = await signIn(db, user.id);

    const disable = await call(server, 'PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect(disable.status).toBe(200);
    expect(disable.body.user.disabled).toBe(true);
    for (const cookie of [user.cookie, secondSession]) expect((await call(server, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.n).toBe(0);

    const login = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: testPassword } });
    expect(login.status).toBe(401);
    const unknown = await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: 'nobody-else@example.org', password: testPassword } });
    expect(login.body).toEqual(unknown.body);

    await call(server, 'PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { disabled: false } });
    expect((await call(server, 'POST', '/api/auth/login', { headers: from(), body: { email: user.email, password: testPassword } })).status).toBe(200);
  });

  it('a session unused for longer than the idle timeout no longer works', async () => {
    const db = server.database.db;
    const user = await makeUser(db);
    expect((await call(server, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(200);
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    expect((await call(server, 'GET', '/api/auth/me', { cookie: user.cookie })).status).toBe(401);
  });

  it('using a session pushes its expiry forward (idle, not absolute, timeout)', async () => {
    const db = server.database.db;
    const user = await makeUser(db);
    const soon = new Date(Date.now() + 30_000);
    await db.update(sessions).set({ expiresAt: soon, lastSeenAt: new Date(Date.now() - 10 * 60_000) }).where(eq(sessions.userId, user.id));
    const me = await call(server, 'GET', '/api/auth/me', { cookie: user.cookie });
    expect(me.status).toBe(200);
    expect(me.headers.getSetCookie().find((l) => l.startsWith('codraft_session='))).toMatch(/Max-Age=7200/);
    const [session] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, user.id));
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000 - 60_000);
  });
});
