/**
 * Building a record bundle (shared/records/bundle.ts) from the database: the stored entry,
 * content and Yjs state, an inclusion proof into the newest tree head, and that tree head.
 * The entry is served as stored (parsed, not rebuilt), so a tampered row fails verification.
 */
import type { Executor } from '../db/client';
import { bundleFormat, toHex, type RecordBundle } from '../../shared/records';
import { MissingNodeError, storedInclusionProof } from './tree-store';
import { latestTreeHead, loadRecord } from './versions';

/** Stored JSON text, or the text itself when it no longer parses (verification then names it). */
const parseStored = (text: string): never => {
  try {
    return JSON.parse(text) as never;
  } catch {
    return text as never;
  }
};

/** The bundle of entry `seq`, or null when there is no such entry. */
export async function buildBundle(db: Executor, seq: number): Promise<RecordBundle | null> {
  const record = await loadRecord(db, seq);
  if (!record) return null;
  const treeHead = await latestTreeHead(db);
  if (!treeHead || treeHead.treeSize <= seq) throw new Error(`no tree head covers entry ${seq}`);
  // A damaged tree yields an empty path: the bundle then fails its inclusion check, visibly.
  const auditPath = await storedInclusionProof(db, seq, treeHead.treeSize).catch((error) => {
    if (error instanceof MissingNodeError) return [];
    throw error;
  });
  return {
    format: bundleFormat,
    v: 1,
    entry: parseStored(record.entry),
    jws: record.jws,
    content: { json: parseStored(record.json) as Record<string, unknown>, html: record.html, text: record.text },
    yjsState: record.yjsState,
    inclusionProof: { leafIndex: seq, treeSize: treeHead.treeSize, auditPath: auditPath.map(toHex) },
    treeHead,
  };
}
