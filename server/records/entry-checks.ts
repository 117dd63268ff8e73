/**
 * The per-entry checks of `codraft verify` that need no signature: the stored entry text is
 * a valid v1 entry for this seq and document; its content, HTML, text, Yjs state and frozen
 * threads (issue 8, when it has them) hash to what it says; its version index row agrees; versions of a document count 1, 2, 3…
 * Returns the leaf hash (of the stored bytes, exactly as they were signed) and the bytes to verify.
 */
import { leafHash, recordEntrySchema, utf8, type EventBody, type EventEntry, type Hash, type RecordEntry } from '../../shared/records';
import { checkEventRow } from './event-checks';
import type { LedgerProblem } from './verify-ledger';

/** Lowercase hex SHA-256 of the stored content, HTML, text and Yjs state. */
export interface ContentHashes {
  json: string;
  html: string;
  text: string;
  yjs: string;
}

export interface EntryRow {
  seq: number;
  /** 'version' or an event kind. */
  kind: string;
  documentId: string | null;
  /** Event entries: the stored canonical body. */
  body: string | null;
  entry: string;
  jws: string;
  /** Null when the content row is missing. */
  hashes: ContentHashes | null;
  /** Hex SHA-256 of the threads snapshot stored with a version (issue 8); null when none. */
  threads?: string | null;
}

interface Context {
  versionsBySeq: Map<number, { documentId: string; version: number; final: boolean }>;
  /** Last version number seen per document, to spot a missing or repeated one. */
  lastVersion: Map<string, number>;
  report(problem: LedgerProblem): void;
}

const describe = (seq: number, entry?: RecordEntry) =>
  entry ? `entry ${seq} (document ${entry.documentId}, version ${entry.version} "${entry.label}")` : `entry ${seq}`;

export interface CheckedRow {
  leaf: Hash;
  entryBytes: Uint8Array;
  subject: string;
  /** An event entry that passed its row checks: its kind-specific checks still have to run. */
  event?: { entry: EventEntry; body: EventBody };
}

export function checkEntryRow(row: EntryRow, ctx: Context): CheckedRow {
  if (row.kind !== 'version') return checkEventRow(row, ctx);
  const seq = Number(row.seq);
  const bytes = utf8(row.entry);
  const leaf = leafHash(bytes);
  const fail = (subject: string, check: string, detail: string) => ctx.report({ seq, subject, check, detail });
  // An unreadable entry still counts in its document's version sequence (from the index), so the
  // next version of that document is not reported as a gap caused by this one.
  const countFromIndex = () => {
    const index = ctx.versionsBySeq.get(seq);
    if (index) ctx.lastVersion.set(index.documentId, Math.max(ctx.lastVersion.get(index.documentId) ?? 0, index.version));
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(row.entry);
  } catch {
    fail(describe(seq), 'entry-format', 'stored entry is not JSON');
    countFromIndex();
    return { leaf, entryBytes: bytes, subject: describe(seq) };
  }
  const result = recordEntrySchema.safeParse(parsed);
  const entry = result.success ? result.data : undefined;
  const subject = describe(seq, entry);
  if (!entry) {
    fail(subject, 'entry-format', `not a v1 entry: ${result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    countFromIndex();
    return { leaf, entryBytes: bytes, subject };
  }
  // Not re-canonicalised here (costly per entry): the signature covers exactly these bytes, and only
  // canonical bytes are ever signed, so a rewritten entry fails its signature and its leaf.
  if (entry.seq !== seq) fail(subject, 'entry-format', `entry says seq ${entry.seq} but is stored at ${seq}`);
  if (entry.documentId !== row.documentId) fail(subject, 'entry-format', `entry names document ${entry.documentId}, the row ${row.documentId}`);

  if (!row.hashes) {
    fail(subject, 'content-missing', 'its frozen content row is missing');
  } else {
    const hashes: [string, string, string][] = [
      ['content-hash', row.hashes.json, entry.contentSha256],
      ['html-hash', row.hashes.html, entry.htmlSha256],
      ['text-hash', row.hashes.text, entry.textSha256],
      ['yjs-hash', row.hashes.yjs, entry.yjsSha256],
    ];
    for (const [check, actual, expected] of hashes) {
      if (actual !== expected) fail(subject, check, `stored ${check.replace('-hash', '')} hashes to ${actual}, the signed entry says ${expected}`);
    }
  }

  // Threads frozen with the version (issue 8): entries from before carry no hash and have no snapshot.
  const storedThreads = row.threads ?? null;
  if (entry.threadsSha256 === undefined && storedThreads !== null) fail(subject, 'threads-hash', 'a threads snapshot is stored for an entry that does not commit to one');
  if (entry.threadsSha256 !== undefined && storedThreads === null) fail(subject, 'threads-hash', 'its frozen threads snapshot is missing');
  if (entry.threadsSha256 !== undefined && storedThreads !== null && storedThreads !== entry.threadsSha256) {
    fail(subject, 'threads-hash', `stored threads hash to ${storedThreads}, the signed entry says ${entry.threadsSha256}`);
  }

  const index = ctx.versionsBySeq.get(seq);
  if (!index) fail(subject, 'version-index', 'no document_versions row points at it');
  else if (index.documentId !== entry.documentId || index.version !== entry.version || index.final !== entry.final) {
    fail(subject, 'version-index', `document_versions says document ${index.documentId} version ${index.version}${index.final ? ' (final)' : ''}`);
  }
  const previous = ctx.lastVersion.get(entry.documentId) ?? 0;
  if (entry.version !== previous + 1) fail(subject, 'version-sequence', `version ${entry.version} follows version ${previous} of this document`);
  ctx.lastVersion.set(entry.documentId, Math.max(previous, entry.version));
  return { leaf, entryBytes: bytes, subject };
}
