/**
 * Issue 10, item 3: numbers are gap-free and unique per register and year under concurrency (40
 * issuances at once → 01…40; on Postgres half of them through a second connection pool, as a second
 * server instance would); a second register starts at 01 on its own; a new year (agency time zone,
 * injected clock) starts again at 01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionUser } from '../../server/accounts/user-queries';
import { openDatabase, type DatabaseHandle } from '../../server/db/client';
import { loadConfig } from '../../server/config';
import { createSigner } from '../../server/records/signer';
import { issueSubmission } from '../../server/signatures/issue';
import { certifiedKey, frozenVersion, scenario, signStep, submit, type Scenario } from './setup';

let s: Scenario;
let leaderKey: Awaited<ReturnType<typeof certifiedKey>>;
let second: DatabaseHandle | null = null;

beforeAll(async () => {
  s = await scenario();
  leaderKey = await certifiedKey(s, s.leader);
  if (s.t.testDb.url) second = await openDatabase({ databaseUrl: s.t.testDb.url, dataDir: 'unused', maxConnections: 10 });
}, 180_000);
afterAll(async () => {
  await second?.close();
  await s.t.close();
});

/**
 * A draft of its own, frozen, submitted and signed by the leader, waiting for the clerk (a draft is
 * issued once: a second submission of a signed or issued draft is refused).
 */
async function signedSubmission(documentType = 'QĐ') {
  const { versionId } = await frozenVersion(s);
  const sub = await submit(s, versionId, { documentType, signers: [{ user: s.leader.id, step: 'sign' }] });
  const { res } = await signStep(s, s.leader, sub.id, 0, leaderKey);
  expect(res.status).toBe(200);
  return sub.id;
}

const issueVia = async (id: string, body: Record<string, unknown> = {}) => {
  const res = await s.t.request(`/api/submissions/${id}/issue`, { cookie: s.clerk.cookie, body });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { number: number; notation: string };
};

describe('registers and numbers', () => {
  it('40 concurrent issuances in one register give 01…40, no gap, no duplicate', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await signedSubmission());
    const clerk = (await loadSessionUser(s.t.testDb.handle.db, s.clerk.id))!;
    const otherInstance = second && createSigner(second.db, loadConfig({ DATA_DIR: 'memory://' }));
    const results = await Promise.all(
      ids.map((id, i) => (second && otherInstance && i % 2 === 1 ? issueSubmission(second.db, otherInstance, clerk, id, {}) : issueVia(id))),
    );
    const numbers = results.map((r) => r.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.map((r) => r.notation)).toContain('01/QĐ-UBND');
    expect(results.map((r) => r.notation)).toContain('40/QĐ-UBND');
  }, 180_000);

  it('a second register (a separate series) starts at 01 independently', async () => {
    const reg = await s.t.json('/api/registers', { cookie: s.admin.cookie, body: { name: 'Sổ văn bản mật', series: 'secret', resetsYearly: true } }, 201);
    const a = await issueVia(await signedSubmission('TB'), { register: reg.register.id });
    const b = await issueVia(await signedSubmission('CV'), { register: reg.register.id });
    expect([a.notation, b.notation]).toEqual(['01/TB-UBND', '02/UBND-VP']);
  }, 60_000);

  it('a new year in the agency time zone starts again at 01 (injected clock)', async () => {
    const reg = await s.t.json('/api/registers', { cookie: s.admin.cookie, body: { name: 'Sổ hội đồng', series: 'council' } }, 201);
    const clerk = (await loadSessionUser(s.t.testDb.handle.db, s.clerk.id))!;
    const signer = createSigner(s.t.testDb.handle.db, loadConfig({ DATA_DIR: 'memory://' }));
    const issueAt = async (iso: string) => issueSubmission(s.t.testDb.handle.db, signer, clerk, await signedSubmission(), { register: reg.register.id }, new Date(iso));
    // 23:59 on 31 December in Hà Nội (UTC+7) is still 2026; one minute later it is 1 January 2027.
    const last1 = await issueAt('2026-12-31T16:58:00.000Z');
    const last2 = await issueAt('2026-12-31T16:59:00.000Z');
    const first = await issueAt('2026-12-31T17:00:00.000Z');
    const next = await issueAt('2027-01-02T03:00:00.000Z');
    expect([last1, last2, first, next].map((r) => [r.issueDate, r.notation])).toEqual([
      ['2026-12-31', '01/QĐ-UBND'],
      ['2026-12-31', '02/QĐ-UBND'],
      ['2027-01-01', '01/QĐ-UBND'],
      ['2027-01-02', '02/QĐ-UBND'],
    ]);
  }, 60_000);
});
