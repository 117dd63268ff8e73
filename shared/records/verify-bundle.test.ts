import { beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { canonicalSha256 } from './canonical';
import { bundleFormat, type RecordBundle } from './bundle';
import { entryBytes, type RecordEntry } from './entry';
import { sha256Hex, toBase64, toHex, utf8 } from './hash';
import { publicJwk, signCanonical, type Jwks } from './jws';
import { MerkleFrontier, leafHash, rootHash, type Hash } from './merkle';
import { inclusionProof } from './proofs';
import { signTreeHead } from './tree-head';
import { verifyBundle, type BundleReport } from './verify-bundle';

const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] };
const html = '<p>Hello</p>';
const text = 'Hello';
const yjs = new Uint8Array([1, 2, 3, 4]);

const entryAt = (seq: number): RecordEntry => ({
  v: 1,
  seq,
  documentId: '0f0e0d0c-0000-4000-8000-000000000001',
  version: seq + 1,
  label: `v${seq + 1}`,
  note: null,
  title: 'Draft',
  contentSha256: canonicalSha256(content),
  htmlSha256: sha256Hex(html),
  textSha256: sha256Hex(text),
  yjsSha256: sha256Hex(yjs),
  frozenBy: { id: 'u1', name: 'An Official', department: { id: 'd1', name: 'Finance' } },
  frozenAt: new Date(Date.UTC(2026, 10, 21, 8, 0, seq)).toISOString(),
  final: false,
});

let key: CryptoKey;
let jwks: Jwks;
let kid: string;

async function bundleFor(seq: number, size = 5): Promise<RecordBundle> {
  const entries = Array.from({ length: size }, (_, i) => entryAt(i));
  const nodes = new Map<string, Hash>();
  const frontier = new MerkleFrontier();
  for (const e of entries) for (const n of frontier.push(leafHash(entryBytes(e)))) nodes.set(`${n.level}:${n.index}`, n.hash);
  const source = (level: number, index: number) => nodes.get(`${level}:${index}`)!;
  const treeHead = await signTreeHead({ treeSize: size, rootHash: toHex(rootHash(source, size)), timestamp: '2026-11-21T08:01:00.000Z' }, key, kid);
  return {
    format: bundleFormat,
    v: 1,
    entry: entries[seq]!,
    jws: await signCanonical(entries[seq], key, kid),
    content: { json: content, html, text },
    yjsState: toBase64(yjs),
    inclusionProof: { leafIndex: seq, treeSize: size, auditPath: inclusionProof(source, seq, size).map(toHex) },
    treeHead,
  };
}

const failed = (report: BundleReport) => report.checks.filter((c) => c.status !== 'pass').map((c) => c.check);

describe('verifyBundle', () => {
  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    key = pair.privateKey;
    const pub = await publicJwk((await exportJWK(pair.publicKey)) as JWK);
    kid = pub.kid!;
    jwks = { keys: [pub] };
  });

  it('passes every check for an untouched bundle, from JSON text as a file would carry it', async () => {
    const bundle = JSON.parse(JSON.stringify(await bundleFor(3)));
    const report = await verifyBundle(bundle, jwks);
    expect(failed(report)).toEqual([]);
    expect(report).toMatchObject({ ok: true, seq: 3, version: 4 });
  });

  it('names the check that fails when one thing is edited by hand', async () => {
    const cases: [string, (b: RecordBundle) => void, string[]][] = [
      ['entry label', (b) => (b.entry.label = 'v9'), ['signature', 'inclusion']],
      ['content', (b) => ((b.content.json as typeof content).content[0]!.content[0]!.text = 'Hellp'), ['contentHash']],
      ['html', (b) => (b.content.html = '<p>Hellp</p>'), ['htmlHash']],
      ['text', (b) => (b.content.text = 'Hellp'), ['textHash']],
      ['yjs state', (b) => (b.yjsState = toBase64(new Uint8Array([1, 2, 3, 5]))), ['yjsHash']],
      ['signature', (b) => (b.jws = b.jws.slice(0, -3) + (b.jws.endsWith('AAA') ? 'BBB' : 'AAA')), ['signature']],
      ['audit path', (b) => (b.inclusionProof.auditPath[0] = toHex(new Uint8Array(32))), ['inclusion']],
      ['tree head root', (b) => (b.treeHead.rootHash = sha256Hex(utf8('other'))), ['inclusion', 'treeHeadSignature']],
      ['leaf index', (b) => (b.inclusionProof.leafIndex = 2), ['inclusion']],
    ];
    for (const [what, edit, expected] of cases) {
      const bundle = await bundleFor(3);
      edit(bundle);
      const report = await verifyBundle(bundle, jwks);
      expect({ what, failed: failed(report), ok: report.ok }).toEqual({ what, failed: expected, ok: false });
    }
  });

  it('fails the signature with an unknown key, and the format for a malformed bundle', async () => {
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const otherJwks = { keys: [await publicJwk((await exportJWK(other.publicKey)) as JWK)] };
    const report = await verifyBundle(await bundleFor(0), otherJwks);
    expect(failed(report)).toEqual(['signature', 'treeHeadSignature']);
    expect(report.checks.find((c) => c.check === 'signature')!.detail).toMatch(/no key/);
    const malformed = await verifyBundle({ entry: {} }, jwks);
    expect(malformed.ok).toBe(false);
    expect(malformed.checks[0]).toMatchObject({ check: 'format', status: 'fail' });
  });
});

describe('tree head bytes', () => {
  it('are the RFC 8785 canonical JSON of the three signed fields', async () => {
    const { canonicalBytes } = await import('./canonical');
    const { treeHeadBytes } = await import('./tree-head');
    for (const head of [
      { treeSize: 0, rootHash: sha256Hex(''), timestamp: '2026-11-21T08:00:00.000Z' },
      { treeSize: 9007199254740991, rootHash: sha256Hex('x'), timestamp: '2026-11-21T08:00:00.123Z' },
      { treeSize: 5, rootHash: 'NOT HEX "', timestamp: 'weird\u2028' },
    ]) {
      expect(treeHeadBytes(head)).toEqual(canonicalBytes(head));
    }
  });
});
