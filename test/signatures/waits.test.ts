/**
 * Issue 10, item 4: the queue lists what waits for me, longest first, with the wait so far; the
 * dashboard's median and p90 time to sign match a hand-computed example; a reminder past
 * SIGN_REMIND_AFTER_HOURS fires once. Times are injected (rows set to known instants, `now` passed).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, submissionSteps } from '../../server/db/schema';
import { processingCsv, processingStats } from '../../server/signatures/dashboard';
import { signerQueue } from '../../server/signatures/queue';
import { sendReminders } from '../../server/signatures/remind';
import { frozenVersion, scenario, submit, type Scenario } from './setup';

let s: Scenario;
beforeAll(async () => {
  s = await scenario();
}, 180_000);
afterAll(() => s.t.close());

const now = new Date('2026-06-01T10:00:00.000Z');
const minutesBefore = (m: number) => new Date(now.getTime() - m * 60_000);

describe('wait times', () => {
  it('the queue lists waiting documents longest first with their waits; reminders fire once', async () => {
    const db = s.t.testDb.handle.db;
    const waits = [30, 600, 90]; // minutes
    const ids: string[] = [];
    for (const w of waits) {
      const { versionId } = await frozenVersion(s);
      const sub = await submit(s, versionId, { documentType: 'KH', signers: [{ user: s.leader.id, step: 'sign' }] });
      await db.update(submissionSteps).set({ turnStartedAt: minutesBefore(w) }).where(eq(submissionSteps.submissionId, sub.id));
      ids.push(sub.id);
    }
    const queue = await signerQueue(db, s.leader.id, now);
    expect(queue.map((q) => [q.submissionId, q.waitSeconds])).toEqual([
      [ids[1], 600 * 60],
      [ids[2], 90 * 60],
      [ids[0], 30 * 60],
    ]);
    // Over the API (real clock): the same order, and nothing for someone else.
    const api = await s.t.json('/api/signatures/queue', { cookie: s.leader.cookie });
    expect(api.items.map((q: { submissionId: string }) => q.submissionId)).toEqual([ids[1], ids[2], ids[0]]);
    expect((await s.t.json('/api/signatures/queue', { cookie: s.head.cookie })).items).toEqual([]);

    // Only the 600-minute wait is past 8 hours; a second run sends nothing more.
    expect(await sendReminders(db, 8, now)).toBe(1);
    expect(await sendReminders(db, 8, now)).toBe(0);
    const reminders = await db.select().from(notifications).where(and(eq(notifications.userId, s.leader.id), eq(notifications.kind, 'signature_reminder')));
    expect(reminders.map((r) => r.subjectId)).toEqual([ids[1]]);
  }, 60_000);

  it('dashboard: median and p90 time to sign match a hand-computed example; CSV export', async () => {
    const db = s.t.testDb.handle.db;
    // Times to sign of five steps, in minutes: 1, 2, 3, 4, 10 → median 3 min = 180 s;
    // p90: rank 0.9 × 4 = 3.6 → 4 min + 0.6 × (10 − 4) min = 7.6 min = 456 s.
    for (const minutes of [4, 1, 10, 3, 2]) {
      const { versionId } = await frozenVersion(s);
      const sub = await submit(s, versionId, { documentType: 'BC', signers: [{ user: s.head.id, step: 'initial' }, { user: s.leader.id, step: 'sign' }] });
      await db
        .update(submissionSteps)
        .set({ state: 'signed', turnStartedAt: minutesBefore(60 + minutes), actedAt: minutesBefore(60) })
        .where(and(eq(submissionSteps.submissionId, sub.id), eq(submissionSteps.stepIndex, 0)));
      await db.update(submissionSteps).set({ state: 'returned', turnStartedAt: minutesBefore(60), actedAt: minutesBefore(59) }).where(and(eq(submissionSteps.submissionId, sub.id), eq(submissionSteps.stepIndex, 1)));
    }
    const stats = await processingStats(db, { from: minutesBefore(24 * 60), to: now }, now);
    const head = stats.signers.find((r) => r.id === s.head.id)!;
    expect(head).toMatchObject({ signed: 5, medianSeconds: 180, p90Seconds: 456, returns: 0 });
    const leader = stats.signers.find((r) => r.id === s.leader.id)!;
    expect(leader.returns).toBe(5);
    const office = stats.departments.find((d) => d.id === s.head.departmentIds[0])!;
    expect(office).toMatchObject({ medianSeconds: 180, p90Seconds: 456 });
    const csv = processingCsv(stats);
    expect(csv.split('\r\n')[0]).toBe('scope,id,name,waiting_now,longest_wait_seconds,signed,median_seconds,p90_seconds,returns');
    expect(csv).toContain(`signer,${s.head.id},Head Hoa,0,,5,180,456,0`);
    // The dashboard is for leaders, clerks and admins.
    expect((await s.t.request('/api/signatures/dashboard', { cookie: s.drafter.cookie })).status).toBe(403);
    expect((await s.t.request('/api/signatures/dashboard.csv', { cookie: s.clerk.cookie })).headers.get('content-type')).toMatch(/text\/csv/);
  }, 60_000);
});
