/**
 * Issue 11, "what it must show" 4: the listed actions appear in the audit trail with actor, time,
 * address and outcome; only administrators (and clerks, for records) browse it; and a superuser
 * who alters, deletes or rewrites audit rows behind the triggers' back is caught by the verifier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../support/server';
import { makeDepartment, makeUser, type TestUser } from '../support/factories';
import { call, sessionCookieFrom } from '../api/http';
import { verifyAuditTrail } from '../../server/audit/verify-chain';
import { anchorAudit } from '../../server/audit/anchor';
import { auditHash } from '../../server/audit/chain';
import { createSigner } from '../../server/records/signer';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const dept = await makeDepartment(db);
  admin = await makeUser(db, { isAdmin: true, departmentIds: [dept.id] });
  member = await makeUser(db, { departmentIds: [dept.id] });
}, 120_000);
afterAll(() => server?.stop());

const ua = { 'user-agent': 'audit-test/1.0' };

describe('audit trail', { timeout: 120_000 }, () => {
  it('records sign-in, failed sign-in, documents, freeze, download, admin and sign-out with actor, address and outcome', async () => {
    const failed = await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: 'wrong password!' }, headers: ua });
    expect(failed.status).toBe(401);
    const login = await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: member.password }, headers: ua });
    expect(login.status).toBe(200);
    const cookie = sessionCookieFrom(login.headers)!;
    const doc = await call(server, 'POST', '/api/documents', { cookie, body: { title: 'Kế hoạch' }, headers: ua });
    expect(doc.status).toBe(201);
    expect((await call(server, 'PATCH', `/api/documents/${doc.body.id}`, { cookie, body: { title: 'Kế hoạch năm' } })).status).toBe(200);
    expect((await call(server, 'PUT', `/api/documents/${doc.body.id}/access`, { cookie, body: { grants: [] } })).status).toBe(200);
    const frozen = await call(server, 'POST', `/api/documents/${doc.body.id}/versions`, { cookie, body: { label: 'v1' } });
    expect(frozen.status).toBe(201);
    const seq = frozen.body.entry?.seq ?? frozen.body.version?.seq ?? frozen.body.seq;
    expect((await call(server, 'GET', `/api/records/${seq}/bundle`, { cookie })).status).toBe(200);
    expect((await call(server, 'POST', '/api/departments', { cookie, body: { name: 'Nope' } })).status).toBe(403);
    expect((await call(server, 'POST', '/api/departments', { cookie: admin.cookie, body: { name: `Phòng ${Date.now()}` } })).status).toBe(201);
    expect((await call(server, 'POST', '/api/auth/logout', { cookie })).status).toBe(204);

    const { status, body } = await call(server, 'GET', '/api/audit?limit=100', { cookie: admin.cookie });
    expect(status).toBe(200);
    const events = body.events as any[];
    const find = (action: string, outcome = 'success') => events.find((e) => e.action === action && e.outcome === outcome);
    expect(find('auth.sign_in', 'denied')).toMatchObject({ actorId: null, details: { email: member.email.toLowerCase() }, userAgent: 'audit-test/1.0' });
    expect(find('auth.sign_in')).toMatchObject({ actorId: member.id, actorName: member.name, ip: expect.stringMatching(/127\.0\.0\.1/) });
    expect(find('document.create')).toMatchObject({ actorId: member.id, objectType: 'document', objectId: doc.body.id });
    expect(find('document.title')).toMatchObject({ objectId: doc.body.id, details: { title: 'Kế hoạch năm' } });
    expect(find('document.access')).toMatchObject({ objectId: doc.body.id });
    expect(find('document.freeze')).toMatchObject({ objectId: doc.body.id });
    expect(find('record.download')).toMatchObject({ objectId: String(seq), actorId: member.id });
    expect(find('department.create', 'denied')).toMatchObject({ actorId: member.id });
    expect(find('department.create')).toMatchObject({ actorId: admin.id });
    expect(find('auth.sign_out')).toMatchObject({ actorId: member.id });
    for (const e of events) expect(Date.parse(e.occurredAt)).toBeGreaterThan(Date.now() - 600_000);

    // Filters and paging.
    const onlyDoc = await call(server, 'GET', `/api/audit?objectType=document&objectId=${doc.body.id}`, { cookie: admin.cookie });
    expect(onlyDoc.body.events.length).toBe(4);
    const page = await call(server, 'GET', '/api/audit?limit=2', { cookie: admin.cookie });
    expect(page.body.events).toHaveLength(2);
    const next = await call(server, 'GET', `/api/audit?limit=2&before=${page.body.nextBefore}`, { cookie: admin.cookie });
    expect(next.body.events[0].seq).toBe(page.body.events[1].seq - 1);
  });

  it('lets only administrators browse everything and clerks the records part; exports CSV', async () => {
    expect((await call(server, 'GET', '/api/audit')).status).toBe(401);
    expect((await call(server, 'GET', '/api/audit', { cookie: member.cookie })).status).toBe(403);
    expect((await call(server, 'GET', '/api/audit.csv', { cookie: member.cookie })).status).toBe(403);
    // Its own events (this test runs alone with -t): a freeze (records part) and sign-ins (not).
    const doc = await call(server, 'POST', '/api/documents', { cookie: member.cookie, body: { title: 'Tờ trình' } });
    expect((await call(server, 'POST', `/api/documents/${doc.body.id}/versions`, { cookie: member.cookie, body: { label: 'v1' } })).status).toBe(201);
    expect((await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(200);
    expect((await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: 'not the password' } })).status).toBe(401);
    const clerk = await makeUser(server.database.db, { isClerk: true });
    const seen = await call(server, 'GET', '/api/audit', { cookie: clerk.cookie });
    expect(seen.status).toBe(200);
    expect(seen.body.events.length).toBeGreaterThan(0);
    for (const e of seen.body.events) expect(e.action).toMatch(/^(record\.|document\.freeze|document\.issue|dossier\.|register\.|document_type\.|audit\.)/);
    // The records part includes the freeze and nothing about sign-ins.
    expect(seen.body.events.map((e: { action: string }) => e.action)).toContain('document.freeze');
    const res = await fetch(`${server.url}/api/audit.csv?action=auth.`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,occurredAt,action,outcome,actorId,actorName,objectType,objectId,ip,userAgent,details,hash');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => /,auth\./.test(l))).toBe(true);
  });

  it('detects an altered, a deleted and a rewritten audit row (triggers disabled by the owner/superuser)', async () => {
    const db = server.database.db;
    // Events of its own to anchor and tamper with (this test may run first, or alone with -t).
    for (let i = 0; i < 2; i++) {
      expect((await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: 'not the password' } })).status).toBe(401);
      expect((await call(server, 'POST', '/api/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(200);
    }
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true });
    const key = await createSigner(db, server.config).current();
    const anchored = await db.transaction((tx) => anchorAudit(tx, key, 'test'));
    expect(anchored?.entry.kind).toBe('audit.anchor');
    expect(await db.transaction((tx) => anchorAudit(tx, key, 'test'))).toBeNull(); // nothing new
    const clean = await verifyAuditTrail(db);
    expect(clean).toMatchObject({ ok: true, anchors: 1 });

    const behindTriggers = async (statement: ReturnType<typeof sql>) => {
      await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      try {
        await db.execute(statement);
      } finally {
        await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      }
    };
    const rowsOf = async () => (await db.execute(sql`select seq, outcome, prev_hash from audit_events order by seq`)) as any;
    const rows = (r: any) => (Array.isArray(r) ? r : r.rows) as { seq: number | string; outcome: string }[];

    // Altered: someone turns a refused sign-in into a success.
    const original = rows(await rowsOf()).find((r) => Number(r.seq) === 1)!.outcome;
    await behindTriggers(sql`update audit_events set outcome = ${original === 'success' ? 'denied' : 'success'} where seq = 1`);
    let report = await verifyAuditTrail(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ subject: 'audit event 1', check: 'hash' })]);
    await behindTriggers(sql`update audit_events set outcome = ${original} where seq = 1`);
    expect((await verifyAuditTrail(db)).ok).toBe(true);

    // Deleted: a row in the middle disappears.
    await behindTriggers(sql`create table audit_backup as select * from audit_events where seq = 3`);
    await behindTriggers(sql`delete from audit_events where seq = 3`);
    report = await verifyAuditTrail(db);
    expect(report.problems).toContainEqual(expect.objectContaining({ subject: 'audit event 4', check: 'sequence' }));
    await db.execute(sql`insert into audit_events select * from audit_backup`);
    expect((await verifyAuditTrail(db)).ok).toBe(true);

    // Rewritten: row 2 changed and every later hash recomputed, so the chain itself is consistent;
    // the signed anchor in the ledger no longer matches.
    const all = await db.execute(sql`select * from audit_events order by seq`);
    const list = (Array.isArray(all) ? all : (all as any).rows) as any[];
    let prev = '';
    await behindTriggers(sql`select 1`);
    await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    try {
      for (const row of list) {
        const seqNo = Number(row.seq);
        const fields = {
          seq: seqNo,
          occurredAt: new Date(row.occurred_at).toISOString(),
          action: seqNo === 2 ? 'auth.sign_out' : row.action,
          actorId: row.actor_id,
          objectType: row.object_type,
          objectId: row.object_id,
          outcome: row.outcome,
          details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
          ip: row.ip,
          userAgent: row.user_agent,
        };
        const hash = auditHash(prev, fields);
        await db.execute(sql`update audit_events set action = ${fields.action}, prev_hash = ${prev}, hash = ${hash} where seq = ${seqNo}`);
        prev = hash;
      }
    } finally {
      await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    }
    report = await verifyAuditTrail(db);
    expect(report.problems.filter((p) => p.check !== 'anchor')).toEqual([]);
    expect(report.problems).toContainEqual(expect.objectContaining({ check: 'anchor', detail: expect.stringMatching(/rewritten/) }));

    // Tail deleted: the anchored row itself is gone.
    const anchoredSeq = Number(anchored!.entry.subjectId);
    await behindTriggers(sql`delete from audit_events where seq >= ${anchoredSeq}`);
    report = await verifyAuditTrail(db);
    expect(report.problems).toContainEqual(expect.objectContaining({ check: 'anchor', detail: expect.stringMatching(/deleted/) }));
  });
});
