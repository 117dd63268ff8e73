/**
 * Issue 8, "what it must show" 2 and 3 (server side): who may do what with threads, over real
 * HTTP and a real websocket; quotes as anchors; edits and deletions; mentions that notify only
 * people who may see the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { call } from '../api/http';
import { connectClient, paragraphs, waitFor } from '../collab/clients';
import { makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { api, makeScenario, writeDraft, type Scenario } from './setup';

let server: TestServer;
let s: Scenario;
let a: ReturnType<typeof api>;
const passage = 'The budget for the year is 120 million dong.';

beforeAll(async () => {
  server = await startTestServer();
  s = await makeScenario(server);
  a = api(server);
  const client = await writeDraft(server, s.documentId, s.owner, ['Article 1. Scope', passage, 'Article 2. Budget lines']);
  client.destroy();
});
afterAll(() => server?.stop());

const unread = async (user: { cookie: string }) => {
  const res = await call(server, 'GET', '/api/notifications?unread=true', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.body.notifications as { kind: string; documentId: string | null; subjectId: string | null; data: Record<string, unknown> }[];
};

describe('threads API', () => {
  it('a commenter opens a thread on a quoted passage; everyone who may view lists it with the current text', async () => {
    const created = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Which budget line?', anchor: { exact: '120 million dong' } });
    expect(created.status).toBe(201);
    const thread = created.body.thread;
    expect(thread).toMatchObject({ kind: 'comment', state: 'open', anchor: { exact: '120 million dong', status: 'attached' }, resolvedBy: null });
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({ body: 'Which budget line?', author: { id: s.commenter.id, name: 'Commenter Chi', role: 'member' }, editedAt: null, deletedAt: null });
    const listed = await a.threads(s.viewer, s.documentId);
    expect(listed.status).toBe(200);
    expect(listed.body.threads.map((t: { id: string }) => t.id)).toContain(thread.id);
  });

  it('refuses quotes it cannot place (absent, ambiguous) with 422 naming the problem, and accepts whole-document threads', async () => {
    const absent = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'x', anchor: { exact: 'not in this draft' } });
    expect(absent.status).toBe(422);
    expect(absent.body.error.code).toBe('anchor_not_found');
    const ambiguous = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'x', anchor: { exact: 'Article' } });
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.body.error.code).toBe('anchor_ambiguous');
    const disambiguated = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'x', anchor: { exact: 'Article', suffix: ' 2.' } });
    expect(disambiguated.status).toBe(201);
    const whole = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'General remark', anchor: { document: true } });
    expect(whole.status).toBe(201);
    expect(whole.body.thread.anchor).toEqual({ exact: '', status: 'document' });
  });

  it('validates bodies: empty and over 10,000 characters are a 400 naming the field', async () => {
    const empty = await a.create(s.commenter, s.documentId, { kind: 'comment', body: '   ', anchor: { document: true } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('body');
    const long = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'x'.repeat(10_001), anchor: { document: true } });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/10,000/);
    const badAnchor = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'x', anchor: { start: 'not base64!', end: 'x' } });
    expect(badAnchor.status).toBe(400);
  });

  it('viewer 403, outsider 404, anonymous 401; a non-leader cannot annotate, a leader can (shown as leader)', async () => {
    const body = { kind: 'comment', body: 'hello', anchor: { document: true } };
    expect((await a.create(s.viewer, s.documentId, body)).status).toBe(403);
    expect((await a.create(s.outsider, s.documentId, body)).status).toBe(404);
    expect((await a.create(undefined, s.documentId, body)).status).toBe(401);
    expect((await a.threads(s.outsider, s.documentId)).status).toBe(404);
    const annotation = { kind: 'annotation', body: 'Cut this line.', anchor: { exact: passage } };
    const refused = await a.create(s.commenter, s.documentId, annotation);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/leader/i);
    const ok = await a.create(s.leader, s.documentId, annotation);
    expect(ok.status).toBe(201);
    expect(ok.body.thread.comments[0].author).toMatchObject({ name: 'Leader Lan', role: 'leader', department: { name: expect.any(String) } });
    const annotations = await a.threads(s.owner, s.documentId, '?kind=annotation');
    expect(annotations.body.threads.every((t: { kind: string }) => t.kind === 'annotation')).toBe(true);
    const all = await a.threads(s.owner, s.documentId);
    expect(all.body.threads[0].kind).toBe('annotation'); // listed first
  });

  it("nobody edits, deletes or resolves-as-someone-else another person's comment; the author edits (kept as edited) and deletes (replies kept)", async () => {
    const created = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Original remark', anchor: { exact: 'Scope' } });
    const thread = created.body.thread;
    const commentId = thread.comments[0].id;
    const reply = await a.reply(s.editor, thread.id, { body: 'Answer from the drafting unit' });
    expect(reply.status).toBe(201);
    expect((await a.edit(s.editor, commentId, { body: 'Forged' })).status).toBe(403);
    expect((await a.remove(s.owner, commentId)).status).toBe(403);
    expect((await a.edit(s.outsider, commentId, { body: 'Forged' })).status).toBe(404);
    expect((await a.reply(s.viewer, thread.id, { body: 'me too' })).status).toBe(403);
    // There is no way to name another resolver: the server records the caller.
    expect((await call(server, 'PATCH', `/api/threads/${thread.id}`, { cookie: s.viewer.cookie, body: { state: 'resolved', resolvedBy: s.owner.id } })).status).toBe(400);
    expect((await a.setState(s.viewer, thread.id, 'resolved')).status).toBe(403);

    const edited = await a.edit(s.commenter, commentId, { body: 'Revised remark' });
    expect(edited.status).toBe(200);
    expect(edited.body.thread.comments[0]).toMatchObject({ body: 'Revised remark', editedAt: expect.any(String) });
    const deleted = await a.remove(s.commenter, commentId);
    expect(deleted.status).toBe(200);
    expect(deleted.body.thread.comments[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
    expect(deleted.body.thread.comments[1].body).toBe('Answer from the drafting unit');
    expect((await a.edit(s.commenter, commentId, { body: 'again' })).status).toBe(403);

    const resolved = await a.setState(s.commenter, thread.id, 'resolved');
    expect(resolved.status).toBe(200);
    expect(resolved.body.thread).toMatchObject({ state: 'resolved', resolvedBy: { id: s.commenter.id }, resolvedAt: expect.any(String) });
    expect((await a.threads(s.owner, s.documentId, '?state=open')).body.threads.some((t: { id: string }) => t.id === thread.id)).toBe(false);
    expect((await a.threads(s.owner, s.documentId, '?state=resolved')).body.threads.some((t: { id: string }) => t.id === thread.id)).toBe(true);
    const reopened = await a.setState(s.editor, thread.id, 'open');
    expect(reopened.body.thread).toMatchObject({ state: 'open', resolvedBy: null, resolvedAt: null });
  });

  it("the commenter's websocket edits are never applied to the draft", async () => {
    const client = connectClient(server.url, s.documentId, { cookie: s.commenter.cookie, origin: server.url });
    try {
      await client.synced();
      const fragment = client.doc.getXmlFragment('default');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Injected by a commenter')]);
      fragment.insert(0, [p]);
      // An editor's edit made afterwards arrives; the commenter's never does.
      const editor = await writeDraft(server, s.documentId, s.editor, ['After the attempt']);
      editor.destroy();
      const state = await server.collab.readState(s.documentId);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      expect(paragraphs(copy)).toContain('After the attempt');
      expect(paragraphs(copy)).not.toContain('Injected by a commenter');
    } finally {
      client.destroy();
    }
  });

  it('a mention notifies a person who may see the draft, never one who cannot (and says so)', async () => {
    const stranger = await makeUser(server.testDb.handle.db, { name: 'Stranger Sang' });
    const created = await a.create(s.commenter, s.documentId, {
      kind: 'comment',
      body: '@Viewer Vy @Stranger Sang please check',
      anchor: { exact: 'Budget lines' },
      mentions: [s.viewer.id, stranger.id],
    });
    expect(created.status).toBe(201);
    expect(created.body.notNotified).toEqual([stranger.id]);
    expect(created.body.thread.comments[0].mentions).toEqual([{ id: s.viewer.id, name: 'Viewer Vy' }]);
    const forViewer = await unread(s.viewer);
    expect(forViewer.some((n) => n.kind === 'mention' && n.subjectId === created.body.thread.id && n.documentId === s.documentId)).toBe(true);
    expect(await unread(stranger)).toEqual([]);
    // Mentioning does not grant access.
    expect((await a.threads(stranger, s.documentId)).status).toBe(404);
  });

  it('a reply notifies the thread author, an annotation the draft creator, a resolution the thread author', async () => {
    const created = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Check the year', anchor: { exact: 'for the year' } });
    const threadId = created.body.thread.id;
    await a.reply(s.editor, threadId, { body: 'Done' });
    expect((await unread(s.commenter)).some((n) => n.kind === 'reply' && n.subjectId === threadId)).toBe(true);
    await a.setState(s.owner, threadId, 'resolved');
    expect((await unread(s.commenter)).some((n) => n.kind === 'thread_resolved' && n.subjectId === threadId)).toBe(true);
    const annotation = await a.create(s.leader, s.documentId, { kind: 'annotation', body: 'Approved in principle', anchor: { document: true } });
    const forOwner = await unread(s.owner);
    const note = forOwner.find((n) => n.kind === 'annotation' && n.subjectId === annotation.body.thread.id);
    expect(note?.data).toMatchObject({ actorName: 'Leader Lan', excerpt: 'Approved in principle', documentTitle: 'Decision on the annual budget' });
  });

  it('offers as mentionable exactly the people who may view the draft', async () => {
    const res = await call(server, 'GET', `/api/documents/${s.documentId}/mentionable`, { cookie: s.commenter.cookie });
    expect(res.status).toBe(200);
    const ids = res.body.people.map((p: { id: string }) => p.id);
    for (const p of [s.owner, s.editor, s.commenter, s.viewer, s.leader]) expect(ids).toContain(p.id);
    expect(ids).not.toContain(s.outsider.id);
  });

  it('tells every open socket, viewers included, that threads changed', async () => {
    const viewer = connectClient(server.url, s.documentId, { cookie: s.viewer.cookie, origin: server.url });
    try {
      await viewer.synced();
      let signals = 0;
      viewer.provider.messageHandlers[40] = () => {
        signals++;
      };
      await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Live?', anchor: { document: true } });
      await waitFor(() => signals > 0, 5_000, 'threads-changed signal');
    } finally {
      viewer.destroy();
    }
  });
});
