/**
 * People administration: adding users, changing their departments and admin flag, disabling,
 * and the rule that the workspace always keeps an enabled administrator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

let server: TestServer;
let admin: TestUser;
const asAdmin = (method: string, path: string, body?: unknown) => call(server, method, path, { cookie: admin.cookie, body });

beforeAll(async () => {
  server = await startTestServer();
  admin = await makeUser(server.database.db, { isAdmin: true });
});
afterAll(() => server.stop());

describe('the last enabled administrator', () => {
  // Runs first: `admin` is still the only administrator of this database.
  it('cannot demote or disable themselves, until another administrator exists', async () => {
    const db = server.database.db;
    const asSelf = (body: unknown) => asAdmin('PATCH', `/api/users/${admin.id}`, body);
    for (const body of [{ isAdmin: false }, { disabled: true }]) {
      const res = await asSelf(body);
      expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
    }
    expect((await call(server, 'GET', '/api/auth/me', { cookie: admin.cookie })).body.user.isAdmin).toBe(true);

    // A disabled administrator does not count.
    const disabledAdmin = await makeUser(db, { isAdmin: true });
    await asAdmin('PATCH', `/api/users/${disabledAdmin.id}`, { disabled: true });
    expect((await asSelf({ isAdmin: false })).status).toBe(409);

    const second = await makeUser(db, { isAdmin: true });
    const demoted = await asSelf({ isAdmin: false });
    expect([demoted.status, demoted.body.user.isAdmin]).toEqual([200, false]);
    expect((await asAdmin('GET', '/api/users')).status).toBe(403);
    // Restore for the tests below.
    expect((await call(server, 'PATCH', `/api/users/${admin.id}`, { cookie: second.cookie, body: { isAdmin: true } })).status).toBe(200);
  });
});

describe('users', () => {
  it('adds a user who can then sign in; emails are unique ignoring case', async () => {
    const dept = await makeDepartment(server.database.db, 'Legal');
    const body = { email: 'New.Person@example.org', name: 'New Person', password: 'eight chars', departmentIds: [dept.id] };
    const created = await asAdmin('POST', '/api/users', body);
    expect(created.status).toBe(201);
    expect(created.body.user).toEqual({
      id: expect.any(String),
      email: 'New.Person@example.org',
      name: 'New Person',
      isAdmin: false,
      isClerk: false,
      departments: [{ id: dept.id, name: 'Legal', role: 'member' }],
      disabled: false,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt/i);
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: 'new.person@example.org', password: 'eight chars' } });
    expect(login.status).toBe(200);

    const duplicate = await asAdmin('POST', '/api/users', { ...body, email: 'NEW.PERSON@example.org' });
    expect(duplicate.status).toBe(409);
    const list = await asAdmin('GET', '/api/users');
    expect(list.body.users.filter((u: { email: string }) => u.email.toLowerCase() === 'new.person@example.org')).toHaveLength(1);
  });

  it('rejects invalid bodies with a 400 naming each field', async () => {
    const dept = await makeDepartment(server.database.db);
    const paths = async (body: unknown) => {
      const res = await asAdmin('POST', '/api/users', body);
      expect(res.status).toBe(400);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    const valid = { email: 'v@example.org', name: 'V', password: 'long enough', departmentIds: [dept.id] };
    expect(await paths({ ...valid, password: 'short' })).toEqual(['password']);
    expect(await paths({ ...valid, email: 'not-an-email' })).toEqual(['email']);
    expect(await paths({ ...valid, isAdmin: 'yes' })).toEqual(['isAdmin']);
    expect(await paths({ ...valid, departmentIds: [] })).toEqual(['departmentIds']);
    expect(await paths({ ...valid, departmentIds: [dept.id, dept.id] })).toEqual(['departmentIds']);
    expect(await paths({ ...valid, departmentIds: ['6f1c2e1a-0000-4000-8000-000000000000'] })).toEqual(['departmentIds.0']);
    expect(await paths({ ...valid, role: 'admin' })).toEqual(['(body)']);
  });

  it('changes name, departments and admin flag; the user sees it at once', async () => {
    const db = server.database.db;
    const [a, b] = [await makeDepartment(db, 'Archive'), await makeDepartment(db, 'Budget')];
    const user = await makeUser(db, { departmentIds: [a.id] });
    const res = await asAdmin('PATCH', `/api/users/${user.id}`, { name: 'Renamed', departmentIds: [b.id, a.id], isAdmin: true });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'Renamed', isAdmin: true, departments: [{ name: 'Archive' }, { name: 'Budget' }] });
    const me = await call(server, 'GET', '/api/auth/me', { cookie: user.cookie });
    expect(me.body.user).toMatchObject({ name: 'Renamed', isAdmin: true });
    expect((await call(server, 'GET', '/api/users', { cookie: user.cookie })).status).toBe(200); // now an admin
  });

  it('answers 404 for unknown or malformed ids and 400 for an empty change', async () => {
    expect((await asAdmin('PATCH', '/api/users/6f1c2e1a-0000-4000-8000-000000000000', { name: 'X' })).status).toBe(404);
    expect((await asAdmin('PATCH', '/api/users/42', { name: 'X' })).status).toBe(404);
    expect((await asAdmin('PATCH', `/api/users/${admin.id}`, {})).status).toBe(400);
  });
});

