/**
 * `codraft verify`'s ledger-wide check for issued documents: a number is unique per register and year
 * across the whole ledger (a single bundle cannot show that; the ledger pass sees every entry, in seq
 * order, and reports the later duplicate).
 */
import type { EventBody, EventEntry } from '../../shared/records';
import { issuedKind } from '../../shared/signatures';
import type { LedgerProblem } from '../records/verify-ledger';

export function issuedNumberTracker(report: (problem: LedgerProblem) => void) {
  const seen = new Map<string, number>();
  return (body: EventBody, entry: EventEntry) => {
    if (entry.kind !== issuedKind) return;
    const b = body as { register?: { id?: string; name?: string }; year?: number; number?: number; notation?: string };
    const key = `${b.register?.id}|${b.year}|${b.number}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, entry.seq);
    else report({ seq: entry.seq, subject: `entry ${entry.seq} (${entry.kind})`, check: 'kind:numberUnique', detail: `number ${b.notation} (register ${b.register?.name}, year ${b.year}) was already issued at entry ${first}` });
  };
}
