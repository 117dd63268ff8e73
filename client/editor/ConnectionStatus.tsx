/**
 * Always-visible connection state (connected / connecting / reconnecting / offline) and how many
 * of my edits the server has not confirmed yet, and whether those are safe on this device.
 */
import { Show } from 'solid-js';
import { t } from '../i18n/i18n';
import type { CollabSession } from '../realtime/collab-session';
import { Icon } from '../ui/Icon';

export function ConnectionStatus(props: { session: CollabSession }) {
  const state = () => props.session.state();
  const pending = () => props.session.unconfirmed();
  return (
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
          {t('connection.unsynced', { count: pending() })}
          <Show when={props.session.storedLocally()}>{` · ${t('connection.keptLocally')}`}</Show>
        </Show>
      </span>
    </div>
  );
}
