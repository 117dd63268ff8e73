/**
 * Collaboration benchmark: the real server in its own process on loopback (Postgres when
 * DATABASE_URL is set, else embedded), wire-level load clients in worker processes, plus a few
 * real yjs + y-websocket clients that must converge. Then the same load, in the same run, against
 * the reference y-websocket server (bench/reference-server.ts: in memory, no persistence, no
 * authentication). Prints each figure for both, the ratio, and the target of issue 7.
 */
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { buildServer } from '../server/tools/build-server';
import { createServerDatabase, freePort } from '../test/support/process';
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

interface Target {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

interface Figures {
  rssIdle: number;
  connect: ReturnType<typeof summarize>;
  burst: ReturnType<typeof summarize>;
  bigCold: number;
  delivery: ReturnType<typeof summarize>;
  fanout: ReturnType<typeof summarize>;
  cpuPerDeliveryUs: number;
  rssPerConnection: number;
  deliveries: number;
  expected: number;
  editsPerS: number;
  converged: boolean;
  durable?: { p50: number; p99: number; count: number };
}

/** `count` fresh clients at once on one document: each one's time to its whole state (ms). */
async function burstSync(url: string, cookie: string, count: number) {
  const clients = Array.from({ length: count }, () => new WireClient({ url, cookie, onMarker: () => {}, passive: true }));
  const times = await Promise.all(
    clients.map(async (client) => {
      const started = performance.now();
      await client.connect();
      await client.whenSynced;
      return performance.now() - started;
    }),
  );
  clients.forEach((c) => c.close());
  return times;
}

/** Codraft as `npm start` runs it: the compiled server (dist/server/main.js), plain Node. */
async function spawnCodraft(env: Record<string, string>): Promise<Target> {
  await buildServer();
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(here, '../dist/server/main.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) {
    if (child.exitCode !== null) throw new Error(`codraft exited with ${child.exitCode}`);
    ready = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  return { name: 'codraft', url, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) };
}

async function spawnReference(bigDocumentId: string, bigEdits: number): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'reference-server.ts')], {
    env: { ...process.env, PORT: String(port), BIG_DOCUMENT: bigDocumentId, BIG_EDITS: String(bigEdits) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return { name: 'reference', url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) };
}

async function measure(target: Target, seeded: Awaited<ReturnType<typeof prepareDatabase>>['seeded'], options: CollabBenchOptions): Promise<Figures> {
  const { pid } = target;
  await new Promise((r) => setTimeout(r, 1000)); // settle after start
  const rssIdle = rssBytes(pid);
  const plans: WorkerPlan[] = Array.from({ length: options.workers }, (_, w) => ({
    workerIndex: w,
    baseUrl: target.url,
    clients: [],
    editsPerSecond: options.editsPerSecond,
    durationMs: options.durationSeconds * 1000,
  }));
  for (let i = 0; i < options.clients; i++) {
    const doc = i % options.documents;
    plans[doc % options.workers]!.clients.push({ documentId: seeded.documentIds[doc]!, cookie: seeded.users[Math.floor(i / 10)]!.cookie });
  }
  const workers = plans.map(startWorker);
  const connected = await Promise.all(workers.map((w) => w.next('connected')));
  const connect = summarize(connected.flatMap((m) => m.connectLatencies as number[]));
  const rssConnected = rssBytes(pid);

  const real = await realClients(target.url, seeded.convergeDocumentId, seeded.users.slice(0, 4).map((u) => u.cookie));
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

  await new Promise((r) => setTimeout(r, 1000));
  const contents = real.map(({ doc }) => doc.getXmlFragment('default').toJSON());
  const converged = contents.every((c) => c === contents[0]) && contents[0]!.split('edit').length - 1 === typed * real.length;
  real.forEach(({ provider }) => provider.destroy());

  const metrics = await fetch(`${target.url}/metrics`, { headers: { cookie: seeded.users[0]!.cookie } })
    .then((r) => (r.ok && r.headers.get('content-type')?.includes('json') ? r.json() : null))
    .catch(() => null);

  const bigUrl = `${target.url.replace(/^http/, 'ws')}/collab/${seeded.bigDocumentId}`;
  const cold = await burstSync(bigUrl, seeded.users[0]!.cookie, 1);
  const burst = summarize(await burstSync(bigUrl, seeded.users[1]!.cookie, 20));
  return {
    rssIdle,
    connect,
    burst,
    bigCold: cold[0]!,
    delivery: summarize(workerResults.flatMap((r) => r.deliveryLatencies)),
    fanout: summarize(workerResults.flatMap((r) => r.fanoutLatencies)),
    cpuPerDeliveryUs: (cpuUsed * 1000) / Math.max(1, deliveries),
    rssPerConnection: (rssConnected - rssIdle) / options.clients,
    deliveries,
    expected,
    editsPerS: edits / elapsedS,
    converged,
    durable: metrics?.persistLatencyMs,
  };
}

