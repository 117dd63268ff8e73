/**
 * The stored form of a document's collaborative state, as queries: an append-only log of Yjs
 * updates (`document_updates`) plus one snapshot (`document_snapshots`) folding the older ones.
 * Batching and scheduling live in persistence.ts; this file only talks to the database.
 *
 * Invariant: a document's state is its snapshot merged with *every* log row still present for it.
 * Compaction deletes exactly the rows it folded, in the same transaction as the snapshot write, so
 * a row committed late (with a lower id than the snapshot's `up_to_update_id`) is never skipped.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Database, Executor } from '../db/client';
import { documentSnapshots, documentUpdateQuarantine, documentUpdates, documents } from '../db/schema';

export interface PendingUpdate {
  documentId: string;
  update: Uint8Array;
  /** The update as base64, set on the first write attempt so retries do not encode it again. */
  base64?: string;
}

export interface DocumentEdit {
  documentId: string;
  at: Date;
  /** Null for server-side edits (e.g. restoring a version): keeps the last human editor. */
  by: string | null;
}

/** Rows per statement: two parameters each, far below Postgres' 65,535-parameter limit. */
const insertChunk = 5_000;

/**
 * Append updates (any documents) and set `last_edited_at/by`, as one statement: a multi-row
 * INSERT in a CTE plus one UPDATE. A single statement is atomic and costs one round trip, where
 * BEGIN/INSERT/UPDATE/COMMIT would cost four. Very large batches run in chunks in a transaction.
 */
export async function appendUpdates(db: Database, rows: readonly PendingUpdate[], edits: readonly DocumentEdit[]): Promise<void> {
  if (rows.length <= insertChunk) return appendStatement(db, rows, edits);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += insertChunk) await appendStatement(tx, rows.slice(i, i + insertChunk), i === 0 ? edits : []);
  });
}

/**
 * Postgres array literal of values that need no quoting (uuids, base64, ISO timestamps); null → NULL.
 * Passing whole arrays keeps the statement text constant, so it is prepared once, not per batch size.
 */
const arrayLiteral = (values: readonly (string | null)[]) => `{${values.map((v) => v ?? 'NULL').join(',')}}`;

async function appendStatement(db: Executor, rows: readonly PendingUpdate[], edits: readonly DocumentEdit[]): Promise<void> {
  if (rows.length === 0) return;
  // Updates travel as base64 text: PGlite binds bytea parameters byte by byte, slowly.
  const ids = arrayLiteral(rows.map((r) => r.documentId));
  const updates = arrayLiteral(rows.map((r) => (r.base64 ??= Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength).toString('base64'))));
  const appended = sql`insert into ${documentUpdates} (document_id, update)
    select d, decode(u, 'base64') from unnest(${ids}::uuid[], ${updates}::text[]) with ordinality as t(d, u, n) order by n`;
  if (edits.length === 0) {
    await db.execute(appended);
    return;
  }
  await db.execute(sql`
    with appended as (${appended})
    update ${documents} as d
       set last_edited_at = v.at, last_edited_by = coalesce(v.by, d.last_edited_by)
      from unnest(${arrayLiteral(edits.map((e) => e.documentId))}::uuid[],
                  ${arrayLiteral(edits.map((e) => e.at.toISOString()))}::timestamptz[],
                  ${arrayLiteral(edits.map((e) => e.by))}::uuid[]) as v(id, at, by)
     where d.id = v.id`);
}

