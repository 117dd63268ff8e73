/**
 * The Redis connections of one instance: one for commands and publishing, one in subscriber mode
 * (Redis forbids other commands on a subscribing connection). ioredis reconnects by itself and
 * re-subscribes the channels; `onReconnect` lets the relay resynchronise rooms after an outage.
 * Channels and keys are prefixed (REDIS_PREFIX), so several deployments or test runs can share one
 * Redis server without hearing each other.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

export interface RedisLink {
  /** This process's id on the bus: its own messages come back to it and are ignored by it. */
  readonly instanceId: string;
  readonly prefix: string;
  readonly command: Redis;
  readonly subscriber: Redis;
  /** Whether both connections are up now (for /ready). */
  healthy(): boolean;
  /** Called each time the subscriber connection is ready again after a loss. */
  onReconnect(listener: () => void): void;
  /** A publish failed (Redis down): logged once per outage, not once per keystroke. */
  publishFailed(error: Error): void;
  close(): Promise<void>;
}

export async function connectRedis(url: string, prefix: string, log: Logger): Promise<RedisLink> {
  const options = {
    lazyConnect: true,
    // Keep trying forever, at most every 2 s: an outage must end in a resync, not a dead instance.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: null,
  };
  // Publishing while Redis is down fails at once instead of queueing every keystroke in memory:
  // what is missed is recovered by the state-vector resync after the outage.
  const command = new Redis(url, { ...options, enableOfflineQueue: false, connectionName: 'codraft' });
  // Subscriptions asked for during an outage wait for the connection (ioredis also re-subscribes).
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true, connectionName: 'codraft-sub' });
  let publishWarned = false;
  const listeners: Array<() => void> = [];
  let everReady = false;
  let lost = false;
  for (const [name, client] of [['command', command], ['subscriber', subscriber]] as const) {
    client.on('error', (error: Error) => log.warn({ redis: name, err: { message: error.message } }, 'redis connection error'));
    client.on('close', () => {
      if (everReady) lost = true;
    });
  }
  // Once both connections are back (ioredis has re-subscribed before 'ready'), the rooms catch up.
  const onReady = () => {
    if (!lost || command.status !== 'ready' || subscriber.status !== 'ready') return;
    lost = false;
    publishWarned = false;
    log.info('redis connection back: resynchronising open documents');
    for (const listener of listeners) listener();
  };
  subscriber.on('ready', onReady);
  command.on('ready', onReady);
  await Promise.all([command.connect(), subscriber.connect()]);
  everReady = true;
  return {
    instanceId: randomUUID(),
    prefix,
    command,
    subscriber,
    healthy: () => command.status === 'ready' && subscriber.status === 'ready',
    onReconnect: (listener) => listeners.push(listener),
    publishFailed: (error) => {
      if (publishWarned) return;
      publishWarned = true;
      log.warn({ err: { message: error.message } }, 'redis publish failed: other instances miss live messages until it is back (then they resync)');
    },
    close: async () => {
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
