/**
 * The ledger's Merkle tree as stored in `ledger_nodes`: perfect-subtree hashes (level, idx), each
 * written once when its last leaf is appended. Roots and proofs read the O(log n) nodes they need
 * in one query: the computation runs once on placeholders to learn which (`subtreesRead`), then on
 * the fetched hashes.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { ledgerNodes } from '../db/schema';
import {
  MerkleFrontier,
  consistencyProof,
  inclusionProof,
  subtreesRead,
  type CompletedSubtree,
  type Hash,
  type SubtreeKey,
  type SubtreeSource,
} from '../../shared/records';

/** Thrown when a node the tree needs is missing: the stored tree is damaged. */
export class MissingNodeError extends Error {}

export async function loadNodes(db: Executor, keys: SubtreeKey[]): Promise<Map<string, Hash>> {
  const found = new Map<string, Hash>();
  if (keys.length === 0) return found;
  const pairs = sql.join(keys.map((k) => sql`(${k.level}::smallint, ${k.index}::bigint)`), sql`, `);
  const rows = await db
    .select({ level: ledgerNodes.level, idx: ledgerNodes.idx, hash: ledgerNodes.hash })
    .from(ledgerNodes)
    .where(sql`(${ledgerNodes.level}, ${ledgerNodes.idx}) in (${pairs})`);
  for (const row of rows) found.set(`${row.level}:${Number(row.idx)}`, row.hash);
  return found;
}

/** Run a pure tree computation against the stored nodes. */
export async function withStoredTree<T>(db: Executor, compute: (source: SubtreeSource) => T): Promise<T> {
  const nodes = await loadNodes(db, subtreesRead(compute));
  return compute((level, index) => {
    const hash = nodes.get(`${level}:${index}`);
    if (!hash) throw new MissingNodeError(`Merkle node (level ${level}, index ${index}) is missing from ledger_nodes`);
    return hash;
  });
}

export const storedInclusionProof = (db: Executor, leafIndex: number, treeSize: number) =>
  withStoredTree(db, (s) => inclusionProof(s, leafIndex, treeSize));
export const storedConsistencyProof = (db: Executor, fromSize: number, toSize: number) =>
  withStoredTree(db, (s) => consistencyProof(s, fromSize, toSize));

/** The right edge of the stored tree of `size` leaves, ready to append to. */
export async function loadFrontier(db: Executor, size: number): Promise<MerkleFrontier> {
  const keys = MerkleFrontier.keysFor(size);
  const nodes = await loadNodes(db, keys);
  const frontier = keys.map((k): CompletedSubtree => {
    const hash = nodes.get(`${k.level}:${k.index}`);
    if (!hash) throw new MissingNodeError(`Merkle node (level ${k.level}, index ${k.index}) is missing: cannot append`);
    return { ...k, hash };
  });
  return new MerkleFrontier(size, frontier);
}

export async function insertNodes(db: Executor, nodes: CompletedSubtree[]) {
  if (nodes.length) await db.insert(ledgerNodes).values(nodes.map((n) => ({ level: n.level, idx: n.index, hash: n.hash })));
}
