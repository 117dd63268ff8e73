/**
 * Issue 11's routes × kinds of caller, over real HTTP (same pattern as test/api/permission-matrix):
 * anonymous 401, outsider 404 (a dossier it cannot see) or 403 (a role it lacks), the department's
 * member, a clerk, an administrator. Each row runs alone; state-changing rows use their own dossier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { makeDepartment, makeUser, type TestUser } from '../support/factories';
import { call } from '../api/http';

const roles = ['anonymous', 'outsider', 'member', 'clerk', 'admin'] as const;
type Role = (typeof roles)[number];

let server: TestServer;
let people: Record<Exclude<Role, 'anonymous'>, TestUser>;
let deptId: string;
let n = 0;

const freshDossier = async () =>
  (await call(server, 'POST', '/api/dossiers', { cookie: people.admin.cookie, body: { department: deptId, year: 2026, notation: `M-${++n}-${Date.now()}`, title: 'Hồ sơ', retention: '5' } })).body.dossier.id as string;
const closedDossier = async () => {
  const id = await freshDossier();
  await call(server, 'POST', `/api/dossiers/${id}/close`, { cookie: people.admin.cookie, body: {} });
  return id;
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const dept = await makeDepartment(db);
  deptId = dept.id;
  people = {
    outsider: await makeUser(db),
    member: await makeUser(db, { departmentIds: [dept.id] }),
    clerk: await makeUser(db, { isClerk: true } as never),
    admin: await makeUser(db, { isAdmin: true }),
  };
}, 120_000);
afterAll(() => server?.stop());

type Row = [method: string, path: () => Promise<string>, body: unknown, statuses: [number, number, number, number, number]];
const rows: Record<string, Row> = {
  'GET /api/search': ['GET', async () => '/api/search?q=ho+so', undefined, [401, 200, 200, 200, 200]],
  'GET /api/audit': ['GET', async () => '/api/audit', undefined, [401, 403, 403, 200, 200]],
  'GET /api/audit.csv': ['GET', async () => '/api/audit.csv', undefined, [401, 403, 403, 200, 200]],
  'GET /api/dossiers': ['GET', async () => '/api/dossiers', undefined, [401, 200, 200, 200, 200]],
  'GET /api/dossiers/:id': ['GET', async () => `/api/dossiers/${await freshDossier()}`, undefined, [401, 404, 200, 200, 200]],
  'POST /api/dossiers/:id/close': ['POST', async () => `/api/dossiers/${await freshDossier()}/close`, {}, [401, 404, 200, 200, 200]],
  'POST /api/dossiers/:id/reopen': ['POST', async () => `/api/dossiers/${await closedDossier()}/reopen`, undefined, [401, 404, 403, 403, 200]],
  'POST /api/dossiers/:id/handover': ['POST', async () => `/api/dossiers/${await closedDossier()}/handover`, undefined, [401, 404, 403, 200, 200]],
  'GET /api/dossiers/:id/package': ['GET', async () => `/api/dossiers/${await closedDossier()}/package`, undefined, [401, 404, 403, 200, 200]],
  'POST /api/dossiers/:id/records (unknown seq)': ['POST', async () => `/api/dossiers/${await freshDossier()}/records`, { seq: 987654 }, [401, 404, 404, 404, 404]],
  'GET /api/departments/:id/dossier-plan': ['GET', async () => `/api/departments/${deptId}/dossier-plan?year=2026`, undefined, [401, 404, 200, 200, 200]],
  'PUT /api/departments/:id/dossier-plan': ['PUT', async () => `/api/departments/${deptId}/dossier-plan?year=2031`, { items: [] }, [401, 404, 403, 200, 200]],
  'GET /api/departments/:id/history': ['GET', async () => `/api/departments/${deptId}/history`, undefined, [401, 403, 403, 403, 200]],
  'POST /api/departments/:id/dissolve (unknown successor)': ['POST', async () => `/api/departments/${deptId}/dissolve`, { successor: '00000000-0000-4000-8000-000000000000' }, [401, 403, 403, 403, 400]],
};

describe('issue 11 permission matrix', { timeout: 120_000 }, () => {
  for (const [name, [method, path, body, statuses]] of Object.entries(rows)) {
    it(name, async () => {
      const got: number[] = [];
      for (const role of roles) {
        const cookie = role === 'anonymous' ? undefined : people[role].cookie;
        got.push((await call(server, method, await path(), { cookie, body })).status);
      }
      expect(got).toEqual(statuses);
    });
  }
});
