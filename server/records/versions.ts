/** Reading frozen versions and their records (entry, content, tree head) for the API. */
import { desc, eq, gte } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentVersions, ledgerEntries, ledgerTreeHeads, recordContents, yjsStateBase64 } from '../db/schema';
import { recordEntrySchema, type RecordEntry, type SignedTreeHead, type VersionDto } from '../../shared/records';

export interface VersionRow {
  id: string;
  documentId: string;
  entry: RecordEntry;
  jws: string;
}

type IndexRow = { id: string; documentId: string; version: number; seq: number; final: boolean; entry: string; jws: string };

/**
 * The stored entry, or — when it no longer parses as one (tampered behind the triggers) — a stand-in
 * from the version index, so lists still show the version and its verification fails visibly.
 */
function toVersionRow({ entry, version, seq, final, ...row }: IndexRow): VersionRow {
  try {
    return { ...row, entry: recordEntrySchema.parse(JSON.parse(entry)) };
  } catch {
    const unreadable = '0'.repeat(64);
    return {
      ...row,
      entry: {
        v: 1, seq: Number(seq), documentId: row.documentId, version, label: '(unreadable record)', note: null, title: '',
        contentSha256: unreadable, htmlSha256: unreadable, textSha256: unreadable, yjsSha256: unreadable,
        frozenBy: { id: '', name: '', department: null }, frozenAt: new Date(0).toISOString(), final,
      },
    };
  }
}

export const presentVersion = (row: VersionRow): VersionDto => ({
  id: row.id,
  documentId: row.documentId,
  version: row.entry.version,
  seq: row.entry.seq,
  label: row.entry.label,
  note: row.entry.note,
  title: row.entry.title,
  final: row.entry.final,
  frozenBy: row.entry.frozenBy,
  frozenAt: row.entry.frozenAt,
});

const versionColumns = {
  id: documentVersions.id,
  documentId: documentVersions.documentId,
  version: documentVersions.version,
  seq: documentVersions.seq,
  final: documentVersions.final,
  entry: ledgerEntries.entry,
  jws: ledgerEntries.jws,
};

const selectVersions = (db: Executor) =>
  db.select(versionColumns).from(documentVersions).innerJoin(ledgerEntries, eq(ledgerEntries.seq, documentVersions.seq));

export async function listVersions(db: Executor, documentId: string): Promise<VersionRow[]> {
  const rows = await selectVersions(db).where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.version));
  return rows.map(toVersionRow);
}

export async function loadVersion(db: Executor, versionId: string): Promise<VersionRow | null> {
  const [row] = await selectVersions(db).where(eq(documentVersions.id, versionId));
  return row ? toVersionRow(row) : null;
}

/** The stored record of entry `seq`: entry text exactly as stored, JWS and content (Yjs state as base64). */
/** What every ledger entry has: its kind and the draft it concerns (null for agency-wide events). */
export async function loadEntryHead(db: Executor, seq: number) {
  const [row] = await db
    .select({ seq: ledgerEntries.seq, kind: ledgerEntries.kind, documentId: ledgerEntries.documentId })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.seq, seq));
  return row ?? null;
}

/** A version entry with its frozen content (null for an event entry or an unknown seq). */
export async function loadRecord(db: Executor, seq: number) {
  const [row] = await db
    .select({
      seq: ledgerEntries.seq,
      documentId: ledgerEntries.documentId,
      entry: ledgerEntries.entry,
      jws: ledgerEntries.jws,
      json: recordContents.json,
      html: recordContents.html,
      text: recordContents.text,
      yjsState: yjsStateBase64,
    })
    .from(ledgerEntries)
    .innerJoin(recordContents, eq(recordContents.id, ledgerEntries.contentId))
    .where(eq(ledgerEntries.seq, seq));
  return row ?? null;
}

const treeHeadColumns = { treeSize: ledgerTreeHeads.treeSize, rootHash: ledgerTreeHeads.rootHash, timestamp: ledgerTreeHeads.timestamp, jws: ledgerTreeHeads.jws };

/** The newest signed tree head (null while the ledger is empty). */
export async function latestTreeHead(db: Executor): Promise<SignedTreeHead | null> {
  const [row] = await db.select(treeHeadColumns).from(ledgerTreeHeads).orderBy(desc(ledgerTreeHeads.treeSize)).limit(1);
  return row ?? null;
}

export async function treeHeadAt(db: Executor, treeSize: number): Promise<SignedTreeHead | null> {
  const [row] = await db.select(treeHeadColumns).from(ledgerTreeHeads).where(eq(ledgerTreeHeads.treeSize, treeSize));
  return row ?? null;
}

export const listTreeHeads = (db: Executor, after: number, limit: number): Promise<SignedTreeHead[]> =>
  db.select(treeHeadColumns).from(ledgerTreeHeads).where(gte(ledgerTreeHeads.treeSize, after + 1)).orderBy(ledgerTreeHeads.treeSize).limit(limit);
