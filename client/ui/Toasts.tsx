/** The notice area: polite live region at the bottom of the screen; every notice can be closed. */
import { For } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from './Icon';
import { dismiss, toasts } from './toast';

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>
        {(toast) => (
          <div class="toast" classList={{ 'toast--error': toast.kind === 'error' }}>
            <span>{toast.text}</span>
            <button type="button" class="icon-button icon-button--small" aria-label={t('common.close')} onClick={() => dismiss(toast.id)}>
              <Icon name="close" />
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