/** Which of these documents still exist (updates for deleted ones cannot be stored). */
export async function existingDocumentIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: documents.id }).from(documents).where(inArray(documents.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export interface StoredState {
  snapshot: Uint8Array | null;
  /** The log rows not folded into the snapshot yet, oldest first. */
  updates: Uint8Array[];
}

/** Snapshot and tail, read in one repeatable-read transaction so a concurrent compaction cannot split them. */
export function loadStoredState(db: Database, documentId: string): Promise<StoredState> {
  return db.transaction(
    async (tx) => {
      const [snapshot] = await tx
        .select({ state: documentSnapshots.state })
        .from(documentSnapshots)
        .where(eq(documentSnapshots.documentId, documentId));
      const rows = await tx
        .select({ update: documentUpdates.update })
        .from(documentUpdates)
        .where(eq(documentUpdates.documentId, documentId))
        .orderBy(asc(documentUpdates.id));
      return { snapshot: snapshot?.state ?? null, updates: rows.map((r) => r.update) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Apply stored parts to a document in one transaction; returns how many parts could not be read. */
export function applyStoredParts(doc: Y.Doc, parts: readonly Uint8Array[], origin: unknown): number {
  let unreadable = 0;
  Y.transact(
    doc,
    () => {
      for (const part of parts) {
        try {
          Y.applyUpdate(doc, part, origin);
        } catch {
          unreadable++;
        }
      }
    },
    origin,
  );
  return unreadable;
}

/** One state update from snapshot + tail: the shape the log takes when folded. */
export function mergeStoredState(stored: StoredState): Uint8Array {
  const doc = new Y.Doc();
  applyStoredParts(doc, stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates, null);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Whether a stored part decodes as a Yjs update (applying garbage could damage the document). */
function readable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fold up to `limit` of the oldest log rows into the snapshot and delete exactly those rows,
 * in one transaction. Compactions of one document are serialised with an advisory lock (several
 * server instances may share the database). A row that cannot be read is not folded but moved to
 * `document_update_quarantine` in the same transaction (loading skips it anyway), so it is reported
 * once instead of failing every compaction. Returns how many rows left the log, and which were quarantined.
 */
export function compactOnce(db: Database, documentId: string, limit: number): Promise<{ folded: number; quarantined: number[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`codraft.compact:${documentId}`}))`);
    const rows = await tx
      .select({ id: documentUpdates.id, update: documentUpdates.update })
      .from(documentUpdates)
      .where(eq(documentUpdates.documentId, documentId))
      .orderBy(asc(documentUpdates.id))
      .limit(limit);
    if (rows.length === 0) return { folded: 0, quarantined: [] };
    const [previous] = await tx
      .select({ state: documentSnapshots.state, upTo: documentSnapshots.upToUpdateId })
      .from(documentSnapshots)
      .where(eq(documentSnapshots.documentId, documentId));
    const doc = new Y.Doc();
    const bad: { id: number; update: Uint8Array; reason: string }[] = [];
    Y.transact(doc, () => {
      if (previous) Y.applyUpdate(doc, previous.state);
      for (const row of rows) {
        if (!readable(row.update)) {
          bad.push({ ...row, reason: 'does not decode as a Yjs update' });
          continue;
        }
        try {
          Y.applyUpdate(doc, row.update);
        } catch (error) {
          bad.push({ ...row, reason: `could not be applied: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) });
        }
      }
    });
    if (bad.length) {
      await tx
        .insert(documentUpdateQuarantine)
        .values(bad.map((b) => ({ id: b.id, documentId, update: b.update, reason: b.reason })))
        .onConflictDoNothing();
    }
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    const upTo = Math.max(previous?.upTo ?? 0, rows[rows.length - 1]!.id);
    await tx
      .insert(documentSnapshots)
      .values({ documentId, state, upToUpdateId: upTo })
      .onConflictDoUpdate({ target: documentSnapshots.documentId, set: { state, upToUpdateId: upTo, updatedAt: sql`now()` } });
    await tx.delete(documentUpdates).where(
      and(
        eq(documentUpdates.documentId, documentId),
        inArray(
          documentUpdates.id,
          rows.map((r) => r.id),
        ),
      ),
    );
    return { folded: rows.length, quarantined: bad.map((b) => b.id) };
  });
}

/** Rows in a document's log (tests and diagnostics). */
export async function countLogRows(db: Executor, documentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(documentUpdates)
    .where(eq(documentUpdates.documentId, documentId));
  return Number(row?.n ?? 0);
}
