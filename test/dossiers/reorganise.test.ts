/**
 * Issue 11, "what it must show" 2: merging and dissolving departments that hold dossiers, annual
 * lists, drafts, consultation rounds and records; afterwards every item is reachable by the right people, the history
 * says what moved where, and every record still verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { makeDepartment, makeDocument, makeUser } from '../support/factories';
import { call } from '../api/http';
import { paragraphs, setContent } from '../records/content';
import { inSeconds, rounds } from '../rounds/setup';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.stop());

describe('reorganisation without loss', { timeout: 180_000 }, () => {
  it('merges and dissolves departments; dossiers, lists, drafts and records stay reachable and verify', async () => {
    const db = server.database.db;
    const commune = await makeDepartment(db, 'Xã An Bình');
    const neighbour = await makeDepartment(db, 'Xã An Phú');
    const district = await makeDepartment(db, 'Phường Trung Tâm');
    const admin = await makeUser(db, { isAdmin: true, departmentIds: [district.id] });
    const communeStaff = await makeUser(db, { departmentIds: [commune.id], leaderOf: [commune.id] } as never);
    const neighbourStaff = await makeUser(db, { departmentIds: [neighbour.id] });
    const districtStaff = await makeUser(db, { departmentIds: [district.id] });

    // Each commune has a list, a dossier and a frozen draft filed in it.
    const setUp = async (dept: { id: string }, user: typeof communeStaff, notation: string) => {
      expect((await call(server, 'PUT', `/api/departments/${dept.id}/dossier-plan?year=2026`, { cookie: admin.cookie, body: { items: [{ notation: 'HS-01', title: `Kế hoạch ${notation}`, retention: '10' }] } })).status).toBe(200);
      const dossier = (await call(server, 'POST', '/api/dossiers', { cookie: user.cookie, body: { department: dept.id, year: 2026, notation, title: `Hồ sơ ${notation}`, retention: '10' } })).body.dossier;
      const doc = await makeDocument(db, user, `Dự thảo ${notation}`);
      await setContent(server.collab, doc.id, paragraphs(`Nội dung ${notation}`));
      const seq = (await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: user.cookie, body: { label: 'v1' } })).body.version.seq;
      expect((await call(server, 'POST', `/api/dossiers/${dossier.id}/records`, { cookie: user.cookie, body: { seq } })).status).toBe(201);
      return { dossier, doc, seq };
    };
    const a = await setUp(commune, communeStaff, 'AB-1');
    const b = await setUp(neighbour, neighbourStaff, 'AP-1');
    // A round still open asks the neighbour commune (lead) and the district for their opinion.
    const r = rounds(server);
    const opened = await r.open(communeStaff, a.doc.id, {
      title: 'Lấy ý kiến lần 1', request: 'Đề nghị góp ý', deadline: inSeconds(3600),
      departments: [{ department: neighbour.id, role: 'lead' }, { department: district.id, role: 'cooperating' }],
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.round.id;

    // Dissolving needs a successor.
    expect((await call(server, 'POST', `/api/departments/${neighbour.id}/dissolve`, { cookie: admin.cookie, body: {} })).status).toBe(400);
    expect((await call(server, 'POST', `/api/departments/${neighbour.id}/dissolve`, { cookie: districtStaff.cookie, body: { successor: district.id } })).status).toBe(403);
    const dissolved = await call(server, 'POST', `/api/departments/${neighbour.id}/dissolve`, { cookie: admin.cookie, body: { successor: district.id } });
    expect(dissolved.status).toBe(200);
    expect(dissolved.body.moved).toMatchObject({ dossiers: 1, dossierPlanItems: 1, drafts: 1 });
    // The district succeeds the neighbour in the open round: one row, as lead, and it can answer.
    const round = (await r.get(admin, roundId)).body.round;
    expect(round.departments.map((d: { department: { id: string }; role: string }) => [d.department.id, d.role])).toEqual([[district.id, 'lead']]);
    expect((await r.respond(districtStaff, roundId, { department: district.id, position: 'agree', summary: 'Nhất trí' })).status).toBe(201);
    // The dissolved commune's former staff (memberships ended) no longer see the round at all.
    expect((await r.respond(neighbourStaff, roundId, { department: neighbour.id, position: 'agree', summary: 'Nhất trí' })).status).toBe(404);
    // Merge the other commune into the district (members move with it).
    expect((await call(server, 'PATCH', `/api/departments/${commune.id}`, { cookie: admin.cookie, body: { mergeInto: district.id } })).status).toBe(200);

    // The district's staff now reach both dossiers, both drafts and both records.
    for (const x of [a, b]) {
      const seen = await call(server, 'GET', `/api/dossiers/${x.dossier.id}`, { cookie: districtStaff.cookie });
      expect(seen.status).toBe(200);
      expect(seen.body.dossier.departmentId).toBe(district.id);
      expect(seen.body.records).toEqual([expect.objectContaining({ seq: x.seq, title: x.doc.title })]);
      expect((await call(server, 'GET', `/api/documents/${x.doc.id}`, { cookie: districtStaff.cookie })).status).toBe(200);
      const verified = await call(server, 'GET', `/api/records/${x.seq}/verify`, { cookie: districtStaff.cookie });
      expect(verified.body.ok).toBe(true);
    }
    // Creators keep their drafts; the merged commune's staff moved with it.
    expect((await call(server, 'GET', `/api/documents/${b.doc.id}`, { cookie: neighbourStaff.cookie })).status).toBe(200);
    expect((await call(server, 'GET', `/api/dossiers/${a.dossier.id}`, { cookie: communeStaff.cookie })).status).toBe(200);
    // Annual lists moved too.
    const plan = await call(server, 'GET', `/api/departments/${district.id}/dossier-plan?year=2026`, { cookie: districtStaff.cookie });
    expect(plan.body.items).toHaveLength(2);
    // History says what moved where.
    const history = await call(server, 'GET', `/api/departments/${district.id}/history`, { cookie: admin.cookie });
    expect(history.body.events.map((e: { event: string; otherDepartment: { id: string } }) => [e.event, e.otherDepartment.id]).sort()).toEqual(
      [['received_dissolved', neighbour.id], ['received_merger', commune.id]].sort(),
    );
    const gone = await call(server, 'GET', `/api/departments/${neighbour.id}/history`, { cookie: admin.cookie });
    expect(gone.body.events[0]).toMatchObject({ event: 'dissolved_into', otherDepartment: { id: district.id }, moved: expect.objectContaining({ dossiers: 1 }) });
  });
});
