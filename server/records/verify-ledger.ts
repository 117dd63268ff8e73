/**
 * `codraft verify`: checks the whole ledger in the database against itself and its signatures,
 * trusting nothing stored but the public keys (whose kids must be their thumbprints).
 *
 * One pass in seq order, in batches: for each entry its canonical form and format, its JWS
 * (signature over exactly the stored entry bytes), its content / HTML / text / Yjs hashes, its
 * version index row; its leaf is appended to a tree rebuilt from scratch, every perfect subtree
 * that completes is compared with ledger_nodes (what proofs are served from), and every signed tree
 * head must carry the rebuilt root at its size — which proves every tree head is consistent with
 * every other and with the ledger as it is now. Gaps (deleted entries or tree heads) and extra rows
 * are reported too. Problems name the entry (seq, document, version) and say why.
 */
import { and, between, count, eq, gte, lt, max, or } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentVersions, ledgerEntries, ledgerNodes, ledgerTreeHeads, recordContents } from '../db/schema';
import { MerkleFrontier, bytesEqual, jwsVerifier, mislabelledKeys, toHex, treeHeadPayload, canonicalBytes, type Hash } from '../../shared/records';
import { checkEntryRow, type EntryRow } from './entry-checks';
import { loadJwks } from './keys';

export interface LedgerProblem {
  /** The entry concerned, when there is one. */
  seq?: number;
  /** What is wrong, e.g. `entry 17 (document …, version 3)` + `signature does not verify`. */
  subject: string;
  check: string;
  detail: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  treeHeads: number;
  keys: number;
  problems: LedgerProblem[];
  ms: number;
}

export interface VerifyOptions {
  batchSize?: number;
  /** Signature checks in flight at once (WebCrypto runs them on the libuv thread pool). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The order problems about one entry are listed in: the entry itself, its content, then the tree. */
const checkOrder = ['key', 'missing', 'entry-format', 'signature', 'content-missing', 'content-hash', 'html-hash', 'text-hash', 'yjs-hash', 'version-index', 'version-sequence', 'leaf', 'tree-node', 'tree-head-missing', 'tree-head-root', 'tree-head-signature'];

/** Bounded set of pending checks, awaited oldest first. */
class Pending {
  private queue: Promise<void>[] = [];
  constructor(private readonly limit: number) {}
  async add(task: Promise<void>) {
    this.queue.push(task);
    if (this.queue.length >= this.limit) await this.queue.shift();
  }
  drain = () => Promise.all(this.queue.splice(0));
}

/**
 * Signed tree heads whose root differs from the rebuilt tree, reported as runs: once an entry
 * changed, every later root differs, and one problem saying so beats thousands.
 */
class RootMismatches {
  private run: { from: number; to: number; signed: string; rebuilt: string } | null = null;
  constructor(private readonly report: (p: LedgerProblem) => void) {}
  extend(treeSize: number, signed: string, rebuilt: string) {
    if (this.run && this.run.to === treeSize - 1) this.run.to = treeSize;
    else {
      this.end();
      this.run = { from: treeSize, to: treeSize, signed, rebuilt };
    }
  }
  end() {
    if (!this.run) return;
    const { from, to, signed, rebuilt } = this.run;
    const heads = from === to ? `tree head ${from}` : `tree heads ${from}–${to}`;
    this.report({
      seq: from - 1,
      subject: heads,
      check: 'tree-head-root',
      detail: `signed root ${signed}${from === to ? '' : ' (and later ones)'} ≠ ${rebuilt}, the root of the entries as stored now: an entry up to ${from - 1} changed, or the tree head did`,
    });
    this.run = null;
  }
}

/** The nodes a batch of leaves [from, to) completes, by level: index range per level. */
function nodeRanges(from: number, to: number) {
  const ranges: { level: number; lo: number; hi: number }[] = [];
  for (let level = 0, width = 1; width <= to; level++, width *= 2) {
    const lo = Math.ceil((from + 1) / width) - 1;
    const hi = Math.floor(to / width) - 1;
    if (hi >= lo) ranges.push({ level, lo, hi });
  }
  return ranges;
}

export async function verifyLedger(db: Executor, options: VerifyOptions = {}): Promise<LedgerReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const problems: LedgerProblem[] = [];
  const report = (p: LedgerProblem) => problems.push(p);

