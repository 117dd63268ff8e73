/**
 * Departments: create, rename, merge. Reorganising must never break a grant: after a rename or a
 * merge, everyone who could reach a document still can, at least at the same level.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, documentGrants } from '../../server/db/schema';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
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

describe('departments', () => {
  it('creates departments with unique names (ignoring case) and lists them with member counts', async () => {
    const created = await asAdmin('POST', '/api/departments', { name: '  Planning  ' });
    expect(created.status).toBe(201);
    expect(created.body.department).toEqual({ id: expect.any(String), name: 'Planning' });
    const duplicate = await asAdmin('POST', '/api/departments', { name: 'PLANNING' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toContain('PLANNING');
    const invalid = await asAdmin('POST', '/api/departments', { name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details[0].path).toBe('name');

    await makeUser(server.database.db, { departmentIds: [created.body.department.id] });
    const list = await asAdmin('GET', '/api/departments');
    expect(list.body.departments).toContainEqual(expect.objectContaining({ id: created.body.department.id, name: 'Planning', memberCount: 1 }));
  });

  it('renames a department; its grants and members follow the id', async () => {
    const db = server.database.db;
    const dept = await makeDepartment(db, 'Old name');
    const member = await makeUser(db, { departmentIds: [dept.id] });
    const owner = await makeUser(db);
    const doc = await makeDocument(db, owner);
    await grant(db, doc.id, { departmentId: dept.id }, 'comment');

    const renamed = await asAdmin('PATCH', `/api/departments/${dept.id}`, { name: 'New name' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.department).toEqual({ id: dept.id, name: 'New name' });
    const access = await call(server, 'GET', `/api/documents/${doc.id}/access`, { cookie: owner.cookie });
    expect(access.body.grants).toContainEqual({ department: { id: dept.id, name: 'New name' }, level: 'comment' });
    const seen = await call(server, 'GET', `/api/documents/${doc.id}`, { cookie: member.cookie });
    expect([seen.status, seen.body.access]).toEqual([200, 'comment']);
    expect((await call(server, 'GET', '/api/auth/me', { cookie: member.cookie })).body.user.departments).toEqual([{ id: dept.id, name: 'New name', role: 'member' }]);
  });

  it('refuses a rename onto another department’s name, of an unknown department, and a body with both fields', async () => {
    const a = await makeDepartment(server.database.db, 'Alpha unit');
    await makeDepartment(server.database.db, 'Beta unit');
    expect((await asAdmin('PATCH', `/api/departments/${a.id}`, { name: 'beta UNIT' })).status).toBe(409);
    expect((await asAdmin('PATCH', `/api/departments/${a.id}`, { name: 'ALPHA unit' })).status).toBe(200); // its own name, recased
    expect((await asAdmin('PATCH', '/api/departments/6f1c2e1a-0000-4000-8000-000000000000', { name: 'X' })).status).toBe(404);
    const both = await asAdmin('PATCH', `/api/departments/${a.id}`, { name: 'X', mergeInto: a.id });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('validation_failed');
  });
});

describe('merging departments', () => {
  it('moves members, grants (keeping the higher level) and owned documents; nobody loses access', async () => {
    const db = server.database.db;
    const source = await makeDepartment(db, 'District A office');
    const target = await makeDepartment(db, 'District office');
    const earlier = await makeDepartment(db, 'Commune office'); // merged into the source before
    const outside = await makeDepartment(db);
    const sourceMember = await makeUser(db, { departmentIds: [source.id] });
    const bothMember = await makeUser(db, { departmentIds: [source.id, target.id] });
    const targetMember = await makeUser(db, { departmentIds: [target.id] });
    const stranger = await makeUser(db, { departmentIds: [outside.id] });
    expect((await asAdmin('PATCH', `/api/departments/${earlier.id}`, { mergeInto: source.id })).status).toBe(200);

    const sourceHigher = await makeDocument(db, stranger, 'Source had edit');
    await grant(db, sourceHigher.id, { departmentId: source.id }, 'edit');
    await grant(db, sourceHigher.id, { departmentId: target.id }, 'view');
    const targetHigher = await makeDocument(db, stranger, 'Target had comment');
    await grant(db, targetHigher.id, { departmentId: source.id }, 'view');
    await grant(db, targetHigher.id, { departmentId: target.id }, 'comment');
    const onlySource = await makeDocument(db, stranger, 'Only the source');
    await grant(db, onlySource.id, { departmentId: source.id }, 'comment');
    const ownedBySource = await makeDocument(db, sourceMember, 'Owned by the source');

    const merged = await asAdmin('PATCH', `/api/departments/${source.id}`, { mergeInto: target.id });
    expect(merged.status).toBe(200);
    expect(merged.body.department).toEqual({ id: target.id, name: 'District office' });

    // The merged department is gone from every list, and so is the one merged into it before.
    const listed = (await asAdmin('GET', '/api/departments')).body.departments.map((d: { id: string }) => d.id);
    expect(listed).toContain(target.id);
    expect(listed).not.toContain(source.id);
    expect(listed).not.toContain(earlier.id);
    const directory = (await call(server, 'GET', '/api/directory', { cookie: stranger.cookie })).body;
    expect(directory.departments.map((d: { id: string }) => d.id)).not.toContain(source.id);
    const rows = await db.select({ id: departments.id, mergedInto: departments.mergedInto }).from(departments).where(inArray(departments.id, [source.id, earlier.id]));
    expect(rows.map((r) => r.mergedInto)).toEqual([target.id, target.id]);

    // Members moved (one membership for someone in both).
    for (const user of [sourceMember, bothMember]) {
      const me = await call(server, 'GET', '/api/auth/me', { cookie: user.cookie });
      expect(me.body.user.departments).toEqual([{ id: target.id, name: 'District office', role: 'member' }]);
    }

    // Grants: the higher level wins; no grant names the merged department any more.
    const levelOf = async (docId: string) =>
      (await call(server, 'GET', `/api/documents/${docId}/access`, { cookie: stranger.cookie })).body.grants;
    expect(await levelOf(sourceHigher.id)).toContainEqual({ department: { id: target.id, name: 'District office' }, level: 'edit' });
    expect(await levelOf(targetHigher.id)).toContainEqual({ department: { id: target.id, name: 'District office' }, level: 'comment' });
    expect(await levelOf(onlySource.id)).toContainEqual({ department: { id: target.id, name: 'District office' }, level: 'comment' });
    expect(await db.select().from(documentGrants).where(eq(documentGrants.departmentId, source.id))).toEqual([]);

    // Everyone who could reach a document still can, at least at the same level.
    const accessOf = async (user: TestUser, docId: string) => {
      const res = await call(server, 'GET', `/api/documents/${docId}`, { cookie: user.cookie });
      return res.status === 200 ? res.body.access : res.status;
    };
    expect(await accessOf(sourceMember, sourceHigher.id)).toBe('edit');
    expect(await accessOf(sourceMember, targetHigher.id)).toBe('comment');
    expect(await accessOf(sourceMember, onlySource.id)).toBe('comment');
    expect(await accessOf(targetMember, onlySource.id)).toBe('comment');
    expect(await accessOf(targetMember, ownedBySource.id)).toBe('edit');

    const owned = await call(server, 'GET', `/api/documents/${ownedBySource.id}`, { cookie: sourceMember.cookie });
    expect(owned.body.department).toEqual({ id: target.id, name: 'District office' });
    expect(owned.body.departmentId).toBe(target.id);
  });

  it('makes a merged department unassignable and refuses impossible merges', async () => {
    const db = server.database.db;
    const source = await makeDepartment(db);
    const target = await makeDepartment(db);
    const owner = await makeUser(db);
    const doc = await makeDocument(db, owner);
    expect((await asAdmin('PATCH', `/api/departments/${source.id}`, { mergeInto: source.id })).status).toBe(400);
    expect((await asAdmin('PATCH', `/api/departments/${source.id}`, { mergeInto: '6f1c2e1a-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await asAdmin('PATCH', `/api/departments/${source.id}`, { mergeInto: target.id })).status).toBe(200);

    expect((await asAdmin('PATCH', `/api/departments/${source.id}`, { mergeInto: target.id })).status).toBe(404);
    expect((await asAdmin('PATCH', `/api/departments/${source.id}`, { name: 'Revived' })).status).toBe(404);
    const intoMerged = await asAdmin('PATCH', `/api/departments/${target.id}`, { mergeInto: source.id });
    expect([intoMerged.status, intoMerged.body.error.message]).toEqual([400, expect.stringContaining('mergeInto')]);

    const user = await asAdmin('POST', '/api/users', { email: 'late@example.org', name: 'Late', password: 'long enough', departmentIds: [source.id] });
    expect([user.status, user.body.error.details[0].path]).toEqual([400, 'departmentIds.0']);
    const share = await call(server, 'PUT', `/api/documents/${doc.id}/access`, { cookie: owner.cookie, body: { grants: [{ department: source.id, level: 'view' }] } });
    expect([share.status, share.body.error.details[0].path]).toEqual([400, 'grants.0.department']);
  });
});
