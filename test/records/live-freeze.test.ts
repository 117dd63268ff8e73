/**
 * Issue 4, "what it must show" 1 and 6, against the real server and real y-websocket clients:
 * a freeze after two people edited concurrently captures exactly what both see, and its bundle
 * verifies offline; viewers cannot freeze; a final version makes the websocket read-only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { loadStoredState, mergeStoredState } from '../../server/collab/update-log';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { addParagraph, connectClient, paragraphs, paragraphsOf, roundTrip, waitFor, type TestClient } from '../collab/clients';
import { contentField, editorSchema } from '../../shared/editor-schema';
import { fromBase64, verifyBundle, type FreezeResultDto, type RecordBundle, type VersionDetailDto } from '../../shared/records';
import { eventuallyMs } from '../support/timeouts';

const proseMirrorJson = (doc: Y.Doc) => yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(contentField), editorSchema).toJSON();

describe('freezing live drafts', () => {
  let server: TestServer;
  let alice: TestUser; // Finance, creator
  let bao: TestUser; // Legal, granted edit
  let vera: TestUser; // viewer
  const clients: TestClient[] = [];

  const open = (user: TestUser, documentId: string) => {
    const client = connectClient(server.url, documentId, { cookie: user.cookie });
    clients.push(client);
    return client;
  };
  const api = async <T>(path: string, user: TestUser, body?: unknown, status = 200): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as T;
  };
  /** The next close the server sends a client. */
  const nextClose = (client: TestClient) =>
    new Promise<{ code: number }>((resolve) => client.provider.once('connection-close', (event) => resolve({ code: event?.code ?? 0 })));
  const newDocument = async () => {
    const id = (await makeDocument(server.database.db, alice, 'Quyết định phân bổ ngân sách')).id;
    await grant(server.database.db, id, { userId: bao.id }, 'edit');
    await grant(server.database.db, id, { userId: vera.id }, 'view');
    return id;
  };

  beforeAll(async () => {
    // A persistence delay longer than any test here: only the freeze itself can flush what is pending.
    server = await startTestServer({ PERSIST_FLUSH_MS: '3600000' });
    const db = server.database.db;
    alice = await makeUser(db, { departmentIds: [(await makeDepartment(db, 'Finance')).id], name: 'Alice' });
    bao = await makeUser(db, { departmentIds: [(await makeDepartment(db, 'Legal')).id], name: 'Bảo' });
    vera = await makeUser(db, { name: 'Vera' });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(() => server.stop());

  it('freezes what both of two concurrent editors see, and the bundle verifies offline', async () => {
    const documentId = await newDocument();
    const a = open(alice, documentId);
    const b = open(bao, documentId);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 20; i++) {
      addParagraph(a.doc, `Alice ${i}`);
      addParagraph(b.doc, `Bảo ${i}`);
    }
    // Each client has the other's 20 paragraphs: the server accepted all 40 (it relayed them).
    await waitFor(() => paragraphs(a.doc).length === 40 && paragraphs(b.doc).length === 40, eventuallyMs, 'both clients to converge');
    expect(paragraphs(a.doc)).toEqual(paragraphs(b.doc));
    expect(paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)))).toEqual([]); // none written yet

    const frozen = await api<FreezeResultDto>(`/api/documents/${documentId}/versions`, alice, { label: 'Dự thảo lần 1' }, 201);
    const detail = await api<VersionDetailDto>(`/api/versions/${frozen.version.id}`, bao);
    expect(detail.content.json).toEqual(proseMirrorJson(a.doc));
    expect(detail.content.json).toEqual(proseMirrorJson(b.doc));
    expect(detail.content.text.split('\n\n')).toEqual(paragraphs(a.doc));
    // Written by the freeze: the timer cannot have fired (one hour).
    expect(paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)))).toEqual(paragraphs(a.doc));

    const bundle = await api<RecordBundle>(`/api/records/${frozen.record.entry.seq}/bundle`, vera);
    expect(paragraphsOf(fromBase64(bundle.yjsState))).toEqual(paragraphs(b.doc));
    const jwks = await (await fetch(`${server.url}/.well-known/jwks.json`)).json();
    const report = await verifyBundle(JSON.parse(JSON.stringify(bundle)), jwks);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('viewers cannot freeze (403); a final version makes the websocket read-only for everyone', async () => {
    const documentId = await newDocument();
    const a = open(alice, documentId);
    const b = open(bao, documentId);
    const v = open(vera, documentId);
    await Promise.all([a.synced(), b.synced(), v.synced()]);
    addParagraph(a.doc, 'Signed text');
    await waitFor(() => paragraphs(b.doc).length === 1 && paragraphs(v.doc).length === 1, eventuallyMs, 'the edit to arrive');

    await api(`/api/documents/${documentId}/versions`, vera, { label: 'not mine to freeze' }, 403);
    const closed = [a, b].map(nextClose);
    const final = await api<FreezeResultDto>(`/api/documents/${documentId}/versions`, alice, { label: 'Bản ký', final: true }, 201);
    expect(final.record.entry.final).toBe(true);
    expect(paragraphsOf(fromBase64((await api<RecordBundle>(`/api/records/${final.record.entry.seq}/bundle`, vera)).yjsState))).toEqual(['Signed text']);

    // Editors lose edit: their sockets close (4403) so their editors turn read-only; the viewer stays.
    expect(await Promise.all(closed)).toEqual([expect.objectContaining({ code: 4403 }), expect.objectContaining({ code: 4403 })]);
    expect(v.provider.wsconnected).toBe(true);
    addParagraph(a.doc, 'edit after final by the creator');
    addParagraph(b.doc, 'edit after final by an editor');

    // Reopened, they may read but nothing they send is applied, stored or forwarded.
    const reopened = open(bao, documentId);
    await reopened.synced();
    addParagraph(reopened.doc, 'edit from a new connection');
    await roundTrip(reopened);
    await server.collab.flushDocument(documentId);
    expect(paragraphsOf(await server.collab.readState(documentId))).toEqual(['Signed text']);
    expect(paragraphsOf(mergeStoredState(await loadStoredState(server.database.db, documentId)))).toEqual(['Signed text']);
    expect(paragraphs(v.doc)).toEqual(['Signed text']);

    await api(`/api/documents/${documentId}/versions`, alice, { label: 'after final' }, 409);
    await api(`/api/documents/${documentId}/restore`, alice, { versionId: final.version.id }, 409);
  });

  it('restores a version into the live draft as a new edit every client receives', async () => {
    const documentId = await newDocument();
    const a = open(alice, documentId);
    const b = open(bao, documentId);
    await Promise.all([a.synced(), b.synced()]);
    addParagraph(a.doc, 'version one');
    await waitFor(() => paragraphs(b.doc).length === 1, eventuallyMs, 'the first edit');
    const v1 = await api<FreezeResultDto>(`/api/documents/${documentId}/versions`, alice, { label: 'v1' }, 201);
    addParagraph(b.doc, 'later text');
    await waitFor(() => paragraphs(a.doc).length === 2, eventuallyMs, 'the second edit');

    await api(`/api/documents/${documentId}/restore`, bao, { versionId: v1.version.id });
    await waitFor(() => paragraphs(a.doc).length === 1 && paragraphs(b.doc).length === 1, eventuallyMs, 'the restore to reach both clients');
    expect(paragraphs(a.doc)).toEqual(['version one']);
    const v2 = await api<FreezeResultDto>(`/api/documents/${documentId}/versions`, alice, { label: 'restored' }, 201);
    expect(v2.record.entry.contentSha256).toBe(v1.record.entry.contentSha256);
  });
});
