/**
 * Every route × every kind of caller, with the exact status each must get, over real HTTP (so the
 * Origin and body-limit middleware run). Each request carries a fresh session, so logging out in
 * one row cannot disturb the next.
 *
 * One table per capability (`accountsRoutes`, `documentsRoutes`, …). A new capability adds its own
 * `const <capability>Routes: Row[]` table (and whatever it needs in `beforeAll`) and one line in
 * `capabilities`; a new route enters its capability's table in the same commit as the route.
 * Every row must be runnable alone (`-t`): it may rely on `beforeAll`, never on another row.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema';
import { grant, makeDepartment, makeDocument, makeUser, signIn, testPassword, type TestUser } from '../support/factories';
import type { FreezeResultDto, VersionDto } from '../../shared/records';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

const roles = ['anonymous', 'outsider', 'viewer', 'commenter', 'editor', 'owner', 'admin'] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;

/** Statuses in the order of `roles`. */
const expectStatuses = (...codes: number[]): Statuses => Object.fromEntries(roles.map((r, i) => [r, codes[i]])) as Statuses;
const unique = () => randomBytes(4).toString('hex');

let server: TestServer;
let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
let docId: string;
let finalizedId: string;
let scratchDepartmentId: string;
let scratchUserId: string;
let scratchUserEmail: string;
/** A version of `docId`, frozen over HTTP in beforeAll. */
let version: VersionDto;
let ownerDepartmentId: string;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const ownerDept = await makeDepartment(db);
  const otherDept = await makeDepartment(db);
  ownerDepartmentId = ownerDept.id;
  const inOther = { departmentIds: [otherDept.id] };
  people = {
    outsider: await makeUser(db, inOther),
    viewer: await makeUser(db, inOther),
    commenter: await makeUser(db, inOther),
    editor: await makeUser(db, inOther),
    owner: await makeUser(db, { departmentIds: [ownerDept.id] }),
    admin: await makeUser(db, { ...inOther, isAdmin: true }),
  };
  for (const id of [(docId = (await makeDocument(db, people.owner)).id), (finalizedId = (await makeDocument(db, people.owner)).id)]) {
    await grant(db, id, { userId: people.viewer.id }, 'view');
    await grant(db, id, { userId: people.commenter.id }, 'comment');
    await grant(db, id, { userId: people.editor.id }, 'edit');
  }
  await db.update(documents).set({ finalizedAt: new Date() }).where(eq(documents.id, finalizedId));
  scratchDepartmentId = (await makeDepartment(db)).id;
  const scratch = await makeUser(db, inOther);
  scratchUserId = scratch.id;
  scratchUserEmail = scratch.email;
  const frozen = await call<FreezeResultDto>(server, 'POST', `/api/documents/${docId}/versions`, { cookie: people.owner.cookie, body: { label: 'Matrix' } });
  expect(frozen.status).toBe(201);
  version = frozen.body.version;
});
afterAll(() => server.stop());

/** The document's own grants, so a successful PUT leaves everything as it was. */
const sameGrants = () => ({
  grants: [
    { department: ownerDepartmentId, level: 'edit' },
    { user: people.viewer.id, level: 'view' },
    { user: people.commenter.id, level: 'comment' },
    { user: people.editor.id, level: 'edit' },
  ],
});

interface Row {
  route: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  expected: Statuses;
}

const validUser = () => ({ email: `m-${unique()}@example.org`, name: 'Matrix', password: 'long enough', departmentIds: [scratchDepartmentId] });

// prettier-ignore
const healthRoutes: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'GET /health', method: 'GET', path: () => '/health', expected: expectStatuses(200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /ready', method: 'GET', path: () => '/ready', expected: expectStatuses(200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /metrics', method: 'GET', path: () => '/metrics', expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
];

