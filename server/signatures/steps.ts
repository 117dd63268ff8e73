/**
 * Acting on a submission (data path: routes → here → submission_steps, submissions, notifications):
 * sign or initial a step (idempotent: the same JWS again answers as the first time, never a second
 * signature), return it with a reason, or withdraw it. The submission row is locked for the whole
 * transaction, so two taps from a flaky tablet or two signers never interleave.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client';
import { signingDeviceKeys, submissionSteps, submissions } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { notify } from '../notifications/notify';
import { canActOnStep, canViewSubmission, canWithdraw } from '../../shared/permissions';
import { payloadMismatches } from '../../shared/signatures';
import { deviceKeyMethod, type SignatureMethod } from './signature-methods';
import { loadSubmission, stepFacts, submissionFacts, type LoadedSubmission } from './submission-queries';

/** Allowed clock difference between the signer's device and the server. */
const skewMs = 5 * 60_000;

async function lockedVisible(tx: Transaction, actor: SessionUser, submissionId: string) {
  const s = await loadSubmission(tx, submissionId, true);
  const doc = s && (await loadDocumentFacts(tx, s.submission.documentId));
  if (!s || !doc || !canViewSubmission(actor, doc, submissionFacts(s))) throw notFound('Submission');
  return { s, doc };
}

function stepFor(s: LoadedSubmission, actor: SessionUser, stepIndex: number) {
  const step = s.steps[stepIndex];
  if (!step) throw notFound('Step');
  if (canActOnStep(actor, submissionFacts(s), step)) return step;
  if (step.signerId !== actor.id) throw forbidden('This step is for another signer');
  if (s.submission.state !== 'pending') throw conflict(`This submission is ${s.submission.state}`);
  if (step.state === 'waiting') throw conflict('Earlier steps are not done yet: it is not your turn');
  throw conflict(`This step is already ${step.state}`);
}

/** Open the next step, or mark the submission signed (waiting for the clerk). */
async function advance(tx: Transaction, s: LoadedSubmission, doneIndex: number, now: Date, doc: { title: string }) {
  const next = s.steps[doneIndex + 1];
  if (next) {
    await tx.update(submissionSteps).set({ state: 'current', turnStartedAt: now }).where(and(eq(submissionSteps.submissionId, s.submission.id), eq(submissionSteps.stepIndex, next.stepIndex)));
    await notify(tx, [{ userId: next.signerId, kind: 'signature_requested', documentId: s.submission.documentId, subjectId: s.submission.id, data: { title: doc.title, step: next.kind } }]);
  } else {
    await tx.update(submissions).set({ state: 'signed' }).where(eq(submissions.id, s.submission.id));
  }
}

export async function signStep(db: Database, actor: SessionUser, submissionId: string, stepIndex: number, input: { keyId: string; jws: string }, now = new Date(), method: SignatureMethod = deviceKeyMethod) {
  return db.transaction(async (tx) => {
    const { s, doc } = await lockedVisible(tx, actor, submissionId);
    const existing = s.steps[stepIndex];
    // Idempotent retry: the same signature again is answered as the first time.
    if (existing && existing.signerId === actor.id && existing.state === 'signed') {
      if (existing.jws === input.jws) return { replayed: true, submissionId };
      throw conflict('You already signed this step');
    }
    const step = stepFor(s, actor, stepIndex);
    const [key] = await tx.select().from(signingDeviceKeys).where(eq(signingDeviceKeys.id, input.keyId));
    if (!key || key.userId !== actor.id) throw forbidden('This is not one of your signing keys');
    const check = await method.verify({ jws: input.jws, key: { kid: key.kid, publicJwk: key.publicJwk, state: key.state, certificate: key.certificate as never } });
    if (!check.ok) throw forbidden(`Signature refused: ${check.reason}`);
    const wrong = payloadMismatches(check.payload, stepFacts(s.submission, step));
    if (wrong.length) throw forbidden(`Signature refused: the signed payload names another ${wrong.join(', ')}`);
    const signedAt = Date.parse(check.payload.signedAt);
    if (signedAt > now.getTime() + skewMs || signedAt < step.turnStartedAt!.getTime() - skewMs) throw forbidden('Signature refused: signedAt is not within this step’s turn');
    await tx
      .update(submissionSteps)
      .set({ state: 'signed', actedAt: now, keyId: key.id, payload: check.payload, jws: input.jws })
      .where(and(eq(submissionSteps.submissionId, submissionId), eq(submissionSteps.stepIndex, stepIndex)));
    await advance(tx, s, stepIndex, now, doc);
    return { replayed: false, submissionId };
  });
}

export async function returnStep(db: Database, actor: SessionUser, submissionId: string, stepIndex: number, reason: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { s, doc } = await lockedVisible(tx, actor, submissionId);
    stepFor(s, actor, stepIndex);
    await tx.update(submissionSteps).set({ state: 'returned', actedAt: now, returnReason: reason }).where(and(eq(submissionSteps.submissionId, submissionId), eq(submissionSteps.stepIndex, stepIndex)));
    await tx.update(submissions).set({ state: 'returned', closedAt: now }).where(eq(submissions.id, submissionId));
    await notify(tx, [{ userId: s.submission.submittedBy, kind: 'submission_returned', documentId: s.submission.documentId, subjectId: submissionId, data: { title: doc.title, by: actor.name, reason: reason.slice(0, 140) } }]);
  });
}

export async function withdrawSubmission(db: Database, actor: SessionUser, submissionId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { s } = await lockedVisible(tx, actor, submissionId);
    if (s.submission.submittedBy !== actor.id) throw forbidden('Only the submitter may withdraw it');
    if (!canWithdraw(actor, submissionFacts(s))) throw conflict(`This submission is ${s.submission.state}`);
    await tx.update(submissions).set({ state: 'withdrawn', closedAt: now }).where(eq(submissions.id, submissionId));
    await tx.update(submissionSteps).set({ state: 'cancelled' }).where(and(eq(submissionSteps.submissionId, submissionId), inArray(submissionSteps.state, ['current', 'waiting'])));
  });
}
