/**
 * Submitting a frozen version for signature (data path: POST /versions/:id/submissions → here →
 * submissions + submission_steps, notification "signature_requested" to the first signer).
 * One transaction; the first step's turn starts now.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { documentTypes, documentVersions, ledgerEntries, submissionSteps, submissions } from '../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { loadSessionUser } from '../accounts/user-queries';
import { notify } from '../notifications/notify';
import { canBeSigner, canSubmitForSignature, canView } from '../../shared/permissions';
import { sha256Hex } from '../../shared/records';
import type { SubmitBody } from '../../shared/signatures';
import { loadSubmission } from './submission-queries';

export async function createSubmission(db: Database, actor: SessionUser, versionId: string, input: SubmitBody, now = new Date()) {
  const [version] = await db
    .select({ id: documentVersions.id, documentId: documentVersions.documentId, seq: documentVersions.seq, entry: ledgerEntries.entry })
    .from(documentVersions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.seq, documentVersions.seq))
    .where(eq(documentVersions.id, versionId));
  const doc = version && (await loadDocumentFacts(db, version.documentId));
  if (!version || !doc || !canView(actor, doc)) throw notFound('Version');
  if (!canSubmitForSignature(actor, doc)) throw forbidden('Only those who may edit the draft submit it for signature');
  const [type] = await db.select().from(documentTypes).where(eq(documentTypes.code, input.documentType));
  if (!type) throw validationFailed('documentType: unknown document type', [{ path: 'documentType', message: 'not in the list of document types' }]);
  const problems: { path: string; message: string }[] = [];
  for (const [i, s] of input.signers.entries()) {
    const person = await loadSessionUser(db, s.user);
    if (!person) problems.push({ path: `signers.${i}.user`, message: 'unknown or disabled user' });
    else if (!canBeSigner(person, doc, s.step)) problems.push({ path: `signers.${i}.user`, message: s.step === 'sign' ? 'must be a leader who may view the draft' : 'must be able to view the draft' });
  }
  if (problems.length) throw validationFailed(`Invalid signers: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

  const id = await db.transaction(async (tx) => {
    if (input.previous) {
      const [prev] = await tx.select().from(submissions).where(and(eq(submissions.id, input.previous), eq(submissions.documentId, doc.id)));
      if (!prev) throw validationFailed('previous: no such submission of this draft', [{ path: 'previous', message: 'unknown submission' }]);
      if (prev.state !== 'returned' && prev.state !== 'withdrawn') throw conflict('Only a returned or withdrawn submission can be resubmitted');
    }
    // What stands in the way, in one read: an issued submission is the document itself, a signed
    // one awaits its number (neither is signed again), a pending one must be withdrawn first.
    const states = new Set(
      (await tx.select({ state: submissions.state }).from(submissions).where(and(eq(submissions.documentId, doc.id), inArray(submissions.state, ['pending', 'signed', 'issued'])))).map((r) => r.state),
    );
    if (states.has('issued')) throw conflict('This draft has already been issued: it cannot be submitted for signature again');
    if (states.has('signed')) throw conflict('This draft is already signed and awaits issuance by the clerk');
    if (states.has('pending')) throw conflict('This draft already has a submission waiting for signatures; withdraw it first');
    const [row] = await tx
      .insert(submissions)
      .values({ documentId: doc.id, versionId: version.id, versionEntrySha256: sha256Hex(version.entry), documentType: type.code, note: input.note ?? null, submittedBy: actor.id, previousId: input.previous ?? null, createdAt: now })
      .returning({ id: submissions.id });
    await tx.insert(submissionSteps).values(
      input.signers.map((s, i) => ({ submissionId: row!.id, stepIndex: i, kind: s.step, signerId: s.user, state: i === 0 ? ('current' as const) : ('waiting' as const), turnStartedAt: i === 0 ? now : null })),
    );
    await notify(tx, [{ userId: input.signers[0]!.user, kind: 'signature_requested', documentId: doc.id, subjectId: row!.id, data: { title: doc.title, from: actor.name, step: input.signers[0]!.step } }]);
    return row!.id;
  });
  return (await loadSubmission(db, id))!;
}
