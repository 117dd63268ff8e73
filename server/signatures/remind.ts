/**
 * Reminders (data path: scheduled job "signatures.remind" → here → submission_steps.reminded_at,
 * notification "signature_reminder"). Scheduled in Postgres like the audit anchor (audit/schedule.ts:
 * one instance claims each occurrence); the UPDATE … RETURNING that sets reminded_at also makes each
 * reminder fire once even if two runs overlapped.
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { documents, submissionSteps, submissions } from '../db/schema';
import { notify } from '../notifications/notify';
import type { ScheduledJob } from '../audit/schedule';

export async function sendReminders(db: Database, afterHours: number, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = new Date(now.getTime() - afterHours * 3_600_000);
    const rows = await tx
      .update(submissionSteps)
      .set({ remindedAt: now })
      .where(
        and(
          eq(submissionSteps.state, 'current'),
          isNull(submissionSteps.remindedAt),
          lte(submissionSteps.turnStartedAt, due),
          sql`exists (select 1 from ${submissions} where ${submissions.id} = ${submissionSteps.submissionId} and ${submissions.state} = 'pending')`,
        ),
      )
      .returning({ submissionId: submissionSteps.submissionId, signerId: submissionSteps.signerId, turn: submissionSteps.turnStartedAt });
    for (const r of rows) {
      const [doc] = await tx.select({ id: documents.id, title: documents.title }).from(submissions).innerJoin(documents, eq(documents.id, submissions.documentId)).where(eq(submissions.id, r.submissionId));
      await notify(tx, [{ userId: r.signerId, kind: 'signature_reminder', documentId: doc!.id, subjectId: r.submissionId, data: { title: doc!.title, waitingSince: r.turn!.toISOString() } }]);
    }
    return rows.length;
  });
}

export const signatureReminderJob = (afterHours: number): ScheduledJob => ({
  name: 'signatures.remind',
  everyMs: 5 * 60_000,
  run: async (db) => {
    await sendReminders(db, afterHours);
  },
});
