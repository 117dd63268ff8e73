/**
 * Ledger event entries (v2) beside version entries: one gap-free sequence, bundles that verify
 * offline with only the JWKS, access by the record policy, and `verify` over the ledger catching a
 * body changed behind the triggers' back. Kind checks run in every verifier. The kinds here are
 * `test.*`: real kinds (round.opened, document.issued…) have their own checks, tested with them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../../server/records/append-event';
import { createSigner } from '../../server/records/signer';
import { verifyLedger } from '../../server/records/verify-ledger';
import { kindChecks, verifyBundle, type Jwks } from '../../shared/records';
import { makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { call } from '../api/http';

let server: TestServer;
let owner: TestUser;
let outsider: TestUser;
let clerk: TestUser;
let jwks: Jwks;

const recordedBy = (u: TestUser) => ({ id: u.id, name: u.name, department: u.departments[0] ? { id: u.departments[0].id, name: u.departments[0].name } : null });

async function appendTestEvent(input: { kind: string; documentId: string | null; body: Record<string, unknown>; by: TestUser }) {
  const db = server.database.db;
  const key = await createSigner(db, server.config).current();
  return db.transaction((tx) =>
    appendEvent(tx, { kind: input.kind, documentId: input.documentId, subjectId: 'subject-1', title: `Event ${input.kind}`, body: input.body, recordedBy: recordedBy(input.by), key }),
  );
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  owner = await makeUser(db);
  outsider = await makeUser(db);
  clerk = await makeUser(db, { isClerk: true });
  // The agency key exists from the first freeze or event; make sure it does before reading the JWKS.
  await createSigner(db, server.config).current();
  jwks = (await call(server, 'GET', '/.well-known/jwks.json')).body;
});
afterAll(() => server.stop());

describe('ledger event entries', () => {
  it('interleave with versions in one gap-free sequence and verify offline', async () => {
    const doc = await makeDocument(server.database.db, owner, 'Quyết định phê duyệt');
    const frozen = await call(server, 'POST', `/api/documents/${doc.id}/versions`, { cookie: owner.cookie, body: { label: 'Bản 1' } });
    expect(frozen.status).toBe(201);
    const about = await appendTestEvent({ kind: 'test.opened', documentId: doc.id, body: { round: 'r1', departments: ['Tài chính', 'Pháp chế'] }, by: owner });
    const agencyWide = await appendTestEvent({ kind: 'test.anchor', documentId: null, body: { head: 'ab'.repeat(32) }, by: clerk });
    expect([frozen.body.version.seq + 1, frozen.body.version.seq + 2]).toEqual([about.entry.seq, agencyWide.entry.seq]);

    const bundle = await call(server, 'GET', `/api/records/${about.entry.seq}/bundle`, { cookie: owner.cookie });
    expect(bundle.status).toBe(200);
    expect(bundle.body).toMatchObject({ format: 'codraft.event-bundle', v: 1, entry: { v: 2, kind: 'test.opened', documentId: doc.id }, body: { round: 'r1' } });
    const report = await verifyBundle(bundle.body, jwks);
    expect(report).toMatchObject({ ok: true, seq: about.entry.seq, kind: 'test.opened' });
    expect(report.checks.map((c) => c.check)).toEqual(['format', 'signature', 'bodyHash', 'inclusion', 'treeHeadSignature']);

    // The server's own check agrees.
    const served = await call(server, 'GET', `/api/records/${about.entry.seq}/verify`, { cookie: owner.cookie });
    expect(served.body.ok).toBe(true);

    // A changed body, a changed entry, a bundle of the wrong shape: each fails and says why.
    const body = structuredClone(bundle.body);
    body.body.departments[1] = 'Nội vụ';
    const changed = await verifyBundle(body, jwks);
    expect(changed.ok).toBe(false);
    expect(changed.checks.find((c) => c.check === 'bodyHash')).toMatchObject({ status: 'fail' });
    const retitled = structuredClone(bundle.body);
    retitled.entry.title = 'Something else';
    expect((await verifyBundle(retitled, jwks)).checks.filter((c) => c.status === 'fail').map((c) => c.check)).toEqual(['signature', 'inclusion']);
    const broken = await verifyBundle({ ...bundle.body, body: 'text' }, jwks);
    expect(broken.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
  });

  it('follow the record policy: the draft’s viewers for a draft’s event, admins and clerks for agency-wide ones', async () => {
    const doc = await makeDocument(server.database.db, owner);
    const about = await appendTestEvent({ kind: 'test.closed', documentId: doc.id, body: { n: 1 }, by: owner });
    const agencyWide = await appendTestEvent({ kind: 'test.anchor', documentId: null, body: { n: 2 }, by: clerk });
    const status = async (seq: number, who?: TestUser) => (await call(server, 'GET', `/api/records/${seq}/bundle`, { cookie: who?.cookie })).status;
    expect(await status(about.entry.seq, owner)).toBe(200);
    expect(await status(about.entry.seq, outsider)).toBe(404);
    expect(await status(about.entry.seq)).toBe(401);
    expect(await status(agencyWide.entry.seq, clerk)).toBe(200);
    expect(await status(agencyWide.entry.seq, owner)).toBe(404);
  });

  it('run kind-specific checks in every verifier', async () => {
    kindChecks['test.numbered'] = async (body) => [{ check: 'positive', ok: Number(body.n) > 0, detail: `n is ${String(body.n)}` }];
    try {
      const good = await appendTestEvent({ kind: 'test.numbered', documentId: null, body: { n: 3 }, by: clerk });
      const bad = await appendTestEvent({ kind: 'test.numbered', documentId: null, body: { n: -1 }, by: clerk });
      const fetch = async (seq: number) => (await call(server, 'GET', `/api/records/${seq}/bundle`, { cookie: clerk.cookie })).body;
      expect((await verifyBundle(await fetch(good.entry.seq), jwks)).ok).toBe(true);
      const failed = await verifyBundle(await fetch(bad.entry.seq), jwks);
      expect(failed.checks.filter((c) => c.status === 'fail')).toEqual([{ check: 'kind', status: 'fail', detail: 'positive: n is -1' }]);
      const ledger = await verifyLedger(server.database.db);
      expect(ledger.problems).toEqual([expect.objectContaining({ seq: bad.entry.seq, check: 'kind:positive' })]);
    } finally {
      delete kindChecks['test.numbered'];
    }
  });

  it('are checked by codraft verify over the ledger: a body changed behind the triggers is caught', async () => {
    const db = server.database.db;
    expect((await verifyLedger(db)).ok).toBe(true);
    const victim = await appendTestEvent({ kind: 'test.handover', documentId: null, body: { files: 3 }, by: clerk });
    const stored = await db.execute(sql`select body from ledger_entries where seq = ${victim.entry.seq}`);
    const originalBody = (Array.isArray(stored) ? stored : (stored as unknown as { rows: { body: unknown }[] }).rows)[0]!.body;
    // A superuser disables the append-only triggers and rewrites the body.
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table ledger_entries disable trigger user`);
      await tx.execute(sql`update ledger_entries set body = ${'{"files":4}'} where seq = ${victim.entry.seq}`);
      await tx.execute(sql`alter table ledger_entries enable trigger user`);
    });
    try {
      const report = await verifyLedger(db);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([expect.objectContaining({ seq: victim.entry.seq, check: 'body-hash' })]);
    } finally {
      // Put the body back, so the tests that run after this one (any order) find an intact ledger.
      await db.transaction(async (tx) => {
        await tx.execute(sql`alter table ledger_entries disable trigger user`);
        await tx.execute(sql`update ledger_entries set body = ${typeof originalBody === 'string' ? originalBody : JSON.stringify(originalBody)} where seq = ${victim.entry.seq}`);
        await tx.execute(sql`alter table ledger_entries enable trigger user`);
      });
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
