/**
 * Documents: creation with the default department grant, the visible list (search, order),
 * title changes, the access PUT/GET round trip, and validation errors as JSON 400s.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

let server: TestServer;
const ids = (res: { body: { documents: { id: string }[] } }) => res.body.documents.map((d) => d.id);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('creating and reading documents', () => {
  it('creates a document owned by the creator’s department, which may edit it; others cannot see it', async () => {
    const db = server.database.db;
    const dept = await makeDepartment(db, 'Treasury');
    const [author, colleague, outsider] = [await makeUser(db, { departmentIds: [dept.id], name: 'Author' }), await makeUser(db, { departmentIds: [dept.id] }), await makeUser(db)];
    const res = await call(server, 'POST', '/api/documents', { cookie: author.cookie, body: { title: '  Budget 2026  ' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      title: 'Budget 2026',
      departmentId: dept.id,
      department: { id: dept.id, name: 'Treasury' },
      createdBy: author.id,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastEditedAt: null,
      lastEditedBy: null,
      access: 'edit',
      canManageAccess: true,
      canArchive: true,
      archivedAt: null,
      finalizedAt: null,
    });
    const asColleague = await call(server, 'GET', `/api/documents/${res.body.id}`, { cookie: colleague.cookie });
    expect([asColleague.status, asColleague.body.access, asColleague.body.canManageAccess]).toEqual([200, 'edit', false]);
    expect((await call(server, 'GET', `/api/documents/${res.body.id}`, { cookie: outsider.cookie })).status).toBe(404);
  });

  it('changes the title (editors) and reports the last editor by name', async () => {
    const db = server.database.db;
    const author = await makeUser(db, { name: 'Writer' });
    const doc = await makeDocument(db, author);
    await db.update(documents).set({ lastEditedBy: author.id, lastEditedAt: new Date() }).where(eq(documents.id, doc.id));
    const res = await call(server, 'PATCH', `/api/documents/${doc.id}`, { cookie: author.cookie, body: { title: 'Renamed draft' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Renamed draft', lastEditedBy: { id: author.id, name: 'Writer' } });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThan(doc.updatedAt.getTime());
  });
});

describe('the document list', () => {
  let alice: TestUser, bob: TestUser, carol: TestUser, eve: TestUser, admin: TestUser;
  const docs: Record<string, string> = {};

  beforeAll(async () => {
    const db = server.database.db;
    const [a, b, e] = [await makeDepartment(db), await makeDepartment(db), await makeDepartment(db)];
    alice = await makeUser(db, { departmentIds: [a.id] });
    bob = await makeUser(db, { departmentIds: [a.id] });
    carol = await makeUser(db, { departmentIds: [b.id] });
    eve = await makeUser(db, { departmentIds: [e.id] });
    admin = await makeUser(db, { isAdmin: true, departmentIds: [e.id] });
    docs.aliceOwn = (await makeDocument(db, alice, 'Housing plan')).id;
    docs.carolOwn = (await makeDocument(db, carol, 'Roads report')).id;
    docs.sharedWithAlice = (await makeDocument(db, carol, 'Roads budget 100% draft')).id;
    await grant(db, docs.sharedWithAlice, { userId: alice.id }, 'view');
    docs.sharedWithA = (await makeDocument(db, carol, 'Water supply')).id;
    await grant(db, docs.sharedWithA, { departmentId: a.id }, 'comment');
    docs.eveOwn = (await makeDocument(db, eve, 'Private notes')).id;
  });

  it('lists exactly what each caller may see: mine, my departments’, shared with me', async () => {
    const list = async (user: TestUser) => new Set(ids(await call(server, 'GET', '/api/documents', { cookie: user.cookie })));
    expect(await list(alice)).toEqual(new Set([docs.aliceOwn, docs.sharedWithAlice, docs.sharedWithA]));
    expect(await list(bob)).toEqual(new Set([docs.aliceOwn, docs.sharedWithA]));
    expect(await list(carol)).toEqual(new Set([docs.carolOwn, docs.sharedWithAlice, docs.sharedWithA]));
    expect(await list(eve)).toEqual(new Set([docs.eveOwn]));
    const all = await list(admin);
    for (const id of Object.values(docs)) expect(all.has(id)).toBe(true);
  });

  it('filters by title, ignoring case, with % and _ taken literally', async () => {
    const search = async (q: string) => ids(await call(server, 'GET', `/api/documents?q=${encodeURIComponent(q)}`, { cookie: carol.cookie }));
    expect(new Set(await search('ROADS'))).toEqual(new Set([docs.carolOwn, docs.sharedWithAlice]));
    expect(await search('%')).toEqual([docs.sharedWithAlice]);
    expect(await search('_')).toEqual([]);
    expect(await search('budget 100')).toEqual([docs.sharedWithAlice]);
    const unknownParam = await call(server, 'GET', '/api/documents?sort=title', { cookie: carol.cookie });
    expect(unknownParam.status).toBe(400);
  });

  it('orders by last activity: a content edit or a title change brings a document to the top', async () => {
    const db = server.database.db;
    await db.update(documents).set({ lastEditedAt: new Date(Date.now() + 60_000) }).where(eq(documents.id, docs.carolOwn!));
    expect(ids(await call(server, 'GET', '/api/documents', { cookie: carol.cookie }))[0]).toBe(docs.carolOwn);
    await db.update(documents).set({ updatedAt: new Date(Date.now() + 120_000) }).where(eq(documents.id, docs.sharedWithA!));
    expect(ids(await call(server, 'GET', '/api/documents', { cookie: carol.cookie }))[0]).toBe(docs.sharedWithA);
  });
});

describe('access', () => {
  it('round-trips a PUT through GET, and the new grants take effect', async () => {
    const db = server.database.db;
    const [home, other] = [await makeDepartment(db, 'Home office'), await makeDepartment(db, 'Other office')];
    const owner = await makeUser(db, { departmentIds: [home.id] });
    const colleague = await makeUser(db, { departmentIds: [home.id] });
    const reviewer = await makeUser(db, { departmentIds: [other.id], name: 'Reviewer' });
    const otherMember = await makeUser(db, { departmentIds: [other.id] });
    const doc = await makeDocument(db, owner);

    const grants = [
      { department: other.id, level: 'view' },
      { user: reviewer.id, level: 'edit' },
    ];
    const put = await call(server, 'PUT', `/api/documents/${doc.id}/access`, { cookie: owner.cookie, body: { grants } });
    expect(put.status).toBe(200);
    const expected = [
      { department: { id: other.id, name: 'Other office' }, level: 'view' },
      { user: { id: reviewer.id, name: 'Reviewer' }, level: 'edit' },
    ];
    expect(put.body).toEqual({ grants: expected });
    expect((await call(server, 'GET', `/api/documents/${doc.id}/access`, { cookie: owner.cookie })).body).toEqual({ grants: expected });

    const access = async (user: TestUser) => {
      const res = await call(server, 'GET', `/api/documents/${doc.id}`, { cookie: user.cookie });
      return res.status === 200 ? res.body.access : res.status;
    };
    expect(await access(reviewer)).toBe('edit');
    expect(await access(otherMember)).toBe('view');
    expect(await access(colleague)).toBe(404); // the home department's default grant was replaced
    expect(await access(owner)).toBe('edit'); // the creator keeps access whatever the list says
    expect((await call(server, 'PATCH', `/api/documents/${doc.id}`, { cookie: reviewer.cookie, body: { title: 'Reviewed' } })).status).toBe(200);
    expect((await call(server, 'GET', `/api/documents/${doc.id}/access`, { cookie: reviewer.cookie })).status).toBe(403);

    const cleared = await call(server, 'PUT', `/api/documents/${doc.id}/access`, { cookie: owner.cookie, body: { grants: [] } });
    expect(cleared.body).toEqual({ grants: [] });
    expect(await access(reviewer)).toBe(404);
  });

  it('rejects bad grant lists with a 400 naming the grant, and changes nothing', async () => {
    const db = server.database.db;
    const owner = await makeUser(db);
    const doc = await makeDocument(db, owner);
    const dept = owner.departmentIds[0]!;
    const missing = '6f1c2e1a-0000-4000-8000-000000000000';
    const failure = async (grants: unknown) => {
      const res = await call(server, 'PUT', `/api/documents/${doc.id}/access`, { cookie: owner.cookie, body: { grants } });
      expect(res.status).toBe(400);
      return res.body.error.details.map((d: { path: string }) => d.path);
    };
    expect(await failure([{ department: dept, level: 'view' }, { department: dept, level: 'edit' }])).toEqual(['grants.1']);
    expect(await failure([{ user: owner.id, level: 'view' }, { user: owner.id, level: 'view' }])).toEqual(['grants.1']);
    expect(await failure([{ department: missing, level: 'view' }])).toEqual(['grants.0.department']);
    expect(await failure([{ department: dept, level: 'view' }, { user: missing, level: 'view' }])).toEqual(['grants.1.user']);
    expect(await failure([{ department: dept, user: owner.id, level: 'view' }])).toEqual(['grants.0']);
    expect(await failure([{ department: dept, level: 'admin' }])).toEqual(['grants.0.level']);
    expect(await failure([{ department: 'finance', level: 'view' }])).toEqual(['grants.0.department']);
    expect(await failure('everyone')).toEqual(['grants']);
    const access = await call(server, 'GET', `/api/documents/${doc.id}/access`, { cookie: owner.cookie });
    expect(access.body.grants).toEqual([{ department: { id: dept, name: expect.any(String) }, level: 'edit' }]);
  });
});

describe('validation', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await makeUser(server.database.db);
  });

  it('answers wrong types and missing fields with a JSON 400 naming the field', async () => {
    for (const body of [{}, { title: 42 }, { title: '   ' }, { title: 'x'.repeat(301) }]) {
      const res = await call(server, 'POST', '/api/documents', { cookie: user.cookie, body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('title') });
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'title' })]);
    }
  });

  it('answers garbage JSON, a non-JSON body and an oversized body with JSON errors and no stack trace', async () => {
    const garbage = await call(server, 'POST', '/api/documents', { cookie: user.cookie, rawBody: '{"title": "x",,' });
    expect([garbage.status, garbage.body.error.code]).toEqual([400, 'bad_request']);
    const text = await call(server, 'POST', '/api/documents', { cookie: user.cookie, rawBody: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect([text.status, text.body.error.details[0].path]).toEqual([400, 'title']);
    const huge = await call(server, 'POST', '/api/documents', { cookie: user.cookie, body: { title: 'x'.repeat(2 * 1024 * 1024) } });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    for (const res of [garbage, text, huge]) expect(JSON.stringify(res.body)).not.toMatch(/\bat \S+:\d+/);
  });
});
