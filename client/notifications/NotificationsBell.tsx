/**
 * The header's notification button: a badge with the unread count (live, from the coordinator's
 * store fed by the server's event stream) and, when pressed, the list in a popover. Escape or a
 * click outside closes it; opening an item marks it read and opens the draft at the thread.
 */
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import type { NotificationDto } from '../../shared/notifications';
import { notificationsStore, startNotifications } from './store';
import { NotificationItem } from './NotificationItem';
import './notifications.css';

export function NotificationsBell() {
  const [open, setOpen] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  onMount(() => {
    startNotifications();
    void notificationsStore.refresh().catch(() => setFailed(true));
  });

  const show = async () => {
    setOpen(true);
    setFailed(false);
    await notificationsStore.open().catch(() => setFailed(true));
  };
  const hide = (focusButton = false) => {
    setOpen(false);
    notificationsStore.close();
    if (focusButton) button?.focus();
  };
  const onDocClick = (event: MouseEvent) => open() && root && !root.contains(event.target as Node) && hide();
  const onKey = (event: KeyboardEvent) => open() && event.key === 'Escape' && hide(true);
  document.addEventListener('click', onDocClick);
  document.addEventListener('keydown', onKey);
  onCleanup(() => {
    document.removeEventListener('click', onDocClick);
    document.removeEventListener('keydown', onKey);
  });

  const openItem = (n: NotificationDto) => {
    hide();
    if (!n.readAt) void notificationsStore.markRead([n.id]).catch(() => {});
  };

  return (
    <div class="notifications" ref={root}>
      <button
        ref={button}
        type="button"
        class="button button--quiet notifications__button"
        aria-expanded={open()}
        aria-controls="notifications-list"
        aria-label={t('notifications.buttonLabel', { count: notificationsStore.unread() })}
        onClick={() => (open() ? hide() : void show())}
      >
        <Icon name="bell" size={20} />
        <Show when={notificationsStore.unread() > 0}>
          <span class="count-badge notifications__badge" data-testid="notification-badge">
            {notificationsStore.unread()}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <section id="notifications-list" class="notifications__panel" aria-label={t('notifications.title')}>
          <div class="notifications__header">
            <h2>{t('notifications.title')}</h2>
            <Show when={notificationsStore.unread() > 0}>
              <button type="button" class="button button--small button--quiet" onClick={() => void notificationsStore.markAllRead().catch(() => {})}>
                {t('notifications.markAll')}
              </button>
            </Show>
          </div>
          <Show when={!failed()} fallback={<p class="notifications__empty">{t('notifications.loadFailed')}</p>}>
            <Show when={notificationsStore.items().length > 0} fallback={<p class="notifications__empty">{t('notifications.empty')}</p>}>
              <ul class="notifications__list">
                <For each={notificationsStore.items()}>{(n) => <NotificationItem notification={n} onOpen={openItem} />}</For>
              </ul>
            </Show>
          </Show>
        </section>
      </Show>
    </div>
  );
}
