/**
 * Several instances (issue 12): three real server processes on one Postgres and a private Redis,
 * on loopback. Real yjs clients of ONE document, all connected to one instance, then spread over
 * the three; each round one client types and every other client's arrival time is recorded.
 * Prints fan-out latency p50/p99 for both layouts and the ratio, and the CPU the instances spent
 * per delivered update in each (the relay's cost is the difference).
 * Needs DATABASE_URL (Postgres) and Debian's redis-server.
 */
import { randomBytes } from 'node:crypto';
import { connectClient, type TestClient } from '../test/collab/clients';
import { createServerDatabase, spawnServer, type ServerProcess } from '../test/support/process';
import { makeDocument, makeUser } from '../test/support/factories';
import { redisServerAvailable, startTestRedis } from '../test/support/redis-server';
import { cpuMs } from './proc-stats';
import { fmt, summarize } from './stats';

const clientsPerLayout = 30;
const rounds = 200;

async function measure(instances: ServerProcess[], layout: ServerProcess[], documentId: string, cookie: string) {
  const clients: TestClient[] = Array.from({ length: clientsPerLayout }, (_, i) => {
    const server = layout[i % layout.length]!;
    return connectClient(server.url, documentId, { cookie, origin: server.url });
  });
  await Promise.all(clients.map((c) => c.synced(60_000)));
  const latencies: number[] = [];
  const cpuBefore = instances.reduce((sum, i) => sum + cpuMs(i.child.pid!), 0);
  for (let round = 0; round < rounds; round++) {
    const writer = clients[round % clients.length]!;
    const others = clients.filter((c) => c !== writer);
    const sentAt = performance.now();
    const arrived = others.map(
      (c) =>
        new Promise<void>((resolve) => {
          const onUpdate = () => {
            if (c.doc.getText('bench').length >= round + 1) {
              c.doc.off('update', onUpdate);
              latencies.push(performance.now() - sentAt);
              resolve();
            }
          };
          c.doc.on('update', onUpdate);
        }),
    );
    writer.doc.getText('bench').insert(writer.doc.getText('bench').length, 'x');
    await Promise.all(arrived);
  }
  const cpu = instances.reduce((sum, i) => sum + cpuMs(i.child.pid!), 0) - cpuBefore;
  for (const c of clients) c.destroy();
  return { latency: summarize(latencies), cpuPerDeliveredUs: (cpu * 1000) / latencies.length };
}

export async function runScaleBench(): Promise<void> {
  console.log('\n== Several instances (3 processes, one Postgres, one Redis, loopback) ==');
  if (!process.env.DATABASE_URL || !redisServerAvailable()) {
    console.log('skipped: needs DATABASE_URL (Postgres) and redis-server');
    return;
  }
  const redis = await startTestRedis();
  const database = await createServerDatabase();
  const handle = await database.open();
  const owner = await makeUser(handle.db);
  const env = { ...database.env, REDIS_URL: redis.url, REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}:`, SIGNING_KEY_SECRET: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', WS_MAX_CONNECTIONS_PER_USER: '200' };
  const instances: ServerProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) instances.push(await spawnServer({ env, readyTimeoutMs: 180_000 }));
    const one = await measure(instances, [instances[0]!], (await makeDocument(handle.db, owner, 'one instance')).id, owner.cookie);
    const spread = await measure(instances, instances, (await makeDocument(handle.db, owner, 'three instances')).id, owner.cookie);
    console.log(`${clientsPerLayout} real yjs clients of one document, ${rounds} rounds (one writer each), ${one.latency.count} deliveries per layout`);
    console.log(`fan-out latency, all on one instance:  p50 ${fmt(one.latency.p50)} ms, p99 ${fmt(one.latency.p99)} ms`);
    console.log(`fan-out latency, spread over three:    p50 ${fmt(spread.latency.p50)} ms, p99 ${fmt(spread.latency.p99)} ms  (p99 ratio ${fmt(spread.latency.p99 / one.latency.p99)}×)`);
    console.log(`server CPU per delivered update: one instance ${fmt(one.cpuPerDeliveredUs, 1)} µs, three ${fmt(spread.cpuPerDeliveredUs, 1)} µs (relay cost ≈ ${fmt(spread.cpuPerDeliveredUs - one.cpuPerDeliveredUs, 1)} µs, ratio ${fmt(spread.cpuPerDeliveredUs / one.cpuPerDeliveredUs)}×)`);
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await handle.close();
    await database.drop();
    await redis.stop();
  }
}

