/**
 * Record-ledger benchmark (issue 4), part of `npm run bench`, or alone: `npx tsx bench/records.ts
 * [--entries 100000] [--freezes 20]`. On real Postgres when DATABASE_URL is set (a fresh database,
 * dropped afterwards), else on embedded PGlite in memory. Prints:
 *   freeze  — freeze + sign + append of a 50-page (~25,000-word) draft: from the collab state to
 *             committed (derive JSON/HTML/text, hash, sign entry, extend tree, sign tree head,
 *             one transaction). Target ≤ 50 ms.
 *   verify  — `codraft verify` (verifyLedger) over a ledger of 100,000 entries and 100,000 signed
 *             tree heads: full (every one of the 200,000 Ed25519 signatures verified), and
 *             incremental (from the checkpoint of the previous good run, as a nightly check
 *             runs). Target ≤ 5 s. Entries are one-paragraph drafts: this measures the ledger.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Hono } from 'hono';
import postgres from 'postgres';
import * as Y from 'yjs';
import type { CollabService } from '../server/collab/service';
import { createDocument } from '../server/documents/create-document';
import { openDatabase, type Database, type DatabaseHandle } from '../server/db/client';
import { runMigrations } from '../server/db/migrate';
import { departments, userDepartments, users } from '../server/db/schema';
import { loadSessionUser } from '../server/accounts/user-queries';
import { freezeVersion } from '../server/records/freeze';
import { createSigner } from '../server/records/signer';
import { verifyLedger } from '../server/records/verify-ledger';
import { contentFromYjsState } from '../shared/records/derive';
import { buildLedger } from './records-ledger';
import { addParagraphs } from './records-doc';

export interface RecordsBenchOptions {
  entries?: number;
  freezes?: number;
  log?: (line: string) => void;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A fresh database: on the DATABASE_URL server when set, else PGlite in memory. */
