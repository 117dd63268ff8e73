/**
 * The signatures capability's permission matrix (the pattern of test/api/permission-matrix.test.ts):
 * every route of issue 10 × every kind of caller, with the exact status each must get. Roles: the
 * drafter (owns the draft's department: edit), the head of the drafting unit (same department: edit,
 * the initial step), a leader (comment access, the sign step), a viewer, a clerk (drafting department),
 * an administrator, an outsider. Rows that change something act on a fresh object for the role that
 * succeeds, so every row runs alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant } from '../support/factories';
import type { TestUser } from '../support/factories';
import { generateDeviceKey } from '../../shared/signatures';
import { frozenVersion, scenario, submit, type Scenario } from './setup';
import { makeUser } from '../support/factories';

const roles = ['anonymous', 'outsider', 'viewer', 'drafter', 'head', 'leader', 'clerk', 'admin'] as const;
type Role = (typeof roles)[number];
type Statuses = Record<Role, number>;
const expectStatuses = (...codes: number[]): Statuses => Object.fromEntries(roles.map((r, i) => [r, codes[i]])) as Statuses;

let s: Scenario;
let viewer: TestUser;
let shared: { documentId: string; versionId: string; submissionId: string };

const person = (role: Exclude<Role, 'anonymous'>): TestUser => (role === 'viewer' ? viewer : s[role]);
/** A frozen version the viewer may read too. */
const version = async () => {
  const v = await frozenVersion(s);
  await grant(s.t.testDb.handle.db, v.documentId, { userId: viewer.id }, 'view');
  return v;
};
const freshSubmission = async () => (await submit(s, (await version()).versionId)).id;
const pendingKey = async (owner: TestUser) => {
  const key = await generateDeviceKey();
  return (await s.t.json('/api/signing-keys', { cookie: owner.cookie, body: { publicJwk: key.publicJwk, deviceName: 'Matrix tablet' } }, 201)).key.id as string;
};
let n = 0;

beforeAll(async () => {
  s = await scenario();
  viewer = await makeUser(s.t.testDb.handle.db, { name: 'Viewer Vy' });
  const v = await version();
  shared = { ...v, submissionId: (await submit(s, v.versionId)).id };
}, 180_000);
afterAll(() => s.t.close());

interface Row {
  route: string;
  method: string;
  path: (role: Role) => string | Promise<string>;
  body?: () => unknown | Promise<unknown>;
  expected: Statuses;
}

const jwsShape = 'eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.c2lnbmF0dXJl';
const unknownId = '6f1c2e1a-0000-4000-8000-000000000000';

