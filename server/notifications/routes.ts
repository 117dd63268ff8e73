/**
 * A person's notifications: only their own, only about what they may still see.
 *   GET  /api/notifications?unread=true  → {notifications: NotificationDto[], unread}
 *   POST /api/notifications/read {ids} | {all: true} → {marked}
 *   GET  /api/notifications/stream        → Server-Sent Events: `changed` {unread} at once and on
 *                                           every change; a comment line every 25 s keeps proxies open
 * Data path: commands elsewhere → notify() in their transaction → pg_notify on commit → live.ts on
 * every instance → this stream → client/notifications/store.ts.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import type { AppEnv } from '../http/env';
import { jsonBody, queryParams } from '../http/validate';
import { listNotificationsQuery, markReadBody } from '../../shared/notifications';
import { listNotifications, markRead, unreadCount } from './queries';

const heartbeatMs = 25_000;

export const notificationRoutes = (deps: AppDeps) => {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(signedIn(deps))
    .get('/', queryParams(listNotificationsQuery), async (c) => {
      const unreadOnly = c.req.valid('query').unread === 'true';
      const notifications = await listNotifications(db, c.var.user, { unreadOnly });
      const unread = unreadOnly ? notifications.length : notifications.filter((n) => !n.readAt).length;
      return c.json({ notifications, unread });
    })
    .post('/read', jsonBody(markReadBody), async (c) => {
      const marked = await markRead(db, c.var.user.id, c.req.valid('json'));
      if (marked) deps.notificationHub?.touch(c.var.user.id);
      return c.json({ marked });
    })
    .get('/stream', (c) => {
      const user = c.var.user;
      return streamSSE(c, async (stream) => {
        let wake: (() => void) | null = null;
        let dirty = true;
        const unsubscribe = deps.notificationHub?.subscribe(user.id, () => {
          dirty = true;
          wake?.();
        });
        stream.onAbort(() => wake?.());
        try {
          while (!stream.aborted) {
            if (dirty) {
              dirty = false;
              await stream.writeSSE({ event: 'changed', data: JSON.stringify({ unread: await unreadCount(db, user) }) });
            }
            const woke = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), heartbeatMs);
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            wake = null;
            if (!woke && !stream.aborted) await stream.write(': keep-alive\n\n');
          }
        } finally {
          unsubscribe?.();
        }
      });
    });
};
