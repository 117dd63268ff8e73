/**
 * The processing dashboard (data path: GET /signatures/dashboard[.csv] → here → submission_steps,
 * users, user_departments): per signer and per department, documents waiting now, the longest
 * current wait, median and 90th-percentile time to sign (steps signed within the period), returns.
 * A signer counts in every department they belong to.
 */
import { and, eq, gte, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, submissionSteps, submissions, userDepartments, users } from '../db/schema';
import { percentile } from '../../shared/signatures';

export interface ProcessingRow {
  id: string;
  name: string;
  waitingNow: number;
  longestWaitSeconds: number | null;
  signed: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  returns: number;
}

interface Acc { name: string; waits: number[]; durations: number[]; returns: number }

const finish = (id: string, a: Acc): ProcessingRow => ({
  id,
  name: a.name,
  waitingNow: a.waits.length,
  longestWaitSeconds: a.waits.length ? Math.max(...a.waits) : null,
  signed: a.durations.length,
  medianSeconds: percentile(a.durations, 0.5),
  p90Seconds: percentile(a.durations, 0.9),
  returns: a.returns,
});

export async function processingStats(db: Executor, period: { from: Date; to: Date }, now = new Date()) {
  const steps = await db
    .select({ signerId: submissionSteps.signerId, name: users.name, state: submissionSteps.state, turn: submissionSteps.turnStartedAt, acted: submissionSteps.actedAt })
    .from(submissionSteps)
    .innerJoin(submissions, eq(submissions.id, submissionSteps.submissionId))
    .innerJoin(users, eq(users.id, submissionSteps.signerId))
    .where(
      or(
        and(eq(submissionSteps.state, 'current'), eq(submissions.state, 'pending')),
        and(or(eq(submissionSteps.state, 'signed'), eq(submissionSteps.state, 'returned')), gte(submissionSteps.actedAt, period.from), lt(submissionSteps.actedAt, period.to)),
      ),
    );
  const memberships = await db
    .select({ userId: userDepartments.userId, id: departments.id, name: departments.name })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId));
  const bySigner = new Map<string, Acc>();
  const byDept = new Map<string, Acc>();
  const add = (map: Map<string, Acc>, id: string, name: string) => map.get(id) ?? map.set(id, { name, waits: [], durations: [], returns: 0 }).get(id)!;
  for (const s of steps) {
    const targets = [add(bySigner, s.signerId, s.name), ...memberships.filter((m) => m.userId === s.signerId).map((m) => add(byDept, m.id, m.name))];
    for (const t of targets) {
      if (s.state === 'current') t.waits.push(Math.round((now.getTime() - s.turn!.getTime()) / 1000));
      else if (s.state === 'signed') t.durations.push(Math.round((s.acted!.getTime() - s.turn!.getTime()) / 1000));
      else t.returns++;
    }
  }
  const sortRows = (rows: ProcessingRow[]) => rows.sort((a, b) => (b.longestWaitSeconds ?? -1) - (a.longestWaitSeconds ?? -1) || a.name.localeCompare(b.name));
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    signers: sortRows([...bySigner].map(([id, a]) => finish(id, a))),
    departments: sortRows([...byDept].map(([id, a]) => finish(id, a))),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Leading = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function processingCsv(stats: Awaited<ReturnType<typeof processingStats>>): string {
  const header = ['scope', 'id', 'name', 'waiting_now', 'longest_wait_seconds', 'signed', 'median_seconds', 'p90_seconds', 'returns'];
  const lines = [header.join(',')];
  for (const [scope, rows] of [['signer', stats.signers], ['department', stats.departments]] as const) {
    for (const r of rows) lines.push([scope, r.id, r.name, r.waitingNow, r.longestWaitSeconds, r.signed, r.medianSeconds, r.p90Seconds, r.returns].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
