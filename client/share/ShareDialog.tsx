/**
 * Who may open this draft: the current grants (change a level, revoke) and a row to grant a
 * department or a person view, comment or edit access. Saved in one `PUT …/access`.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { accessLevels } from '../../shared/permissions';
import { GrantRow } from './GrantRow';
import { AddGrant } from './AddGrant';
import { changed, fromDto, revoke, toBody, upsert, type GrantEntry } from './grants';

async function loadSharing(documentId: string) {
  const [access, directory] = await Promise.all([api.getAccess(documentId), api.directory()]);
  return { directory, original: fromDto(access.grants, directory) };
}

export function ShareDialog(props: { documentId: string; title: string; onClose: () => void }) {
  const [data] = createResource(() => props.documentId, loadSharing);
  const [entries, setEntries] = createSignal<GrantEntry[] | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const current = () => entries() ?? data()?.original ?? [];

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.putAccess(props.documentId, toBody(current()));
      notify(t('share.saved'));
      props.onClose();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('share.title', { title: props.title })} onClose={props.onClose} wide>
      <p class="dialog__intro">{t('share.intro')}</p>
      <Show when={!data.error} fallback={<p class="alert alert--error" role="alert">{errorMessage(data.error)}</p>}>
        <Show when={data()} fallback={<p class="page-loading">{t('app.loading')}</p>}>
          {(loaded) => (
            <>
              <h3 class="section-title">{t('share.current')}</h3>
              <Show when={current().length > 0} fallback={<p class="muted">{t('share.none')}</p>}>
                <ul class="grant-list">
                  <For each={current()}>
                    {(entry) => (
                      <GrantRow
                        entry={entry}
                        levels={accessLevels}
                        onLevel={(level) => setEntries(upsert(current(), entry.subject, level))}
                        onRevoke={(key) => setEntries(revoke(current(), key))}
                      />
                    )}
                  </For>
                </ul>
              </Show>
              <AddGrant directory={loaded().directory} entries={current()} onAdd={(subject, level) => setEntries(upsert(current(), subject, level))} />
              <Show when={error()}>{(message) => <p class="alert alert--error" role="alert">{message()}</p>}</Show>
              <div class="dialog__actions">
                <button type="button" class="button" onClick={() => props.onClose()}>
                  {t('common.cancel')}
                </button>
                <button type="button" class="button button--primary" disabled={saving() || !changed(loaded().original, current())} onClick={() => void save()}>
                  {saving() ? t('common.saving') : t('share.saveAccess')}
                </button>
              </div>
            </>
          )}
        </Show>
      </Show>
    </Dialog>
  );
}
