/**
 * Building a record bundle (shared/records/bundle.ts) from the database: the stored entry,
 * content and Yjs state, an inclusion proof into the newest tree head, and that tree head; or, for
 * an event entry, an event bundle (shared/records/event-bundle.ts) with its stored body.
 * The entry is served as stored (parsed, not rebuilt), so a tampered row fails verification.
 */
import type { Executor } from '../db/client';
import { and, eq, ne } from 'drizzle-orm';
import { ledgerEntries } from '../db/schema';
import { bundleFormat, eventBundleFormat, toHex, type EventBundle, type RecordBundle } from '../../shared/records';
import { MissingNodeError, storedInclusionProof } from './tree-store';
import { latestTreeHead, loadRecord } from './versions';
import { loadThreadsSnapshot } from '../comments/threads-snapshot';

/** Stored JSON text, or the text itself when it no longer parses (verification then names it). */
const parseStored = (text: string): never => {
  try {
    return JSON.parse(text) as never;
  } catch {
    return text as never;
  }
};

/** An inclusion proof of `seq` into the newest tree head, and that tree head. */
async function proofOf(db: Executor, seq: number) {
  const treeHead = await latestTreeHead(db);
  if (!treeHead || treeHead.treeSize <= seq) throw new Error(`no tree head covers entry ${seq}`);
  // A damaged tree yields an empty path: the bundle then fails its inclusion check, visibly.
  const auditPath = await storedInclusionProof(db, seq, treeHead.treeSize).catch((error) => {
    if (error instanceof MissingNodeError) return [];
    throw error;
  });
  return { treeHead, auditPath };
}

/** The bundle of version entry `seq`, or null when there is no such version entry. */
export async function buildBundle(db: Executor, seq: number): Promise<RecordBundle | null> {
  const record = await loadRecord(db, seq);
  if (!record) return null;
  const [{ treeHead, auditPath }, threads] = await Promise.all([proofOf(db, seq), loadThreadsSnapshot(db, seq)]);
  return {
    format: bundleFormat,
    v: 1,
    entry: parseStored(record.entry),
    jws: record.jws,
    content: { json: parseStored(record.json) as Record<string, unknown>, html: record.html, text: record.text },
    yjsState: record.yjsState,
    inclusionProof: { leafIndex: seq, treeSize: treeHead.treeSize, auditPath: auditPath.map(toHex) },
    treeHead,
    // Threads frozen with the version (issue 8); absent for entries frozen before.
    ...(threads === undefined ? {} : { threads }),
  };
}

/** The bundle of event entry `seq` (event-bundle.ts), or null when there is no such event entry. */
export async function buildEventBundle(db: Executor, seq: number): Promise<EventBundle | null> {
  const [row] = await db
    .select({ entry: ledgerEntries.entry, jws: ledgerEntries.jws, body: ledgerEntries.body })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.seq, seq), ne(ledgerEntries.kind, 'version')));
  if (!row) return null;
  const { treeHead, auditPath } = await proofOf(db, seq);
  return {
    format: eventBundleFormat,
    v: 1,
    entry: parseStored(row.entry),
    jws: row.jws,
    body: parseStored(row.body ?? ''),
    inclusionProof: { leafIndex: seq, treeSize: treeHead.treeSize, auditPath: auditPath.map(toHex) },
    treeHead,
  };
}

/** The bundle of any entry: a record bundle for a version, an event bundle for an event. */
export const buildAnyBundle = async (db: Executor, seq: number, kind: string) =>
  kind === 'version' ? buildBundle(db, seq) : buildEventBundle(db, seq);