// prettier-ignore
const rows: Row[] = [
  //                                                                                                                                              anon outs view draf head lead clerk admin
  { route: 'POST /api/signing-keys', method: 'POST', path: () => '/api/signing-keys', body: async () => ({ publicJwk: (await generateDeviceKey()).publicJwk, deviceName: 'Phone' }), expected: expectStatuses(401, 201, 201, 201, 201, 201, 201, 201) },
  { route: 'GET /api/signing-keys', method: 'GET', path: () => '/api/signing-keys', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/signing-keys?all=true', method: 'GET', path: () => '/api/signing-keys?all=true', expected: expectStatuses(401, 403, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/signing-keys/:id/approve', method: 'POST', path: async () => `/api/signing-keys/${await pendingKey(s.leader)}/approve`, expected: expectStatuses(401, 403, 403, 403, 403, 403, 403, 200) },
  { route: 'POST /api/signing-keys/:id/revoke', method: 'POST', path: async () => `/api/signing-keys/${await pendingKey(s.leader)}/revoke`, expected: expectStatuses(401, 404, 404, 404, 404, 200, 404, 200) },
  { route: 'POST unknown key approve', method: 'POST', path: () => `/api/signing-keys/${unknownId}/approve`, expected: expectStatuses(401, 403, 403, 403, 403, 403, 403, 404) },
  { route: 'POST /api/versions/:id/submissions', method: 'POST', path: async (role) => `/api/versions/${['drafter', 'head', 'clerk', 'admin'].includes(role) ? (await version()).versionId : shared.versionId}/submissions`, body: () => ({ documentType: 'QĐ', signers: [{ user: s.leader.id, step: 'sign' }] }), expected: expectStatuses(401, 404, 403, 201, 201, 403, 201, 201) },
  { route: 'GET /api/submissions/:id', method: 'GET', path: () => `/api/submissions/${shared.submissionId}`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'GET unknown submission', method: 'GET', path: () => `/api/submissions/${unknownId}`, expected: expectStatuses(401, 404, 404, 404, 404, 404, 404, 404) },
  { route: 'GET /api/documents/:id/submissions', method: 'GET', path: () => `/api/documents/${shared.documentId}/submissions`, expected: expectStatuses(401, 404, 200, 200, 200, 200, 200, 200) },
  { route: 'POST …/steps/:i/sign (not a valid signature)', method: 'POST', path: () => `/api/submissions/${shared.submissionId}/steps/0/sign`, body: () => ({ keyId: unknownId, jws: jwsShape }), expected: expectStatuses(401, 404, 403, 403, 403, 403, 403, 403) },
  { route: 'POST …/steps/:i/return', method: 'POST', path: async (role) => `/api/submissions/${role === 'leader' ? await freshSubmission() : shared.submissionId}/steps/1/return`, body: () => ({ reason: 'Sửa lại' }), expected: expectStatuses(401, 404, 403, 403, 403, 409, 403, 403) },
  { route: 'POST …/steps/:i/return (own turn)', method: 'POST', path: async (role) => `/api/submissions/${role === 'head' ? await freshSubmission() : shared.submissionId}/steps/0/return`, body: () => ({ reason: 'Sửa lại' }), expected: expectStatuses(401, 404, 403, 403, 200, 403, 403, 403) },
  { route: 'POST /api/submissions/:id/withdraw', method: 'POST', path: async (role) => `/api/submissions/${role === 'drafter' ? await freshSubmission() : shared.submissionId}/withdraw`, expected: expectStatuses(401, 404, 403, 200, 403, 403, 403, 403) },
  { route: 'POST /api/submissions/:id/issue (not signed yet)', method: 'POST', path: () => `/api/submissions/${shared.submissionId}/issue`, body: () => ({}), expected: expectStatuses(401, 404, 403, 403, 403, 403, 409, 403) },
  { route: 'GET /api/signatures/queue', method: 'GET', path: () => '/api/signatures/queue', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'GET /api/signatures/dashboard', method: 'GET', path: () => '/api/signatures/dashboard', expected: expectStatuses(401, 403, 403, 403, 403, 200, 200, 200) },
  { route: 'GET /api/signatures/dashboard.csv', method: 'GET', path: () => '/api/signatures/dashboard.csv', expected: expectStatuses(401, 403, 403, 403, 403, 200, 200, 200) },
  { route: 'GET /api/registers', method: 'GET', path: () => '/api/registers', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/registers', method: 'POST', path: () => '/api/registers', body: () => ({ name: `Register ${++n}`, series: `matrix-${n}` }), expected: expectStatuses(401, 403, 403, 403, 403, 403, 403, 201) },
  { route: 'GET /api/document-types', method: 'GET', path: () => '/api/document-types', expected: expectStatuses(401, 200, 200, 200, 200, 200, 200, 200) },
  { route: 'POST /api/document-types', method: 'POST', path: () => '/api/document-types', body: () => ({ code: `NQ${'abcdefgh'[++n % 8]}${'abcdefgh'[Math.floor(n / 8) % 8]}`, name: 'Nghị quyết' }), expected: expectStatuses(401, 403, 403, 403, 403, 403, 403, 201) },
  { route: 'GET /.well-known/codraft-signers.json', method: 'GET', path: () => '/.well-known/codraft-signers.json', expected: expectStatuses(200, 200, 200, 200, 200, 200, 200, 200) },
];

async function statusFor(row: Row, role: Role) {
  const cookie = role === 'anonymous' ? undefined : person(role).cookie;
  const path = await row.path(role);
  const body = await row.body?.();
  const res = await s.t.request(path, { method: row.method, cookie, body: row.method === 'GET' ? undefined : (body ?? {}) });
  const type = res.headers.get('content-type') ?? '';
  if (!(row.route.endsWith('.csv') && res.status === 200)) expect(type, `${row.route} as ${role}`).toMatch(/^application\/json/);
  if (res.status >= 400) expect(await res.json(), `${row.route} as ${role}`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  return res.status;
}

describe('permission matrix: signatures', () => {
  it.each(rows)('$route', async (row) => {
    const actual = {} as Statuses;
    for (const role of roles) actual[role] = await statusFor(row, role);
    expect(actual).toEqual(row.expected);
  }, 120_000);
});