export async function runCollabBench(options: CollabBenchOptions) {
  console.log(`\n## Collaboration: ${options.clients} clients over ${options.documents} documents, ${options.editsPerSecond} edits/s each, ${options.durationSeconds} s`);
  const { seeded, database } = await prepareDatabase(options);
  let ours: Figures;
  const server = await spawnCodraft({ ...database.env, WS_MAX_CONNECTIONS_PER_USER: '1000', ROOM_IDLE_MS: '600000' });
  try {
    ours = await measure(server, seeded, options);
  } finally {
    await server.stop();
    await database.drop();
  }
  // The same load on the reference server, after ours has stopped (one server at a time on the machine).
  const reference = await spawnReference(seeded.bigDocumentId, options.bigEdits);
  let theirs: Figures;
  try {
    theirs = await measure(reference, seeded, options);
  } finally {
    await reference.stop();
  }

  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '');
  const kb = (bytes: number) => bytes / 1024;
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const rows: [string, number | string, number | string, string][] = [
    [`connect + initial sync p50, ${options.clients} clients (ms)`, ours.connect.p50, theirs.connect.p50, '≤ 1.5×'],
    ['20 fresh clients at once on the 100k-edit document, p50 (ms)', ours.burst.p50, theirs.burst.p50, '≤ 1.5×'],
    ['100k-edit document to one fresh client, cold (ms)', ours.bigCold, theirs.bigCold, ''],
    ['fan-out latency per delivery p50 (ms)', ours.delivery.p50, theirs.delivery.p50, ''],
    ['fan-out latency per delivery p99 (ms)', ours.delivery.p99, theirs.delivery.p99, '≤ 1.0×'],
    ['server CPU per delivered update (µs)', ours.cpuPerDeliveryUs, theirs.cpuPerDeliveryUs, '≤ 1.0×'],
    ['RSS per connection (KB)', kb(ours.rssPerConnection), kb(theirs.rssPerConnection), '≤ 20 KB'],
    [`idle server RSS, ${database.kind} (MB)`, mb(ours.rssIdle), mb(theirs.rssIdle), database.kind === 'postgres' ? '≤ 120 MB' : '≤ 300 MB'],
    ['update arrival → durable p50 / p99 (ms)', ours.durable ? `${fmt(ours.durable.p50)} / ${fmt(ours.durable.p99)}` : 'n/a', 'never', 'p99 ≤ 100'],
    ['edits/s sustained', ours.editsPerS, theirs.editsPerS, ''],
    ['deliveries received / expected', `${ours.deliveries} / ${ours.expected}`, `${theirs.deliveries} / ${theirs.expected}`, 'all'],
    ['real yjs clients converged', ours.converged ? 'yes' : 'NO', theirs.converged ? 'yes' : 'NO', 'yes'],
  ];
  console.log(`${'figure'.padEnd(64)} ${'codraft'.padEnd(16)} ${'reference'.padEnd(16)} ${'ratio'.padEnd(8)} target`);
  for (const [name, a, b, target] of rows) {
    const shown = (v: number | string) => (typeof v === 'number' ? fmt(v, v < 10 ? 1 : 0) : v);
    const r = typeof a === 'number' && typeof b === 'number' ? ratio(a, b) : '';
    console.log(`${name.padEnd(64)} ${shown(a).padEnd(16)} ${shown(b).padEnd(16)} ${r.padEnd(8)} ${target}`);
  }
  return { converged: ours.converged, deliveries: ours.deliveries, expected: ours.expected };
}
