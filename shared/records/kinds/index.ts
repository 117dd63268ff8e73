/**
 * Kind-specific checks of event entries, run by every verifier (the offline bundle check, the
 * server, `codraft verify` over the ledger) after the generic ones (signature, body hash, inclusion).
 * One line per kind, its checker in a file of its own beside this one. A kind without an entry here
 * gets the generic checks only.
 */
import type { Jwks } from '../jws';
import type { EventBody, EventEntry } from '../event-entry';
import { checkIssued } from './issued';
import { checkKeyCertified, checkKeyRevoked } from './key-certificate';
import { checkRoundClosed, checkRoundOpened } from './round';

export interface KindCheckResult {
  /** Short name, shown beside the generic checks, e.g. "personalSignatures". */
  check: string;
  ok: boolean;
  detail: string;
}

export type KindCheck = (body: EventBody, entry: EventEntry, jwks: Jwks) => Promise<KindCheckResult[]>;

export const kindChecks: Record<string, KindCheck> = {
  'round.opened': checkRoundOpened,
  'round.closed': checkRoundClosed,
  'document.issued': checkIssued,
  'key.certified': checkKeyCertified,
  'key.revoked': checkKeyRevoked,
};

/** The kind's checks; a checker that throws fails with its message instead of stopping verification. */
export async function runKindChecks(body: EventBody, entry: EventEntry, jwks: Jwks): Promise<KindCheckResult[]> {
  const checker = kindChecks[entry.kind];
  if (!checker) return [];
  try {
    return await checker(body, entry, jwks);
  } catch (error) {
    return [{ check: entry.kind, ok: false, detail: `cannot be checked: ${error instanceof Error ? error.message : String(error)}` }];
  }
}
