/**
 * Issue 8, "what it must show" 4: freezing a draft with open and resolved threads (comments and an
 * annotation, one comment deleted) keeps a canonical snapshot of them with the record; the bundle's
 * snapshot verifies offline (shared verifyBundle against the published JWKS); changing one
 * comment's text in the bundle fails verification; an entry frozen the old way (no threadsSha256)
 * still verifies; `codraft verify` checks the stored snapshot and catches one changed behind the
 * append-only triggers.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordContents, yjsStateToDb } from '../../server/db/schema';
import { appendEntry } from '../../server/records/append';
import { createSigner } from '../../server/records/signer';
import { verifyLedger } from '../../server/records/verify-ledger';
import { contentFromYjsState } from '../../shared/records/derive';
import { sha256Hex } from '../../shared/records';
import { verifyBundle } from '../../shared/records/verify-bundle';
import type { Jwks } from '../../shared/records/jws';
import { call } from '../api/http';
import { startTestServer, type TestServer } from '../support/server';
import { api, makeScenario, writeDraft, type Scenario } from './setup';

let server: TestServer;
let s: Scenario;
let jwks: Jwks;

beforeAll(async () => {
  server = await startTestServer();
  s = await makeScenario(server);
  const writer = await writeDraft(server, s.documentId, s.owner, ['Điều 1. Phạm vi điều chỉnh của quy chế.', 'Điều 2. Thời hạn lưu trữ hồ sơ là 10 năm.']);
  writer.destroy();
  const a = api(server);
  const open = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Thời hạn có đúng không?', anchor: { exact: 'Thời hạn lưu trữ hồ sơ là 10 năm' } });
  await a.reply(s.owner, open.body.thread.id, { body: 'Theo Thông tư, đúng.' });
  const resolved = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Sửa tiêu đề', anchor: { exact: 'Phạm vi điều chỉnh' } });
  const withdrawn = await a.reply(s.commenter, resolved.body.thread.id, { body: 'Bỏ qua ý này' });
  await a.remove(s.commenter, withdrawn.body.commentId);
  await a.setState(s.owner, resolved.body.thread.id, 'resolved');
  await a.create(s.leader, s.documentId, { kind: 'annotation', body: 'Đồng ý ban hành.', anchor: { document: true } });
  jwks = (await call(server, 'GET', '/.well-known/jwks.json')).body;
});
afterAll(() => server?.stop());

const freeze = async (label: string) => {
  const res = await call(server, 'POST', `/api/documents/${s.documentId}/versions`, { cookie: s.owner.cookie, body: { label } });
  expect(res.status).toBe(201);
  return res.body.record.entry as { seq: number; threadsSha256?: string };
};
const bundleOf = async (seq: number) => {
  const res = await call(server, 'GET', `/api/records/${seq}/bundle`, { cookie: s.viewer.cookie });
  expect(res.status).toBe(200);
  return res.body;
};

describe('threads frozen with a record', () => {
  it('are snapshotted, hashed into the entry and verified offline; a changed comment fails', async () => {
    const entry = await freeze('Dự thảo lần 1');
    expect(entry.threadsSha256).toMatch(/^[0-9a-f]{64}$/);
    const bundle = await bundleOf(entry.seq);
    expect(bundle.threads.threads).toHaveLength(3);
    const states = bundle.threads.threads.map((t: { kind: string; state: string }) => `${t.kind}:${t.state}`).sort();
    expect(states).toEqual(['annotation:open', 'comment:open', 'comment:resolved']);
    const passage = bundle.threads.threads.find((t: { anchor: { exact: string } }) => t.anchor.exact === 'Thời hạn lưu trữ hồ sơ là 10 năm');
    expect(passage.comments.map((c: { body: string }) => c.body)).toEqual(['Thời hạn có đúng không?', 'Theo Thông tư, đúng.']);
    const deleted = bundle.threads.threads.flatMap((t: { comments: { deletedAt: string | null; body: string }[] }) => t.comments).find((c: { deletedAt: string | null }) => c.deletedAt);
    expect(deleted.body).toBe('');

    const report = await verifyBundle(bundle, jwks);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.check === 'threadsHash')).toMatchObject({ status: 'pass' });

    const tampered = structuredClone(bundle);
    tampered.threads.threads.find((t: { id: string }) => t.id === passage.id).comments[0].body = 'Thời hạn đúng.';
    const failed = await verifyBundle(tampered, jwks);
    expect(failed.ok).toBe(false);
    expect(failed.checks.filter((c) => c.status === 'fail').map((c) => c.check)).toEqual(['threadsHash']);

    const dropped = structuredClone(bundle);
    delete dropped.threads;
    expect((await verifyBundle(dropped, jwks)).checks.find((c) => c.check === 'threadsHash')).toMatchObject({ status: 'fail' });
  });

  it('leave entries of the old format verifiable (no threadsSha256, no threads)', async () => {
    const db = server.database.db;
    const state = await server.collab.readState(s.documentId);
    const content = contentFromYjsState(state);
    const signer = createSigner(db, server.config);
    const key = await signer.current();
    const old = await db.transaction(async (tx) => {
      const [stored] = await tx
        .insert(recordContents)
        .values({ documentId: s.documentId, json: content.canonicalJson, html: content.html, text: content.text, yjsState: yjsStateToDb(state) })
        .returning({ id: recordContents.id });
      return appendEntry(tx, {
        key,
        contentId: stored!.id,
        draft: {
          documentId: s.documentId,
          label: 'Frozen before issue 8',
          note: null,
          title: 'Decision on the annual budget',
          contentSha256: sha256Hex(content.canonicalJson),
          htmlSha256: sha256Hex(content.html),
          textSha256: sha256Hex(content.text),
          yjsSha256: sha256Hex(state),
          frozenBy: { id: s.owner.id, name: s.owner.name, department: null },
          final: false,
        },
      });
    });
    expect('threadsSha256' in old.entry).toBe(false);
    const freshJwks = (await call(server, 'GET', '/.well-known/jwks.json')).body;
    const bundle = await bundleOf(old.entry.seq);
    expect(bundle.threads).toBeUndefined();
    const report = await verifyBundle(bundle, freshJwks);
    expect(report.ok).toBe(true);
    expect(report.checks.some((c) => c.check === 'threadsHash')).toBe(false);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('are checked by codraft verify: a snapshot changed behind the triggers is caught', async () => {
    const db = server.database.db;
    const entry = await freeze('Dự thảo lần 2');
    expect((await verifyLedger(db)).ok).toBe(true);
    const refused = await db.execute(sql`update record_threads set json = '{}' where seq = ${entry.seq}`).then(() => null, (error: Error & { cause?: Error }) => error.cause?.message ?? error.message);
    expect(refused).toMatch(/append-only/);
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table record_threads disable trigger user`);
      await tx.execute(sql`update record_threads set json = replace(json, 'Đồng ý ban hành.', 'Không đồng ý.') where seq = ${entry.seq}`);
      await tx.execute(sql`alter table record_threads enable trigger user`);
    });
    try {
      const report = await verifyLedger(db);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([expect.objectContaining({ seq: entry.seq, check: 'threads-hash' })]);
      expect((await verifyLedger(db, { hashContentIn: 'verifier' })).problems).toEqual([expect.objectContaining({ seq: entry.seq, check: 'threads-hash' })]);
    } finally {
      // Undo the damage: the tests that run after this one (any order) expect an intact ledger.
      await db.transaction(async (tx) => {
        await tx.execute(sql`alter table record_threads disable trigger user`);
        await tx.execute(sql`update record_threads set json = replace(json, 'Không đồng ý.', 'Đồng ý ban hành.') where seq = ${entry.seq}`);
        await tx.execute(sql`alter table record_threads enable trigger user`);
      });
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
