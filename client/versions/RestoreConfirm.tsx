/** The inline "replace the draft with version N?" question before a restore; focus goes to it. */
import { onMount } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';

export function RestoreConfirm(props: { version: number; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  let cancel: HTMLButtonElement | undefined;
  onMount(() => cancel?.focus());
  return (
    <div class="restore-confirm" role="group" aria-labelledby="restore-confirm-text">
      <p id="restore-confirm-text">{t('viewer.restoreConfirm', { version: props.version })}</p>
      <div class="restore-confirm__actions">
        <button ref={cancel} type="button" class="button button--small" onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="button" class="button button--small button--primary" disabled={props.busy} onClick={() => props.onConfirm()}>
          <Icon name="restore" size={16} />
          {props.busy ? t('viewer.restoring') : t('viewer.restoreYes')}
        </button>
      </div>
    </div>
  );
}
