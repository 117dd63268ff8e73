import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { auditEvents } from '../../server/db/schema';
import { recordAudit } from '../../server/audit/record-event';
import { auditHash } from '../../server/audit/chain';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
}, 60_000);
afterAll(() => testDb?.drop());

describe('recordAudit', () => {
  it('chains rows gap-free even when written concurrently', async () => {
    const { db } = testDb.handle;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordAudit(db, { action: 'test.concurrent', actorId: null, outcome: i % 3 === 0 ? 'denied' : 'success', details: { i, nested: { b: 1, a: [1, 'x'] } } }),
      ),
    );
    const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    let prev = '';
    for (const row of rows) {
      expect(row.prevHash).toBe(prev);
      const { hash, prevHash, ...fields } = row;
      expect(hash).toBe(auditHash(prevHash, { ...fields, occurredAt: row.occurredAt.toISOString() }));
      prev = hash;
    }
  });

  it('commits and rolls back with the caller’s transaction', async () => {
    const { db } = testDb.handle;
    const before = (await db.select().from(auditEvents)).length;
    await db
      .transaction(async (tx) => {
        await recordAudit(tx, { action: 'test.rolled_back', actorId: null, outcome: 'success' });
        throw new Error('abort');
      })
      .catch(() => {});
    await db.transaction((tx) => recordAudit(tx, { action: 'test.committed', actorId: null, outcome: 'success' }));
    const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)!.action).toBe('test.committed');
    expect(rows.at(-1)!.seq).toBe(before + 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = testDb.handle;
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'accepted',
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`,
      );
    expect(await refusal(db.execute(sql`update audit_events set action = 'x'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
  });
});
