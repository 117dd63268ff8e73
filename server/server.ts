/**
 * Starts Codraft: opens and migrates the database, composes collaboration and the HTTP app,
 * listens, and knows how to stop gracefully (flush every pending edit, then close).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type App } from './app';
import { assertInstanceConfig, type Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/client';
import { runMigrations } from './db/migrate';
import type { Logger } from './logger';
import { createCollabService, type CollabDeps } from './collab';
import { Metrics } from './metrics';
import { startAuditJobs, startScheduledJobs } from './audit/schedule';
import { signatureReminderJob } from './signatures/remind';
import { startRoundWorker } from './rounds/deadline-worker';
import { startSearchIndexer } from './search/indexer';
import { purgeExpiredSessions } from './accounts/sessions';
import { startNotificationHub } from './notifications/live';
import { connectRedis, type RedisLink } from './scale/redis';
import { createRedisRelay } from './scale/redis-relay';
import { shareCollabAcrossInstances } from './scale/shared-collab';
import { redisLoginThrottle } from './scale/redis-throttle';
import { redisSocketSlots } from './scale/redis-slots';
import { loginLimits } from './accounts/auth-routes';
import type { CollabService } from './collab/service';

export interface RunningServer {
  url: string;
  port: number;
  app: App;
  database: DatabaseHandle;
  /** Live collaboration (tests use it to signal access changes as the routes do). */
  collab: CollabService;
  /** The Redis link when this instance runs beside others (REDIS_URL). */
  redis: RedisLink | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this (already migrated or to be migrated) database instead of opening one; not closed on stop. */
  database?: DatabaseHandle;
  /** Collaboration extras: a relay to other instances, a wrapped store (tests inject faults here). */
  collab?: Pick<CollabDeps, 'relay' | 'wrapStore'>;
}

export async function startServer(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningServer> {
  assertInstanceConfig(config);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }));
  if (config.MIGRATE_ON_START) await runMigrations(database, config.DATABASE_URL);
  const metrics = new Metrics();
  // Several instances: live documents and access changes travel through Redis (server/scale/).
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, config.REDIS_PREFIX, log.child({ component: 'redis' })) : null;
  const relay = redis ? createRedisRelay(redis, log) : undefined;
  const sharedSlots = redis ? redisSocketSlots(redis, config.WS_MAX_CONNECTIONS_PER_USER) : undefined;
  const localCollab = createCollabService({ db: database.db, config, log, metrics, relay, sharedSlots, ...options.collab });
  const collab = redis && relay ? shareCollabAcrossInstances(localCollab, redis, log, relay.openDocuments) : localCollab;
  if (relay) metrics.relay = relay.stats;
  const notificationHub = await startNotificationHub(database.listen, log);
  const loginThrottle = redis ? redisLoginThrottle(redis, loginLimits(config)) : undefined;
  const app = createApp({ db: database.db, config, log, collab, metrics, notificationHub, loginThrottle, redisHealthy: redis ? () => redis.healthy() : undefined });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
  });
  // Websockets are collab's: it refuses with a real HTTP status before upgrading (collab/upgrade.ts).
  server.on('upgrade', collab.handleUpgrade);
  const stopPurge = purgeExpiredSessions(database.db, config.SESSION_PURGE_MINUTES * 60_000, log);
  const stopAuditJobs = startAuditJobs(database.db, config, log);
  const stopSignatureJobs = startScheduledJobs(database.db, log, [signatureReminderJob(config.SIGN_REMIND_AFTER_HOURS)], 60_000);
  const stopRoundWorker = startRoundWorker(database.db, config, log);
  const stopSearchIndexer = startSearchIndexer(database.db, log, config.SEARCH_INDEX_POLL_MS);
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  log.info({ port, database: database.kind, redis: redis ? 'joined' : 'off' }, 'codraft listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      server.close();
      stopAuditJobs();
      stopSignatureJobs();
      stopRoundWorker();
      stopSearchIndexer();
      stopPurge();
      await notificationHub.stop().catch(() => {});
      await collab.shutdown();
      sharedSlots?.stop();
      await redis?.close();
      if (!options.database) await database.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
    })());

  return { url: `http://${host}:${port}`, port, app, database, collab, redis, close };
}
