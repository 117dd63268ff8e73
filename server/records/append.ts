/**
 * Appending one entry to the ledger, the only writer of ledger_entries / ledger_nodes /
 * ledger_tree_heads / document_versions. Must run inside the caller's transaction.
 *
 * Order under load: a transaction-scoped advisory lock serialises appends across every server
 * instance, so the next seq is read after the previous append committed: seq is gap-free (a rolled
 * back append frees its seq for the next one), and each tree extends the last — no forks.
 * Inside the lock: seq and version, build + sign the entry, extend the tree by one leaf (new
 * perfect subtrees only), sign the new tree head. Content is inserted before the lock to keep it short.
 */
import { sql } from 'drizzle-orm';
import type { Transaction } from '../db/client';
import { documentVersions, ledgerEntries, ledgerTreeHeads } from '../db/schema';
import { conflict } from '../errors';
import {
  entryBytes,
  entryFormatVersion,
  entryJson,
  leafHash,
  rfc3339,
  signCanonical,
  signTreeHead,
  toHex,
  type RecordEntry,
  type SignedTreeHead,
} from '../../shared/records';
import type { SigningKey } from './keys';
import { insertNodes, loadFrontier } from './tree-store';

/** Advisory lock name of the ledger (hashtext, like the collab layer's per-document locks). */
export const ledgerLockName = 'codraft.ledger';

/** What the caller decides; the ledger adds v, seq, version and frozenAt. */
export type EntryDraft = Omit<RecordEntry, 'v' | 'seq' | 'version' | 'frozenAt'>;

export interface Appended {
  entry: RecordEntry;
  jws: string;
  treeHead: SignedTreeHead;
  versionId: string;
}

export async function appendEntry(
  tx: Transaction,
  input: { draft: EntryDraft; contentId: string; key: SigningKey },
): Promise<Appended> {
  const { draft, contentId, key } = input;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ledgerLockName}))`);

  // One round trip under the lock: next seq, next version of this document, and whether a final
  // version exists (checked here, so two freezes cannot both pass it).
  const [head] = await tx
    .select({
      seq: sql`coalesce(max(${ledgerEntries.seq}) + 1, 0)`.mapWith(Number),
      version: sql`(select coalesce(max(version) + 1, 1) from ${documentVersions} where document_id = ${draft.documentId})`.mapWith(Number),
      finalVersion: sql`(select max(version) from ${documentVersions} where document_id = ${draft.documentId} and final)`.mapWith(Number),
    })
    .from(ledgerEntries);
  const { seq, version, finalVersion } = head!;
  if (finalVersion) throw conflict(`Version ${finalVersion} of this document is final: no version can be frozen after it`);

  const entry: RecordEntry = { v: entryFormatVersion, seq, version, ...draft, frozenAt: rfc3339(new Date()) };
  const jws = await signCanonical(entry, key.privateKey, key.kid);
  await tx.insert(ledgerEntries).values({ seq: entry.seq, documentId: entry.documentId, contentId, entry: entryJson(entry), jws, kid: key.kid });
  const treeHead = await extendTree(tx, { seq, bytes: entryBytes(entry), timestamp: entry.frozenAt, key });
  const [row] = await tx
    .insert(documentVersions)
    .values({ documentId: entry.documentId, version: entry.version, seq: entry.seq, final: entry.final })
    .returning({ id: documentVersions.id });
  return { entry, jws, treeHead, versionId: row!.id };
}

/** Takes the ledger lock (until the transaction ends) and reads the next seq. */
export async function lockLedger(tx: Transaction): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${ledgerLockName}))`);
  const [head] = await tx.select({ seq: sql`coalesce(max(${ledgerEntries.seq}) + 1, 0)`.mapWith(Number) }).from(ledgerEntries);
  return head!.seq;
}

/**
 * Under the ledger lock, after the entry row is inserted: extend the tree by its leaf (new perfect
 * subtrees only) and sign and store the new tree head.
 */
export async function extendTree(tx: Transaction, input: { seq: number; bytes: Uint8Array; timestamp: string; key: SigningKey }): Promise<SignedTreeHead> {
  const { key } = input;
  const frontier = await loadFrontier(tx, input.seq);
  const completed = frontier.push(leafHash(input.bytes));
  const treeHead = await signTreeHead({ treeSize: frontier.size, rootHash: toHex(frontier.root()), timestamp: input.timestamp }, key.privateKey, key.kid);
  await insertNodes(tx, completed);
  await tx.insert(ledgerTreeHeads).values({ ...treeHead, kid: key.kid });
  return treeHead;
}
