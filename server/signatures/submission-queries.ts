/**
 * Reading submissions (data path: routes → here → submissions, submission_steps, issued_documents):
 * one submission with its steps, the caller's payload to sign, and the presenter.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { issuedDocuments, registers, submissionSteps, submissions, users } from '../db/schema';
import { notation, stepPayload, type StepKind } from '../../shared/signatures';

export type SubmissionRow = typeof submissions.$inferSelect;
export type StepRow = typeof submissionSteps.$inferSelect;

export interface LoadedSubmission {
  submission: SubmissionRow;
  steps: StepRow[];
}

export async function loadSubmission(db: Executor, id: string, forUpdate = false): Promise<LoadedSubmission | null> {
  const query = db.select().from(submissions).where(eq(submissions.id, id));
  const [submission] = forUpdate ? await query.for('update') : await query;
  if (!submission) return null;
  const steps = await db.select().from(submissionSteps).where(eq(submissionSteps.submissionId, id)).orderBy(asc(submissionSteps.stepIndex));
  return { submission, steps };
}

export const submissionFacts = (s: LoadedSubmission) => ({ state: s.submission.state, submittedBy: s.submission.submittedBy, signerIds: s.steps.map((st) => st.signerId) });

export const stepFacts = (s: SubmissionRow, step: StepRow) => ({
  versionEntrySha256: s.versionEntrySha256,
  submissionId: s.id,
  stepIndex: step.stepIndex,
  kind: step.kind as StepKind,
  signerId: step.signerId,
  documentType: s.documentType,
});

async function names(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function issuedFor(db: Executor, submissionId: string) {
  const [row] = await db
    .select({ i: issuedDocuments, registerName: registers.name })
    .from(issuedDocuments)
    .innerJoin(registers, eq(registers.id, issuedDocuments.registerId))
    .where(eq(issuedDocuments.submissionId, submissionId));
  return row ? presentIssued(row.i, row.registerName) : null;
}

export const presentIssued = (i: typeof issuedDocuments.$inferSelect, registerName: string) => ({
  seq: i.seq,
  number: i.number,
  symbol: i.symbol,
  notation: notation(i.number, i.symbol),
  issueDate: i.issueDate,
  issuedAt: i.issuedAt.toISOString(),
  register: { id: i.registerId, name: registerName },
});

/** The submission as the API returns it; `payload` is set on the step awaiting `viewerId`. */
export async function presentSubmission(db: Executor, s: LoadedSubmission, viewerId: string, now = new Date()) {
  const who = await names(db, [s.submission.submittedBy, ...s.steps.map((st) => st.signerId)]);
  return {
    id: s.submission.id,
    documentId: s.submission.documentId,
    versionId: s.submission.versionId,
    versionEntrySha256: s.submission.versionEntrySha256,
    documentType: s.submission.documentType,
    note: s.submission.note,
    state: s.submission.state,
    submittedBy: { id: s.submission.submittedBy, name: who.get(s.submission.submittedBy) ?? '' },
    submittedAt: s.submission.createdAt.toISOString(),
    previousId: s.submission.previousId,
    closedAt: s.submission.closedAt?.toISOString() ?? null,
    steps: s.steps.map((st) => ({
      index: st.stepIndex,
      kind: st.kind,
      signer: { id: st.signerId, name: who.get(st.signerId) ?? '' },
      state: st.state,
      turnStartedAt: st.turnStartedAt?.toISOString() ?? null,
      actedAt: st.actedAt?.toISOString() ?? null,
      waitSeconds: st.turnStartedAt ? Math.max(0, Math.round(((st.actedAt ?? now).getTime() - st.turnStartedAt.getTime()) / 1000)) : null,
      returnReason: st.returnReason,
      keyId: st.keyId,
      jws: st.jws,
      ...(st.state === 'current' && st.signerId === viewerId && s.submission.state === 'pending' ? { payload: stepPayload(stepFacts(s.submission, st), now) } : {}),
    })),
    issued: s.submission.state === 'issued' ? await issuedFor(db, s.submission.id) : null,
  };
}
