/**
 * Issue 9, item 1: a round to three departments with a deadline a few seconds ahead. One answers
 * agree, one agree_with_comments with two anchored comments, one never answers. The server is
 * restarted in between (and a second instance runs beside it): after the deadline the third is
 * late, its members got their reminders exactly once, the presiding officer sees the totals and
 * was told who is late.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { roundJobs } from '../../server/db/schema';
import { startTestServer, type TestServer } from '../support/server';
import { eventuallyMs, pollIntervalMs } from '../support/timeouts';
import { inSeconds, makeDraft, makeUnit, rounds } from './setup';

let first: TestServer;
let instances: RunningServer[] = [];
const env = { ROUND_TICK_MS: '100', ROUND_REMIND_BEFORE_HOURS: String(4 / 3600) };

beforeAll(async () => {
  first = await startTestServer(env);
});
afterAll(async () => {
  for (const s of instances) await s.close();
  await first.close();
  await first.testDb.drop();
});

const kinds = (body: { notifications: { kind: string; subjectId: string; data: Record<string, unknown> }[] }, roundId: string, kind: string) =>
  body.notifications.filter((n) => n.kind === kind && n.subjectId === roundId);

describe('deadlines and reminders', () => {
  it('marks the silent department late, reminds its members once across a restart and two instances, and tells the officer', async () => {
    const { documentId, owner } = await makeDraft(first);
    const [a, b, c] = [await makeUnit(first, 'Tài chính'), await makeUnit(first, 'Tư pháp'), await makeUnit(first, 'Nội vụ')] as const;
    let api = rounds(first);
    const opened = await api.open(owner, documentId, {
      title: 'Lấy ý kiến lần 1',
      request: 'Đề nghị các đơn vị góp ý dự thảo.',
      deadline: inSeconds(9),
      departments: [
        { department: a.id, role: 'lead' },
        { department: b.id, role: 'cooperating' },
        { department: c.id, role: 'cooperating' },
      ],
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.round.id as string;
    expect(opened.body.round.totals).toMatchObject({ departments: 3, answered: 0, pending: 3, late: 0 });

    expect((await api.respond(a.leader, roundId, { department: a.id, position: 'agree', summary: 'Nhất trí.' })).status).toBe(201);
    expect((await api.comment(b.member, documentId, 'phân bổ theo quý', 'Đề nghị phân bổ theo tháng.')).status).toBe(201);
    expect((await api.comment(b.member, documentId, 'kể từ ngày ký', 'Nên quy định hiệu lực sau 45 ngày.')).status).toBe(201);
    expect((await api.respond(b.leader, roundId, { department: b.id, position: 'agree_with_comments', summary: 'Có hai ý kiến.' })).status).toBe(201);

    // Restart before the deadline: the schedule lives in Postgres. Two instances share it from now on.
    await first.close();
    const config = first.config;
    instances = [
      await startServer(config, createLogger('silent'), { database: first.testDb.handle }),
      await startServer(config, createLogger('silent'), { database: first.testDb.handle }),
    ];
    api = rounds(instances[0]!);

    await expect
      .poll(async () => kinds((await api.notifications(c.member)).body, roundId, 'round_reminder').filter((n) => n.data.overdue === true).length, {
        timeout: eventuallyMs + 10_000,
        interval: pollIntervalMs * 4,
      })
      .toBe(1);
    const round = (await api.get(owner, roundId)).body.round;
    const status = Object.fromEntries(round.departments.map((d: { department: { id: string }; status: string }) => [d.department.id, d.status]));
    expect(status).toEqual({ [a.id]: 'answered', [b.id]: 'answered', [c.id]: 'late' });
    expect(round.totals).toEqual({ departments: 3, answered: 2, pending: 0, late: 1, comments: 2 });
    expect(round.departments.find((d: { department: { id: string } }) => d.department.id === b.id)).toMatchObject({ position: 'agree_with_comments', comments: 2 });
    expect(round.departments.find((d: { department: { id: string } }) => d.department.id === c.id).timeLeftMs).toBeLessThan(0);

    // Let both workers tick many more times: nothing fires again.
    const db = first.testDb.handle.db;
    await expect.poll(async () => (await db.select().from(roundJobs).where(eq(roundJobs.roundId, roundId))).every((j) => j.doneAt !== null), { timeout: eventuallyMs }).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    for (const person of [c.member, c.leader]) {
      const mine = kinds((await api.notifications(person)).body, roundId, 'round_reminder');
      expect(mine.filter((n) => n.data.overdue === true)).toHaveLength(1);
      expect(mine.filter((n) => n.data.overdue === false)).toHaveLength(1);
      expect(mine[0]!.data.deadlineDisplay).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    }
    for (const person of [a.member, b.member]) expect(kinds((await api.notifications(person)).body, roundId, 'round_reminder').filter((n) => n.data.overdue)).toHaveLength(0);
    const officer = (await api.notifications(owner)).body;
    expect(kinds(officer, roundId, 'round_late')).toHaveLength(1);
    expect(kinds(officer, roundId, 'round_late')[0]!.data.departments).toEqual([c.name]);
    expect(kinds(officer, roundId, 'round_all_answered')).toHaveLength(0);

    // A late answer is accepted and marked so; then the officer hears everyone answered.
    const late = await api.respond(c.leader, roundId, { department: c.id, position: 'disagree', summary: 'Không nhất trí.' });
    expect(late.status).toBe(201);
    expect(late.body.late).toBe(true);
    expect(late.body.round.departments.find((d: { department: { id: string } }) => d.department.id === c.id).status).toBe('answered_late');
    expect(kinds((await api.notifications(owner)).body, roundId, 'round_all_answered')).toHaveLength(1);
    // An answer given cannot be amended after the deadline.
    expect((await api.respond(a.leader, roundId, { department: a.id, position: 'disagree', summary: '' })).status).toBe(409);
  }, 120_000);
});
