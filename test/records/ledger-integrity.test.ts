/**
 * Issue 4, "what it must show" 2–5: the database refuses changes to the ledger; tampering behind
 * the triggers' back is detected and named; concurrent freezes make one gap-free, fork-free
 * ledger; rotating the key keeps everything verifiable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../server/config';
import { createSigningKey } from '../../server/records/keys';
import { verifyLedger } from '../../server/records/verify-ledger';
import { makeDocument, makeUser, type TestUser } from '../support/factories';
import { fromHex, verifyBundle, verifyConsistency, verifyInclusion, leafHash, utf8, canonicalBytes, type ConsistencyProofDto, type FreezeResultDto, type RecordBundle, type SignedTreeHead } from '../../shared/records';
import { recordsTestApp, type RecordsTestApp } from './app';
import { paragraphs } from './content';

/** The database's own message (drizzle wraps it as the cause of "Failed query"). */
const dbError = (run: Promise<unknown>) =>
  run.then(
    () => 'no error',
    (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
  );

const ledgerTables = ['signing_keys', 'record_contents', 'ledger_entries', 'ledger_nodes', 'ledger_tree_heads', 'document_versions'];

// 50 freezes, 50 bundles and several full verifications: minutes on a busy 2-core machine.
describe('the record ledger', { timeout: 180_000 }, () => {
  let t: RecordsTestApp;
  let editor: TestUser;
  let documents: string[];
  const db = () => t.testDb.handle.db;

  /** Run statements as a superuser with the append-only triggers off (what an attacker could do). */
  const tamper = (...statements: ReturnType<typeof sql>[]) =>
    db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const statement of statements) await tx.execute(statement);
    });

  /**
   * Each test that damages the ledger puts it back afterwards (a copy of every ledger table taken
   * before, restored after), so no test sees another's damage, in any order, alone or together.
   */
  const restoringLedger = async (run: () => Promise<void>) => {
    const copy = (table: string) => sql.identifier(`tamper_copy_${table}`);
    await tamper(...ledgerTables.map((table) => sql`create table ${copy(table)} as select * from ${sql.identifier(table)}`));
    try {
      await run();
    } finally {
      await tamper(
        ...ledgerTables.flatMap((table) => [sql`delete from ${sql.identifier(table)}`, sql`insert into ${sql.identifier(table)} select * from ${copy(table)}`, sql`drop table ${copy(table)}`]),
      );
    }
  };
  const ledgerSize = async () => {
    const rows = await db().execute(sql`select count(*)::int as n from ledger_entries`);
    return (Array.isArray(rows) ? rows : (rows as unknown as { rows: { n: number }[] }).rows)[0]!.n as number;
  };

  const freeze = (documentId: string, label: string) =>
    t.json<FreezeResultDto>(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label } }, 201);

  // The ledger every test reads: 50 concurrent freezes over 10 documents (seq 0–49).
  let frozen: FreezeResultDto[];
  beforeAll(async () => {
    t = await recordsTestApp();
    editor = await makeUser(db());
    documents = [];
    for (let i = 0; i < 10; i++) {
      const id = (await makeDocument(db(), editor, `Document ${i}`)).id;
      await t.setContent(id, paragraphs(`Content of document ${i}`));
      documents.push(id);
    }
    frozen = await Promise.all(Array.from({ length: 50 }, (_, i) => freeze(documents[i % 10]!, `v${i}`)));
  });
  afterAll(() => t.close());

  it('50 concurrent freezes over 10 documents: gap-free seq, valid inclusion and consistency proofs', async () => {
    const results = frozen;
    const seqs = results.map((r) => r.record.entry.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const id of documents) {
      const versions = results.filter((r) => r.version.documentId === id).map((r) => r.version.version).sort((a, b) => a - b);
      expect(versions).toEqual([1, 2, 3, 4, 5]);
    }

    const { treeHeads: all } = await t.json<{ treeHeads: SignedTreeHead[] }>('/api/ledger/tree-heads?limit=1000', { cookie: editor.cookie });
    // The first 50 heads (another test may have appended more since).
    const treeHeads = all.filter((h) => h.treeSize <= 50).sort((a, b) => a.treeSize - b.treeSize);
    expect(treeHeads.map((h) => h.treeSize)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (let i = 1; i < treeHeads.length; i++) {
      const [a, b] = [treeHeads[i - 1]!, treeHeads[i]!];
      const proof = await t.json<ConsistencyProofDto>(`/api/ledger/consistency?from=${a.treeSize}&to=${b.treeSize}`, { cookie: editor.cookie });
      expect(verifyConsistency(a.treeSize, b.treeSize, fromHex(a.rootHash), fromHex(b.rootHash), proof.proof.map(fromHex))).toBe(true);
    }
    const first = treeHeads[0]!;
    const last = treeHeads[treeHeads.length - 1]!;
    const wide = await t.json<ConsistencyProofDto>(`/api/ledger/consistency?from=1&to=50`, { cookie: editor.cookie });
    expect(verifyConsistency(1, 50, fromHex(first.rootHash), fromHex(last.rootHash), wide.proof.map(fromHex))).toBe(true);

    const jwks = await t.json('/.well-known/jwks.json');
    for (let seq = 0; seq < 50; seq++) {
      const bundle = await t.json<RecordBundle>(`/api/records/${seq}/bundle`, { cookie: editor.cookie });
      const { leafIndex, treeSize, auditPath } = bundle.inclusionProof;
      expect(verifyInclusion(leafIndex, treeSize, leafHash(canonicalBytes(bundle.entry)), auditPath.map(fromHex), fromHex(bundle.treeHead.rootHash))).toBe(true);
      if (seq % 10 === 0) expect((await verifyBundle(bundle, jwks)).ok).toBe(true);
    }
    expect((await verifyLedger(db())).problems).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on every ledger table, in the database', async () => {
    for (const table of ledgerTables) {
      const name = sql.identifier(table);
      const column = sql.identifier(table === 'ledger_nodes' ? 'hash' : table === 'ledger_tree_heads' ? 'jws' : table === 'document_versions' ? 'final' : 'created_at');
      expect(await dbError(db().execute(sql`update ${name} set ${column} = ${column}`))).toBe(`codraft: UPDATE on "${table}" is refused: the record ledger is append-only`);
      expect(await dbError(db().execute(sql`delete from ${name}`))).toBe(`codraft: DELETE on "${table}" is refused: the record ledger is append-only`);
      expect(await dbError(db().execute(sql`truncate ${name} cascade`))).toMatch(/codraft: TRUNCATE on "\w+" is refused/);
    }
    // Even a statement that matches no row is refused.
    expect(await dbError(db().execute(sql`update ledger_entries set jws = jws where seq = -1`))).toMatch(/UPDATE on "ledger_entries" is refused/);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it('rotating the key: entries signed before and after both verify, the JWKS keeps both', async () => {
    const before = await freeze(documents[0]!, 'before rotation');
    const config = loadConfig({ DATA_DIR: 'memory://' });
    const rotated = await createSigningKey(db(), config);
    const after = await freeze(documents[1]!, 'after rotation');
    const kidOf = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()).kid;
    expect(kidOf(before.record.jws)).not.toBe(rotated.kid);
    expect(kidOf(after.record.jws)).toBe(rotated.kid);
    const jwks = await t.json('/.well-known/jwks.json');
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(rotated.kid);
    expect(jwks.keys).toHaveLength(2);
    for (const r of [before, after]) {
      const report = await verifyBundle(await t.json(`/api/records/${r.record.entry.seq}/bundle`, { cookie: editor.cookie }), jwks);
      expect(report.ok).toBe(true);
    }
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it('a checkpoint of a good run skips old signatures only while their bytes are unchanged', () => restoringLedger(async () => {
    const full = await verifyLedger(db());
    expect(full).toMatchObject({ ok: true, mode: 'full' });
    const checkpoint = { format: 'codraft.verify-checkpoint' as const, v: 1 as const, verifiedAt: '', ...full.checkpoint! };
    expect(await verifyLedger(db(), { checkpoint })).toMatchObject({ ok: true, mode: 'incremental', entries: full.entries });

    // A changed timestamp of an old tree head (its JWS untouched) breaks the checkpoint: full run.
    await tamper(sql`update ledger_tree_heads set timestamp = replace(timestamp, 'Z', '0Z') where tree_size = 48`);
    const after = await verifyLedger(db(), { checkpoint });
    expect(after.mode).toBe('full');
    expect(after.problems).toEqual([expect.objectContaining({ subject: 'tree head 48', check: 'tree-head-signature' })]);
  }));

  describe('tampering behind the triggers is detected and named', () => {
    const problemsOf = async () => (await verifyLedger(db())).problems;

    it('one byte of a stored entry', () => restoringLedger(async () => {
      const size = await ledgerSize();
      await tamper(sql`update ledger_entries set entry = replace(entry, '"label":"v', '"label":"w') where seq = 7`);
      const problems = await problemsOf();
      expect(problems.filter((p) => p.seq === 7).map((p) => [p.check, p.subject.split(' (')[0]])).toEqual([
        ['signature', 'entry 7'],
        ['tree-node', 'entry 7'],
        ['tree-head-root', `tree heads 8–${size}`],
      ]);
      expect(problems.filter((p) => (p.seq ?? 7) < 7)).toEqual([]);
      // An entry that no longer parses still lists (as unreadable), and its verification fails.
      await tamper(sql`update ledger_entries set entry = left(entry, 20) where seq = 9`);
      const documentId = (await db().execute(sql`select document_id from ledger_entries where seq = 9`)) as unknown;
      const rows = Array.isArray(documentId) ? documentId : (documentId as { rows: unknown[] }).rows;
      const { versions } = await t.json(`/api/documents/${(rows[0] as { document_id: string }).document_id}/versions`, { cookie: editor.cookie });
      const damaged = versions.find((v: { seq: number }) => v.seq === 9);
      expect(damaged.label).toBe('(unreadable record)');
      const report = await t.json(`/api/versions/${damaged.id}`, { cookie: editor.cookie });
      expect(report.verification.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
      expect((await verifyLedger(db())).problems.filter((p) => p.seq === 9).map((p) => p.check)).toEqual(['entry-format', 'signature', 'tree-node']);
    }));

    it('one byte of a stored content, HTML, text or Yjs state', () => restoringLedger(async () => {
      await tamper(sql`update record_contents set json = replace(json, 'Content of', 'Content on') where id = (select content_id from ledger_entries where seq = 12)`);
      await tamper(sql`update record_contents set html = replace(html, '<p>', '<p >') where id = (select content_id from ledger_entries where seq = 13)`);
      await tamper(sql`update record_contents set text = text || ' ' where id = (select content_id from ledger_entries where seq = 14)`);
      await tamper(sql`update record_contents set yjs_state = overlay(yjs_state placing '\\x00'::bytea from 3 for 1) where id = (select content_id from ledger_entries where seq = 15)`);
      const problems = await problemsOf();
      const at = (seq: number) => problems.filter((p) => p.seq === seq).map((p) => p.check);
      expect(at(12)).toEqual(['content-hash']);
      expect(at(13)).toEqual(['html-hash']);
      expect(at(14)).toEqual(['text-hash']);
      expect(at(15)).toEqual(['yjs-hash']);
      // Hashing every byte in the verifier instead of the database finds exactly the same.
      expect((await verifyLedger(db(), { hashContentIn: 'verifier' })).problems).toEqual(problems);
      expect(problems.find((p) => p.seq === 12)!.subject).toMatch(/^entry 12 \(document [0-9a-f-]+, version \d+ "v\d+"\)$/);
      // The API's bundle of a tampered record fails verification too.
      const bundle = await t.json<RecordBundle>('/api/records/12/bundle', { cookie: editor.cookie });
      const report = await verifyBundle(bundle, await t.json('/.well-known/jwks.json'));
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.check)).toEqual(['contentHash']);
    }));

    it('one byte of a signature', () => restoringLedger(async () => {
      await tamper(sql`update ledger_entries set jws = left(jws, length(jws) - 5) || (case when substr(jws, length(jws) - 4, 1) = 'A' then 'B' else 'A' end) || right(jws, 4) where seq = 21`);
      const problems = await problemsOf();
      expect(problems.filter((p) => p.seq === 21)).toEqual([expect.objectContaining({ check: 'signature', detail: 'signature does not verify' })]);
    }));

    it('a deleted entry', () => restoringLedger(async () => {
      await tamper(sql`delete from document_versions where seq = 30`);
      await tamper(sql`delete from ledger_entries where seq = 30`);
      const problems = await problemsOf();
      expect(problems.filter((p) => p.seq === 30).map((p) => p.check)).toEqual(['missing']);
      expect(problems.find((p) => p.seq === 30)!.subject).toBe('entry 30');
    }));

    it('a forged tree node and a changed tree head', () => restoringLedger(async () => {
      await tamper(sql`update ledger_nodes set hash = sha256(hash) where level = 2 and idx = 9`);
      await tamper(sql`update ledger_tree_heads set root_hash = repeat('0', 64) where tree_size = 45`);
      const problems = await problemsOf();
      expect(problems.some((p) => p.check === 'tree-node' && p.subject === 'entries 36–39')).toBe(true);
      expect(problems.some((p) => p.check === 'tree-head-signature' && p.subject === 'tree head 45')).toBe(true);
    }));
  });
});
