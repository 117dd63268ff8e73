/**
 * Notifications through the front door: sharing a draft notifies exactly the people who gain sight
 * of it; the list hides what the caller can no longer view; marking read is per person; the SSE
 * stream pushes a change live (LISTEN/NOTIFY, on commit) without a reload; roles show in /me.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';

let server: TestServer;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;
let leader: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const ownerDept = await makeDepartment(db);
  const other = await makeDepartment(db);
  owner = await makeUser(db, { departmentIds: [ownerDept.id] });
  colleague = await makeUser(db, { departmentIds: [ownerDept.id] }); // sees every draft of the department already
  stranger = await makeUser(db, { departmentIds: [other.id] });
  leader = await makeUser(db, { leaderOf: [other.id], isClerk: true });
});
afterAll(() => server.stop());

const list = (user: TestUser, unread = true) => call(server, 'GET', `/api/notifications${unread ? '?unread=true' : ''}`, { cookie: user.cookie });
const share = (docId: string, grants: unknown[]) => call(server, 'PUT', `/api/documents/${docId}/access`, { cookie: owner.cookie, body: { grants } });

/** Reads server-sent events from the stream until `until` is satisfied (or the timeout). */
async function readEvents(user: TestUser, until: (events: string[]) => boolean, action?: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/notifications/stream`, { headers: { cookie: user.cookie }, signal: controller.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: string[] = [];
  let buffer = '';
  let acted = false;
  const deadline = Date.now() + 15_000;
  try {
    while (!until(events) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').find((l) => l.startsWith('data:'));
        if (block.includes('event: changed') && data) events.push(data.slice(5).trim());
      }
      if (!acted && events.length > 0 && action) {
        acted = true;
        await action();
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

describe('notifications', () => {
  it('tells people who gain sight of a shared draft, and nobody else', async () => {
    const doc = await makeDocument(server.database.db, owner, 'Kế hoạch chuyển đổi số');
    const ownerDepartment = owner.departments[0]!.id;
    const res = await share(doc.id, [
      { department: ownerDepartment, level: 'edit' },
      { user: stranger.id, level: 'comment' },
    ]);
    expect(res.status).toBe(200);
    const got = await list(stranger);
    expect(got.status).toBe(200);
    const shared = got.body.notifications.filter((n: { documentId: string }) => n.documentId === doc.id);
    expect(shared).toEqual([
      expect.objectContaining({ kind: 'document_shared', documentId: doc.id, data: { title: 'Kế hoạch chuyển đổi số', actor: owner.name, level: 'comment' }, readAt: null }),
    ]);
    // The colleague could already see it (owning department); the owner did it: neither is told.
    for (const person of [colleague, owner]) {
      expect((await list(person)).body.notifications.some((n: { documentId: string }) => n.documentId === doc.id)).toBe(false);
    }
    // Sharing the same again tells nobody anything new.
    await share(doc.id, [
      { department: ownerDepartment, level: 'edit' },
      { user: stranger.id, level: 'edit' },
    ]);
    expect((await list(stranger)).body.notifications.filter((n: { documentId: string }) => n.documentId === doc.id)).toHaveLength(1);
  });

  it('hides a notification once its draft is out of reach, and marks read only the caller’s own', async () => {
    const doc = await makeDocument(server.database.db, owner, 'Secret after revocation');
    await share(doc.id, [{ user: stranger.id, level: 'view' }]);
    const mine = (await list(stranger)).body.notifications.find((n: { documentId: string }) => n.documentId === doc.id);
    expect(mine).toBeDefined();

    // Someone else's id is ignored, never revealed.
    const other = await call(server, 'POST', '/api/notifications/read', { cookie: leader.cookie, body: { ids: [mine.id] } });
    expect([other.status, other.body]).toEqual([200, { marked: 0 }]);
    expect((await list(stranger)).body.notifications.some((n: { id: string }) => n.id === mine.id)).toBe(true);

    await share(doc.id, []);
    const after = await list(stranger, false);
    expect(after.body.notifications.some((n: { documentId: string }) => n.documentId === doc.id)).toBe(false);
    expect(JSON.stringify(after.body)).not.toContain('Secret after revocation');
  });

  it('rejects bad bodies with a 400 naming the problem', async () => {
    const res = await call(server, 'POST', '/api/notifications/read', { cookie: stranger.cookie, body: { ids: ['not-an-id'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeTruthy();
    expect((await call(server, 'GET', '/api/notifications/stream')).status).toBe(401);
  });

  it('pushes a new notification live over the stream', async () => {
    const doc = await makeDocument(server.database.db, owner, 'Live');
    await call(server, 'POST', '/api/notifications/read', { cookie: leader.cookie, body: { all: true } });
    const events = await readEvents(
      leader,
      (e) => e.length >= 2,
      () => share(doc.id, [{ user: leader.id, level: 'view' }]),
    );
    expect(events.map((e) => JSON.parse(e).unread)).toEqual([0, 1]);
  });
});

describe('roles', () => {
  it('shows department roles and the clerk flag to the person and in the directory', async () => {
    const me = await call(server, 'GET', '/api/auth/me', { cookie: leader.cookie });
    expect(me.body.user).toMatchObject({ isClerk: true, departments: [expect.objectContaining({ role: 'leader' })] });
    const dir = await call(server, 'GET', '/api/directory', { cookie: stranger.cookie });
    const entry = dir.body.users.find((u: { id: string }) => u.id === leader.id);
    expect(entry).toMatchObject({ isClerk: true, departments: [expect.objectContaining({ role: 'leader' })] });
    expect(JSON.stringify(dir.body)).not.toContain('@example.org');
  });

  it('lets an admin set roles with departments [{id, role}] and isClerk; departmentIds keeps meaning members', async () => {
    const db = server.database.db;
    const admin = await makeUser(db, { isAdmin: true });
    const dept = await makeDepartment(db);
    const person = await makeUser(db);
    const patch = (body: unknown) => call(server, 'PATCH', `/api/users/${person.id}`, { cookie: admin.cookie, body });
    const set = await patch({ departments: [{ id: dept.id, role: 'leader' }], isClerk: true });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ isClerk: true, departments: [{ id: dept.id, name: dept.name, role: 'leader' }] });
    const back = await patch({ departmentIds: [dept.id], isClerk: false });
    expect(back.body.user).toMatchObject({ isClerk: false, departments: [{ id: dept.id, role: 'member' }] });
    const bad = await patch({ departments: [{ id: dept.id, role: 'chief' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('departments');
    const both = await patch({ departments: [{ id: dept.id, role: 'member' }], departmentIds: [dept.id] });
    expect(both.status).toBe(400);
  });

  it('keeps roles when departments merge (the higher role wins)', async () => {
    const db = server.database.db;
    const admin = await makeUser(db, { isAdmin: true });
    const source = await makeDepartment(db);
    const target = await makeDepartment(db);
    const head = await makeUser(db, { leaderOf: [source.id] });
    const both = await makeUser(db, { departmentIds: [target.id], leaderOf: [source.id] });
    const merged = await call(server, 'PATCH', `/api/departments/${source.id}`, { cookie: admin.cookie, body: { mergeInto: target.id } });
    expect(merged.status).toBe(200);
    for (const person of [head, both]) {
      const me = await call(server, 'GET', '/api/auth/me', { cookie: person.cookie });
      expect(me.body.user.departments).toEqual([{ id: target.id, name: target.name, role: 'leader' }]);
    }
  });
});
