/**
 * RFC 9162 §2.1.3 inclusion proofs and §2.1.4 consistency proofs: generation over a
 * `SubtreeSource`, verification from hashes alone (what an offline verifier holds).
 *
 * An inclusion proof for leaf m in a tree of n leaves is the audit path PATH(m, D[n]): the sibling
 * hashes from the leaf up to the root. A consistency proof between sizes m < n is PROOF(m, D[n]):
 * the hashes needed to rebuild both roots, showing the larger tree only appended to the smaller.
 */
import { bytesEqual } from './hash';
import { emptyRootHash, half, isOdd, nodeHash, rangeHash, splitPoint, type Hash, type SubtreeSource } from './merkle';

/** PATH(m, D[start:start+n]) from RFC 9162 §2.1.3.1. */
function path(source: SubtreeSource, m: number, start: number, n: number): Hash[] {
  if (n <= 1) return [];
  const k = splitPoint(n);
  return m < k
    ? [...path(source, m, start, k), rangeHash(source, start + k, n - k)]
    : [...path(source, m - k, start + k, n - k), rangeHash(source, start, k)];
}

/** The audit path of leaf `leafIndex` in the tree of the first `treeSize` leaves. */
export function inclusionProof(source: SubtreeSource, leafIndex: number, treeSize: number): Hash[] {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  return path(source, leafIndex, 0, treeSize);
}

/** SUBPROOF(m, D[start:start+n], b) from RFC 9162 §2.1.4.1. */
function subproof(source: SubtreeSource, m: number, start: number, n: number, complete: boolean): Hash[] {
  if (m === n) return complete ? [] : [rangeHash(source, start, n)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(source, m, start, k, complete), rangeHash(source, start + k, n - k)]
    : [...subproof(source, m - k, start + k, n - k, false), rangeHash(source, start, k)];
}

/** The consistency proof from the tree of `fromSize` leaves to the tree of `toSize` (empty when equal or from 0). */
export function consistencyProof(source: SubtreeSource, fromSize: number, toSize: number): Hash[] {
  if (!(fromSize >= 0 && fromSize <= toSize)) throw new RangeError(`cannot prove ${fromSize} → ${toSize}`);
  if (fromSize === 0 || fromSize === toSize) return [];
  return subproof(source, fromSize, 0, toSize, true);
}

/** RFC 9162 §2.1.3.2: does `auditPath` lead from `leaf` at `leafIndex` to `root` of a `treeSize` tree? */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Hash, auditPath: Hash[], root: Hash): boolean {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of auditPath) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (`toSize`, `toRoot`) extends (`fromSize`, `fromRoot`)? */
export function verifyConsistency(fromSize: number, toSize: number, fromRoot: Hash, toRoot: Hash, proof: Hash[]): boolean {
  if (!(Number.isSafeInteger(fromSize) && Number.isSafeInteger(toSize) && fromSize >= 0 && fromSize <= toSize)) return false;
  if (fromSize === toSize) return proof.length === 0 && bytesEqual(fromRoot, toRoot);
  if (fromSize === 0) return proof.length === 0 && bytesEqual(fromRoot, emptyRootHash()); // everything extends the empty tree
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(fromSize)) ? [fromRoot, ...proof] : proof;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, fromRoot) && bytesEqual(sr, toRoot);
}