// prettier-ignore
const accountsRoutes: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'GET /api/setup', method: 'GET', path: () => '/api/setup', expected: expectStatuses(200, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/setup', method: 'POST', path: () => '/api/setup', body: () => ({ email: `s-${unique()}@example.org`, name: 'S', password: 'long enough', department: 'X' }), expected: expectStatuses(409, 409, 409, 409, 409, 409, 409) },
  { route: 'GET /api/auth/me', method: 'GET', path: () => '/api/auth/me', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/auth/logout', method: 'POST', path: () => '/api/auth/logout', expected: expectStatuses(204, 204, 204, 204, 204, 204, 204) },
  { route: 'GET /api/departments', method: 'GET', path: () => '/api/departments', expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/departments', method: 'POST', path: () => '/api/departments', body: () => ({ name: `Dept ${unique()}` }), expected: expectStatuses(401, 403, 403, 403, 403, 403, 201) },
  { route: 'PATCH /api/departments/:id', method: 'PATCH', path: () => `/api/departments/${scratchDepartmentId}`, body: () => ({ name: `Renamed ${unique()}` }), expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
  { route: 'GET /api/users', method: 'GET', path: () => '/api/users', expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/users', method: 'POST', path: () => '/api/users', body: validUser, expected: expectStatuses(401, 403, 403, 403, 403, 403, 201) },
  { route: 'PATCH /api/users/:id', method: 'PATCH', path: () => `/api/users/${scratchUserId}`, body: () => ({ name: `Name ${unique()}` }), expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/auth/login', method: 'POST', path: () => '/api/auth/login', body: () => ({ email: scratchUserEmail, password: testPassword }), expected: expectStatuses(200, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/auth/login (unknown email)', method: 'POST', path: () => '/api/auth/login', body: () => ({ email: `nobody-${unique()}@example.org`, password: testPassword }), expected: expectStatuses(401, 401, 401, 401, 401, 401, 401) },
];

// prettier-ignore
const documentsRoutes: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'GET /api/directory', method: 'GET', path: () => '/api/directory', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/documents', method: 'POST', path: () => '/api/documents', body: () => ({ title: 'New draft' }), expected: expectStatuses(401, 201, 201, 201, 201, 201, 201) },
  { route: 'GET /api/documents', method: 'GET', path: () => '/api/documents', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/documents/:id', method: 'GET', path: () => `/api/documents/${docId}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'PATCH /api/documents/:id', method: 'PATCH', path: () => `/api/documents/${docId}`, body: () => ({ title: 'Same title' }), expected: expectStatuses(401, 404, 403, 403, 200, 200, 200) },
  { route: 'GET /api/documents/:id/access', method: 'GET', path: () => `/api/documents/${docId}/access`, expected: expectStatuses(401, 404, 403, 403, 403, 200, 200) },
  { route: 'PUT /api/documents/:id/access', method: 'PUT', path: () => `/api/documents/${docId}/access`, body: sameGrants, expected: expectStatuses(401, 404, 403, 403, 403, 200, 200) },
  { route: 'POST /api/documents/:id/archive', method: 'POST', path: () => `/api/documents/${docId}/archive`, expected: expectStatuses(401, 404, 403, 403, 403, 200, 200) },
  { route: 'POST /api/documents/:id/unarchive', method: 'POST', path: () => `/api/documents/${docId}/unarchive`, expected: expectStatuses(401, 404, 403, 403, 403, 200, 200) },
  { route: 'GET /api/documents?archived=true', method: 'GET', path: () => '/api/documents?archived=true', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'GET finalized document', method: 'GET', path: () => `/api/documents/${finalizedId}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'PATCH finalized document', method: 'PATCH', path: () => `/api/documents/${finalizedId}`, body: () => ({ title: 'Too late' }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403) },
  { route: 'GET unknown document', method: 'GET', path: () => '/api/documents/6f1c2e1a-0000-4000-8000-000000000000', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
  { route: 'GET malformed document id', method: 'GET', path: () => '/api/documents/not-an-id', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
];

// prettier-ignore
const recordsRoutes: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'POST /api/documents/:id/versions', method: 'POST', path: () => `/api/documents/${docId}/versions`, body: () => ({ label: `Matrix ${unique()}` }), expected: expectStatuses(401, 404, 403, 403, 201, 201, 201) },
  { route: 'GET /api/documents/:id/versions', method: 'GET', path: () => `/api/documents/${docId}/versions`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'POST /api/documents/:id/restore', method: 'POST', path: () => `/api/documents/${docId}/restore`, body: () => ({ versionId: version.id }), expected: expectStatuses(401, 404, 403, 403, 200, 200, 200) },
  { route: 'POST restore on finalized document', method: 'POST', path: () => `/api/documents/${finalizedId}/restore`, body: () => ({ versionId: version.id }), expected: expectStatuses(401, 404, 409, 409, 409, 409, 409) },
  { route: 'GET /api/versions/:id', method: 'GET', path: () => `/api/versions/${version.id}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'GET /api/records/:seq/bundle', method: 'GET', path: () => `/api/records/${version.seq}/bundle`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'GET /api/records/:seq/verify', method: 'GET', path: () => `/api/records/${version.seq}/verify`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'GET unknown record bundle', method: 'GET', path: () => '/api/records/999999/bundle', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
  { route: 'GET /api/ledger/tree-heads', method: 'GET', path: () => '/api/ledger/tree-heads', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/ledger/consistency', method: 'GET', path: () => '/api/ledger/consistency?from=0&to=1', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /.well-known/jwks.json', method: 'GET', path: () => '/.well-known/jwks.json', expected: expectStatuses(200, 200, 200, 200, 200, 200, 200) },
];

// prettier-ignore
const notificationsRoutes: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'GET /api/notifications', method: 'GET', path: () => '/api/notifications?unread=true', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/notifications/read', method: 'POST', path: () => '/api/notifications/read', body: () => ({ all: true }), expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
];

/** Every capability's table; a new capability adds one line here. */
const capabilities: Record<string, Row[]> = {
  health: healthRoutes,
  accounts: accountsRoutes,
  documents: documentsRoutes,
  records: recordsRoutes,
  notifications: notificationsRoutes,
};

async function statusFor(row: Row, role: Role) {
  const cookie = role === 'anonymous' ? undefined : await signIn(server.database.db, people[role].id);
  const res = await call(server, row.method, row.path(), { cookie, body: row.body?.() });
  // A 204 has no body; every other answer (errors included) must say it is JSON, not merely parse as it.
  if (res.status === 204) expect(res.body, `${row.route} as ${role}`).toBeNull();
  else expect(res.headers.get('content-type'), `${row.route} as ${role}`).toMatch(/^application\/json/);
  if (res.status >= 400) expect(res.body, `${row.route} as ${role}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  return res.status;
}

describe.each(Object.entries(capabilities))('permission matrix: %s', (_capability, rows) => {
  it.each(rows)('$route', async (row) => {
    const actual = {} as Statuses;
    for (const role of roles) actual[role] = await statusFor(row, role);
    expect(actual).toEqual(row.expected);
  });
});

describe('permission matrix', () => {

  it('reports each caller their own access level and whether they manage access', async () => {
    const expected = { viewer: ['view', false], commenter: ['comment', false], editor: ['edit', false], owner: ['edit', true], admin: ['edit', true] };
    for (const [role, [access, manage]] of Object.entries(expected)) {
      const res = await call(server, 'GET', `/api/documents/${docId}`, { cookie: people[role as keyof typeof people].cookie });
      expect([role, res.body.access, res.body.canManageAccess]).toEqual([role, access, manage]);
    }
  });

  it('lists the document only to those who may see it', async () => {
    for (const role of ['outsider', 'viewer', 'commenter', 'editor', 'owner', 'admin'] as const) {
      const res = await call(server, 'GET', '/api/documents', { cookie: people[role].cookie });
      const ids = res.body.documents.map((d: { id: string }) => d.id);
      expect([role, ids.includes(docId)]).toEqual([role, role !== 'outsider']);
    }
  });

  it('refuses writes from a foreign Origin even with a valid session, and accepts our own', async () => {
    const cookie = people.admin.cookie;
    const foreign = { cookie, headers: { origin: 'https://evil.example' } };
    expect((await call(server, 'POST', '/api/documents', { ...foreign, body: { title: 'x' } })).status).toBe(403);
    expect((await call(server, 'PUT', `/api/documents/${docId}/access`, { ...foreign, body: sameGrants() })).status).toBe(403);
    expect((await call(server, 'POST', '/api/auth/logout', foreign)).status).toBe(403);
    expect((await call(server, 'GET', '/api/auth/me', { cookie })).status).toBe(200); // that logout did not happen
    const own = await call(server, 'POST', '/api/documents', { cookie, headers: { origin: server.url }, body: { title: 'x' } });
    expect(own.status).toBe(201);
  });
});
