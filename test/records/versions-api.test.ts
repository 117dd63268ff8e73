import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, makeDocument, makeUser, grant, type TestUser } from '../support/factories';
import { verifyBundle, type FreezeResultDto, type RecordBundle, type VersionDetailDto, type VersionDto } from '../../shared/records';
import { recordsTestApp, type RecordsTestApp } from './app';
import { paragraphs } from './content';

describe('versions API (freeze, list, read, restore, bundle, verify)', () => {
  let t: RecordsTestApp;
  let editor: TestUser;
  let viewer: TestUser;
  let stranger: TestUser;
  let documentId: string;

  beforeAll(async () => {
    t = await recordsTestApp();
    const db = t.testDb.handle.db;
    const finance = await makeDepartment(db, 'Finance');
    editor = await makeUser(db, { departmentIds: [finance.id], name: 'Nguyễn Văn An' });
    viewer = await makeUser(db);
    stranger = await makeUser(db);
    documentId = (await makeDocument(db, editor, 'Budget decision')).id;
    await grant(db, documentId, { userId: viewer.id }, 'view');
  });
  afterAll(() => t.close());

  /** A fresh draft (viewer granted) with one frozen version per `[label, text]`; each test makes its own (`-t` runs one alone). */
  const draftWithVersions = async (...versions: [string, string][]) => {
    const db = t.testDb.handle.db;
    const id = (await makeDocument(db, editor, 'Budget decision')).id;
    await grant(db, id, { userId: viewer.id }, 'view');
    for (const [label, text] of versions) {
      await t.setContent(id, paragraphs(...text.split('\n')));
      await t.json(`/api/documents/${id}/versions`, { cookie: editor.cookie, body: { label } }, 201);
    }
    return id;
  };
  const listed = async (id: string) => (await t.json<{ versions: VersionDto[] }>(`/api/documents/${id}/versions`, { cookie: editor.cookie })).versions;

  it('freezes the current state: 201 with the version and its signed entry, seq and tree head', async () => {
    await t.setContent(documentId, paragraphs('First draft', 'of the decision'));
    const res = await t.json<FreezeResultDto>(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label: 'For consultation', note: 'round 1' } }, 201);
    expect(res.version).toMatchObject({ documentId, version: 1, label: 'For consultation', note: 'round 1', title: 'Budget decision', final: false });
    expect(res.version.frozenBy).toEqual({ id: editor.id, name: 'Nguyễn Văn An', department: { id: editor.departmentIds[0], name: 'Finance' } });
    expect(res.record.entry).toMatchObject({ v: 1, seq: res.version.seq, version: 1 });
    expect(res.record.treeHead).toMatchObject({ treeSize: res.version.seq + 1 });
    expect(res.record.jws.split('.')).toHaveLength(3);
  });

  it('lists versions newest first and numbers them per document', async () => {
    const id = await draftWithVersions(['For consultation', 'First draft'], ['Revised', 'Second draft']);
    const { versions } = await t.json<{ versions: VersionDto[] }>(`/api/documents/${id}/versions`, { cookie: viewer.cookie });
    expect(versions.map((v) => [v.version, v.label])).toEqual([[2, 'Revised'], [1, 'For consultation']]);
  });

  it('returns one version with content, metadata and a passing verification', async () => {
    const versions = await listed(await draftWithVersions(['For consultation', 'First draft\nof the decision'], ['Revised', 'Second draft']));
    const detail = await t.json<VersionDetailDto>(`/api/versions/${versions[1]!.id}`, { cookie: viewer.cookie });
    expect(detail.content.text).toBe('First draft\n\nof the decision');
    expect(detail.content.html).toBe('<p>First draft</p><p>of the decision</p>');
    expect(detail.verification.ok).toBe(true);
  });

  it('serves a bundle that verifies offline with the public JWKS, and the same checks as JSON', async () => {
    const versions = await listed(await draftWithVersions(['For consultation', 'First draft'], ['Revised', 'Second draft']));
    const res = await t.request(`/api/records/${versions[1]!.seq}/bundle`, { cookie: viewer.cookie });
    expect(res.headers.get('content-disposition')).toContain('record-');
    const bundle = (await res.json()) as RecordBundle;
    const jwks = await t.json('/.well-known/jwks.json');
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
    const report = await verifyBundle(bundle, jwks);
    expect(report.ok).toBe(true);
    expect(await t.json(`/api/records/${versions[1]!.seq}/verify`, { cookie: viewer.cookie })).toEqual(report);
  });

  it('restores a version as a new edit of the draft', async () => {
    const id = await draftWithVersions(['For consultation', 'First draft'], ['Revised', 'Second draft']);
    const first = (await listed(id)).find((v) => v.version === 1)!;
    await t.json(`/api/documents/${id}/restore`, { cookie: editor.cookie, body: { versionId: first.id } });
    const frozen = await t.json<FreezeResultDto>(`/api/documents/${id}/versions`, { cookie: editor.cookie, body: { label: 'Restored' } }, 201);
    const second = (await listed(id)).find((v) => v.version === 2)!;
    const detail = (v: VersionDto) => t.json<VersionDetailDto>(`/api/versions/${v.id}`, { cookie: editor.cookie });
    expect(frozen.record.entry.contentSha256).toBe((await detail(first)).entry.contentSha256);
    expect(frozen.record.entry.contentSha256).not.toBe((await detail(second)).entry.contentSha256);
  });

  it('refuses viewers (403), strangers and anonymous callers (404 / 401)', async () => {
    const documentId = await draftWithVersions(['For consultation', 'First draft']);
    const body = { label: 'Nope' };
    expect((await t.request(`/api/documents/${documentId}/versions`, { cookie: viewer.cookie, body })).status).toBe(403);
    expect((await t.request(`/api/documents/${documentId}/versions`, { cookie: stranger.cookie, body })).status).toBe(404);
    expect((await t.request(`/api/documents/${documentId}/versions`, { body })).status).toBe(401);
    expect((await t.request(`/api/documents/${documentId}/versions`, { cookie: stranger.cookie })).status).toBe(404);
    const versions = await listed(documentId);
    expect((await t.request(`/api/records/${versions[0]!.seq}/bundle`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await t.request(`/api/versions/${versions[0]!.id}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await t.request(`/api/documents/${documentId}/restore`, { cookie: viewer.cookie, body: { versionId: versions[0]!.id } })).status).toBe(403);
    expect((await t.request('/.well-known/jwks.json')).status).toBe(200);
  });

  it('validates bodies', async () => {
    const documentId = await draftWithVersions();
    const res = await t.request(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label: '' } });
    expect(res.status).toBe(400);
    expect((await t.request(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label: 'x', extra: 1 } })).status).toBe(400);
  });

  it('a final version finalizes the draft: nothing more frozen or restored', async () => {
    const documentId = await draftWithVersions(['For consultation', 'First draft']);
    const res = await t.json<FreezeResultDto>(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label: 'Signed', final: true } }, 201);
    expect(res.version.final).toBe(true);
    const doc = await t.json(`/api/documents/${documentId}`, { cookie: editor.cookie });
    expect(doc.finalizedAt).not.toBeNull();
    expect((await t.request(`/api/documents/${documentId}/versions`, { cookie: editor.cookie, body: { label: 'After' } })).status).toBe(409);
    expect((await t.request(`/api/documents/${documentId}/restore`, { cookie: editor.cookie, body: { versionId: res.version.id } })).status).toBe(409);
  });
});
