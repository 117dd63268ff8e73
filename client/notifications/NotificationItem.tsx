/**
 * One notification: who did what on which draft, an excerpt, when; a link that opens the draft at
 * the thread (`/documents/<id>?thread=<subjectId>`) and marks it read. Kinds the client does not
 * know yet (later issues add some) are shown generically.
 */
import { Show } from 'solid-js';
import { relative, t } from '../i18n/i18n';
import type { NotificationDto } from '../../shared/notifications';

const known = ['mention', 'reply', 'annotation', 'thread_resolved'] as const;

export const notificationText = (n: NotificationDto) => {
  const params = { actor: String(n.data.actorName ?? ''), title: String(n.data.documentTitle ?? '') };
  const kind = known.find((k) => k === n.kind);
  return kind ? t(`notifications.kind.${kind}`, params) : t('notifications.kind.other', params);
};

export const notificationHref = (n: NotificationDto) =>
  n.documentId ? `/documents/${n.documentId}${n.subjectId ? `?thread=${encodeURIComponent(n.subjectId)}` : ''}` : '/';

export function NotificationItem(props: { notification: NotificationDto; onOpen: (n: NotificationDto) => void }) {
  const n = () => props.notification;
  return (
    <li class="notification" classList={{ 'notification--unread': !n().readAt }} data-kind={n().kind}>
      <a href={notificationHref(n())} class="notification__link" onClick={() => props.onOpen(n())}>
        <span class="notification__text">{notificationText(n())}</span>
        <Show when={typeof n().data.excerpt === 'string' && n().data.excerpt}>
          {(excerpt) => <span class="notification__excerpt">{String(excerpt())}</span>}
        </Show>
        <span class="notification__meta">
          <Show when={!n().readAt}>
            <span class="notification__dot" aria-label={t('notifications.unread')} />
          </Show>
          <time datetime={n().createdAt}>{relative(n().createdAt)}</time>
        </span>
      </a>
    </li>
  );
}