  const jwks = await loadJwks(db);
  for (const kid of await mislabelledKeys(jwks)) report({ subject: `signing key ${kid}`, check: 'key', detail: 'kid is not the RFC 7638 thumbprint of the key: it could name another key' });
  const verify = jwsVerifier(jwks);
  const pending = new Pending(options.concurrency ?? 64);

  const [stats] = await db.select({ last: max(ledgerEntries.seq), rows: count() }).from(ledgerEntries);
  const size = stats?.last == null ? 0 : Number(stats.last) + 1;
  const versionRows = await db.select({ seq: documentVersions.seq, documentId: documentVersions.documentId, version: documentVersions.version, final: documentVersions.final }).from(documentVersions);
  const versionsBySeq = new Map(versionRows.map((v) => [Number(v.seq), v]));
  const lastVersion = new Map<string, number>();

  const frontier = new MerkleFrontier();
  let headsSeen = 0;
  const mismatches = new RootMismatches(report);
  /** Stored subtrees that differ from the rebuilt ones (their ancestors differ as a consequence). */
  const differing = new Set<string>();

  for (let from = 0; from < size; from += batchSize) {
    const to = Math.min(from + batchSize, size);
    const [rows, heads, nodes] = await Promise.all([
      db
        .select({ seq: ledgerEntries.seq, documentId: ledgerEntries.documentId, entry: ledgerEntries.entry, jws: ledgerEntries.jws, json: recordContents.json, html: recordContents.html, text: recordContents.text, yjsState: recordContents.yjsState })
        .from(ledgerEntries)
        .leftJoin(recordContents, eq(recordContents.id, ledgerEntries.contentId))
        .where(and(gte(ledgerEntries.seq, from), lt(ledgerEntries.seq, to)))
        .orderBy(ledgerEntries.seq),
      db.select().from(ledgerTreeHeads).where(between(ledgerTreeHeads.treeSize, from + 1, to)),
      db
        .select({ level: ledgerNodes.level, idx: ledgerNodes.idx, hash: ledgerNodes.hash })
        .from(ledgerNodes)
        .where(or(...nodeRanges(from, to).map((r) => and(eq(ledgerNodes.level, r.level), between(ledgerNodes.idx, r.lo, r.hi))))),
    ]);
    const headBySize = new Map(heads.map((h) => [Number(h.treeSize), h]));
    const storedNode = new Map(nodes.map((n) => [`${n.level}:${Number(n.idx)}`, n.hash]));
    const bySeq = new Map(rows.map((r) => [Number(r.seq), r as EntryRow]));

    for (let seq = from; seq < to; seq++) {
      const row = bySeq.get(seq);
      let leaf: Hash | undefined;
      if (!row) {
        report({ seq, subject: `entry ${seq}`, check: 'missing', detail: 'no such row in ledger_entries: the entry was deleted' });
        leaf = storedNode.get(`0:${seq}`); // carry on with the stored leaf so one gap does not fail every later check
      } else {
        const checked = checkEntryRow(row, { versionsBySeq, lastVersion, report });
        leaf = checked.leaf;
        if (checked.entryBytes) {
          const { subject } = checked;
          await pending.add(
            verify(row.jws, checked.entryBytes).then((r) => {
              if (!r.ok) report({ seq, subject, check: 'signature', detail: r.reason });
            }),
          );
        }
      }
      if (!leaf) {
        report({ seq, subject: `entry ${seq}`, check: 'leaf', detail: 'neither the entry nor its stored leaf hash exists: the tree cannot be rebuilt past it' });
        leaf = new Uint8Array(32);
      }
      for (const node of frontier.push(leaf)) {
        const stored = storedNode.get(`${node.level}:${node.index}`);
        if (stored && bytesEqual(stored, node.hash)) continue;
        const key = `${node.level}:${node.index}`;
        const childDiffered = node.level > 0 && (differing.has(`${node.level - 1}:${node.index * 2}`) || differing.has(`${node.level - 1}:${node.index * 2 + 1}`));
        differing.add(key);
        if (childDiffered) continue; // follows from a difference below, already reported
        const first = node.index * 2 ** node.level;
        const what = !stored ? 'is missing' : node.level === 0 ? 'differs from the hash of the entry as stored now' : 'differs from the hash of its entries';
        report({
          seq: first,
          subject: node.level === 0 ? `entry ${first}` : `entries ${first}–${first + 2 ** node.level - 1}`,
          check: 'tree-node',
          detail: `ledger_nodes (level ${node.level}, index ${node.index}) ${what}: inclusion and consistency proofs through it are wrong`,
        });
      }
      const head = headBySize.get(seq + 1);
      if (!head) {
        report({ seq, subject: `tree head ${seq + 1}`, check: 'tree-head-missing', detail: `no signed tree head of size ${seq + 1}: it was deleted` });
        continue;
      }
      headsSeen++;
      const root = toHex(frontier.root());
      if (head.rootHash !== root) mismatches.extend(seq + 1, head.rootHash, root);
      else mismatches.end();
      const payload = canonicalBytes(treeHeadPayload({ treeSize: Number(head.treeSize), rootHash: head.rootHash, timestamp: head.timestamp }));
      await pending.add(
        verify(head.jws, payload).then((r) => {
          if (!r.ok) report({ seq, subject: `tree head ${seq + 1}`, check: 'tree-head-signature', detail: r.reason });
        }),
      );
    }
    options.onProgress?.(to, size);
  }
  mismatches.end();
  await pending.drain();
  await checkExtras(db, size, headsSeen, versionsBySeq, report);
  problems.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1) || checkOrder.indexOf(a.check) - checkOrder.indexOf(b.check));
  return { ok: problems.length === 0, entries: size, treeHeads: headsSeen, keys: jwks.keys.length, problems, ms: performance.now() - started };
}

