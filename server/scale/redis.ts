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
  close(): Promise<void>;
}

export async function connectRedis(url: string, prefix: string, log: Logger): Promise<RedisLink> {
  const options = {
    lazyConnect: true,
    // Keep trying forever, at most every 2 s: an outage must end in a resync, not a dead instance.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
  const command = new Redis(url, { ...options, connectionName: 'codraft' });
  const subscriber = new Redis(url, { ...options, connectionName: 'codraft-sub' });
  const listeners: Array<() => void> = [];
  let everReady = false;
  let lost = false;
  for (const [name, client] of [['command', command], ['subscriber', subscriber]] as const) {
    client.on('error', (error: Error) => log.warn({ redis: name, err: { message: error.message } }, 'redis connection error'));
    client.on('close', () => {
      if (everReady) lost = true;
    });
  }
  subscriber.on('ready', () => {
    if (lost) {
      lost = false;
      log.info('redis connection back: resynchronising open documents');
      // ioredis re-subscribes on reconnect before 'ready'; the rooms can now catch up.
      for (const listener of listeners) listener();
    }
    everReady = true;
  });
  await Promise.all([command.connect(), subscriber.connect()]);
  return {
    instanceId: randomUUID(),
    prefix,
    command,
    subscriber,
    healthy: () => command.status === 'ready' && subscriber.status === 'ready',
    onReconnect: (listener) => listeners.push(listener),
    close: async () => {
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
