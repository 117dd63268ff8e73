/**
 * The signer's queue and the clerk's issuing queue (data path: GET /signatures/queue → here →
 * submission_steps, submissions, documents). Waits are measured from when the step became the
 * signer's turn, longest first.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documents, submissionSteps, submissions, users } from '../db/schema';
import type { SessionUser } from '../http/env';
import { canIssue } from '../../shared/permissions';

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

export async function signerQueue(db: Executor, userId: string, now = new Date()) {
  const rows = await db
    .select({
      submissionId: submissions.id,
      documentId: submissions.documentId,
      title: documents.title,
      documentType: submissions.documentType,
      stepIndex: submissionSteps.stepIndex,
      kind: submissionSteps.kind,
      turnStartedAt: submissionSteps.turnStartedAt,
      submittedBy: users.name,
    })
    .from(submissionSteps)
    .innerJoin(submissions, eq(submissions.id, submissionSteps.submissionId))
    .innerJoin(documents, eq(documents.id, submissions.documentId))
    .innerJoin(users, eq(users.id, submissions.submittedBy))
    .where(and(eq(submissionSteps.signerId, userId), eq(submissionSteps.state, 'current'), eq(submissions.state, 'pending')))
    .orderBy(asc(submissionSteps.turnStartedAt));
  return rows.map((r) => ({ ...r, turnStartedAt: r.turnStartedAt!.toISOString(), waitSeconds: seconds(r.turnStartedAt!, now) }));
}

/** Fully signed submissions waiting for a clerk, longest first (waiting since the last signature). */
export async function issueQueue(db: Executor, now = new Date()) {
  const rows = await db
    .select({ submissionId: submissions.id, documentId: submissions.documentId, title: documents.title, documentType: submissions.documentType, stepIndex: submissionSteps.stepIndex, actedAt: submissionSteps.actedAt })
    .from(submissions)
    .innerJoin(documents, eq(documents.id, submissions.documentId))
    .innerJoin(submissionSteps, eq(submissionSteps.submissionId, submissions.id))
    .where(eq(submissions.state, 'signed'));
  const bySubmission = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!bySubmission.has(r.submissionId) || bySubmission.get(r.submissionId)!.stepIndex < r.stepIndex) bySubmission.set(r.submissionId, r);
  return [...bySubmission.values()]
    .map(({ stepIndex: _i, actedAt, ...r }) => ({ ...r, signedAt: actedAt!.toISOString(), waitSeconds: seconds(actedAt!, now) }))
    .sort((a, b) => b.waitSeconds - a.waitSeconds);
}

export async function queueFor(db: Executor, user: SessionUser, now = new Date()) {
  return { items: await signerQueue(db, user.id, now), toIssue: canIssue(user) ? await issueQueue(db, now) : [] };
}
