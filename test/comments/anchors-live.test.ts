/**
 * Issue 8, "what it must show" 1: a commenter anchors a thread on a passage from the editor's
 * Yjs positions; two editors type before, inside and after it concurrently, one of them offline
 * and reconnecting later. Every client resolves the same passage (with the inserted text), so does
 * the API, also after a server restart. Deleting the passage orphans the thread (still listed, with
 * its text); the deleting editor's undo (Y.UndoManager: new Yjs items) re-attaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { connectClient, paragraphs, waitFor, type TestClient } from '../collab/clients';
import { startTestServer, type TestServer } from '../support/server';
import { anchorRange, findQuote, resolveAnchor } from '../../shared/comments/anchors';
import { flatten } from '../../shared/comments/flat-text';
import { api, makeScenario, writeDraft, type Scenario } from './setup';

let server: TestServer;
let s: Scenario;
const clients: TestClient[] = [];
let restarted: RunningServer | undefined;

const passage = 'quick brown fox';
const sentence = `The ${passage} jumps over the lazy dog.`;

beforeAll(async () => {
  server = await startTestServer();
  s = await makeScenario(server);
  const writer = await writeDraft(server, s.documentId, s.owner, ['Preamble of the decision.', sentence, 'Final provisions.']);
  writer.destroy();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  if (restarted) {
    await restarted.close();
    await server.testDb.drop();
  } else await server?.stop();
});

const textOf = (doc: Y.Doc, containing: string) => {
  const block = doc
    .getXmlFragment('default')
    .toArray()
    .find((b) => b instanceof Y.XmlElement && b.toArray().map(String).join('').includes(containing)) as Y.XmlElement;
  return block.get(0) as Y.XmlText;
};
const same = (a: Y.Doc, b: Y.Doc) => JSON.stringify(paragraphs(a)) === JSON.stringify(paragraphs(b));

describe('anchors under live, concurrent and offline editing', () => {
  it('keep the passage with what was typed inside it, for every client and after a restart; orphan on delete, re-attach on undo', async () => {
    const a = api(server);
    const connect = async (cookie: string) => {
      const client = connectClient(server.url, s.documentId, { cookie, origin: server.url });
      clients.push(client);
      await client.synced();
      return client;
    };
    const commenter = await connect(s.commenter.cookie);
    const alice = await connect(s.owner.cookie);
    const bob = await connect(s.editor.cookie);

    // The commenter anchors on its own read-only copy: Yjs positions, as the editor sends them.
    const flat = flatten(commenter.doc);
    const at = findQuote(flat.text, { exact: passage });
    expect(typeof at).toBe('number');
    const range = anchorRange(flat, at as number, (at as number) + passage.length)!;
    const created = await a.create(s.commenter, s.documentId, { kind: 'comment', body: 'Which fox?', anchor: { start: range.start, end: range.end } });
    expect(created.status).toBe(201);
    expect(created.body.thread.anchor).toMatchObject({ exact: passage, status: 'attached' });
    const threadId: string = created.body.thread.id;

    // Bob goes offline and types inside and right after the passage; Alice, online, types right before and inside it.
    bob.provider.disconnect();
    const bobText = textOf(bob.doc, passage);
    bobText.insert(sentence.indexOf(' jumps'), ' (offline)'); // right after the passage
    bobText.insert(sentence.indexOf('fox'), 'sly '); // inside: "quick brown sly fox"
    const aliceText = textOf(alice.doc, passage);
    aliceText.insert(sentence.indexOf('brown'), 'and '); // inside: "quick and brown"
    aliceText.insert(sentence.indexOf(passage), 'very '); // right before the passage
    await new Promise((resolve) => setTimeout(resolve, 150));
    bob.provider.connect();
    const expected = 'quick and brown sly fox';
    await waitFor(() => same(alice.doc, bob.doc) && same(alice.doc, commenter.doc) && paragraphs(alice.doc).some((p) => p.includes('(offline)')), 15_000, 'convergence');
    expect(paragraphs(alice.doc)[1]).toBe(`The very ${expected} (offline) jumps over the lazy dog.`);

    const threadOf = async (url = server.url) => {
      const res = await api({ ...server, url }).threads(s.viewer, s.documentId);
      expect(res.status).toBe(200);
      return res.body.threads.find((t: { id: string }) => t.id === threadId);
    };
    const listed = await threadOf();
    expect(listed.anchor).toMatchObject({ exact: expected, status: 'attached' });
    // Every client resolves the same passage from the positions the server hands out.
    for (const client of [alice, bob, commenter]) {
      const resolved = resolveAnchor(client.doc, flatten(client.doc), { start: listed.anchor.start, end: listed.anchor.end, exact: '', prefix: '', suffix: '' });
      expect(resolved.status === 'attached' && resolved.exact).toBe(expected);
    }

    // Restart: a new server on the same database reads the anchor back from storage.
    for (const c of clients) c.provider.disconnect();
    await server.close();
    restarted = await startServer(server.config, createLogger('silent'), { database: server.testDb.handle });
    expect((await threadOf(restarted.url)).anchor).toMatchObject({ exact: expected, status: 'attached' });

    // Alice deletes the whole passage (tracked by her undo manager), then undoes.
    const alice2 = connectClient(restarted.url, s.documentId, { cookie: s.owner.cookie, origin: restarted.url });
    clients.push(alice2);
    await alice2.synced();
    const undo = new Y.UndoManager(alice2.doc.getXmlFragment('default'));
    const text = textOf(alice2.doc, expected);
    const from = text.toString().indexOf(expected);
    text.delete(from, expected.length);
    const serverHas = async (check: (text: string) => boolean) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, await restarted!.collab.readState(s.documentId));
      return check(paragraphs(copy).join('\n'));
    };
    await waitFor(() => serverHas((t) => !t.includes(expected)), 10_000, 'deletion on the server');
    const orphan = await threadOf(restarted.url);
    expect(orphan.anchor).toEqual({ exact: expected, status: 'orphaned' });
    expect(orphan.comments[0].body).toBe('Which fox?');

    undo.undo();
    await waitFor(() => serverHas((t) => t.includes(expected)), 10_000, 'undo on the server');
    const back = await threadOf(restarted.url);
    expect(back.anchor).toMatchObject({ exact: expected, status: 'attached' });
  });
});
