/**
 * `codraft verify`: the whole ledger in the database checked against itself and its signatures,
 * trusting nothing stored but the published keys (each kid must be its key's thumbprint).
 *
 * Every entry: canonical v1 format for its seq and document, EdDSA signature over exactly the
 * stored bytes, content / HTML / text / Yjs hashes, version index row, versions 1, 2, 3… per
 * document. The tree is rebuilt from the entries: every perfect subtree is compared with
 * ledger_nodes, and every signed tree head must carry the rebuilt root at its size and a valid
 * signature — which also proves all tree heads ever issued consistent with each other and with
 * the ledger now. Deleted entries or tree heads and extra rows are reported. Problems name the
 * entry (seq, document, version, label) and say why. See ledger-pass.ts for the pass itself.
 *
 * With a checkpoint from an earlier successful run (verify-checkpoint.ts) the signatures and roots
 * it covers are trusted if their bytes are unchanged; if anything there changed, everything is
 * verified again, so a problem is still named.
 */
import { count, max } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentVersions, ledgerEntries, ledgerNodes, ledgerTreeHeads } from '../db/schema';
import { mislabelledKeys, runKindChecks, type Jwks } from '../../shared/records';
import { loadJwks } from './keys';
import { ledgerPass } from './ledger-pass';
import { issuedNumberTracker } from '../signatures/ledger-numbers';
import type { HashContentIn } from './ledger-read';
import { createSignaturePool } from './signature-pool';
import { keysOf, keysUnchanged, type VerifyCheckpoint } from './verify-checkpoint';

export interface LedgerProblem {
  /** The entry concerned, when there is one. */
  seq?: number;
  /** What: `entry 17 (document …, version 3 "label")`, `tree head 18`, `entries 16–23`. */
  subject: string;
  check: string;
  detail: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  treeHeads: number;
  keys: number;
  /** `incremental` when a checkpoint held and old signatures were not re-verified. */
  mode: 'full' | 'incremental';
  problems: LedgerProblem[];
  ms: number;
  /** What to remember for next time (only when ok and the ledger is not empty). */
  checkpoint: Omit<VerifyCheckpoint, 'format' | 'v' | 'verifiedAt'> | null;
}

export interface VerifyOptions {
  batchSize?: number;
  /** Hash contents in the database (default) or in this process, see ledger-pass.ts. */
  hashContentIn?: HashContentIn;
  /** Trust what this earlier successful run verified, if it still holds. */
  checkpoint?: VerifyCheckpoint | null;
  onProgress?: (done: number, total: number) => void;
}

/** The order problems about one entry are listed in: the entry itself, its content, then the tree. */
const checkOrder = ['key', 'missing', 'entry-format', 'signature', 'content-missing', 'content-hash', 'html-hash', 'text-hash', 'yjs-hash', 'threads-hash', 'version-index', 'version-sequence', 'leaf', 'tree-node', 'tree-head-missing', 'tree-head-root', 'tree-head-signature'];

export async function verifyLedger(db: Executor, options: VerifyOptions = {}): Promise<LedgerReport> {
  const started = performance.now();
  const jwks = await loadJwks(db);
  const [stats] = await db.select({ last: max(ledgerEntries.seq) }).from(ledgerEntries);
  const size = stats?.last == null ? 0 : Number(stats.last) + 1;
  const versionRows = await db.select({ seq: documentVersions.seq, documentId: documentVersions.documentId, version: documentVersions.version, final: documentVersions.final }).from(documentVersions);
  const versionsBySeq = new Map(versionRows.map((v) => [Number(v.seq), v]));
  const pool = createSignaturePool(jwks);

  const run = async (trustedSize: number) => {
    const problems: LedgerProblem[] = [];
    const report = (p: LedgerProblem) => problems.push(p);
    const issuedNumbers = issuedNumberTracker(report); // issue 10: numbers unique per register and year
    for (const kid of await mislabelledKeys(jwks)) report({ subject: `signing key ${kid}`, check: 'key', detail: 'kid is not the RFC 7638 thumbprint of the key: it could name another key' });
    const pass = await ledgerPass(db, { size, trustedSize, hashContentIn: options.hashContentIn ?? 'database', batchSize: options.batchSize ?? 1000, versionsBySeq, verify: pool.verify, checkKind: (body, entry) => (issuedNumbers(body, entry), runKindChecks(body, entry, jwks)), report, onProgress: options.onProgress });
    await checkExtras(db, size, pass.treeHeads, versionsBySeq, report);
    return { problems, pass };
  };

  try {
    const checkpoint = options.checkpoint;
    let mode: LedgerReport['mode'] = 'full';
    let result;
    if (checkpoint && checkpoint.treeSize <= size && keysUnchanged(checkpoint, jwks)) {
      result = await run(checkpoint.treeSize);
      const held = result.pass.trusted?.rootHash === checkpoint.rootHash && result.pass.trusted.signaturesSha256 === checkpoint.signaturesSha256;
      if (held) mode = 'incremental';
      else result = await run(0);
    } else result = await run(0);

    const { problems, pass } = result;
    problems.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1) || checkOrder.indexOf(a.check) - checkOrder.indexOf(b.check));
    const ok = problems.length === 0;
    return {
      ok,
      entries: size,
      treeHeads: pass.treeHeads,
      keys: jwks.keys.length,
      mode,
      problems,
      ms: performance.now() - started,
      checkpoint: ok && size > 0 ? { treeSize: size, rootHash: pass.rootHash, signaturesSha256: pass.signaturesSha256, keys: keysOf(jwks as Jwks) } : null,
    };
  } finally {
    await pool.close();
  }
}

/** Rows that should not exist: tree heads beyond the ledger, extra nodes, versions without entries. */
async function checkExtras(db: Executor, size: number, headsSeen: number, versionsBySeq: Map<number, unknown>, report: (p: LedgerProblem) => void) {
  const [heads] = await db.select({ n: count(), last: max(ledgerTreeHeads.treeSize) }).from(ledgerTreeHeads);
  const lastHead = Number(heads?.last ?? 0);
  if (lastHead > size) {
    report({ seq: size, subject: `tree head ${lastHead}`, check: 'tree-head-beyond', detail: `a signed tree head covers ${lastHead} entries but the ledger has ${size}: entries ${size}–${lastHead - 1} were deleted` });
  } else if (Number(heads?.n ?? 0) !== headsSeen) {
    report({ subject: 'ledger_tree_heads', check: 'tree-head-extra', detail: `${Number(heads!.n) - headsSeen} unexpected rows` });
  }
  let expectedNodes = 0;
  for (let width = 1; width <= size; width *= 2) expectedNodes += Math.floor(size / width);
  const [nodes] = await db.select({ n: count() }).from(ledgerNodes);
  if (Number(nodes?.n ?? 0) > expectedNodes) report({ subject: 'ledger_nodes', check: 'tree-node-extra', detail: `${Number(nodes!.n) - expectedNodes} rows beyond the tree of ${size} entries` });
  for (const seq of versionsBySeq.keys()) if (seq >= size) report({ seq, subject: `version row for entry ${seq}`, check: 'version-index', detail: 'points at an entry that does not exist' });
}
