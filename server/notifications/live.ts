/**
 * Live notification signals: one LISTEN on the notification channel per server instance (Postgres
 * delivers every committed NOTIFY to every listener, so all instances hear a notification created
 * on any one), fanned out in-process to the open streams of that user.
 */
import type { DatabaseHandle } from '../db/client';
import type { Logger } from '../logger';
import { notificationChannel } from './notify';

export interface NotificationHub {
  /** Calls `onChange` whenever `userId` gets new notifications; returns the unsubscribe. */
  subscribe(userId: string, onChange: () => void): () => void;
  /** Signals this instance's streams of `userId` (marking read elsewhere changes the count too). */
  touch(userId: string): void;
  stop(): Promise<void>;
}

export async function startNotificationHub(listen: DatabaseHandle['listen'], log: Logger): Promise<NotificationHub> {
  const listeners = new Map<string, Set<() => void>>();
  const touch = (userId: string) => {
    for (const fn of listeners.get(userId) ?? []) {
      try {
        fn();
      } catch (error) {
        log.warn({ err: error }, 'notification listener failed');
      }
    }
  };
  const unlisten = await listen(notificationChannel, touch);
  return {
    subscribe(userId, onChange) {
      const set = listeners.get(userId) ?? new Set();
      set.add(onChange);
      listeners.set(userId, set);
      return () => {
        set.delete(onChange);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    touch,
    stop: () => unlisten(),
  };
}
