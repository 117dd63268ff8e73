/**
 * Always-visible connection state (connected / connecting / reconnecting / offline) and, apart
 * from it, whether my edits are saved: "Saved" only once the server has written them to its
 * database (it answers the client's probe after that write), else "Not yet synced — saved on this
 * device" (or without the second half while they are only in memory). Counting keystrokes said
 * nothing a person could act on; the count stays in `data-unsynced` for tests and tools. Below it, why the server closed the
 * connection when that needs saying: signed out, edits too large to send, storage unavailable,
 * or changes discarded because they were made without edit access.
 */
import { Show } from 'solid-js';
import { t } from '../i18n/i18n';
import type { CollabSession } from '../realtime/collab-session';
import { Icon } from '../ui/Icon';

function closeNotice(session: CollabSession): string | null {
  const code = session.closedCode();
  if (code === 4401 && session.lastClose()?.reason === 'signed out') return t('realtime.signedOut');
  if (code === 4413) return t('realtime.tooLarge');
  if (session.lastClose()?.code === 1013 && session.unconfirmed() > 0) return t('realtime.storageBusy');
  return null;
}

export function ConnectionStatus(props: { session: CollabSession }) {
  const state = () => props.session.state();
  const pending = () => props.session.unconfirmed();
  const notice = () => closeNotice(props.session);
  return (
    <>
    <div
      class={`connection connection--${state()}`}
      role="status"
      aria-live="polite"
      data-state={state()}
      data-unsynced={pending()}
      data-stored-locally={String(props.session.storedLocally())}
    >
      <span class="connection__dot" aria-hidden="true" />
      <Show when={state() === 'offline'}>
        <Icon name="offline" size={16} />
      </Show>
      <span class="connection__state">{t(`connection.${state()}`)}</span>
      <span class="connection__sync">
        <Show when={pending() > 0} fallback={t('connection.allSaved')}>
          {t('connection.unsynced')}
          <Show when={props.session.storedLocally()}>{` — ${t('connection.keptLocally')}`}</Show>
        </Show>
      </span>
    </div>
    <Show when={notice()}>
      {(text) => (
        <p class="connection__notice" role="alert" data-close-code={props.session.closedCode() ?? props.session.lastClose()?.code}>
          {text()}
        </p>
      )}
    </Show>
    <Show when={props.session.discarded() > 0}>
      <p class="connection__notice" role="alert" data-discarded={props.session.discarded()}>
        {t('realtime.discarded', { count: props.session.discarded() })}
      </p>
    </Show>
    </>
  );
}
