/**
 * Freeze the draft as it is now into a version (a signed record entry): a label (required), a
 * note, and "final", whose consequence (read-only for everyone, for good) is spelled out next to it.
 * What is frozen is the server's state: edits of mine not yet confirmed are pointed out first.
 */
import { createSignal, Show } from 'solid-js';
import { api } from '../data/api';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import type { FreezeResultDto } from '../../shared/records/api';
import { ErrorAlert } from '../ui/ErrorAlert';

export function FreezeDialog(props: { documentId: string; unsynced: number; onClose: () => void; onFrozen: (result: FreezeResultDto) => void }) {
  const [label, setLabel] = createSignal('');
  const [note, setNote] = createSignal('');
  const [final, setFinal] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !label().trim()) return;
    setBusy(true);
    setError(null);
    try {
      const body = { label: label().trim(), ...(note().trim() ? { note: note().trim() } : {}), ...(final() ? { final: true } : {}) };
      props.onFrozen(await api.freezeVersion(props.documentId, body));
    } catch (failure) {
      setError(errorMessage(failure, { conflict: 'error.finalized' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('versions.freeze')} onClose={props.onClose} class="freeze-dialog">
      <form class="form" onSubmit={(event) => void submit(event)}>
        <p class="dialog__intro">{t('versions.freezeIntro')}</p>
        <Show when={props.unsynced > 0}>
          <p class="alert alert--warning" role="status">
            {t('versions.unsynced', { count: props.unsynced })}
          </p>
        </Show>
        <Field label={t('versions.label')} hint={t('versions.labelHint')}>
          {(id, describedBy) => (
            <input
              id={id}
              ref={(el) => queueMicrotask(() => el.focus())}
              aria-describedby={describedBy}
              required
              maxlength="200"
              autocomplete="off"
              value={label()}
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('versions.note')}>
          {(id) => <textarea id={id} rows="3" maxlength="4000" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />}
        </Field>
        <div class="freeze-final" classList={{ 'freeze-final--on': final() }}>
          <label class="check">
            <input type="checkbox" checked={final()} aria-describedby="freeze-final-warning" onChange={(e) => setFinal(e.currentTarget.checked)} />
            <span class="strong">{t('versions.finalLabel')}</span>
          </label>
          <p id="freeze-final-warning" class="freeze-final__warning">
            <Icon name="lock" size={16} />
            {t('versions.finalWarning')}
          </p>
        </div>
        <ErrorAlert message={error()} />
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button" classList={{ 'button--primary': !final(), 'button--danger': final() }} disabled={busy() || !label().trim()}>
            {busy() ? t('versions.freezing') : final() ? t('versions.freezeFinalSubmit') : t('versions.freezeSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