async function freshDatabase(): Promise<{ handle: DatabaseHandle; where: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await runMigrations(handle);
    return { handle, where: 'embedded PGlite', drop: () => handle.close() };
  }
  const name = `codraft_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  await runMigrations(handle, url.toString());
  return {
    handle,
    where: 'Postgres',
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** Just enough collaboration: one in-memory Y.Doc per document. */
function docsCollab(docs: Map<string, Y.Doc>): CollabService {
  return {
    routes: () => new Hono(),
    handleUpgrade: (_req, socket) => socket.destroy(),
    accessChanged: async () => {},
    userChanged: async () => {},
    sessionEnded: () => {},
    flushDocument: async () => {},
    exclusive: (_id, operation) => operation(),
    holdEdits: async (id) => ({ state: Y.encodeStateAsUpdate(docs.get(id)!), release: async () => {} }),
    readState: async (id) => Y.encodeStateAsUpdate(docs.get(id)!),
    applyServerEdit: async (id, edit) => edit(docs.get(id)!),
    readDocument: async (id, read) => read(docs.get(id)!),
    signal: () => {},
    shutdown: async () => {},
  };
}

async function benchFreeze(db: Database, freezes: number, log: (line: string) => void) {
  const [dept] = await db.insert(departments).values({ name: 'Bench freeze' }).returning();
  const [row] = await db.insert(users).values({ email: 'freeze-bench@example.org', name: 'Bench', passwordHash: 'x' }).returning();
  await db.insert(userDepartments).values({ userId: row!.id, departmentId: dept!.id });
  const actor = (await loadSessionUser(db, row!.id))!;
  const document = await createDocument(db, actor, '50-page draft');
  const ydoc = new Y.Doc();
  addParagraphs(ydoc, 313, 80);
  const docs = new Map([[document.id, ydoc]]);
  const deps = { db, collab: docsCollab(docs), signer: createSigner(db, { DATA_DIR: 'memory://', dataDir: '', SIGNING_KEY_JWK: undefined }) };

  const state = Y.encodeStateAsUpdate(ydoc);
  const content = contentFromYjsState(state);
  const words = content.text.split(/\s+/).filter(Boolean).length;
  log(`freeze: draft of ${words} words, ${(state.length / 1024).toFixed(0)} KiB Yjs state, ${(content.canonicalJson.length / 1024).toFixed(0)} KiB JSON, ${(content.html.length / 1024).toFixed(0)} KiB HTML`);

  const total: number[] = [];
  const derive: number[] = [];
  for (let i = -3; i < freezes; i++) {
    const text = (ydoc.getXmlFragment('default').get(1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, `${i} `); // a small edit between freezes, as in real use
    const t0 = performance.now();
    contentFromYjsState(Y.encodeStateAsUpdate(ydoc));
    const t1 = performance.now();
    await freezeVersion(deps, actor, document.id, { label: `Version ${i}` });
    const t2 = performance.now();
    if (i >= 0) {
      derive.push(t1 - t0);
      total.push(t2 - t1);
    }
  }
  total.sort((a, b) => a - b);
  derive.sort((a, b) => a - b);
  return { words, p50: percentile(total, 50), p95: percentile(total, 95), max: total[total.length - 1]!, deriveP50: percentile(derive, 50) };
}

export async function runRecordsBench(options: RecordsBenchOptions = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const entries = options.entries ?? 100_000;
  const freezes = options.freezes ?? 20;
  log(`\n== Records (issue 4) ==`);

  const forFreeze = await freshDatabase();
  let freeze;
  try {
    freeze = await benchFreeze(forFreeze.handle.db, freezes, log);
  } finally {
    await forFreeze.drop();
  }
  log(`freeze + sign + append (${forFreeze.where}, ${freezes} runs): p50 ${ms(freeze.p50)}, p95 ${ms(freeze.p95)}, max ${ms(freeze.max)}  (of which deriving JSON/HTML/text ≈ ${ms(freeze.deriveP50)})  target ≤ 50 ms; load average now ${os.loadavg()[0]!.toFixed(1)}`);

  const forVerify = await freshDatabase();
  let verify;
  try {
    const started = performance.now();
    await buildLedger(forVerify.handle.db, entries, (done) => {
      if (done % 20_000 === 0) log(`  building ledger: ${done} / ${entries}`);
    });
    log(`  built a ${entries}-entry ledger in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // CPU seconds of this process (main + worker threads) too: on a shared machine wall time
    // also counts other people's load; CPU time is what the verification itself costs.
    let cpu = process.cpuUsage();
    const full = await verifyLedger(forVerify.handle.db);
    const fullCpu = process.cpuUsage(cpu);
    if (!full.ok) throw new Error(`bench ledger failed verification: ${full.problems[0]?.detail}`);
    const checkpoint = { format: 'codraft.verify-checkpoint' as const, v: 1 as const, verifiedAt: '', ...full.checkpoint! };
    cpu = process.cpuUsage();
    const incremental = await verifyLedger(forVerify.handle.db, { checkpoint });
    const incrementalCpu = process.cpuUsage(cpu);
    if (!incremental.ok || incremental.mode !== 'incremental') throw new Error('bench ledger: incremental verification did not hold');
    const seconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
    verify = { entries: full.entries, treeHeads: full.treeHeads, fullSeconds: full.ms / 1000, fullCpu: seconds(fullCpu), incrementalSeconds: incremental.ms / 1000, incrementalCpu: seconds(incrementalCpu) };
  } finally {
    await forVerify.drop();
  }
  log(`codraft verify over ${verify.entries} entries + ${verify.treeHeads} signed tree heads (${forVerify.where}): full ${verify.fullSeconds.toFixed(2)} s (${verify.fullCpu.toFixed(1)} CPU-s), incremental ${verify.incrementalSeconds.toFixed(2)} s (${verify.incrementalCpu.toFixed(1)} CPU-s)  target ≤ 5 s; load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`);
  return { freeze, verify };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { entries: { type: 'string' }, freezes: { type: 'string' } } });
  await runRecordsBench({ entries: values.entries ? Number(values.entries) : undefined, freezes: values.freezes ? Number(values.freezes) : undefined });
  process.exit(0);
}