/** Rows that should not exist: tree heads beyond the ledger, extra nodes, versions without entries. */
async function checkExtras(db: Executor, size: number, headsSeen: number, versionsBySeq: Map<number, unknown>, report: (p: LedgerProblem) => void) {
  const [heads] = await db.select({ n: count(), last: max(ledgerTreeHeads.treeSize) }).from(ledgerTreeHeads);
  if (Number(heads?.last ?? 0) > size) {
    report({ seq: size, subject: `tree head ${heads!.last}`, check: 'tree-head-beyond', detail: `a signed tree head covers ${heads!.last} entries but the ledger has ${size}: entries ${size}–${Number(heads!.last) - 1} were deleted` });
  } else if (Number(heads?.n ?? 0) !== headsSeen) {
    report({ subject: 'ledger_tree_heads', check: 'tree-head-extra', detail: `${Number(heads!.n) - headsSeen} unexpected rows` });
  }
  let expectedNodes = 0;
  for (let width = 1; width <= size; width *= 2) expectedNodes += Math.floor(size / width);
  const [nodes] = await db.select({ n: count() }).from(ledgerNodes);
  if (Number(nodes?.n ?? 0) > expectedNodes) report({ subject: 'ledger_nodes', check: 'tree-node-extra', detail: `${Number(nodes!.n) - expectedNodes} rows beyond the tree of ${size} entries` });
  for (const seq of versionsBySeq.keys()) if (seq >= size) report({ seq, subject: `version row for entry ${seq}`, check: 'version-index', detail: 'points at an entry that does not exist' });
}
