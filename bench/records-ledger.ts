/**
 * Builds a large record ledger straight into the database for `bench/records.ts`: exactly the
 * rows freezing would write (canonical entries, EdDSA JWS, contents, Merkle nodes, one signed
 * tree head per entry, version index), in multi-row batches instead of one freeze at a time.
 * Signing uses node:crypto directly for speed; Ed25519 is deterministic, so the JWS bytes are the
 * ones jose would produce — checked on the first entry.
 */
import crypto from 'node:crypto';
import * as Y from 'yjs';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Database } from '../server/db/client';
import { departments, documentVersions, documents, ledgerEntries, ledgerNodes, ledgerTreeHeads, recordContents, users, yjsStateToDb } from '../server/db/schema';
import { activeSigningKey } from '../server/records/keys';
import { canonicalJson, entryJson, leafHash, MerkleFrontier, sha256Hex, signCanonical, toHex, utf8, type RecordEntry } from '../shared/records';
import { contentFromYjsState } from '../shared/records/derive';
import { addParagraphs } from './records-doc';

const b64url = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

export async function buildLedger(db: Database, size: number, onProgress?: (done: number) => void) {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const privateJwk = privateKey.export({ format: 'jwk' });
  const key = await activeSigningKey(db, { DATA_DIR: 'memory://', dataDir: '', SIGNING_KEY_JWK: JSON.stringify(privateJwk) });
  const header = b64url(JSON.stringify({ alg: 'EdDSA', kid: key.kid }));
  const sign = (value: unknown) => {
    const input = `${header}.${b64url(canonicalJson(value))}`;
    return `${input}.${b64url(crypto.sign(null, Buffer.from(input), privateKey))}`;
  };

  const [dept] = await db.insert(departments).values({ name: `Bench ${Date.now()}` }).returning();
  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@example.org`, name: 'Bench', passwordHash: 'x' }).returning();
  const docs = await db
    .insert(documents)
    .values(Array.from({ length: 1000 }, (_, i) => ({ title: `Document ${i}`, departmentId: dept!.id, createdBy: user!.id })))
    .returning({ id: documents.id });

  // A few real one-paragraph drafts, reused: what this measures is the ledger (signatures,
  // tree, hashes per entry), not hashing megabytes of content.
  const samples = Array.from({ length: 8 }, (_, i) => {
    const doc = new Y.Doc();
    addParagraphs(doc, 1, 20 + i, i);
    const state = Y.encodeStateAsUpdate(doc);
    return { state, content: contentFromYjsState(state), yjsSha256: sha256Hex(state) };
  });

  const frontier = new MerkleFrontier();
  const versions = new Map<string, number>();
  const batch = 1000;
  for (let from = 0; from < size; from += batch) {
    const contents: PgInsertValue<typeof recordContents>[] = [];
    const entries: (typeof ledgerEntries.$inferInsert)[] = [];
    const nodes: (typeof ledgerNodes.$inferInsert)[] = [];
    const heads: (typeof ledgerTreeHeads.$inferInsert)[] = [];
    const index: (typeof documentVersions.$inferInsert)[] = [];
    for (let seq = from; seq < Math.min(from + batch, size); seq++) {
      const documentId = docs[seq % docs.length]!.id;
      const sample = samples[seq % samples.length]!;
      const version = (versions.get(documentId) ?? 0) + 1;
      versions.set(documentId, version);
      const frozenAt = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
      const entry: RecordEntry = {
        v: 1, seq, documentId, version, label: `Version ${version}`, note: null, title: `Document ${seq % docs.length}`,
        contentSha256: sha256Hex(sample.content.canonicalJson), htmlSha256: sha256Hex(sample.content.html), textSha256: sha256Hex(sample.content.text), yjsSha256: sample.yjsSha256,
        frozenBy: { id: user!.id, name: 'Bench', department: { id: dept!.id, name: dept!.name } }, frozenAt, final: false,
      };
      const jws = sign(entry);
      if (seq === 0 && jws !== (await signCanonical(entry, key.privateKey, key.kid))) throw new Error('bench signer differs from jose');
      const contentId = crypto.randomUUID();
      contents.push({ id: contentId, documentId, json: sample.content.canonicalJson, html: sample.content.html, text: sample.content.text, yjsState: yjsStateToDb(sample.state) });
      entries.push({ seq, documentId, contentId, entry: entryJson(entry), jws, kid: key.kid });
      for (const n of frontier.push(leafHash(utf8(entryJson(entry))))) nodes.push({ level: n.level, idx: n.index, hash: n.hash });
      const head = { treeSize: frontier.size, rootHash: toHex(frontier.root()), timestamp: frozenAt };
      heads.push({ ...head, jws: sign(head), kid: key.kid });
      index.push({ documentId, version, seq, final: false });
    }
    await db.transaction(async (tx) => {
      await tx.insert(recordContents).values(contents);
      await tx.insert(ledgerEntries).values(entries);
      await tx.insert(ledgerNodes).values(nodes);
      await tx.insert(ledgerTreeHeads).values(heads);
      await tx.insert(documentVersions).values(index);
    });
    onProgress?.(Math.min(from + batch, size));
  }
  return { documents: docs.length, user: user!, department: dept! };
}
