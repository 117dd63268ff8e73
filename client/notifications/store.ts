/**
 * The signed-in person's notifications as reactive state: the unread count, pushed live by the
 * server's event stream (`changed` {unread}), and the list, fetched when someone looks at it or
 * when the count changes while it is open. EventSource reconnects by itself after a network loss.
 */
import { createSignal } from 'solid-js';
import type { NotificationDto } from '../../shared/notifications';
import { notificationsApi } from './api';

const [unread, setUnread] = createSignal(0);
const [items, setItems] = createSignal<NotificationDto[]>([]);
const [listOpen, setListOpen] = createSignal(false);

let source: EventSource | null = null;

async function refreshList() {
  const body = await notificationsApi.list();
  setItems(body.notifications);
  setUnread(body.unread);
}

/** Start listening (after sign-in); idempotent. */
export function startNotifications() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource(notificationsApi.streamUrl);
  source.addEventListener('changed', (event) => {
    const { unread: count } = JSON.parse((event as MessageEvent<string>).data) as { unread: number };
    setUnread(count);
    if (listOpen()) void refreshList().catch(() => {});
  });
}

/** Stop listening and forget (on sign-out). */
export function stopNotifications() {
  source?.close();
  source = null;
  setUnread(0);
  setItems([]);
}

export const notificationsStore = {
  unread,
  items,
  /** The list is shown: keep it fresh while it is. */
  open: async () => {
    setListOpen(true);
    await refreshList();
  },
  close: () => setListOpen(false),
  refresh: refreshList,
  markRead: async (ids: string[]) => {
    if (ids.length === 0) return;
    await notificationsApi.markRead({ ids });
    await refreshList();
  },
  markAllRead: async () => {
    await notificationsApi.markRead({ all: true });
    await refreshList();
  },
};
