/**
 * Issue 10, items 1 and 2: a version goes initial → sign with device keys certified by the agency
 * key, the clerk issues it, and the issued bundle verifies offline; altered bundles fail naming why.
 * Refusals: someone else's step, out of order, uncertified or revoked key, twice, a returned
 * submission, issuing without the clerk role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../shared/records';
import { loadConfig } from '../../server/config';
import { appendEvent } from '../../server/records/append-event';
import { createSigner } from '../../server/records/signer';
import { verifyLedger } from '../../server/records/verify-ledger';
import { scenario, frozenVersion, certifiedKey, submit, signStep, type Scenario } from './setup';

let s: Scenario;
beforeAll(async () => {
  s = await scenario();
}, 180_000);
afterAll(() => s.t.close());

const failing = (report: Awaited<ReturnType<typeof verifyBundle>>) => report.checks.filter((c) => c.status === 'fail').map((c) => c.detail);

describe('sign-off and issuance', () => {
  it('initial → sign → issue: the bundle verifies offline with both signatures and the seal, in order', async () => {
    const { documentId, versionId } = await frozenVersion(s);
    const headKey = await certifiedKey(s, s.head);
    const leaderKey = await certifiedKey(s, s.leader);
    const sub = await submit(s, versionId);

    const first = await signStep(s, s.head, sub.id, 0, headKey);
    expect(first.res.status).toBe(200);
    // Retrying the same request (flaky 4G) never signs twice.
    const retry = await s.t.request(`/api/submissions/${sub.id}/steps/0/sign`, { cookie: s.head.cookie, body: { keyId: headKey.keyId, jws: first.jws } });
    expect(retry.status).toBe(200);
    expect((await retry.json()).replayed).toBe(true);
    expect((await signStep(s, s.leader, sub.id, 1, leaderKey)).res.status).toBe(200);
    // Signed, awaiting its number: not submitted again either.
    const resubmission = { documentType: 'QĐ', signers: [{ user: s.leader.id, step: 'sign' }] };
    const early = await s.t.request(`/api/versions/${versionId}/submissions`, { cookie: s.drafter.cookie, body: resubmission });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/awaits issuance/);

    // Only a clerk issues.
    expect((await s.t.request(`/api/submissions/${sub.id}/issue`, { cookie: s.leader.cookie, body: {} })).status).toBe(403);
    const issued = await s.t.json(`/api/submissions/${sub.id}/issue`, { cookie: s.clerk.cookie, body: {} });
    expect(issued).toMatchObject({ number: expect.any(Number), symbol: 'QĐ-UBND', issuedAt: expect.any(String) });
    expect(issued.notation).toBe(`${String(issued.number).padStart(2, '0')}/QĐ-UBND`);
    expect((await s.t.request(`/api/submissions/${sub.id}/issue`, { cookie: s.clerk.cookie, body: {} })).status).toBe(409);
    // An issued document is not submitted for signature again.
    const again = await s.t.request(`/api/versions/${versionId}/submissions`, { cookie: s.drafter.cookie, body: resubmission });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already been issued/);

    // The draft is read-only and names its number.
    const doc = await s.t.json(`/api/documents/${documentId}`, { cookie: s.drafter.cookie });
    expect(doc.document?.finalizedAt ?? doc.finalizedAt).not.toBeNull();
    const { submission } = await s.t.json(`/api/submissions/${sub.id}`, { cookie: s.drafter.cookie });
    expect(submission.issued.notation).toBe(issued.notation);

    const bundle = await s.t.json(`/api/records/${issued.seq}/bundle`, { cookie: s.clerk.cookie });
    const jwks = await s.t.json('/.well-known/jwks.json');
    const report = await verifyBundle(bundle, jwks);
    expect(failing(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const kinds = report.checks.filter((c) => c.check === 'kind').map((c) => c.detail);
    expect(kinds.join('\n')).toMatch(/personalSignatures: initial by Head Hoa .* sign by Chairman Chinh/);
    expect(kinds.join('\n')).toMatch(/order: 2 personal steps in order, then the agency seal/);
    expect(bundle.body.signatures.map((x: { kind: string }) => x.kind)).toEqual(['initial', 'sign']);

    // Certified personal keys are published.
    const signers = await s.t.json('/.well-known/codraft-signers.json');
    expect(signers.signers.map((x: { kid: string }) => x.kid)).toEqual(expect.arrayContaining([headKey.kid, leaderKey.kid]));

    // Altered bundles fail and say why.
    const altered = (mutate: (b: any) => void) => {
      const copy = structuredClone(bundle);
      mutate(copy.body);
      return verifyBundle(copy, jwks).then(failing);
    };
    // (The body hash check fails for any change; the kind checks name the specific problem.)
    expect((await altered((b) => (b.signatures[1].jws = b.signatures[0].jws))).join(' ')).toMatch(/personal signature/);
    expect((await altered((b) => (b.signatures[0].certificate.body.name = 'Someone Else'))).join(' ')).toMatch(/step 0 \(Head Hoa\): key certificate signed payload differs/);
    expect((await altered((b) => (b.notation = '99/QĐ-UBND'))).join(' ')).toMatch(/notation 99\/QĐ-UBND does not match/);
    expect((await altered((b) => (b.signatures = [b.signatures[1], b.signatures[0]]))).join(' ')).toMatch(/is for step|initial after a signature/);
    expect((await altered((b) => (b.issuedAt = '2000-01-01T00:00:00.000Z'))).join(' ')).toMatch(/sealed at .* before step/);
    expect((await altered((b) => (b.versionEntry.title = 'Another title'))).join(' ')).toMatch(/version entry hashes to/);

    // `codraft verify` checks the number's uniqueness across the ledger: a second entry with the same number is caught.
    const db = s.t.testDb.handle.db;
    expect((await verifyLedger(db)).problems).toEqual([]);
    const key = await createSigner(db, loadConfig({ DATA_DIR: 'memory://' })).current();
    await db.transaction((tx) => appendEvent(tx, { kind: 'document.issued', documentId, subjectId: sub.id, title: 'duplicate number', body: bundle.body, recordedBy: null, key }));
    const ledger = await verifyLedger(db);
    expect(ledger.problems.map((p) => `${p.check}: ${p.detail}`).join('\n')).toMatch(new RegExp(`kind:numberUnique: number ${issued.notation} .* already issued at entry ${issued.seq}`));
  }, 60_000);

  it('refuses another signer’s step, out of order, uncertified or revoked keys, and a second signature', async () => {
    const { versionId } = await frozenVersion(s);
    const headKey = await certifiedKey(s, s.head);
    const leaderKey = await certifiedKey(s, s.leader);
    const pendingKey = await certifiedKey(s, s.head, false);
    const sub = await submit(s, versionId);

    // The leader cannot sign the head's step, nor their own before it (out of order).
    const { submission } = await s.t.json(`/api/submissions/${sub.id}`, { cookie: s.head.cookie });
    const headJws = await leaderKey.sign(submission.steps[0].payload);
    expect((await s.t.request(`/api/submissions/${sub.id}/steps/0/sign`, { cookie: s.leader.cookie, body: { keyId: leaderKey.keyId, jws: headJws } })).status).toBe(403);
    const early = await s.t.request(`/api/submissions/${sub.id}/steps/1/sign`, { cookie: s.leader.cookie, body: { keyId: leaderKey.keyId, jws: headJws } });
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toMatch(/not your turn/);

    // An uncertified key, someone else's key, and a payload signed by the wrong key are refused.
    const uncertified = await signStep(s, s.head, sub.id, 0, pendingKey);
    expect(uncertified.res.status).toBe(403);
    expect((await uncertified.res.json()).error.message).toMatch(/not certified/);
    expect((await s.t.request(`/api/submissions/${sub.id}/steps/0/sign`, { cookie: s.head.cookie, body: { keyId: leaderKey.keyId, jws: headJws } })).status).toBe(403);
    expect((await s.t.request(`/api/submissions/${sub.id}/steps/0/sign`, { cookie: s.head.cookie, body: { keyId: headKey.keyId, jws: headJws } })).status).toBe(403);

    // A revoked key is refused.
    await s.t.json(`/api/signing-keys/${headKey.keyId}/revoke`, { method: 'POST', cookie: s.head.cookie }, 200);
    const revoked = await signStep(s, s.head, sub.id, 0, headKey);
    expect(revoked.res.status).toBe(403);
    expect((await revoked.res.json()).error.message).toMatch(/revoked/);

    // Signed once with a fresh key; a different second signature is refused.
    const fresh = await certifiedKey(s, s.head);
    expect((await signStep(s, s.head, sub.id, 0, fresh)).res.status).toBe(200);
    const again = await s.t.request(`/api/submissions/${sub.id}/steps/0/sign`, { cookie: s.head.cookie, body: { keyId: fresh.keyId, jws: headJws } });
    expect(again.status).toBe(409);
    // Outsiders do not learn it exists.
    expect((await s.t.request(`/api/submissions/${sub.id}`, { cookie: s.outsider.cookie })).status).toBe(404);
  }, 60_000);

  it('a returned submission cannot be issued; the drafter resubmits, linked to the old one', async () => {
    const { versionId } = await frozenVersion(s);
    const leaderKey = await certifiedKey(s, s.leader);
    const sub = await submit(s, versionId, { documentType: 'TB', signers: [{ user: s.leader.id, step: 'sign' }] });
    await s.t.json(`/api/submissions/${sub.id}/steps/0/return`, { cookie: s.leader.cookie, body: { reason: 'Sửa điều 2' } });
    const refused = await s.t.request(`/api/submissions/${sub.id}/issue`, { cookie: s.clerk.cookie, body: {} });
    expect(refused.status).toBe(409);
    const again = await submit(s, versionId, { documentType: 'TB', signers: [{ user: s.leader.id, step: 'sign' }], previous: sub.id });
    const { submission } = await s.t.json(`/api/submissions/${again.id}`, { cookie: s.drafter.cookie });
    expect(submission.previousId).toBe(sub.id);
    expect((await signStep(s, s.leader, again.id, 0, leaderKey)).res.status).toBe(200);
    const issued = await s.t.json(`/api/submissions/${again.id}/issue`, { cookie: s.clerk.cookie, body: {} });
    expect(issued.symbol).toBe('TB-UBND');
  }, 60_000);

  it('validates submissions: a sign step last, signers who may read it, a leader signs', async () => {
    const { versionId } = await frozenVersion(s);
    const bad = (body: unknown) => s.t.request(`/api/versions/${versionId}/submissions`, { cookie: s.drafter.cookie, body });
    expect((await bad({ documentType: 'QĐ', signers: [{ user: s.leader.id, step: 'sign' }, { user: s.head.id, step: 'initial' }] })).status).toBe(400);
    expect((await bad({ documentType: 'QĐ', signers: [{ user: s.head.id, step: 'sign' }] })).status).toBe(400);
    expect((await bad({ documentType: 'QĐ', signers: [{ user: s.outsider.id, step: 'initial' }, { user: s.leader.id, step: 'sign' }] })).status).toBe(400);
    expect((await bad({ documentType: 'XX', signers: [{ user: s.leader.id, step: 'sign' }] })).status).toBe(400);
    // The leader may comment on the draft but not edit it: not allowed to submit it.
    expect((await s.t.request(`/api/versions/${versionId}/submissions`, { cookie: s.leader.cookie, body: { documentType: 'QĐ', signers: [{ user: s.leader.id, step: 'sign' }] } })).status).toBe(403);
    expect((await s.t.request(`/api/versions/${versionId}/submissions`, { cookie: s.outsider.cookie, body: { documentType: 'QĐ', signers: [{ user: s.leader.id, step: 'sign' }] } })).status).toBe(404);
  }, 60_000);
});
