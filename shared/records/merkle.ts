/**
 * RFC 9162 §2.1 Merkle tree hashing over the ledger's entries.
 *
 *   leaf hash      SHA-256(0x00 ‖ canonical entry bytes)
 *   interior node  SHA-256(0x01 ‖ left ‖ right)
 *   empty tree     SHA-256("")
 *   MTH(D[n])      = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two < n
 *
 * Stored trees are addressed by perfect subtrees: (level, index) is the hash of the 2^level leaves
 * starting at index·2^level. Once written such a hash never changes, so a store can keep them
 * append-only, and any root or proof needs only O(log n) of them (see `rangeHash`).
 */
import { bytesEqual, sha256 } from './hash';

export const hashSize = 32;
export type Hash = Uint8Array;

/** The hash of a perfect subtree, from wherever the caller keeps them. */
export type SubtreeSource = (level: number, index: number) => Hash;
export interface SubtreeKey {
  level: number;
  index: number;
}

export const emptyRootHash = (): Hash => sha256(new Uint8Array(0));

export function leafHash(entryBytes: Uint8Array): Hash {
  const input = new Uint8Array(1 + entryBytes.length);
  input[0] = 0x00;
  input.set(entryBytes, 1);
  return sha256(input);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  const input = new Uint8Array(1 + 2 * hashSize);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + hashSize);
  return sha256(input);
}

// Numbers, not bit operators: ledger sizes may pass 2^31 and must stay exact (< 2^53).
export const isOdd = (n: number) => n % 2 === 1;
export const half = (n: number) => Math.floor(n / 2);
const isPowerOfTwo = (n: number) => n >= 1 && 2 ** Math.round(Math.log2(n)) === n;

/** The largest power of two strictly below n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of leaves [start, start + size), start aligned as in every RFC 9162 recursion. */
export function rangeHash(source: SubtreeSource, start: number, size: number): Hash {
  if (isPowerOfTwo(size) && start % size === 0) return source(Math.round(Math.log2(size)), start / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(source, start, k), rangeHash(source, start + k, size - k));
}

/** The root hash of the first `size` leaves. */
export const rootHash = (source: SubtreeSource, size: number): Hash => (size === 0 ? emptyRootHash() : rangeHash(source, 0, size));

/**
 * Which perfect subtrees `compute` reads, found by running it once on placeholder hashes; the
 * caller then fetches exactly those (one query) and runs it again on the real ones.
 */
export function subtreesRead(compute: (source: SubtreeSource) => unknown): SubtreeKey[] {
  const keys = new Map<string, SubtreeKey>();
  const placeholder = new Uint8Array(hashSize);
  compute((level, index) => {
    keys.set(`${level}:${index}`, { level, index });
    return placeholder;
  });
  return [...keys.values()];
}

/** A completed perfect subtree, as appends produce them. */
export interface CompletedSubtree extends SubtreeKey {
  hash: Hash;
}

/**
 * The right edge of a growing tree (its perfect subtrees, largest first): appending a leaf costs
 * amortised one node hash, and the root at every size is a fold of at most log2(n) hashes.
 * Used to recompute a whole ledger in one pass and to extend a stored tree on append.
 */
export class MerkleFrontier {
  private readonly stack: CompletedSubtree[];
  constructor(
    public size = 0,
    frontier: CompletedSubtree[] = [],
  ) {
    this.stack = [...frontier];
  }

  /** The perfect subtrees a tree of `size` leaves ends with, largest first. */
  static keysFor(size: number): SubtreeKey[] {
    const keys: SubtreeKey[] = [];
    let start = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        keys.push({ level, index: start / width });
        start += width;
      }
    }
    return keys;
  }

  /** Append a leaf hash; returns every perfect subtree it completed (the leaf itself first). */
  push(leaf: Hash): CompletedSubtree[] {
    let node: CompletedSubtree = { level: 0, index: this.size, hash: leaf };
    const completed = [node];
    while (this.stack.length && this.stack[this.stack.length - 1]!.level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.stack.push(node);
    this.size += 1;
    return completed;
  }

  root(): Hash {
    if (this.stack.length === 0) return emptyRootHash();
    let hash = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

export { bytesEqual };
