/**
 * Issue 7, item 7 — one failing document cannot stall the others — against a real database:
 * an unreadable log row is quarantined by compaction (reported once, not retried forever), the
 * store's per-document bookkeeping does not outlive unloaded documents, and an exception in the
 * room's own update handling is not blamed on the sender's update. Also items 4 and 5 at the store:
 * the pending-bytes cap and durability waits.
 */
import { eq, sql } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentUpdateQuarantine, documentUpdates } from '../db/schema';
import type { Database } from '../db/client';
import { createLogger } from '../logger';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { makeDepartment, makeDocument, makeUser, type TestUser } from '../../test/support/factories';
import { UpdateLogStore, type StoreOptions } from './persistence';
import type { RoomRelay } from './relay';
import { Room, type RoomPeer } from './room';
import { countLogRows, loadStoredState, mergeStoredState } from './update-log';

function paragraphUpdates(prefix: string, n: number): Uint8Array[] {
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

describe('collab store hardening', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: TestUser;
  const stores: UpdateLogStore[] = [];
  let logged = '';
  const log = createLogger('info', new Writable({ write: (chunk, _e, done) => ((logged += chunk.toString()), done()) }));
  const makeStore = (options: Partial<StoreOptions> = {}) => {
    const store = new UpdateLogStore(db, { flushMs: 60_000, compactAfter: 1_000, log, ...options });
    stores.push(store);
    return store;
  };
  const newDocument = async () => (await makeDocument(db, owner)).id;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.handle.db;
    owner = await makeUser(db, { departmentIds: [(await makeDepartment(db)).id] });
  });
  afterAll(async () => {
    for (const store of stores) await store.close(1_000).catch(() => {});
    await testDb.drop();
  });

  it('quarantines an unreadable log row during compaction instead of failing it forever', async () => {
    const documentId = await newDocument();
    const store = makeStore();
    const updates = paragraphUpdates('ok', 6);
    for (const u of updates.slice(0, 3)) store.append(documentId, u, owner.id);
    await store.flush();
    await db.insert(documentUpdates).values({ documentId, update: new Uint8Array([0xff, 0x13, 0x37, 0x00, 0x42]) });
    for (const u of updates.slice(3)) store.append(documentId, u, owner.id);
    await store.flush();

    await store.compact(documentId, { force: true }); // resolves: no exception for the bad row
    expect(await countLogRows(db, documentId)).toBe(0);
    const quarantined = await db.select().from(documentUpdateQuarantine).where(eq(documentUpdateQuarantine.documentId, documentId));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]!.reason).toMatch(/decode/);
    expect(logged).toContain('quarantined');
    expect(texts(mergeStoredState(await loadStoredState(db, documentId)))).toEqual(['ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5']);
    // A later compaction has nothing left to trip over.
    store.append(documentId, paragraphUpdates('more', 1)[0]!, owner.id);
    await store.flush();
    await store.compact(documentId, { force: true });
    expect(await countLogRows(db, documentId)).toBe(0);
  });

  it('drops per-document bookkeeping of a document unloaded while it was compacting', async () => {
    const store = makeStore({ compactAfter: 10 });
    const ids = [await newDocument(), await newDocument(), await newDocument()];
    for (const documentId of ids) {
      for (const u of paragraphUpdates(documentId.slice(0, 4), 20)) store.append(documentId, u, owner.id);
    }
    await store.flush(); // past the threshold: compactions start in the background
    for (const documentId of ids) store.forget(documentId); // unloaded meanwhile
    await Promise.all(ids.map((id) => store.compact(id)));
    await new Promise((r) => setTimeout(r, 10));
    expect(store.trackedDocuments).toBe(0);
  });

  it('refuses nothing but reports overloaded past its byte cap, and resolves durability waits in order once written', async () => {
    const documentId = await newDocument();
    const store = makeStore({ maxPendingBytes: 1024, flushMs: 20 });
    await db.execute(sql.raw(`create function test_refuse_store() returns trigger language plpgsql as $$ begin raise exception 'injected'; end $$`));
    await db.execute(sql.raw('create trigger test_refuse_store before insert on document_updates for each row execute function test_refuse_store()'));
    const big = new Y.Doc();
    const updates: Uint8Array[] = [];
    big.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 4; i++) big.getText('t').insert(0, 'z'.repeat(400));
    const seqs = updates.map((u) => store.append(documentId, u, owner.id));
    const done: number[] = [];
    const waits = seqs.map((seq) => store.whenDurable(seq).then(() => done.push(seq)));
    expect(store.overloaded).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // several failed attempts
    expect(store.isDurable(seqs[0]!)).toBe(false);
    expect(done).toEqual([]);
    await db.execute(sql.raw('drop trigger test_refuse_store on document_updates'));
    await Promise.all(waits);
    expect(done).toEqual(seqs);
    expect(store.overloaded).toBe(false);
    expect(store.bufferedBytes).toBe(0);
    expect(await countLogRows(db, documentId)).toBe(4);
  });

  it('does not blame the sender when the room’s own update handling throws', async () => {
    const documentId = await newDocument();
    const store = makeStore({ flushMs: 20 });
    const failingRelay: RoomRelay = {
      join: () => () => {},
      publish: () => {
        throw new Error('relay down');
      },
    };
    const room = new Room(documentId, store, failingRelay, log);
    const sent: Buffer[] = [];
    const peer: RoomPeer = { userId: owner.id, presence: { id: owner.id, name: 'x', departmentId: null, departmentName: null, color: '#000' } as never, send: (f) => sent.push(f) };
    const other: RoomPeer = { ...peer, send: (f) => sent.push(f) };
    room.join(peer);
    room.join(other);
    const [update] = paragraphUpdates('fine', 1);
    expect(() => room.applyClientUpdate(peer, update!)).not.toThrow();
    await store.flush();
    expect(texts(mergeStoredState(await loadStoredState(db, documentId)))).toEqual(['fine-0']);
    expect(sent.some((f) => f[0] === 0 && f[1] === 2)).toBe(true); // the other peer got it
    room.destroy();
  });
});
