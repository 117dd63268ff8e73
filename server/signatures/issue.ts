/**
 * Issuing a signed submission (data path: POST /submissions/:id/issue → here → register_counters,
 * ledger event "document.issued", issued_documents; the draft becomes read-only). In one transaction:
 * lock the submission, take the register's next number for the issue year (agency time zone), build
 * the issued body from the persons' signatures and certificates, seal it with the agency key (after
 * the persons: the seal covers their signatures), append it to the ledger, notify.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { departments, documentTypes, documentVersions, documents, issuedDocuments, ledgerEntries, registers, signingDeviceKeys, submissions, users } from '../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../errors';
import type { SessionUser } from '../http/env';
import { loadDocumentFacts } from '../documents/document-access';
import { getAgencySettings } from '../agency/settings';
import { notify } from '../notifications/notify';
import { appendEvent } from '../records/append-event';
import type { Signer } from '../records/signer';
import { canIssue, canView } from '../../shared/permissions';
import { rfc3339, signCanonical } from '../../shared/records';
import { issueDate, issuedFormat, issuedKind, notation, sealPayload, symbolFor, unitAbbreviation, type IssuedBody, type KeyCertificate, type StepPayload } from '../../shared/signatures';
import { loadSubmission } from './submission-queries';
import { takeNextNumber } from './numbering';

export interface IssueResult {
  seq: number;
  number: number;
  symbol: string;
  notation: string;
  issueDate: string;
  issuedAt: string;
}

export async function issueSubmission(db: Database, signer: Signer, actor: SessionUser, submissionId: string, input: { register?: string }, now = new Date()): Promise<IssueResult & { documentId: string }> {
  if (!canIssue(actor)) {
    // Existence is not revealed to those who cannot see the draft.
    const s = await loadSubmission(db, submissionId);
    const doc = s && (await loadDocumentFacts(db, s.submission.documentId));
    if (!s || !doc || !canView(actor, doc)) throw notFound('Submission');
    throw forbidden('Only a clerk issues documents');
  }
  const key = await signer.current();
  const settings = await getAgencySettings(db);
  if (!settings.abbreviation) throw conflict('Set the agency abbreviation (agency settings) before issuing');
  return db.transaction(async (tx) => {
    const s = await loadSubmission(tx, submissionId, true);
    if (!s) throw notFound('Submission');
    if (s.submission.state === 'issued') throw conflict('This document is already issued');
    if (s.submission.state !== 'signed') throw conflict(`This submission is ${s.submission.state}, not signed: it cannot be issued`);
    const [register] = input.register
      ? await tx.select().from(registers).where(eq(registers.id, input.register))
      : await tx.select().from(registers).where(eq(registers.isDefault, true));
    if (!register) throw validationFailed('register: unknown register', [{ path: 'register', message: 'no such register' }]);
    const [type] = await tx.select().from(documentTypes).where(eq(documentTypes.code, s.submission.documentType));
    const [doc] = await tx
      .select({ id: documents.id, title: documents.title, unit: departments.name })
      .from(documents)
      .innerJoin(departments, eq(departments.id, documents.departmentId))
      .where(eq(documents.id, s.submission.documentId));
    const [version] = await tx
      .select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry })
      .from(documentVersions)
      .innerJoin(ledgerEntries, eq(ledgerEntries.seq, documentVersions.seq))
      .where(eq(documentVersions.id, s.submission.versionId));

    const date = issueDate(now);
    const year = register.resetsYearly ? Number(date.slice(0, 4)) : 0;
    const number = await takeNextNumber(tx, register.id, year);
    const symbol = symbolFor(type!, settings.abbreviation, unitAbbreviation(doc!.unit));
    const keys = await tx.select().from(signingDeviceKeys).where(inArray(signingDeviceKeys.id, s.steps.map((st) => st.keyId!).filter(Boolean)));
    const names = new Map((await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, s.steps.map((st) => st.signerId)))).map((u) => [u.id, u.name]));
    const unsealed: Omit<IssuedBody, 'seal'> = {
      format: issuedFormat,
      documentId: doc!.id,
      submissionId: s.submission.id,
      documentType: s.submission.documentType,
      versionSeq: version!.seq,
      versionEntry: JSON.parse(version!.entry) as Record<string, unknown>,
      versionEntrySha256: s.submission.versionEntrySha256,
      register: { id: register.id, name: register.name, series: register.series, resetsYearly: register.resetsYearly },
      year,
      number,
      symbol,
      notation: notation(number, symbol),
      issueDate: date,
      issuedAt: rfc3339(now),
      issuedBy: { id: actor.id, name: actor.name },
      signatures: s.steps.map((st) => ({
        index: st.stepIndex,
        kind: st.kind,
        signer: { id: st.signerId, name: names.get(st.signerId) ?? '' },
        payload: st.payload as StepPayload,
        jws: st.jws!,
        certificate: keys.find((k) => k.id === st.keyId)!.certificate as KeyCertificate,
      })),
    };
    const body: IssuedBody = { ...unsealed, seal: { jws: await signCanonical(sealPayload(unsealed), key.privateKey, key.kid) } };
    const appended = await appendEvent(tx, {
      kind: issuedKind,
      documentId: doc!.id,
      subjectId: s.submission.id,
      title: `Số: ${body.notation} — ${doc!.title}`,
      body: body as unknown as Record<string, unknown>,
      recordedBy: { id: actor.id, name: actor.name, department: actor.departments[0] ? { id: actor.departments[0].id, name: actor.departments[0].name } : null },
      key,
    });
    await tx.insert(issuedDocuments).values({ submissionId: s.submission.id, documentId: doc!.id, registerId: register.id, year, number, symbol, issueDate: date, issuedAt: now, issuedBy: actor.id, seq: appended.entry.seq });
    await tx.update(submissions).set({ state: 'issued', closedAt: now }).where(eq(submissions.id, s.submission.id));
    await tx.update(documents).set({ finalizedAt: now }).where(and(eq(documents.id, doc!.id), isNull(documents.finalizedAt)));
    const told = new Set([s.submission.submittedBy, ...s.steps.map((st) => st.signerId)]);
    await notify(tx, [...told].map((userId) => ({ userId, kind: 'document_issued', documentId: doc!.id, subjectId: s.submission.id, data: { title: doc!.title, notation: body.notation } })));
    return { documentId: doc!.id, seq: appended.entry.seq, number, symbol, notation: body.notation, issueDate: date, issuedAt: body.issuedAt };
  });
}
