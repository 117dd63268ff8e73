/**
 * Issue 13's routes × every kind of caller, over real HTTP (Origin, body limits and guards run),
 * following test/api/permission-matrix.test.ts. Exports answer files, so only error answers must
 * be JSON here. Each request carries a fresh session; every row runs alone (`-t`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeDepartment, makeDocument, makeUser, signIn, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';
import { docxPackage, roundTripBody } from './fixtures';

const roles = ['anonymous', 'outsider', 'viewer', 'commenter', 'editor', 'owner', 'admin'] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;
const expectStatuses = (...codes: number[]): Statuses => Object.fromEntries(roles.map((r, i) => [r, codes[i]])) as Statuses;

let server: TestServer;
let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
let docId: string;
let versionId: string;
let seq: number;

const agency = { name: 'Ủy ban nhân dân xã An Bình', abbreviation: 'UBND', placeName: 'An Bình' };

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const otherDept = await makeDepartment(db);
  const inOther = { departmentIds: [otherDept.id] };
  people = {
    outsider: await makeUser(db, inOther),
    viewer: await makeUser(db, inOther),
    commenter: await makeUser(db, inOther),
    editor: await makeUser(db, inOther),
    owner: await makeUser(db),
    admin: await makeUser(db, { ...inOther, isAdmin: true }),
  };
  docId = (await makeDocument(db, people.owner, 'Quyết định về việc thử')).id;
  await grant(db, docId, { userId: people.viewer.id }, 'view');
  await grant(db, docId, { userId: people.commenter.id }, 'comment');
  await grant(db, docId, { userId: people.editor.id }, 'edit');
  const frozen = await call(server, 'POST', `/api/documents/${docId}/versions`, { cookie: people.owner.cookie, body: { label: 'Matrix' } });
  expect(frozen.status).toBe(201);
  versionId = frozen.body.version.id;
  seq = frozen.body.version.seq;
});
afterAll(() => server?.stop());

interface Row {
  route: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /** Sends a multipart upload instead of JSON. */
  upload?: () => FormData;
  expected: Statuses;
}

const docxForm = () => {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(docxPackage(roundTripBody))]), 'matrix.docx');
  return form;
};

// prettier-ignore
const exchangeRows: Row[] = [
  //                                                                                            anon outs view comm edit owner admin
  { route: 'GET /api/agency', method: 'GET', path: () => '/api/agency', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200) },
  { route: 'PUT /api/agency', method: 'PUT', path: () => '/api/agency', body: () => agency, expected: expectStatuses(401, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/documents/import', method: 'POST', path: () => '/api/documents/import', upload: docxForm, expected: expectStatuses(401, 201, 201, 201, 201, 201, 201) },
  ...(['docx', 'pdf', 'md'] as const).flatMap((format): Row[] => [
    { route: `GET /api/documents/:id/export.${format}`, method: 'GET', path: () => `/api/documents/${docId}/export.${format}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
    { route: `GET /api/versions/:id/export.${format}`, method: 'GET', path: () => `/api/versions/${versionId}/export.${format}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  ]),
  { route: 'GET /api/records/:seq/export.pdf', method: 'GET', path: () => `/api/records/${seq}/export.pdf`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200) },
  { route: 'GET unknown record export', method: 'GET', path: () => '/api/records/999999/export.pdf', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
  { route: 'GET unknown version export', method: 'GET', path: () => '/api/versions/6f1c2e1a-0000-4000-8000-000000000000/export.pdf', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
  { route: 'GET malformed document export', method: 'GET', path: () => '/api/documents/not-an-id/export.docx', expected: expectStatuses(401, 404, 404, 404, 404, 404, 404) },
];

async function statusFor(row: Row, role: Role) {
  const cookie = role === 'anonymous' ? undefined : await signIn(server.database.db, people[role].id);
  let status: number;
  let type: string | null;
  let body: any;
  if (row.upload) {
    const res = await fetch(`${server.url}${row.path()}`, { method: row.method, headers: cookie ? { cookie } : {}, body: row.upload() });
    [status, type, body] = [res.status, res.headers.get('content-type'), await res.json()];
  } else {
    const res = await call(server, row.method, row.path(), { cookie, body: row.body?.() });
    [status, type, body] = [res.status, res.headers.get('content-type'), res.body];
  }
  if (status >= 400) {
    expect(type, `${row.route} as ${role}`).toMatch(/^application\/json/);
    expect(body, `${row.route} as ${role}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
  return status;
}

describe('permission matrix: exchange', () => {
  it.each(exchangeRows)('$route', async (row) => {
    const actual = {} as Statuses;
    for (const role of roles) actual[role] = await statusFor(row, role);
    expect(actual).toEqual(row.expected);
  });
});
