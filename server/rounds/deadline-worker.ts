/**
 * Reminders and deadlines of rounds, scheduled in Postgres (round_jobs: one 'remind' row at
 * deadline − ROUND_REMIND_BEFORE_HOURS, one 'deadline' row at the deadline, written when the round
 * opens). Every instance polls every ROUND_TICK_MS; a due job is claimed with FOR UPDATE SKIP
 * LOCKED and marked done in the same transaction as the notifications it sends, so each fires once
 * across instances and restarts (a crash before commit leaves it due; after commit, done).
 *
 *   remind    → the members of every department that has not answered: round_reminder
 *   deadline  → the same, marked overdue; the presiding officer: round_late naming them
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database, Transaction } from '../db/client';
import { documents, roundJobs, rounds } from '../db/schema';
import type { Logger } from '../logger';
import { currentResponses, listResponses, loadRound } from './queries';
import { notifyOfficer, notifyRound, type RoundNotice } from './round-notifications';

const batch = 20;

async function runJob(tx: Transaction, config: Pick<Config, 'TZ_DISPLAY'>, job: { roundId: string; kind: 'remind' | 'deadline' }) {
  const round = await loadRound(tx, job.roundId);
  if (!round || round.state !== 'open') return;
  const [doc] = await tx.select({ title: documents.title }).from(documents).where(eq(documents.id, round.documentId));
  const answered = currentResponses(await listResponses(tx, round.id));
  const pending = round.consulted.filter((c) => !answered.has(c.departmentId));
  if (pending.length === 0) return;
  const notice: RoundNotice = { roundId: round.id, documentId: round.documentId, roundTitle: round.title, documentTitle: doc?.title ?? '', deadline: round.deadline, timeZone: config.TZ_DISPLAY };
  const overdue = job.kind === 'deadline';
  for (const d of pending) {
    await notifyRound(tx, notice, 'round_reminder', { departmentIds: [d.departmentId] }, { department: d.name, overdue });
  }
  if (overdue) await notifyOfficer(tx, notice, round.presidingOfficerId, 'round_late', { departments: pending.map((d) => d.name) });
}

/** Claim and run every job due at `now`; returns how many ran. Safe to call from several instances at once. */
export async function runDueRoundJobs(db: Database, config: Pick<Config, 'TZ_DISPLAY'>, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const ran = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: roundJobs.id, roundId: roundJobs.roundId, kind: roundJobs.kind })
        .from(roundJobs)
        .where(and(isNull(roundJobs.doneAt), lte(roundJobs.dueAt, now)))
        .orderBy(roundJobs.dueAt)
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const job of due) {
        await runJob(tx, config, job);
        await tx.update(roundJobs).set({ doneAt: sql`now()` }).where(eq(roundJobs.id, job.id));
      }
      return due.length;
    });
    total += ran;
    if (ran < batch) return total;
  }
}

/** Polls every ROUND_TICK_MS (and once at start, catching up after a restart); returns a stop function. */
export function startRoundWorker(db: Database, config: Config, log: Logger, clock: () => Date = () => new Date()): () => void {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const ran = await runDueRoundJobs(db, config, clock());
      if (ran > 0) log.info({ jobs: ran }, 'round reminders and deadlines handled');
    } catch (err) {
      if (!stopped) log.warn({ err }, 'round jobs: cannot run');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), config.ROUND_TICK_MS);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** Pending jobs of open rounds (for tests and the CLI): how many are still due. */
export const pendingRoundJobs = (db: Database) =>
  db.select({ id: roundJobs.id }).from(roundJobs).innerJoin(rounds, eq(rounds.id, roundJobs.roundId)).where(and(isNull(roundJobs.doneAt), eq(rounds.state, 'open')));
