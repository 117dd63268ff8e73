import { describe, expect, it } from 'vitest';
import { fromHex, sha256, toHex, utf8 } from './hash';
import { MerkleFrontier, emptyRootHash, leafHash, nodeHash, rootHash, subtreesRead, type Hash, type SubtreeSource } from './merkle';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from './proofs';

/** RFC 9162 MTH written straight from its definition, as the reference. */
function referenceRoot(leaves: Hash[]): Hash {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** Perfect-subtree store built from leaves, as the server keeps it. */
function storeOf(leaves: Hash[]): SubtreeSource {
  const nodes = new Map<string, Hash>();
  const frontier = new MerkleFrontier();
  for (const leaf of leaves) for (const n of frontier.push(leaf)) nodes.set(`${n.level}:${n.index}`, n.hash);
  return (level, index) => {
    const hash = nodes.get(`${level}:${index}`);
    if (!hash) throw new Error(`missing subtree ${level}:${index}`);
    return hash;
  };
}

const leaves = Array.from({ length: 70 }, (_, i) => leafHash(utf8(`entry ${i}`)));

describe('RFC 9162 Merkle tree', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes, and the empty tree as SHA-256("")', () => {
    expect(toHex(emptyRootHash())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(leafHash(new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const l = fromHex('00'.repeat(32));
    const r = fromHex('11'.repeat(32));
    expect(nodeHash(l, r)).toEqual(sha256(new Uint8Array([1, ...l, ...r])));
  });

  it('computes the same root as the definition at every size, from stored subtrees and from the frontier', () => {
    const source = storeOf(leaves);
    const frontier = new MerkleFrontier();
    for (let n = 0; n <= leaves.length; n++) {
      expect(toHex(rootHash(source, n))).toBe(toHex(referenceRoot(leaves.slice(0, n))));
      expect(toHex(frontier.root())).toBe(toHex(referenceRoot(leaves.slice(0, n))));
      if (n < leaves.length) frontier.push(leaves[n]!);
    }
  });

  it('restarts a frontier from the stored subtrees it names', () => {
    const source = storeOf(leaves);
    const keys = MerkleFrontier.keysFor(37);
    expect(keys).toEqual([{ level: 5, index: 0 }, { level: 2, index: 8 }, { level: 0, index: 36 }]);
    const frontier = new MerkleFrontier(37, keys.map((k) => ({ ...k, hash: source(k.level, k.index) })));
    for (let n = 37; n < 50; n++) frontier.push(leaves[n]!);
    expect(toHex(frontier.root())).toBe(toHex(referenceRoot(leaves.slice(0, 50))));
  });

  it('proves and verifies inclusion of every leaf in every tree', () => {
    const source = storeOf(leaves);
    for (let n = 1; n <= 40; n++) {
      const root = rootHash(source, n);
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(source, m, n);
        expect(verifyInclusion(m, n, leaves[m]!, path, root)).toBe(true);
        expect(verifyInclusion(m, n, leaves[(m + 1) % n]!, path, root) && n > 1).toBe(false);
        if (path.length) expect(verifyInclusion(m, n, leaves[m]!, path.slice(1), root)).toBe(false);
      }
    }
  });

  it('proves and verifies consistency between every pair of sizes', () => {
    const source = storeOf(leaves);
    for (let n = 1; n <= 40; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(source, m, n);
        expect(verifyConsistency(m, n, rootHash(source, m), rootHash(source, n), proof)).toBe(true);
        if (m > 0 && m < n) {
          const forged = storeOf([...leaves.slice(0, m - 1), leafHash(utf8('forged')), ...leaves.slice(m, n)]);
          expect(verifyConsistency(m, n, rootHash(forged, m), rootHash(source, n), proof)).toBe(false);
          expect(verifyConsistency(m, n, rootHash(source, m), rootHash(source, n), proof.slice(0, -1))).toBe(false);
        }
      }
    }
  });

  it('names the stored subtrees a computation needs (O(log n) of them)', () => {
    const keys = subtreesRead((source) => inclusionProof(source, 12345, 100_000));
    expect(keys.length).toBeLessThan(40);
    expect(subtreesRead((source) => rootHash(source, 1024))).toEqual([{ level: 10, index: 0 }]);
  });
});
