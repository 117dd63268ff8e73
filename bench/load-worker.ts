/**
 * A load-generator process: opens wire-level clients (see wire-client.ts) for the documents the
 * orchestrator assigns it (all clients of a document live in one worker, so send and receive
 * times share a clock), makes each client edit at a fixed rate, and reports latencies.
 */
import { WireClient } from './wire-client';

export interface WorkerPlan {
  workerIndex: number;
  baseUrl: string;
  clients: { documentId: string; cookie: string }[];
  editsPerSecond: number;
  durationMs: number;
}

export interface WorkerResult {
  edits: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Per delivery: edit sent → seen by one other client (ms). */
  deliveryLatencies: number[];
  /** Per edit: edit sent → seen by the last of the other clients (ms). */
  fanoutLatencies: number[];
}

const send = (message: unknown) => process.send!(message);

async function run(plan: WorkerPlan) {
  const peers = new Map<string, number>(); // documentId → clients on it
  for (const c of plan.clients) peers.set(c.documentId, (peers.get(c.documentId) ?? 0) + 1);

  const sent = new Map<string, { at: number; remaining: number; last: number }>();
  const result: WorkerResult = { edits: 0, deliveries: 0, expectedDeliveries: 0, deliveryLatencies: [], fanoutLatencies: [] };
  const onMarker = (marker: string, receivedAt: number) => {
    const edit = sent.get(marker);
    if (!edit) return;
    result.deliveries++;
    result.deliveryLatencies.push(receivedAt - edit.at);
    edit.last = receivedAt;
    if (--edit.remaining === 0) {
      result.fanoutLatencies.push(receivedAt - edit.at);
      sent.delete(marker);
    }
  };

  const clients = plan.clients.map((c) => ({
    documentId: c.documentId,
    client: new WireClient({ url: `${plan.baseUrl.replace(/^http/, 'ws')}/collab/${c.documentId}`, cookie: c.cookie, onMarker }),
  }));
  // Connect in small batches: a thousand simultaneous handshakes measure the accept queue, not us.
  // Each client's time from opening the socket to the server's sync step 2 is its connect + initial sync.
  const connectLatencies: number[] = [];
  for (let i = 0; i < clients.length; i += 25) {
    await Promise.all(
      clients.slice(i, i + 25).map(async ({ client }) => {
        const started = performance.now();
        await client.connect();
        await client.whenSynced;
        connectLatencies.push(performance.now() - started);
      }),
    );
  }
  send({ type: 'connected', connectLatencies });

  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const interval = 1000 / plan.editsPerSecond;
  const startedAt = performance.now();
  let seq = 0;
  const timers = clients.map(({ client, documentId }, i) => {
    const tick = () => {
      if (performance.now() - startedAt >= plan.durationMs) return;
      const marker = `w${plan.workerIndex}.${seq++}`;
      const others = peers.get(documentId)! - 1;
      sent.set(marker, { at: performance.now(), remaining: others, last: 0 });
      result.edits++;
      result.expectedDeliveries += others;
      client.edit(marker);
    };
    // Spread clients across the interval so load is steady, not in bursts.
    const start = setTimeout(() => {
      tick();
      timers[i] = setInterval(tick, interval);
    }, (i * interval) / clients.length);
    return start;
  });
  await new Promise((resolve) => setTimeout(resolve, plan.durationMs + 2000));
  timers.forEach((t) => clearInterval(t));
  for (const { client } of clients) client.close();
  send({ type: 'result', result });
}

process.once('message', (plan: WorkerPlan) => {
  run(plan).catch((error) => {
    send({ type: 'error', message: String(error?.stack ?? error) });
    process.exit(1);
  });
});
