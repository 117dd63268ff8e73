/**
 * Keeping search_entries current, off the live-editing path: a poller (every INDEX_POLL_MS) finds
 * drafts whose last edit or title change is newer than their indexed row, derives their current
 * text from the stored Yjs state (shared/records/derive.ts), and upserts; it also picks up new
 * ledger entries (records) and new or edited comments. Collaboration never waits for it: it only
 * reads what persistence already wrote (documents.last_edited_at, the update log). Rounds are
 * idempotent upserts: several instances may index the same draft twice, never wrongly.
 * Dossiers are indexed by their own commands (server/dossiers) in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import type { Logger } from '../logger';
import { searchEntries, type SearchType } from '../db/schema';
import { loadStoredState, mergeStoredState } from '../collab/update-log';
import { contentFromYjsState } from '../../shared/records/derive';
import { autoFile } from '../dossiers/commands';

const batch = 50;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : ((result as { rows: T[] }).rows ?? [])) as T[];

export interface IndexEntry {
  type: SearchType;
  objectId: string;
  documentId?: string | null;
  dossierId?: string | null;
  departmentId?: string | null;
  title: string;
  body?: string;
  occurredAt: Date;
  sourceAt: Date;
}

export async function upsertSearchEntry(db: Executor, entry: IndexEntry) {
  const values = { ...entry, body: entry.body ?? '', documentId: entry.documentId ?? null, dossierId: entry.dossierId ?? null, departmentId: entry.departmentId ?? null };
  await db
    .insert(searchEntries)
    .values(values)
    .onConflictDoUpdate({
      target: [searchEntries.type, searchEntries.objectId],
      set: { title: values.title, body: values.body, documentId: values.documentId, dossierId: values.dossierId, departmentId: values.departmentId, sourceAt: values.sourceAt },
    });
}

/** Drafts whose indexed row is missing or older than their last edit or title change. */
async function indexDrafts(db: Database): Promise<number> {
  const stale = rowsOf<{ id: string; title: string; department_id: string; created_at: string; source_at: string }>(
    await db.execute(sql`
      select d.id, d.title, d.department_id, d.created_at, greatest(d.updated_at, coalesce(d.last_edited_at, d.updated_at)) as source_at
        from documents d
        left join search_entries s on s.type = 'draft' and s.object_id = d.id::text
       where s.object_id is null or s.source_at < greatest(d.updated_at, coalesce(d.last_edited_at, d.updated_at))
       order by source_at
       limit ${batch}`),
  );
  for (const doc of stale) {
    const state = mergeStoredState(await loadStoredState(db, doc.id));
    let text = '';
    try {
      text = contentFromYjsState(state).text;
    } catch {
      text = ''; // an unreadable state still indexes its title
    }
    await upsertSearchEntry(db, {
      type: 'draft',
      objectId: doc.id,
      documentId: doc.id,
      departmentId: doc.department_id,
      title: doc.title,
      body: text,
      occurredAt: new Date(doc.created_at),
      sourceAt: new Date(doc.source_at),
    });
  }
  return stale.length;
}

/** Ledger entries not indexed yet: title (+ label/number/symbol when the entry carries them). */
async function indexRecords(db: Database): Promise<number> {
  const rows = rowsOf<{ seq: string | number; entry: string; document_id: string | null; created_at: string }>(
    await db.execute(sql`
      select e.seq, e.entry, e.document_id, e.created_at from ledger_entries e
       where e.seq > coalesce((select max((object_id)::bigint) from search_entries where type = 'record'), -1)
       order by e.seq limit ${batch * 4}`),
  );
  for (const row of rows) {
    const entry = JSON.parse(row.entry) as Record<string, unknown>;
    const body = ['label', 'note', 'kind', 'number', 'symbol', 'numberSymbol']
      .map((k) => entry[k])
      .filter((v): v is string => typeof v === 'string')
      .join(' ');
    await upsertSearchEntry(db, {
      type: 'record',
      objectId: String(row.seq),
      documentId: row.document_id,
      title: typeof entry.title === 'string' ? entry.title : `Record ${row.seq}`,
      body,
      occurredAt: new Date(row.created_at),
      sourceAt: new Date(row.created_at),
    });
  }
  // Drafts that named their dossier get their new versions filed there (server/dossiers).
  await autoFile(db, rows.map((r) => Number(r.seq)));
  return rows.length;
}

/** Comments (issue 8's tables) new or edited since indexed; deleted ones leave the index. */
async function indexComments(db: Database): Promise<number> {
  const present = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('comments')::text as t`))[0]?.t;
  if (!present) return 0;
  await db.execute(sql`delete from search_entries s where s.type = 'comment'
    and exists (select 1 from comments c where c.id::text = s.object_id and c.deleted_at is not null)`);
  const rows = rowsOf<{ id: string; body: string; document_id: string; created_at: string; source_at: string; anchor: string }>(
    await db.execute(sql`
      select c.id, c.body, t.document_id, c.created_at, coalesce(c.edited_at, c.created_at) as source_at, t.anchor_exact as anchor
        from comments c join comment_threads t on t.id = c.thread_id
        left join search_entries s on s.type = 'comment' and s.object_id = c.id::text
       where c.deleted_at is null and (s.object_id is null or s.source_at < coalesce(c.edited_at, c.created_at))
       order by source_at limit ${batch * 4}`),
  );
  for (const row of rows) {
    await upsertSearchEntry(db, {
      type: 'comment',
      objectId: row.id,
      documentId: row.document_id,
      title: row.anchor ? `“${row.anchor.slice(0, 80)}”` : 'Comment',
      body: row.body,
      occurredAt: new Date(row.created_at),
      sourceAt: new Date(row.source_at),
    });
  }
  return rows.length;
}

/** One indexing round; returns how many rows it (re)indexed. Idempotent (upserts). */
export async function indexRound(db: Database): Promise<number> {
  return (await indexDrafts(db)) + (await indexRecords(db)) + (await indexComments(db));
}

/** Runs rounds every `pollMs` (sooner while there is a backlog); returns a stop function. */
export function startSearchIndexer(db: Database, log: Logger, pollMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    if (stopped) return;
    let again = pollMs;
    try {
      const n = await indexRound(db);
      if (n && n >= batch) again = 10;
    } catch (err) {
      log.warn({ err }, 'search indexing round failed');
    }
    if (!stopped) timer = setTimeout(() => void loop(), again);
  };
  timer = setTimeout(() => void loop(), pollMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
