/**
 * The rounds capability's permission matrix (the pattern of test/api/permission-matrix.test.ts):
 * every rounds route × every kind of caller, with the exact status each must get, over real HTTP.
 * Besides the shared roles: `owner` presides over the round, `member` and `leader` belong to the
 * consulted department (which has a leader). Rows that open or close act on a fresh draft or round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../api/http';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { inSeconds } from './setup';

const roles = ['anonymous', 'outsider', 'viewer', 'editor', 'owner', 'admin', 'member', 'leader'] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;
const expectStatuses = (...codes: number[]): Statuses => Object.fromEntries(roles.map((r, i) => [r, codes[i]])) as Statuses;

let server: TestServer;
let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
let consultedId: string;
let docId: string;
let roundId: string;
let threadId: string;

const post = (user: TestUser, path: string, body: unknown) => call(server, 'POST', path, { cookie: user.cookie, body, headers: { origin: server.url } });

async function freshDocument() {
  const doc = await makeDocument(server.database.db, people.owner);
  await grant(server.database.db, doc.id, { userId: people.viewer.id }, 'view');
  await grant(server.database.db, doc.id, { userId: people.editor.id }, 'edit');
  return doc.id;
}
const roundBody = () => ({ title: 'Matrix round', request: 'Please comment', deadline: inSeconds(3600), departments: [{ department: consultedId, role: 'lead' }] });
async function freshRound() {
  const res = await post(people.owner, `/api/documents/${await freshDocument()}/rounds`, roundBody());
  expect(res.status).toBe(201);
  return res.body.round.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const ownerDept = await makeDepartment(db);
  const otherDept = await makeDepartment(db);
  const consulted = await makeDepartment(db);
  consultedId = consulted.id;
  const inOther = { departmentIds: [otherDept.id] };
  people = {
    outsider: await makeUser(db, inOther),
    viewer: await makeUser(db, inOther),
    editor: await makeUser(db, inOther),
    owner: await makeUser(db, { departmentIds: [ownerDept.id] }),
    admin: await makeUser(db, { ...inOther, isAdmin: true }),
    member: await makeUser(db, { departmentIds: [consulted.id] }),
    leader: await makeUser(db, { leaderOf: [consulted.id] }),
  };
  docId = await freshDocument();
  const opened = await post(people.owner, `/api/documents/${docId}/rounds`, roundBody());
  expect(opened.status).toBe(201);
  roundId = opened.body.round.id;
  const thread = await post(people.member, `/api/documents/${docId}/threads`, { kind: 'comment', body: 'Ý kiến', anchor: { document: true } });
  expect(thread.status).toBe(201);
  threadId = thread.body.thread.id;
});
afterAll(() => server.stop());

interface Row {
  route: string;
  method: string;
  path: () => string | Promise<string>;
  body?: () => unknown;
  expected: Statuses;
}

const unknownId = '6f1c2e1a-0000-4000-8000-000000000000';

// prettier-ignore
const rows: Row[] = [
  //                                                                                                   anon out  view edit own  adm  mem  lead
  { route: 'POST /api/documents/:id/rounds', method: 'POST', path: async () => `/api/documents/${await freshDocument()}/rounds`, body: roundBody, expected: expectStatuses(401, 404, 403, 201, 201, 201, 404, 404) },
  { route: 'POST /api/documents/:id/rounds (unknown)', method: 'POST', path: () => `/api/documents/${unknownId}/rounds`, body: roundBody, expected: expectStatuses(401, 404, 404, 404, 404, 404, 404, 404) },
  { route: 'GET /api/documents/:id/rounds', method: 'GET', path: () => `/api/documents/${docId}/rounds`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/rounds/:id', method: 'GET', path: () => `/api/rounds/${roundId}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/rounds/:id (unknown)', method: 'GET', path: () => `/api/rounds/${unknownId}`, expected: expectStatuses(401, 404, 404, 404, 404, 404, 404, 404) },
  { route: 'POST /api/rounds/:id/responses', method: 'POST', path: () => `/api/rounds/${roundId}/responses`, body: () => ({ department: consultedId, position: 'agree', summary: '' }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 201) },
  { route: 'POST /api/rounds/:id/close', method: 'POST', path: async () => `/api/rounds/${await freshRound()}/close`, body: () => ({}), expected: expectStatuses(401, 404, 403, 403, 200, 200, 403, 403) },
  { route: 'GET /api/rounds/:id/disposition', method: 'GET', path: () => `/api/rounds/${roundId}/disposition`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'PUT /api/rounds/:id/disposition/:threadId', method: 'PUT', path: () => `/api/rounds/${roundId}/disposition/${threadId}`, body: () => ({ disposition: 'accepted' }), expected: expectStatuses(401, 404, 403, 200, 200, 200, 403, 403) },
  { route: 'GET /api/rounds/:id/disposition.docx', method: 'GET', path: () => `/api/rounds/${roundId}/disposition.docx`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/rounds/:id/disposition.pdf', method: 'GET', path: () => `/api/rounds/${roundId}/disposition.pdf`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/consultations', method: 'GET', path: () => '/api/consultations', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200, 200) },
];

describe('rounds permission matrix', () => {
  for (const row of rows) {
    it(row.route, async () => {
      const got: Partial<Statuses> = {};
      for (const role of roles) {
        const user = role === 'anonymous' ? undefined : people[role];
        const res = await call(server, row.method, await row.path(), { cookie: user?.cookie, body: row.body?.(), headers: { origin: server.url } });
        got[role] = res.status;
      }
      expect(got).toEqual(row.expected);
    }, 90_000);
  }
});
