/**
 * Checking many compact JWS at once for `codraft verify`: the same rules as shared/records/jws.ts
 * (header alg EdDSA with a kid naming a JWKS key, payload exactly the expected bytes, Ed25519
 * signature over ASCII(header "." payload)), but with node:crypto on worker threads, one per core,
 * in batches: Ed25519 verification (~150 µs each here) is most of a full ledger check.
 * Results come back as the same `JwsCheck` values and reasons.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JwsCheck, Jwks } from '../../shared/records';

// Plain JS so the worker needs no TypeScript loader (tsx, vitest, or compiled alike).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const keys = new Map();
for (const jwk of workerData.keys) {
  try { keys.set(jwk.kid, crypto.createPublicKey({ key: jwk, format: 'jwk' })); } catch {}
}
const check = (jws, expected) => {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3) return { ok: false, reason: 'malformed JWS: Invalid Compact JWS' };
  let header;
  try { header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')); } catch { return { ok: false, reason: 'malformed JWS: JWS Protected Header is invalid' }; }
  if (!header || header.alg !== 'EdDSA') return { ok: false, reason: 'signature algorithm is not EdDSA' };
  if (header.crit !== undefined || header.b64 !== undefined) return { ok: false, reason: 'malformed JWS: unsupported header parameters' };
  const key = keys.get(header.kid);
  if (!key) return { ok: false, reason: 'no key in the JWKS matches the signature’s kid' };
  const signature = Buffer.from(parts[2], 'base64url');
  const valid = signature.length === 64 && crypto.verify(null, Buffer.from(parts[0] + '.' + parts[1]), key, signature);
  if (!valid) return { ok: false, reason: 'signature does not verify' };
  if (parts[1] !== expected) return { ok: false, reason: 'signed payload differs from the canonical JSON it should cover' };
  return { ok: true, kid: header.kid };
};
parentPort.on('message', ({ id, jobs }) => parentPort.postMessage({ id, results: jobs.map(([jws, expected]) => check(jws, expected)) }));
`;

export interface SignaturePool {
  verify(jws: string, expected: Uint8Array): Promise<JwsCheck>;
  close(): Promise<void>;
}

export function createSignaturePool(jwks: Jwks, options: { threads?: number; batchSize?: number } = {}): SignaturePool {
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  const batchSize = options.batchSize ?? 256;
  const workers = Array.from({ length: threads }, () => new Worker(workerSource, { eval: true, workerData: { keys: jwks.keys } }));
  const waiting = new Map<number, (results: JwsCheck[]) => void>();
  for (const worker of workers) {
    worker.on('message', ({ id, results }: { id: number; results: JwsCheck[] }) => {
      waiting.get(id)?.(results);
      waiting.delete(id);
    });
    worker.unref();
  }
  let batch: { jobs: [string, string][]; resolvers: ((r: JwsCheck) => void)[] } = { jobs: [], resolvers: [] };
  let nextId = 0;

  const send = () => {
    if (batch.jobs.length === 0) return;
    const { jobs, resolvers } = batch;
    batch = { jobs: [], resolvers: [] };
    const id = nextId++;
    waiting.set(id, (results) => results.forEach((r, i) => resolvers[i]!(r)));
    workers[id % workers.length]!.postMessage({ id, jobs });
  };
  // A partly filled batch still goes out when the caller stops to wait.
  let flushScheduled = false;
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      send();
    });
  };

  return {
    verify(jws, expected) {
      return new Promise<JwsCheck>((resolve) => {
        batch.jobs.push([jws, Buffer.from(expected).toString('base64url')]);
        batch.resolvers.push(resolve);
        if (batch.jobs.length >= batchSize) send();
        else scheduleFlush();
      });
    },
    async close() {
      send();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
