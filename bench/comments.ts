/**
 * Comments benchmark (issue 8), part of `npm run bench`, or alone: `npx tsx bench/comments.ts
 * [--threads 1000] [--replies 4] [--clients 100] [--seconds 10]`. A real server in this process on
 * Postgres (DATABASE_URL) or embedded PGlite. Prints:
 *   list    — GET /api/documents/:id/threads of a draft with 1,000 threads × 5 comments, anchors
 *             resolved against the live draft: server time (app.request, no network), p50/p95.
 *             Target ≤ 100 ms.
 *   fan-out — 100 wire clients editing one draft at 2 edits/s each: the latency of edits reaching
 *             the other editors, first without and then with a thread created every 200 ms on the
 *             same draft (each one signals all 100 sockets). Target: no measurable difference.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startServer } from '../server/server';
import { commentThreads, comments } from '../server/db/schema';
import { createTestDatabase } from '../test/support/database';
import { makeDocument, makeUser } from '../test/support/factories';
import { anchorRange } from '../shared/comments/anchors';
import { flatten } from '../shared/comments/flat-text';
import { summarize, fmt } from './stats';
import { WireClient } from './wire-client';

export interface CommentsBenchOptions {
  threads?: number;
  replies?: number;
  clients?: number;
  seconds?: number;
  log?: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCommentsBench(options: CommentsBenchOptions = {}) {
  const log = options.log ?? console.log;
  const threadCount = options.threads ?? 1000;
  const replies = options.replies ?? 4;
  const clientCount = options.clients ?? 100;
  const seconds = options.seconds ?? 10;
  const testDb = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATABASE_URL: testDb.url,
    DATA_DIR: 'memory://',
    WS_MAX_CONNECTIONS_PER_USER: String(clientCount + 10),
  });
  const server = await startServer(config, createLogger('silent'), { database: testDb.handle });
  const db = testDb.handle.db;
  try {
    log(`comments: ${testDb.url ? 'Postgres' : 'embedded PGlite'}`);
    const owner = await makeUser(db, { name: 'Bench owner' });
    const doc = await makeDocument(db, owner, 'Bench draft with many threads');

    // A draft of one paragraph per thread, each thread on a passage of its own paragraph.
    await server.collab.applyServerEdit(doc.id, (ydoc) => {
      const fragment = ydoc.getXmlFragment('default');
      fragment.insert(
        0,
        Array.from({ length: threadCount }, (_, i) => {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(`Điều ${i + 1}. Quy định về việc lập hồ sơ điện tử số ${i + 1} của cơ quan.`)]);
          return p;
        }),
      );
    });
    const anchors = await server.collab.readDocument(doc.id, (ydoc) => {
      const flat = flatten(ydoc);
      return Array.from({ length: threadCount }, (_, i) => {
        const at = flat.text.indexOf(`lập hồ sơ điện tử số ${i + 1} `);
        return anchorRange(flat, at, at + `lập hồ sơ điện tử số ${i + 1}`.length)!;
      });
    });
    const seeded = performance.now();
    for (let from = 0; from < threadCount; from += 250) {
      const batch = anchors.slice(from, from + 250);
      const rows = await db
        .insert(commentThreads)
        .values(batch.map((a, i) => ({ documentId: doc.id, kind: (from + i) % 10 === 0 ? ('annotation' as const) : ('comment' as const), createdBy: owner.id, anchorStart: a.start, anchorEnd: a.end, anchorExact: a.exact, anchorPrefix: a.prefix, anchorSuffix: a.suffix })))
        .returning({ id: commentThreads.id });
      await db.insert(comments).values(rows.flatMap((t) => Array.from({ length: replies + 1 }, (_, k) => ({ threadId: t.id, authorId: owner.id, body: `Góp ý số ${k + 1}: cần làm rõ thời hạn lưu trữ và trách nhiệm của đơn vị chủ trì.` }))));
    }
    log(`comments: seeded ${threadCount} threads × ${replies + 1} comments in ${fmt((performance.now() - seeded) / 1000, 1)} s`);

    // list: server time of the whole request, in process.
    const list = () => server.app.request(`/api/documents/${doc.id}/threads`, { headers: { cookie: owner.cookie } });
    const first = await list();
    const listed = ((await first.json()) as { threads: { anchor: { status: string } }[] }).threads;
    const attached = listed.filter((t) => t.anchor.status === 'attached').length;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      const res = await list();
      await res.arrayBuffer();
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const t = summarize(times);
    const c = summarize(cpu);
    // CPU time of this process (server code, and the SQL itself on the embedded database): what the
    // request costs, whatever else the machine is doing; wall time is what a caller waits.
    log(
      `comments list: ${listed.length} threads (${attached} attached) × ${replies + 1} comments — wall p50 ${fmt(t.p50, 1)} ms, p95 ${fmt(t.p95, 1)} ms; ` +
        `CPU p50 ${fmt(c.p50, 1)} ms (target ≤ 100 ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    );

    // What one thread creation costs the server (CPU of this process), with no one editing.
    const createCpu: number[] = [];
    for (let i = 0; i < 10; i++) {
      const cpuStart = process.cpuUsage();
      const res = await server.app.request(`/api/documents/${doc.id}/threads`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'comment', body: `Quiet remark ${i}`, anchor: { exact: `hồ sơ điện tử số ${i + 2} ` } }),
      });
      await res.arrayBuffer();
      const used = process.cpuUsage(cpuStart);
      createCpu.push((used.user + used.system) / 1000);
    }
    log(`comments create: CPU p50 ${fmt(summarize(createCpu).p50, 1)} ms per thread created (anchor, insert, notify, audit, answer)`);

    // fan-out: 100 editors on the same draft, with and without thread creation.
    const url = `${server.url.replace(/^http/, 'ws')}/collab/${doc.id}`;
    const sent = new Map<string, number>();
    let phase: 'quiet' | 'threads' | 'off' = 'off';
    const latencies = { quiet: [] as number[], threads: [] as number[] };
    const clients: WireClient[] = [];
    for (let i = 0; i < clientCount; i++) {
      const client = new WireClient({
        url,
        cookie: owner.cookie,
        onMarker: (marker, at) => {
          const start = sent.get(marker);
          if (start !== undefined && phase !== 'off') latencies[phase].push(at - start);
        },
      });
      await client.connect();
      clients.push(client);
    }
    await Promise.all(clients.map((c) => c.whenSynced));
    let counter = 0;
    const editing = setInterval(() => {
      // 2 edits/s per client, spread over the interval.
      const client = clients[counter % clients.length]!;
      const marker = `${counter++}`;
      sent.set(marker, performance.now());
      client.edit(marker);
    }, 1000 / (clientCount * 2));
    await sleep(1000); // warm-up
    phase = 'quiet';
    await sleep(seconds * 1000);
    phase = 'threads';
    let created = 0;
    const creating = setInterval(() => {
      created++;
      void server.app.request(`/api/documents/${doc.id}/threads`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'comment', body: `Live remark ${created}`, anchor: { exact: `hồ sơ điện tử số ${(created % threadCount) + 1} ` } }),
      });
    }, 200);
    await sleep(seconds * 1000);
    phase = 'off';
    clearInterval(creating);
    clearInterval(editing);
    for (const c of clients) c.close();
    const quiet = summarize(latencies.quiet);
    const busy = summarize(latencies.threads);
    log(
      `comments fan-out (${clientCount} editors, 2 edits/s each): without threads p50 ${fmt(quiet.p50)} / p99 ${fmt(quiet.p99)} ms (${quiet.count} deliveries); ` +
        `with a thread every 200 ms (${created} created) p50 ${fmt(busy.p50)} / p99 ${fmt(busy.p99)} ms (${busy.count} deliveries)`,
    );
  } finally {
    await server.close();
    await testDb.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { threads: { type: 'string', default: '1000' }, replies: { type: 'string', default: '4' }, clients: { type: 'string', default: '100' }, seconds: { type: 'string', default: '10' } },
  });
  await runCommentsBench({ threads: Number(values.threads), replies: Number(values.replies), clients: Number(values.clients), seconds: Number(values.seconds) });
  process.exit(0);
}
