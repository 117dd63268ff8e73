/**
 * A sign-off scenario on a real app and database: a drafter (owns the draft), the head of the
 * drafting unit (initials), a leader (signs), a clerk, an administrator and an outsider; agency
 * settings with abbreviation UBND; device keys generated with Node's WebCrypto (Ed25519,
 * non-extractable), registered and certified through the API; helpers to submit and sign.
 */
import { saveAgencySettings } from '../../server/agency/settings';
import { makeDepartment, makeDocument, makeUser, grant, type TestUser } from '../support/factories';
import { recordsTestApp, type RecordsTestApp } from '../records/app';
import { paragraphs } from '../records/content';
import { deviceKeySigner, generateDeviceKey, type StepSigner } from '../../shared/signatures';

export interface Scenario {
  t: RecordsTestApp;
  drafter: TestUser;
  head: TestUser;
  leader: TestUser;
  clerk: TestUser;
  admin: TestUser;
  outsider: TestUser;
}

export async function scenario(): Promise<Scenario> {
  const t = await recordsTestApp();
  const db = t.testDb.handle.db;
  const office = await makeDepartment(db, 'Văn phòng');
  const board = await makeDepartment(db, 'Ban lãnh đạo');
  const drafter = await makeUser(db, { departmentIds: [office.id], name: 'Drafter Dung' });
  const head = await makeUser(db, { departmentIds: [office.id], name: 'Head Hoa' });
  const leader = await makeUser(db, { leaderOf: [board.id], name: 'Chairman Chinh' });
  const clerk = await makeUser(db, { departmentIds: [office.id], isClerk: true, name: 'Clerk Cuc' });
  const admin = await makeUser(db, { isAdmin: true, name: 'Admin An' });
  const outsider = await makeUser(db, { name: 'Outsider Oanh' });
  await saveAgencySettings(db, { name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', abbreviation: 'UBND', code: '', superiorBody: '', placeName: 'An Bình', signerTitles: [] }, admin.id);
  return { t, drafter, head, leader, clerk, admin, outsider };
}

/** A draft owned by the drafter's department, readable by head and leader, frozen once; its version id. */
export async function frozenVersion(s: Scenario, text = 'Quyết định về kế hoạch năm'): Promise<{ documentId: string; versionId: string }> {
  const db = s.t.testDb.handle.db;
  const doc = await makeDocument(db, s.drafter);
  await grant(db, doc.id, { userId: s.head.id }, 'comment');
  await grant(db, doc.id, { userId: s.leader.id }, 'comment');
  await s.t.setContent(doc.id, paragraphs(text));
  const frozen = await s.t.json(`/api/documents/${doc.id}/versions`, { cookie: s.drafter.cookie, body: { label: 'Trình ký' } }, 201);
  return { documentId: doc.id, versionId: frozen.version.id };
}

/** Generate a device key for `user`, register it, and have the admin certify it. */
export async function certifiedKey(s: Scenario, user: TestUser, approve = true): Promise<StepSigner & { kid: string }> {
  const key = await generateDeviceKey();
  const reg = await s.t.json('/api/signing-keys', { cookie: user.cookie, body: { publicJwk: key.publicJwk, deviceName: `Tablet of ${user.name}` } }, 201);
  if (approve) await s.t.json(`/api/signing-keys/${reg.key.id}/approve`, { method: 'POST', cookie: s.admin.cookie }, 200);
  return { ...deviceKeySigner(reg.key.id, key.privateKey, key.kid), kid: key.kid };
}

export const submit = (s: Scenario, versionId: string, body: unknown = { documentType: 'QĐ', signers: [{ user: s.head.id, step: 'initial' }, { user: s.leader.id, step: 'sign' }] }) =>
  s.t.json(`/api/versions/${versionId}/submissions`, { cookie: s.drafter.cookie, body }, 201).then((r) => r.submission as { id: string });

/** The step's payload as the server hands it to `user`, signed with `signer`; the raw response. */
export async function signStep(s: Scenario, user: TestUser, submissionId: string, stepIndex: number, signer: StepSigner) {
  const { submission } = await s.t.json(`/api/submissions/${submissionId}`, { cookie: user.cookie });
  const payload = submission.steps[stepIndex]?.payload;
  if (!payload) throw new Error(`no payload for ${user.name} on step ${stepIndex}: ${JSON.stringify(submission.steps)}`);
  const jws = await signer.sign(payload);
  return { jws, res: await s.t.request(`/api/submissions/${submissionId}/steps/${stepIndex}/sign`, { cookie: user.cookie, body: { keyId: signer.keyId, jws } }) };
}
