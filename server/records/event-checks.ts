/**
 * The row checks of `codraft verify` for an event entry (v2): the stored text is a valid v2 entry for
 * this seq, kind and document, and the stored body hashes to the entry's bodySha256. Its signature,
 * leaf and tree head are checked by the ledger pass like any entry's; its kind-specific checks run
 * there too, with the JWKS.
 */
import { eventEntrySchema, leafHash, sha256Hex, utf8, type EventBody } from '../../shared/records';
import type { CheckedRow, EntryRow } from './entry-checks';
import type { LedgerProblem } from './verify-ledger';

export function checkEventRow(row: EntryRow, ctx: { report(problem: LedgerProblem): void }): CheckedRow {
  const seq = Number(row.seq);
  const bytes = utf8(row.entry);
  const leaf = leafHash(bytes);
  let subject = `entry ${seq} (${row.kind})`;
  const fail = (check: string, detail: string) => ctx.report({ seq, subject, check, detail });

  let parsed: unknown;
  try {
    parsed = JSON.parse(row.entry);
  } catch {
    fail('entry-format', 'stored entry is not JSON');
    return { leaf, entryBytes: bytes, subject };
  }
  const result = eventEntrySchema.safeParse(parsed);
  if (!result.success) {
    fail('entry-format', `not a v2 event entry: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { leaf, entryBytes: bytes, subject };
  }
  const entry = result.data;
  subject = `entry ${seq} (${entry.kind} "${entry.title}")`;
  if (entry.seq !== seq) fail('entry-format', `entry says seq ${entry.seq} but is stored at ${seq}`);
  if (entry.kind !== row.kind) fail('entry-format', `entry says kind ${entry.kind}, the row ${row.kind}`);
  if (entry.documentId !== row.documentId) fail('entry-format', `entry names document ${entry.documentId}, the row ${row.documentId}`);
  if (row.body === null) {
    fail('body-missing', 'its body is missing');
    return { leaf, entryBytes: bytes, subject };
  }
  const actual = sha256Hex(row.body);
  if (actual !== entry.bodySha256) {
    fail('body-hash', `stored body hashes to ${actual}, the signed entry says ${entry.bodySha256}`);
    return { leaf, entryBytes: bytes, subject };
  }
  let body: EventBody;
  try {
    body = JSON.parse(row.body) as EventBody;
  } catch {
    fail('body-hash', 'stored body is not JSON');
    return { leaf, entryBytes: bytes, subject };
  }
  return { leaf, entryBytes: bytes, subject, event: { entry, body } };
}
