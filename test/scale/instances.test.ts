/**
 * Several Codraft instances (real processes) on one Postgres and one Redis of their own: live
 * documents and presence shared across instances, access changes and sign-outs reaching sockets on
 * every instance, one gap-free ledger and one agency key, no edit lost when an instance is killed
 * (-9) behind a load balancer, and convergence after Redis itself restarts.
 * Postgres only (the embedded database belongs to one process); needs Debian's redis-server.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/client';
import { verifyLedger } from '../../server/records/verify-ledger';
import { addParagraph, connectClient, handshake, paragraphs, waitFor, type TestClient } from '../collab/clients';
import { usingPostgres } from '../support/database';
import { grant, makeDepartment, makeDocument, makeUser, signIn, type TestUser } from '../support/factories';
import { createServerDatabase, spawnServer, type ServerDatabase, type ServerProcess } from '../support/process';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../support/redis-server';
import { startBalancer } from '../support/balancer';
import { saveAgencySettings } from '../../server/agency/settings';
import { deviceKeySigner, generateDeviceKey } from '../../shared/signatures';
import { call } from '../api/http';

const runnable = usingPostgres() && redisServerAvailable();

describe.skipIf(!runnable)('several instances', { timeout: 300_000 }, () => {
  let sdb: ServerDatabase;
  let db: DatabaseHandle;
  let redis: TestRedis;
  let instances: ServerProcess[] = [];
  let env: Record<string, string>;
  let owner: TestUser;
  const clients: TestClient[] = [];

  const connect = (server: { url: string }, documentId: string, user: TestUser, cookie = user.cookie) => {
    const client = connectClient(server.url, documentId, { cookie, origin: server.url });
    clients.push(client);
    return client;
  };
  // Starting a server through the tsx loader takes seconds, far more on a loaded machine.
  const start = (extra: Record<string, string> = {}) => spawnServer({ env: { ...env, ...extra }, readyTimeoutMs: 180_000 });

  beforeAll(async () => {
    redis = await startTestRedis();
    sdb = await createServerDatabase();
    db = await sdb.open();
    owner = await makeUser(db.db);
    env = {
      ...sdb.env,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `codraft-test-${randomBytes(4).toString('hex')}:`,
      SIGNING_KEY_SECRET: randomBytes(32).toString('base64'),
      ROOM_IDLE_MS: '500',
      WS_MAX_CONNECTIONS_PER_USER: '70',
    };
    for (let i = 0; i < 3; i++) instances.push(await start());
  }, 600_000);
  // Each test's clients go away with it (they would hold per-user socket slots otherwise).
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await db?.close();
    await sdb?.drop();
    await redis?.stop();
  });

  it('shares live documents and presence: clients on three instances co-edit 20 documents and converge', async () => {
    const docs = await Promise.all(Array.from({ length: 20 }, (_, i) => makeDocument(db.db, owner, `Shared ${i}`)));
    const byDoc = docs.map((doc) => instances.map((instance) => connect(instance, doc.id, owner)));
    await Promise.all(byDoc.flat().map((c) => c.synced()));
    byDoc.forEach((group, d) => group.forEach((client, i) => addParagraph(client.doc, `d${d}-i${i}`)));
    await waitFor(() => byDoc.every((group, d) => group.every((c) => paragraphs(c.doc).sort().join() === [0, 1, 2].map((i) => `d${d}-i${i}`).join())), 30_000, 'convergence across instances');

    // Presence of a client on instance 0 reaches the clients of the same document on 1 and 2.
    const [onA, onB, onC] = byDoc[0]!;
    onA!.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const id = onA!.doc.clientID;
    await waitFor(() => [onB!, onC!].every((c) => c.provider.awareness.getStates().get(id)?.cursor?.anchor === 1), 10_000, 'presence across instances');
    expect(onB!.provider.awareness.getStates().get(id)?.user?.name).toBe(owner.name);
  });

  it('closes sockets on every instance when access is revoked or a session signs out on one', async () => {
    const reviewers = await makeDepartment(db.db);
    const reviewer = await makeUser(db.db, { departmentIds: [reviewers.id] });
    const doc = await makeDocument(db.db, owner);
    await grant(db.db, doc.id, { departmentId: reviewers.id }, 'edit');
    const onB = connect(instances[1]!, doc.id, reviewer);
    const onC = connect(instances[2]!, doc.id, reviewer);
    await Promise.all([onB.synced(), onC.synced()]);
    const closes = [onB, onC].map((c) => new Promise<{ code: number; at: number }>((resolve) => c.provider.ws!.addEventListener('close', (e) => resolve({ code: e.code, at: performance.now() }))));
    const res = await call(instances[0]!, 'PUT', `/api/documents/${doc.id}/access`, { cookie: owner.cookie, headers: { origin: instances[0]!.url }, body: { grants: [] } });
    expect(res.status).toBe(200);
    const answered = performance.now();
    const closed = await Promise.all(closes);
    expect(closed.map((c) => c.code)).toEqual([4403, 4403]);
    for (const c of closed) expect(c.at - answered).toBeLessThan(1000);

    // A sign-out on instance 0 closes that session's sockets on 1 and 2 (4401), not other sessions'.
    const session = await signIn(db.db, owner.id);
    const other = connect(instances[2]!, doc.id, owner);
    const signedOut = [connect(instances[1]!, doc.id, owner, session), connect(instances[2]!, doc.id, owner, session)];
    await Promise.all([...signedOut, other].map((c) => c.synced()));
    const codes = signedOut.map((c) => new Promise<number>((resolve) => c.provider.ws!.addEventListener('close', (e) => resolve(e.code))));
    const out = await call(instances[0]!, 'POST', '/api/auth/logout', { cookie: session, headers: { origin: instances[0]!.url } });
    expect(out.status).toBe(204);
    expect(await Promise.all(codes)).toEqual([4401, 4401]);
    expect(other.provider.wsconnected).toBe(true);
    for (const c of signedOut) c.provider.disconnect();
  });

  it('keeps one gap-free ledger and one agency key: 60 concurrent freezes over three instances', async () => {
    const docs = await Promise.all(Array.from({ length: 6 }, () => makeDocument(db.db, owner)));
    const before = Number((await db.db.execute(sql`select count(*)::int as n from ledger_entries`) as unknown as { n: number }[])[0]!.n);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(instances[i % 3]!, 'POST', `/api/documents/${docs[i % 6]!.id}/versions`, { cookie: owner.cookie, headers: { origin: instances[i % 3]!.url }, body: { label: `Freeze ${i}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(201));
    const seqs = results.map((r) => r.body.version.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => before + i));
    const keys = (await db.db.execute(sql`select count(*)::int as n from signing_keys`)) as unknown as { n: number }[];
    expect(keys[0]!.n).toBe(1);
    const report = await verifyLedger(db.db);
    expect(report.problems).toEqual([]);
  });

  it('issues 40 documents concurrently over three instances with gap-free numbers 01…40', async () => {
    const admin = await makeUser(db.db, { isAdmin: true });
    const leader = await makeUser(db.db, { leaderOf: [(await makeDepartment(db.db)).id] });
    const clerk = await makeUser(db.db, { isClerk: true });
    await saveAgencySettings(db.db, { name: 'ỦY BAN NHÂN DÂN XÃ AN BÌNH', abbreviation: 'UBND', code: '', superiorBody: '', placeName: 'An Bình', signerTitles: [] }, admin.id);
    const via = (i: number) => instances[i % 3]!;
    const api = async (i: number, method: string, path: string, cookie: string, body?: unknown) => {
      const res = await call(via(i), method, path, { cookie, headers: { origin: via(i).url }, body });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const device = await generateDeviceKey();
    const registered = await api(0, 'POST', '/api/signing-keys', leader.cookie, { publicJwk: device.publicJwk, deviceName: 'Tablet' });
    await api(1, 'POST', `/api/signing-keys/${registered.key.id}/approve`, admin.cookie);
    const signer = deviceKeySigner(registered.key.id, device.privateKey, device.kid);
    const submissions: string[] = [];
    for (let i = 0; i < 40; i++) {
      // A draft of its own each: a draft is issued once (a signed or issued draft is not resubmitted).
      const doc = await makeDocument(db.db, owner);
      await grant(db.db, doc.id, { userId: leader.id }, 'comment');
      const frozen = await api(i + 2, 'POST', `/api/documents/${doc.id}/versions`, owner.cookie, { label: 'Trình ký' });
      const { submission } = await api(i, 'POST', `/api/versions/${frozen.version.id}/submissions`, owner.cookie, { documentType: 'QĐ', signers: [{ user: leader.id, step: 'sign' }] });
      const { submission: shown } = await api(i + 1, 'GET', `/api/submissions/${submission.id}`, leader.cookie);
      await api(i + 2, 'POST', `/api/submissions/${submission.id}/steps/0/sign`, leader.cookie, { keyId: signer.keyId, jws: await signer.sign(shown.steps[0].payload) });
      submissions.push(submission.id);
    }
    const issued = await Promise.all(submissions.map((id, i) => api(i, 'POST', `/api/submissions/${id}/issue`, clerk.cookie, {})));
    expect(issued.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(issued.map((r) => r.notation)).toContain('01/QĐ-UBND');
    const keys = (await db.db.execute(sql`select count(*)::int as n from signing_keys`)) as unknown as { n: number }[];
    expect(keys[0]!.n).toBe(1);
    expect((await verifyLedger(db.db)).problems).toEqual([]);
  });

  it('counts sign-in failures across instances: 30 parallel wrong passwords reach the check at most LOGIN_MAX_FAILURES times', async () => {
    const target = await makeUser(db.db);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(instances[i % 3]!, 'POST', '/api/auth/login', { headers: { origin: instances[i % 3]!.url }, body: { email: target.email, password: `wrong ${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5); // LOGIN_MAX_FAILURES
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // Still refused on every instance, even with the right password, until the window ends.
    for (const instance of instances) {
      const again = await call(instance, 'POST', '/api/auth/login', { headers: { origin: instance.url }, body: { email: target.email, password: target.password } });
      expect(again.status).toBe(429);
    }
  });

  it('counts a user’s sockets across instances (WS_MAX_CONNECTIONS_PER_USER = 70) and frees the slots on close', async () => {
    const person = await makeUser(db.db);
    const doc = await makeDocument(db.db, person);
    const open = (i: number) => handshake(`${instances[i % 3]!.url.replace(/^http/, 'ws')}/collab/${doc.id}`, { cookie: person.cookie, origin: instances[i % 3]!.url });
    const accepted: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < 70; i++) accepted.push(await open(i));
    expect(accepted.map((r) => r.status)).toEqual(Array(70).fill(101));
    const refused = await Promise.all([open(0), open(1), open(2)]);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    const closedOne = new Promise((resolve) => accepted[0]!.socket!.once('close', resolve));
    accepted[0]!.socket!.close();
    await closedOne;
    await waitFor(async () => {
      const again = await open(4);
      again.socket?.close();
      return again.status === 101;
    }, 10_000, 'a slot freed on another instance');
    for (const r of accepted) r.socket?.close();
  });

  it('loses no edit when an instance is killed (-9) under typing behind a load balancer', async () => {
    const balancer = await startBalancer(instances.map((i) => i.port));
    try {
      const docs = await Promise.all(Array.from({ length: 6 }, (_, i) => makeDocument(db.db, owner, `Typing ${i}`)));
      const typists = Array.from({ length: 30 }, (_, i) => ({ doc: docs[i % 6]!.id, client: connect(balancer, docs[i % 6]!.id, owner), typed: [] as string[] }));
      await Promise.all(typists.map((t) => t.client.synced()));
      let round = 0;
      const type = () => {
        for (const [i, t] of typists.entries()) {
          const text = `t${i}-r${round}`;
          addParagraph(t.client.doc, text);
          t.typed.push(text);
        }
        round++;
      };
      for (let r = 0; r < 5; r++) {
        type();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await instances[1]!.stop('SIGKILL');
      for (let r = 0; r < 5; r++) {
        type();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const expected = new Map(docs.map((d) => [d.id, typists.filter((t) => t.doc === d.id).flatMap((t) => t.typed).sort().join()]));
      await waitFor(() => typists.every((t) => paragraphs(t.client.doc).sort().join() === expected.get(t.doc)), 60_000, 'every typist sees every edit');

      // Durable: stop the survivors gracefully, start a fresh instance, a fresh client sees all.
      await Promise.all([instances[0]!.stop(), instances[2]!.stop()]);
      instances = [await start()];
      for (const doc of docs) {
        const fresh = connect(instances[0]!, doc.id, owner);
        await fresh.synced();
        expect(paragraphs(fresh.doc).sort().join()).toBe(expected.get(doc.id));
      }
    } finally {
      await balancer.close();
    }
  });

  it('converges after Redis restarts mid-editing, without a reload; /ready reports Redis', async () => {
    instances.push(await start());
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const doc = await makeDocument(db.db, owner);
    const onA = connect(a, doc.id, owner);
    const onB = connect(b, doc.id, owner);
    await Promise.all([onA.synced(), onB.synced()]);
    addParagraph(onA.doc, 'before');
    await waitFor(() => paragraphs(onB.doc).includes('before'), 10_000, 'relay before the outage');

    await redis.stop();
    await waitFor(async () => (await fetch(`${a.url}/ready`)).status === 503, 10_000, '/ready 503 while Redis is down');
    addParagraph(onA.doc, 'during-a');
    addParagraph(onB.doc, 'during-b');
    await redis.start();
    await waitFor(() => [onA, onB].every((c) => ['before', 'during-a', 'during-b'].every((p) => paragraphs(c.doc).includes(p))), 30_000, 'convergence after the outage');
    await waitFor(async () => (await fetch(`${a.url}/ready`)).status === 200, 10_000, '/ready back');
    expect(await (await fetch(`${a.url}/ready`)).json()).toEqual({ status: 'ready', redis: 'ready' });
  });
});
