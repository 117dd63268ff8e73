/** Ask before an action that changes what others see: the question, a safe default, the action. */
import { t } from '../i18n/i18n';
import { Dialog } from './Dialog';

export function ConfirmDialog(props: { title: string; message: string; confirm: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      <p class="dialog__intro">{props.message}</p>
      <div class="dialog__actions">
        <button type="button" class="button" autofocus onClick={() => props.onCancel()}>
          {t('common.cancel')}
        </button>
        <button type="button" class={props.danger ? 'button button--danger' : 'button button--primary'} onClick={() => props.onConfirm()}>
          {props.confirm}
        </button>
      </div>
    </Dialog>
  );
}
