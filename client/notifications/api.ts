/** The notifications API (server/notifications/routes.ts), typed through hono/client. */
import { hc } from 'hono/client';
import type { notificationRoutes } from '../../server/notifications/routes';
import type { MarkReadBody } from '../../shared/notifications';
import { call } from '../data/http';

const notifications = hc<ReturnType<typeof notificationRoutes>>('/api/notifications');

export const notificationsApi = {
  list: (unreadOnly = false) => call(notifications.index.$get({ query: unreadOnly ? { unread: 'true' } : {} })),
  markRead: (body: MarkReadBody) => call(notifications.read.$post({ json: body })),
  streamUrl: '/api/notifications/stream',
};
