/**
 * Jobs whose schedule lives in the database (scheduled_jobs), so that several instances on one
 * Postgres run each occurrence once: every instance polls, and only the one whose UPDATE moves
 * next_run_at forward (a row-level compare-and-set) runs the job. The audit anchor is the first
 * such job: hourly, and only when the trail has grown since the last anchor.
 */
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { scheduledJobs } from '../db/schema';
import type { Logger } from '../logger';
import { createSigner, type Signer } from '../records/signer';
import { anchorAudit } from './anchor';

export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(db: Database): Promise<void>;
}

/** Claims the job's current occurrence; true for exactly one caller per occurrence. */
export async function claimJob(db: Database, job: Pick<ScheduledJob, 'name' | 'everyMs'>): Promise<boolean> {
  await db.insert(scheduledJobs).values({ name: job.name, nextRunAt: new Date() }).onConflictDoNothing();
  const claimed = await db
    .update(scheduledJobs)
    .set({ nextRunAt: sql`now() + ${`${job.everyMs} milliseconds`}::interval`, lastRunAt: sql`now()` })
    .where(and(eq(scheduledJobs.name, job.name), lte(scheduledJobs.nextRunAt, sql`now()`)))
    .returning({ name: scheduledJobs.name });
  return claimed.length > 0;
}

/** Polls every `pollMs`; returns a stop function. */
export function startScheduledJobs(db: Database, log: Logger, jobs: ScheduledJob[], pollMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of jobs) {
        if (!(await claimJob(db, job))) continue;
        await job.run(db).catch((err: unknown) => log.error({ err, job: job.name }, 'scheduled job failed'));
      }
    } catch (err) {
      log.warn({ err }, 'scheduled jobs: cannot poll');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

export const auditAnchorJob = (signer: Signer, everyMs: number): ScheduledJob => ({
  name: 'audit.anchor',
  everyMs,
  run: async (db) => {
    const key = await signer.current();
    await db.transaction((tx) => anchorAudit(tx, key, 'scheduled'));
  },
});

/** The server's scheduled jobs (started by server.ts). */
export const startAuditJobs = (db: Database, config: Config, log: Logger) =>
  startScheduledJobs(db, log, [auditAnchorJob(createSigner(db, config), config.AUDIT_ANCHOR_MINUTES * 60_000)], Math.min(60_000, config.AUDIT_ANCHOR_MINUTES * 60_000));
