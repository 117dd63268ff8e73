/**
 * Collaboration benchmark: the real server in its own process on loopback (Postgres when
 * DATABASE_URL is set, else embedded), wire-level load clients in worker processes, plus a few
 * real yjs + y-websocket clients that must converge. Prints the figures issue 2 asks for.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createServerDatabase, spawnServer } from '../test/support/process';
import type { WorkerPlan, WorkerResult } from './load-worker';
import { cpuMs, rssBytes } from './proc-stats';
import { seed } from './seed';
import { fmt, summarize } from './stats';
import { WireClient } from './wire-client';

export interface CollabBenchOptions {
  clients: number;
  documents: number;
  editsPerSecond: number;
  durationSeconds: number;
  workers: number;
  bigEdits: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);

async function prepareDatabase(options: CollabBenchOptions) {
  const database = await createServerDatabase();
  const handle = await database.open();
  const seeded = await seed(handle.db, { users: Math.ceil(options.clients / 10), documents: options.documents, bigEdits: options.bigEdits });
  await handle.close(); // the embedded database belongs to one process: the server's, from now on
  return { seeded, database };
}

function startWorker(plan: WorkerPlan) {
  const child = fork(path.join(here, 'load-worker.ts'), { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const next = (type: string) =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (m: any) => {
        if (m.type === 'error') reject(new Error(m.message));
        else if (m.type === type) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => code && reject(new Error(`load worker exited with ${code}`)));
    });
  child.send(plan);
  return { child, next };
}

/** Time for a fresh client to receive a whole document (sync step 2), in ms. */
async function timeFullSync(url: string, cookie: string) {
  const client = new WireClient({ url, cookie, onMarker: () => {}, passive: true });
  await client.connect();
  const started = performance.now();
  await client.whenSynced;
  const ms = performance.now() - started;
  client.close();
  return ms;
}

async function realClients(baseUrl: string, documentId: string, cookies: string[]) {
  return cookies.map((cookie) => {
    const doc = new Y.Doc();
    const Polyfill = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    };
    const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
      WebSocketPolyfill: Polyfill as never,
      disableBc: true,
    });
    return { doc, provider };
  });
}

export async function runCollabBench(options: CollabBenchOptions) {
  console.log(`\n## Collaboration: ${options.clients} clients over ${options.documents} documents, ${options.editsPerSecond} edits/s each, ${options.durationSeconds} s`);
  const { seeded, database } = await prepareDatabase(options);
  const server = await spawnServer({ env: { ...database.env, WS_MAX_CONNECTIONS_PER_USER: '1000', ROOM_IDLE_MS: '600000' } });
  const pid = server.child.pid!;
  try {
    const rssIdle = rssBytes(pid);
    const plans: WorkerPlan[] = Array.from({ length: options.workers }, (_, w) => ({
      workerIndex: w,
      baseUrl: server.url,
      clients: [],
      editsPerSecond: options.editsPerSecond,
      durationMs: options.durationSeconds * 1000,
    }));
    for (let i = 0; i < options.clients; i++) {
      const doc = i % options.documents;
      plans[doc % options.workers]!.clients.push({ documentId: seeded.documentIds[doc]!, cookie: seeded.users[Math.floor(i / 10)]!.cookie });
    }
    const workers = plans.map(startWorker);
    await Promise.all(workers.map((w) => w.next('connected')));
    const rssConnected = rssBytes(pid);

    const real = await realClients(server.url, seeded.convergeDocumentId, seeded.users.slice(0, 4).map((u) => u.cookie));
    await Promise.all(real.map(({ provider }) => new Promise<void>((r) => (provider.synced ? r() : provider.once('sync', () => r())))));

    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    const results = workers.map((w) => w.next('result'));
    workers.forEach((w) => w.child.send('start'));
    // The real clients type too, each in its own paragraph.
    let typed = 0;
    const typing = setInterval(() => {
      real.forEach(({ doc }, i) => {
        const fragment = doc.getXmlFragment('default');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`client ${i} edit ${typed}`)]);
        fragment.insert(fragment.length, [paragraph]);
      });
      typed++;
    }, 500);
    setTimeout(() => clearInterval(typing), options.durationSeconds * 1000);
    const workerResults: WorkerResult[] = (await Promise.all(results)).map((m) => m.result);
    const elapsedS = (performance.now() - started) / 1000;
    const cpuUsed = cpuMs(pid) - cpuBefore;

    const deliveries = workerResults.reduce((n, r) => n + r.deliveries, 0);
    const expected = workerResults.reduce((n, r) => n + r.expectedDeliveries, 0);
    const edits = workerResults.reduce((n, r) => n + r.edits, 0);
    const delivery = summarize(workerResults.flatMap((r) => r.deliveryLatencies));
    const fanout = summarize(workerResults.flatMap((r) => r.fanoutLatencies));

    // Convergence of the real clients.
    await new Promise((r) => setTimeout(r, 1000));
    const contents = real.map(({ doc }) => doc.getXmlFragment('default').toJSON());
    const converged = contents.every((c) => c === contents[0]) && contents[0]!.split('edit').length - 1 === typed * real.length;
    real.forEach(({ provider }) => provider.destroy());

    const metrics = await fetch(`${server.url}/metrics`, { headers: { cookie: seeded.users[0]!.cookie } })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    const durable = metrics?.persistLatencyMs as { p50: number; p99: number; count: number } | undefined;

    const bigUrl = `${server.url.replace(/^http/, 'ws')}/collab/${seeded.bigDocumentId}`;
    const bigCold = await timeFullSync(bigUrl, seeded.users[0]!.cookie);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await timeFullSync(bigUrl, seeded.users[1]!.cookie));
    const bigWarm = summarize(warm);

    const rows: [string, string, string][] = [
      ['backend', database.kind, ''],
      ['fan-out latency per delivery p50/p95/p99 (ms)', `${fmt(delivery.p50)} / ${fmt(delivery.p95)} / ${fmt(delivery.p99)}`, 'p99 ≤ 10'],
      ['fan-out latency, edit → last peer p50/p95/p99 (ms)', `${fmt(fanout.p50)} / ${fmt(fanout.p95)} / ${fmt(fanout.p99)}`, ''],
      ['edits/s sustained', fmt(edits / elapsedS, 0), ''],
      ['deliveries/s', fmt(deliveries / elapsedS, 0), ''],
      ['deliveries received / expected', `${deliveries} / ${expected}`, 'all'],
      ['server CPU per delivered update (µs)', fmt((cpuUsed * 1000) / deliveries, 1), '≤ 20'],
      ['server RSS per connection (KB)', fmt((rssConnected - rssIdle) / options.clients / 1024, 1), '≤ 30'],
      ['update arrival → durable p50/p99 (ms)', durable ? `${fmt(durable.p50)} / ${fmt(durable.p99)} (n=${durable.count})` : 'n/a', 'p99 ≤ 250'],
      [`100k-edit document (${(seeded.bigDocumentBytes / 1024).toFixed(0)} KB) to a fresh client, cold (ms)`, fmt(bigCold), ''],
      ['100k-edit document to a fresh client, warm p50 (ms)', fmt(bigWarm.p50), '≤ 10'],
      ['real yjs clients converged', converged ? 'yes' : 'NO', 'yes'],
    ];
    for (const [name, value, target] of rows) console.log(`${name.padEnd(62)} ${value.padEnd(28)} ${target ? `target ${target}` : ''}`);
    return { converged, deliveries, expected };
  } finally {
    await server.stop();
    await database.drop();
  }
}
