/**
 * Persistence against a real database: batching (one write for many updates and
 * documents), last-edited bookkeeping, retry after a failed write, deleted documents,
 * compaction into a snapshot, and loading snapshot + tail.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentSnapshots, documentUpdates, documents } from '../db/schema';
import type { Database } from '../db/client';
import { createLogger } from '../logger';
import { Metrics } from '../metrics';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../../test/support/factories';
import { UpdateLogStore, type StoreOptions } from './persistence';
import { countLogRows, loadStoredState, mergeStoredState } from './update-log';

/** One client's consecutive edits: each update adds a paragraph `${prefix}-${i}`. */
function edits(prefix: string, n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const fragment = doc.getXmlFragment('default');
  for (let i = 0; i < n; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`${prefix}-${i}`)]);
    fragment.insert(fragment.length, [p]);
  }
  return updates;
}

const texts = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getXmlFragment('default').toArray().map((p) => (p as Y.XmlElement).toArray().join(''));
};

describe('update log store', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: TestUser;
  const stores: UpdateLogStore[] = [];
  const makeStore = (options: Partial<StoreOptions> = {}) => {
    const store = new UpdateLogStore(db, { flushMs: 60_000, compactAfter: 1_000, log: createLogger('silent'), ...options });
    stores.push(store);
    return store;
  };
  const newDocument = async () => (await makeDocument(db, owner)).id;
  const stored = async (documentId: string) => texts(mergeStoredState(await loadStoredState(db, documentId)));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.handle.db;
    owner = await makeUser(db, { departmentIds: [(await makeDepartment(db)).id] });
  });
  afterAll(async () => {
    for (const store of stores) await store.close(1_000).catch(() => {});
    await testDb.drop();
  });

  it('writes many updates of several documents in one atomic write, and keeps last-edited current', async () => {
    const metrics = new Metrics();
    const store = makeStore({ metrics });
    const [first, second] = [await newDocument(), await newDocument()];
    const a = edits('a', 30);
    const b = edits('b', 20);
    for (let i = 0; i < 30; i++) {
      store.append(first, a[i]!, owner.id);
      if (i < 20) store.append(second, b[i]!, null);
    }
    expect(await countLogRows(db, first)).toBe(0); // buffered, not written per keystroke
    expect(store.pendingCount).toBe(50);
    await store.flush();
    expect(store.pendingCount).toBe(0);
    expect(await countLogRows(db, first)).toBe(30);
    expect(await countLogRows(db, second)).toBe(20);
    // created_at defaults to now(), the start of the transaction: one value means one write.
    const [batch] = await db
      .select({ n: sql<number>`count(distinct ${documentUpdates.createdAt})::int` })
      .from(documentUpdates)
      .where(sql`${documentUpdates.documentId} in (${first}, ${second})`);
    expect(Number(batch!.n)).toBe(1);
    expect(await stored(first)).toEqual(Array.from({ length: 30 }, (_, i) => `a-${i}`));
    expect(metrics.counters.updatesPersisted).toBe(50);
    expect(metrics.persistLatencyMs.summary()).toMatchObject({ count: 50 });

    const [row1] = await db.select().from(documents).where(eq(documents.id, first));
    const [row2] = await db.select().from(documents).where(eq(documents.id, second));
    expect(row1!.lastEditedBy).toBe(owner.id);
    expect(row1!.lastEditedAt).toBeInstanceOf(Date);
    expect(row2!.lastEditedAt).toBeInstanceOf(Date); // a server edit: time set, editor left as it was
    expect(row2!.lastEditedBy).toBeNull();
  });

  it('writes on its own within the flush interval', async () => {
    const store = makeStore({ flushMs: 20 });
    const documentId = await newDocument();
    store.append(documentId, edits('t', 1)[0]!, owner.id);
    // Nobody calls flush: the row appears on its own.
    await expect.poll(() => countLogRows(db, documentId)).toBe(1);
  });

  it('keeps updates when a write fails and writes each exactly once after recovering', async () => {
    // A real failure inside the database: a trigger refusing inserts while a flag row exists.
    // Each refused attempt takes a number from a sequence, which the rollback does not undo:
    // that is how the test sees the timer retrying.
    await db.execute(sql`create table if not exists test_fail_inserts (on_ boolean)`);
    await db.execute(sql`create sequence if not exists test_fail_attempts`);
    await db.execute(sql`
      create or replace function test_fail_insert() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from test_fail_inserts) then
          perform nextval('test_fail_attempts');
          raise exception 'injected failure';
        end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger test_fail_insert before insert on document_updates for each row execute function test_fail_insert()`);
    try {
      await db.execute(sql`insert into test_fail_inserts values (true)`);
      const store = makeStore({ flushMs: 10 });
      const documentId = await newDocument();
      for (const u of edits('r', 5)) store.append(documentId, u, owner.id);
      const attempts = async () => {
        const rows = (await db.execute(sql`select case when is_called then last_value else 0 end as n from test_fail_attempts`)) as unknown as
          | { rows: { n: string | number }[] }
          | { n: string | number }[];
        return Number(('rows' in rows ? rows.rows : rows)[0]!.n);
      };
      await expect(store.flush()).rejects.toThrow();
      expect(store.pendingCount).toBe(5);
      const afterExplicitFlush = await attempts();
      expect(afterExplicitFlush).toBeGreaterThanOrEqual(1);
      // The timer retries on its own (observed: more refused attempts), and keeps everything pending.
      await expect.poll(attempts).toBeGreaterThanOrEqual(afterExplicitFlush + 2);
      expect(store.pendingCount).toBe(5);
      expect(await countLogRows(db, documentId)).toBe(0);

      await db.execute(sql`delete from test_fail_inserts`);
      // Nobody calls flush: the timer's next retry writes them.
      await expect.poll(() => store.pendingCount).toBe(0);
      expect(await countLogRows(db, documentId)).toBe(5);
      await store.flush();
      expect(await countLogRows(db, documentId)).toBe(5);
      expect(await stored(documentId)).toEqual(['r-0', 'r-1', 'r-2', 'r-3', 'r-4']);
    } finally {
      await db.execute(sql`drop trigger test_fail_insert on document_updates`);
    }
  });

  it('drops only the updates of a document deleted before they were written', async () => {
    const store = makeStore();
    const [kept, deleted] = [await newDocument(), await newDocument()];
    store.append(kept, edits('k', 1)[0]!, owner.id);
    store.append(deleted, edits('d', 1)[0]!, owner.id);
    await db.delete(documents).where(eq(documents.id, deleted));
    await store.flush();
    expect(store.pendingCount).toBe(0);
    expect(await stored(kept)).toEqual(['k-0']);
  });

  it('compacts a long log into a snapshot in the background, deleting exactly the folded rows', async () => {
    const store = makeStore({ compactAfter: 10, compactChunk: 7 });
    const documentId = await newDocument();
    const updates = edits('c', 28);
    for (const u of updates.slice(0, 25)) store.append(documentId, u, owner.id);
    await store.flush();
    // Past the threshold: folded in the background, seven rows per transaction, until none is left.
    await expect.poll(() => countLogRows(db, documentId)).toBe(0);
    const [snapshot] = await db.select().from(documentSnapshots).where(eq(documentSnapshots.documentId, documentId));
    const all = Array.from({ length: 25 }, (_, i) => `c-${i}`);
    expect(texts(snapshot!.state)).toEqual(all);
    expect(snapshot!.upToUpdateId).toBeGreaterThan(0);

    // A short tail stays a tail (below the threshold); loading reads the snapshot plus that tail.
    for (const u of updates.slice(25)) store.append(documentId, u, owner.id);
    await store.flush();
    const tail = await db.select({ id: documentUpdates.id }).from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
    for (const row of tail) expect(row.id).toBeGreaterThan(snapshot!.upToUpdateId);
    const loaded = await store.load(documentId);
    expect(loaded.snapshot).not.toBeNull();
    expect(loaded.updates).toHaveLength(3);
    expect(texts(mergeStoredState(loaded))).toEqual([...all, 'c-25', 'c-26', 'c-27']);

    // Forced (as on unload): the tail is folded too.
    await store.compact(documentId, { force: true });
    expect(await countLogRows(db, documentId)).toBe(0);
    expect(await stored(documentId)).toEqual([...all, 'c-25', 'c-26', 'c-27']);
  });

  it('loads what is still buffered: load writes pending updates of the document first', async () => {
    const store = makeStore();
    const documentId = await newDocument();
    for (const u of edits('p', 3)) store.append(documentId, u, owner.id);
    const loaded = await store.load(documentId);
    expect(texts(mergeStoredState(loaded))).toEqual(['p-0', 'p-1', 'p-2']);
  });
});
