/**
 * Archiving a draft (issue 15, item 7): "delete" hides it from the default list and lists it
 * under ?archived=true, restore brings it back, and its frozen record entries are untouched
 * (same ledger, bundle still served and verifiable). Every archive is in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DocumentDto } from '../../shared/api';
import { auditEvents } from '../../server/db/schema';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from './http';

describe('archiving drafts', () => {
  let server: TestServer;
  let owner: TestUser;
  let colleague: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const office = await makeDepartment(db, 'Văn phòng');
    owner = await makeUser(db, { departmentIds: [office.id] });
    colleague = await makeUser(db, { departmentIds: [office.id] });
  });
  afterAll(() => server?.stop());

  const titles = async (user: TestUser, query = '') =>
    (await call<{ documents: DocumentDto[] }>(server, 'GET', `/api/documents${query}`, { cookie: user.cookie })).body.documents.map((d) => d.title);

  it('hides an archived draft from the default list, lists it under the filter, and restores it; records stay', async () => {
    const doc = await makeDocument(server.database.db, owner, 'Kế hoạch cũ cần lưu trữ');
    const frozen = await call<{ version: { seq: number } }>(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: owner.cookie, body: { label: 'Bản 1' } });
    expect(frozen.status).toBe(201);
    const before = await call<Record<string, unknown>>(server, 'GET', `/api/records/${frozen.body.version.seq}/bundle`, { cookie: owner.cookie });
    expect(before.status).toBe(200);

    const archived = await call<DocumentDto>(server, 'POST', `/api/documents/${doc.id}/archive`, { cookie: owner.cookie });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(await titles(owner)).not.toContain(doc.title);
    expect(await titles(colleague)).not.toContain(doc.title);
    expect(await titles(owner, '?archived=true')).toContain(doc.title);
    expect(await titles(colleague, '?archived=true')).toContain(doc.title);

    // The colleague (edit through the department) may not archive or restore: only creator and admins.
    expect((await call(server, 'POST', `/api/documents/${doc.id}/unarchive`, { cookie: colleague.cookie })).status).toBe(403);

    // The record entry is exactly as before.
    const after = await call<Record<string, unknown>>(server, 'GET', `/api/records/${frozen.body.version.seq}/bundle`, { cookie: owner.cookie });
    expect(after.body).toEqual(before.body);

    const restored = await call<DocumentDto>(server, 'POST', `/api/documents/${doc.id}/unarchive`, { cookie: owner.cookie });
    expect(restored.body.archivedAt).toBeNull();
    expect(await titles(owner)).toContain(doc.title);
    expect(await titles(owner, '?archived=true')).not.toContain(doc.title);

    const trail = await server.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, doc.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['document.archive', 'document.unarchive']));
  });

  it('refuses a bad filter value with a 400 naming the field', async () => {
    const answer = await call<{ error: { code: string; details: { path: string }[] } }>(server, 'GET', '/api/documents?archived=maybe', { cookie: owner.cookie });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0]?.path).toBe('archived');
  });
});
