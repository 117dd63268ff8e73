/**
 * Comparing the tree `codraft verify` rebuilds from the entries with what is stored: the perfect
 * subtrees in ledger_nodes (what proofs are served from) and the roots in signed tree heads.
 * Both report the cause once, not every consequence: a changed leaf changes all its ancestors and
 * every later root.
 */
import { bytesEqual, type CompletedSubtree, type Hash } from '../../shared/records';
import type { LedgerProblem } from './verify-ledger';

type Report = (problem: LedgerProblem) => void;

/** The ledger_nodes a batch of leaves [from, to) completes: index range per level. */
export function nodeRanges(from: number, to: number) {
  const ranges: { level: number; lo: number; hi: number }[] = [];
  for (let level = 0, width = 1; width <= to; level++, width *= 2) {
    const lo = Math.ceil((from + 1) / width) - 1;
    const hi = Math.floor(to / width) - 1;
    if (hi >= lo) ranges.push({ level, lo, hi });
  }
  return ranges;
}

export class NodeComparer {
  /** Stored subtrees that differ from the rebuilt ones. */
  private readonly differing = new Set<string>();
  constructor(private readonly report: Report) {}

  compare(rebuilt: CompletedSubtree[], stored: Map<string, Hash>) {
    for (const node of rebuilt) {
      const key = `${node.level}:${node.index}`;
      const found = stored.get(key);
      if (found && bytesEqual(found, node.hash)) continue;
      const below = node.level > 0 && (this.differing.has(`${node.level - 1}:${node.index * 2}`) || this.differing.has(`${node.level - 1}:${node.index * 2 + 1}`));
      this.differing.add(key);
      if (below) continue; // follows from a difference below, already reported
      const first = node.index * 2 ** node.level;
      const what = !found ? 'is missing' : node.level === 0 ? 'differs from the hash of the entry as stored now' : 'differs from the hash of its entries';
      this.report({
        seq: first,
        subject: node.level === 0 ? `entry ${first}` : `entries ${first}–${first + 2 ** node.level - 1}`,
        check: 'tree-node',
        detail: `ledger_nodes (level ${node.level}, index ${node.index}) ${what}: inclusion and consistency proofs through it are wrong`,
      });
    }
  }
}

/** Signed roots that differ from the rebuilt tree, reported as runs of consecutive tree heads. */
export class RootMismatches {
  private run: { from: number; to: number; signed: string; rebuilt: string } | null = null;
  constructor(private readonly report: Report) {}

  check(treeSize: number, signed: string, rebuilt: string) {
    if (signed === rebuilt) return this.end();
    if (this.run && this.run.to === treeSize - 1) this.run.to = treeSize;
    else {
      this.end();
      this.run = { from: treeSize, to: treeSize, signed, rebuilt };
    }
  }

  end() {
    if (!this.run) return;
    const { from, to, signed, rebuilt } = this.run;
    this.report({
      seq: from - 1,
      subject: from === to ? `tree head ${from}` : `tree heads ${from}–${to}`,
      check: 'tree-head-root',
      detail: `signed root ${signed}${from === to ? '' : ' (and later ones)'} ≠ ${rebuilt}, the root of the entries as stored now: an entry up to ${from - 1} changed, or the tree head did`,
    });
    this.run = null;
  }
}
