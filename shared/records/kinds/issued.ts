/**
 * Kind checks of "document.issued" (shared/signatures/issued.ts), run offline by every verifier:
 *   issuedFormat        the body has the issued-document shape
 *   version             the embedded version entry hashes to versionEntrySha256 and is this document's
 *   number              notation = number (two digits at least) "/" symbol; the year is the issue date's
 *   certificates        every key certificate is signed by an agency key (the JWKS), names the signer,
 *                       its kid is its key's thumbprint, and it was valid when the person signed
 *   personalSignatures  every JWS verifies with its certificate's key over exactly its payload, and the
 *                       payload names this version, submission, step, signer and document type
 *   order               steps 0,1,2… with initials before signatures, the last one a signature, signing
 *                       times non-decreasing, the seal (issuedAt) after every personal signature
 *   seal                the agency key's JWS over the body without its seal
 */
import { calculateJwkThumbprint } from 'jose';
import { canonicalBytes, canonicalSha256 } from '../canonical';
import { jwsVerifier, type Jwks } from '../jws';
import type { EventBody, EventEntry } from '../event-entry';
import type { KindCheckResult } from './index';
import { certificateCovers } from '../../signatures/certificate';
import { issuedBodySchema, sealPayload, type IssuedBody } from '../../signatures/issued';
import { numberText, notation } from '../../signatures/numbering';
import { payloadMismatches } from '../../signatures/payload';

const result = (check: string, problems: string[], okDetail: string): KindCheckResult =>
  problems.length ? { check, ok: false, detail: problems.join('; ') } : { check, ok: true, detail: okDetail };

export async function checkIssued(raw: EventBody, entry: EventEntry, jwks: Jwks): Promise<KindCheckResult[]> {
  const parsed = issuedBodySchema.safeParse(raw);
  if (!parsed.success) {
    const summary = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return [{ check: 'issuedFormat', ok: false, detail: `not an issued-document body: ${summary}` }];
  }
  const body = parsed.data;
  return [
    { check: 'issuedFormat', ok: true, detail: `issued document ${body.notation}` },
    checkVersion(body, entry),
    checkNumber(body),
    ...(await checkSignatures(body, jwks)),
    checkOrder(body),
    await checkSeal(body, jwks),
  ];
}

function checkVersion(body: IssuedBody, entry: EventEntry): KindCheckResult {
  const problems: string[] = [];
  const hash = canonicalSha256(body.versionEntry);
  if (hash !== body.versionEntrySha256) problems.push(`the version entry hashes to ${hash}, the record names ${body.versionEntrySha256}`);
  if (body.versionEntry.documentId !== body.documentId || entry.documentId !== body.documentId) problems.push('the version entry, the body and the ledger entry name different documents');
  if (body.versionEntry.seq !== body.versionSeq) problems.push(`the version entry is seq ${String(body.versionEntry.seq)}, the body says ${body.versionSeq}`);
  if (entry.subjectId !== body.submissionId) problems.push('the ledger entry names another submission');
  return result('version', problems, `version entry ${body.versionSeq} (${body.versionEntrySha256.slice(0, 12)}…)`);
}

function checkNumber(body: IssuedBody): KindCheckResult {
  const problems: string[] = [];
  const expected = notation(body.number, body.symbol);
  if (body.notation !== expected) problems.push(`notation ${body.notation} does not match number ${numberText(body.number)} and symbol ${body.symbol}`);
  if (body.register.resetsYearly && Number(body.issueDate.slice(0, 4)) !== body.year) problems.push(`numbered in year ${body.year} but issued on ${body.issueDate}`);
  return result('number', problems, `Số: ${body.notation}, register ${body.register.name}, year ${body.year}`);
}

async function checkSignatures(body: IssuedBody, jwks: Jwks): Promise<KindCheckResult[]> {
  const agency = jwsVerifier(jwks);
  const certProblems: string[] = [];
  const sigProblems: string[] = [];
  for (const s of body.signatures) {
    const who = `step ${s.index} (${s.signer.name})`;
    const cert = s.certificate.body;
    const certSig = await agency(s.certificate.jws, canonicalBytes(cert));
    if (!certSig.ok) certProblems.push(`${who}: key certificate ${certSig.reason}`);
    if (cert.userId !== s.signer.id) certProblems.push(`${who}: the certificate is for another person`);
    const thumbprint = await calculateJwkThumbprint({ kty: 'OKP', crv: cert.publicJwk.crv, x: cert.publicJwk.x });
    if (thumbprint !== cert.kid) certProblems.push(`${who}: the certificate's kid is not its key's thumbprint`);
    if (!certificateCovers(cert, s.payload.signedAt)) certProblems.push(`${who}: signed at ${s.payload.signedAt}, outside the certificate's validity`);

    const personal = jwsVerifier({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: cert.publicJwk.x, kid: cert.kid, alg: 'EdDSA', use: 'sig' }] });
    const sig = await personal(s.jws, canonicalBytes(s.payload));
    if (!sig.ok) sigProblems.push(`${who}: personal signature ${sig.reason}`);
    const wrong = payloadMismatches(s.payload, {
      versionEntrySha256: body.versionEntrySha256,
      submissionId: body.submissionId,
      stepIndex: s.index,
      kind: s.kind,
      signerId: s.signer.id,
      documentType: body.documentType,
    });
    if (wrong.length) sigProblems.push(`${who}: the signed payload names another ${wrong.join(', ')}`);
  }
  const n = body.signatures.length;
  return [
    result('certificates', certProblems, `${n} key certificate${n === 1 ? '' : 's'} signed by the agency key`),
    result('personalSignatures', sigProblems, body.signatures.map((s) => `${s.kind} by ${s.signer.name} at ${s.payload.signedAt}`).join(', ')),
  ];
}

function checkOrder(body: IssuedBody): KindCheckResult {
  const problems: string[] = [];
  const sigs = body.signatures;
  sigs.forEach((s, i) => {
    if (s.index !== i) problems.push(`signature ${i} is for step ${s.index}`);
    if (i > 0 && sigs[i - 1]!.kind === 'sign' && s.kind === 'initial') problems.push(`step ${i} is an initial after a signature`);
    if (i > 0 && Date.parse(s.payload.signedAt) < Date.parse(sigs[i - 1]!.payload.signedAt)) problems.push(`step ${i} was signed before step ${i - 1}`);
    if (Date.parse(body.issuedAt) < Date.parse(s.payload.signedAt)) problems.push(`the agency sealed at ${body.issuedAt}, before step ${i} was signed (${s.payload.signedAt})`);
  });
  if (sigs[sigs.length - 1]?.kind !== 'sign') problems.push('the last step is not a signature');
  return result('order', problems, `${sigs.length} personal step${sigs.length === 1 ? '' : 's'} in order, then the agency seal at ${body.issuedAt}`);
}

async function checkSeal(body: IssuedBody, jwks: Jwks): Promise<KindCheckResult> {
  const check = await jwsVerifier(jwks)(body.seal.jws, canonicalBytes(sealPayload(body)));
  return check.ok ? { check: 'seal', ok: true, detail: `agency seal by key ${check.kid}` } : { check: 'seal', ok: false, detail: `agency seal ${check.reason}` };
}
