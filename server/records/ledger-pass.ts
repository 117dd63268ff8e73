/**
 * One pass of `codraft verify` over the ledger, in seq order and in batches (entries with their
 * content, the tree heads and the ledger_nodes each batch completes, read together).
 * Per entry: the row checks (entry-checks.ts), its signature, its leaf into a tree rebuilt from
 * scratch, the stored nodes it completes, and the signed tree head of that size (its root against
 * the rebuilt one, its signature). A gap — a deleted entry or tree head — is a problem of its own.
 *
 * Below `trustedSize` (a checkpoint, see verify-checkpoint.ts) signatures and tree-head roots are
 * not re-checked; the pass reports the root and the JWS digest at that size so the caller can tell
 * whether the checkpoint still holds.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/client';
import { MerkleFrontier, toHex, treeHeadBytes, type EventBody, type EventEntry, type Hash, type JwsCheck, type KindCheckResult } from '../../shared/records';
import { checkEntryRow } from './entry-checks';
import { readBatch, type HashContentIn } from './ledger-read';
import { NodeComparer, RootMismatches } from './tree-checks';
import type { LedgerProblem } from './verify-ledger';

export interface PassInput {
  size: number;
  hashContentIn: HashContentIn;
  trustedSize: number;
  batchSize: number;
  versionsBySeq: Map<number, { documentId: string; version: number; final: boolean }>;
  verify(jws: string, expected: Uint8Array): Promise<JwsCheck>;
  /** Kind-specific checks of an event entry (shared/records/kinds), with the agency's JWKS. */
  checkKind(body: EventBody, entry: EventEntry): Promise<KindCheckResult[]>;
  report(problem: LedgerProblem): void;
  onProgress?: (done: number, total: number) => void;
}

export interface PassResult {
  treeHeads: number;
  rootHash: string;
  signaturesSha256: string;
  /** At `trustedSize`, when the ledger reaches it. */
  trusted: { rootHash: string; signaturesSha256: string } | null;
}

/** At most this many signature checks in flight, awaited oldest first. */
const inFlight = 4096;

export async function ledgerPass(db: Executor, input: PassInput): Promise<PassResult> {
  const { size, trustedSize, report } = input;
  const frontier = new MerkleFrontier();
  const nodes = new NodeComparer(report);
  const roots = new RootMismatches(report);
  const signatures = createHash('sha256');
  // Digest input gathered per batch and hashed in one call (one call per JWS costs more than hashing).
  let digestInput: string[] = [];
  const digestFlush = () => {
    if (digestInput.length) signatures.update(digestInput.join(''));
    digestInput = [];
  };
  const lastVersion = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const check = async (task: Promise<void>) => {
    pending.push(task);
    if (pending.length >= inFlight) await pending.shift();
  };
  let treeHeads = 0;
  let trusted: PassResult['trusted'] = null;

  const batchAt = (from: number) => {
    if (from >= size) return null;
    const batch = readBatch(db, from, Math.min(from + input.batchSize, size), input.hashContentIn);
    batch.catch(() => {}); // still awaited below; this only keeps an early exit from leaving it unhandled
    return batch;
  };
  let next = batchAt(0);
  for (let from = 0; from < size; from += input.batchSize) {
    const to = Math.min(from + input.batchSize, size);
    const [rows, heads, storedNodes] = (await next)!;
    next = batchAt(to); // the database reads the next batch while this one is checked
    const rowBySeq = new Map(rows.map((r) => [Number(r.seq), r]));
    const headBySize = new Map(heads.map((h) => [h.treeSize, h]));

    for (let seq = from; seq < to; seq++) {
      const verifySignatures = seq >= trustedSize;
      const row = rowBySeq.get(seq);
      let leaf: Hash | undefined;
      if (row) {
        const checked = checkEntryRow(row, { versionsBySeq: input.versionsBySeq, lastVersion, report });
        leaf = checked.leaf;
        digestInput.push(row.jws, '\n');
        const event = checked.event;
        if (event) {
          await check(
            input.checkKind(event.body, event.entry).then((results) => {
              for (const r of results) if (!r.ok) report({ seq, subject: checked.subject, check: `kind:${r.check}`, detail: r.detail });
            }),
          );
        }
        if (verifySignatures) {
          await check(
            input.verify(row.jws, checked.entryBytes).then((r) => {
              if (!r.ok) report({ seq, subject: checked.subject, check: 'signature', detail: r.reason });
            }),
          );
        }
      } else {
        report({ seq, subject: `entry ${seq}`, check: 'missing', detail: 'no such row in ledger_entries: the entry was deleted' });
        leaf = storedNodes.get(`0:${seq}`); // carry on with its stored leaf, so one gap does not fail every later check
      }
      if (!leaf) {
        report({ seq, subject: `entry ${seq}`, check: 'leaf', detail: 'neither the entry nor its stored leaf hash exists: the tree cannot be rebuilt past it' });
        leaf = new Uint8Array(32);
      }
      nodes.compare(frontier.push(leaf), storedNodes);

      const head = headBySize.get(seq + 1);
      if (!head) {
        report({ seq, subject: `tree head ${seq + 1}`, check: 'tree-head-missing', detail: `no signed tree head of size ${seq + 1}: it was deleted` });
      } else {
        treeHeads++;
        // The signed fields too: a changed root or timestamp must break a checkpoint like a changed JWS.
        digestInput.push(`${head.treeSize} ${head.rootHash} ${head.timestamp} ${head.jws}\n`);
        if (verifySignatures) {
          roots.check(seq + 1, head.rootHash, toHex(frontier.root()));
          const payload = treeHeadBytes(head);
          await check(
            input.verify(head.jws, payload).then((r) => {
              if (!r.ok) report({ seq, subject: `tree head ${seq + 1}`, check: 'tree-head-signature', detail: r.reason });
            }),
          );
        }
      }
      if (seq + 1 === trustedSize) {
        digestFlush();
        trusted = { rootHash: toHex(frontier.root()), signaturesSha256: signatures.copy().digest('hex') };
      }
    }
    digestFlush();
    input.onProgress?.(to, size);
  }
  roots.end();
  await Promise.all(pending);
  return { treeHeads, rootHash: toHex(frontier.root()), signaturesSha256: signatures.digest('hex'), trusted };
}
