/**
 * The comments capability's permission matrix (the pattern of test/api/permission-matrix.test.ts):
 * every comments route × every kind of caller, with the exact status each must get, over real HTTP.
 * Besides the shared roles there are `leader` (leads a department with comment access) and
 * `author` (wrote the thread or comment the row acts on; comment access). Rows that change or
 * delete something act on a fresh thread or comment made for that one call, so every row runs alone.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema';
import { call } from '../api/http';
import { grant, makeDepartment, makeDocument, makeUser, signIn, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { makeLeader, writeDraft } from './setup';

const roles = ['anonymous', 'outsider', 'viewer', 'commenter', 'editor', 'owner', 'admin', 'leader', 'author'] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;
const expectStatuses = (...codes: number[]): Statuses => Object.fromEntries(roles.map((r, i) => [r, codes[i]])) as Statuses;

let server: TestServer;
let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
let docId: string;
let finalizedId: string;
let threadId: string;
let finalizedThreadId: string;

const post = (user: TestUser, path: string, body: unknown) => call(server, 'POST', path, { cookie: user.cookie, body });
/** A fresh thread by `author` on `doc` (a whole-document comment). */
const freshThread = async (doc = docId) => {
  const res = await post(people.author, `/api/documents/${doc}/threads`, { kind: 'comment', body: 'Matrix remark', anchor: { document: true } });
  expect(res.status).toBe(201);
  return res.body.thread as { id: string; comments: { id: string }[] };
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const ownerDept = await makeDepartment(db);
  const otherDept = await makeDepartment(db);
  const inOther = { departmentIds: [otherDept.id] };
  people = {
    outsider: await makeUser(db, inOther),
    viewer: await makeUser(db, inOther),
    commenter: await makeUser(db, inOther),
    editor: await makeUser(db, inOther),
    owner: await makeUser(db, { departmentIds: [ownerDept.id] }),
    admin: await makeUser(db, { ...inOther, isAdmin: true }),
    leader: await makeUser(db, inOther),
    author: await makeUser(db, inOther),
  };
  await makeLeader(db, people.leader, otherDept.id);
  for (const id of [(docId = (await makeDocument(db, people.owner)).id), (finalizedId = (await makeDocument(db, people.owner)).id)]) {
    await grant(db, id, { userId: people.viewer.id }, 'view');
    await grant(db, id, { userId: people.commenter.id }, 'comment');
    await grant(db, id, { userId: people.editor.id }, 'edit');
    await grant(db, id, { userId: people.leader.id }, 'comment');
    await grant(db, id, { userId: people.author.id }, 'comment');
  }
  const writer = await writeDraft(server, docId, people.owner, ['Article 1. The passage to comment on.']);
  writer.destroy();
  threadId = (await freshThread()).id;
  finalizedThreadId = (await freshThread(finalizedId)).id;
  await db.update(documents).set({ finalizedAt: new Date() }).where(eq(documents.id, finalizedId));
});
afterAll(() => server.stop());

interface Row {
  route: string;
  method: string;
  /** Path for this call (may create what the call acts on). */
  path: () => string | Promise<string>;
  body?: () => unknown;
  expected: Statuses;
}

const comment = (kind = 'comment') => ({ kind, body: 'Matrix', anchor: { exact: 'passage' } });
const unknownId = '6f1c2e1a-0000-4000-8000-000000000000';

// prettier-ignore
const commentsRoutes: Row[] = [
  //                                                                                                                          anon outs view comm edit owner admin lead auth
  { route: 'GET /api/documents/:id/threads', method: 'GET', path: () => `/api/documents/${docId}/threads`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET threads ?state=resolved&kind=annotation', method: 'GET', path: () => `/api/documents/${docId}/threads?state=resolved&kind=annotation`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET threads ?state=bogus', method: 'GET', path: () => `/api/documents/${docId}/threads?state=bogus`, expected: expectStatuses(401, 400, 400, 400, 400, 400, 400, 400, 400) },
  { route: 'POST /api/documents/:id/threads (comment)', method: 'POST', path: () => `/api/documents/${docId}/threads`, body: () => comment(), expected: expectStatuses(401, 404, 403, 201, 201, 201, 201, 201, 201) },
  { route: 'POST /api/documents/:id/threads (annotation)', method: 'POST', path: () => `/api/documents/${docId}/threads`, body: () => comment('annotation'), expected: expectStatuses(401, 404, 403, 403, 403, 403, 201, 201, 403) },
  { route: 'POST threads on a finalized draft', method: 'POST', path: () => `/api/documents/${finalizedId}/threads`, body: () => ({ kind: 'comment', body: 'Late', anchor: { document: true } }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 403, 403) },
  { route: 'GET /api/documents/:id/mentionable', method: 'GET', path: () => `/api/documents/${docId}/mentionable`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/threads/:id', method: 'GET', path: () => `/api/threads/${threadId}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET unknown thread', method: 'GET', path: () => `/api/threads/${unknownId}`, expected: expectStatuses(401, 404, 404, 404, 404, 404, 404, 404, 404) },
  { route: 'POST /api/threads/:id/comments', method: 'POST', path: () => `/api/threads/${threadId}/comments`, body: () => ({ body: 'Reply' }), expected: expectStatuses(401, 404, 403, 201, 201, 201, 201, 201, 201) },
  { route: 'POST reply on a finalized draft', method: 'POST', path: () => `/api/threads/${finalizedThreadId}/comments`, body: () => ({ body: 'Late' }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 403, 403) },
  { route: 'PATCH /api/threads/:id (resolve)', method: 'PATCH', path: async () => `/api/threads/${(await freshThread()).id}`, body: () => ({ state: 'resolved' }), expected: expectStatuses(401, 404, 403, 403, 200, 200, 200, 200, 200) },
  { route: 'PATCH /api/threads/:id (reopen)', method: 'PATCH', path: () => `/api/threads/${threadId}`, body: () => ({ state: 'open' }), expected: expectStatuses(401, 404, 403, 403, 200, 200, 200, 200, 200) },
  { route: 'PATCH /api/comments/:id', method: 'PATCH', path: async () => `/api/comments/${(await freshThread()).comments[0]!.id}`, body: () => ({ body: 'Edited' }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 403, 200) },
  { route: 'DELETE /api/comments/:id', method: 'DELETE', path: async () => `/api/comments/${(await freshThread()).comments[0]!.id}`, expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 403, 200) },
  { route: 'DELETE unknown comment', method: 'DELETE', path: () => `/api/comments/${unknownId}`, expected: expectStatuses(401, 404, 404, 404, 404, 404, 404, 404, 404) },
];

async function statusFor(row: Row, role: Role) {
  const cookie = role === 'anonymous' ? undefined : await signIn(server.database.db, people[role].id);
  const res = await call(server, row.method, await row.path(), { cookie, body: row.body?.() });
  expect(res.headers.get('content-type'), `${row.route} as ${role}`).toMatch(/^application\/json/);
  if (res.status >= 400) expect(res.body, `${row.route} as ${role}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  return res.status;
}

describe('permission matrix: comments', () => {
  it.each(commentsRoutes)('$route', async (row) => {
    const actual = {} as Statuses;
    for (const role of roles) actual[role] = await statusFor(row, role);
    expect(actual).toEqual(row.expected);
  });
});
