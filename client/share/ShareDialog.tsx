/**
 * Who may open this draft: the current grants (change a level, revoke) and a row to grant a
 * department or a person view, comment or edit access. Saved in one `PUT …/access`.
 * Nothing is dropped silently: closing with unsaved changes asks to save or discard them, and
 * removing the owning department's grant (which locks its members out) asks first. The intro
 * says what the owning department really holds now.
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
import { changed, fromDto, revoke, subjectKey, summarizeChanges, toBody, upsert, type GrantEntry } from './grants';

async function loadSharing(documentId: string) {
  const [access, directory] = await Promise.all([api.getAccess(documentId), api.directory()]);
  return { directory, original: fromDto(access.grants, directory) };
}

export function ShareDialog(props: { documentId: string; title: string; department: { id: string; name: string }; onClose: () => void }) {
  const [data] = createResource(() => props.documentId, loadSharing);
  const [entries, setEntries] = createSignal<GrantEntry[] | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [askDiscard, setAskDiscard] = createSignal(false);
  const [askRevokeOwner, setAskRevokeOwner] = createSignal(false);
  const current = () => entries() ?? data()?.original ?? [];
  const ownerKey = () => subjectKey({ kind: 'department', id: props.department.id });
  const ownerLevel = () => current().find((e) => subjectKey(e.subject) === ownerKey())?.level;
  const dirty = () => !!data() && changed(data()!.original, current());
  const pending = () => (data() ? summarizeChanges(data()!.original, current()) : { added: [], removed: [], changedLevel: [] });

  const requestClose = () => {
    if (dirty()) setAskDiscard(true);
    else props.onClose();
  };
  const onRevoke = (key: string) => {
    if (key === ownerKey()) setAskRevokeOwner(true);
    else setEntries(revoke(current(), key));
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.putAccess(props.documentId, toBody(current()));
      notify(t('share.saved'));
      props.onClose();
    } catch (failure) {
      setAskDiscard(false);
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  };

  const intro = () => {
    const level = ownerLevel();
    return level
      ? t('share.introOwner', { department: props.department.name, level: t(`access.${level}`).toLocaleLowerCase() })
      : t('share.introOwnerNone', { department: props.department.name });
  };

  return (
    <Dialog title={t('share.title', { title: props.title })} onClose={requestClose} wide>
      <p class="dialog__intro" data-testid="share-intro">{intro()}</p>
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
                        owner={subjectKey(entry.subject) === ownerKey()}
                        onLevel={(level) => setEntries(upsert(current(), entry.subject, level))}
                        onRevoke={onRevoke}
                      />
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={askRevokeOwner()}>
                <div class="alert alert--warning confirm" role="alertdialog" aria-labelledby="revoke-owner-text">
                  <p id="revoke-owner-text">{t('share.revokeOwnerConfirm', { department: props.department.name })}</p>
                  <div class="confirm__actions">
                    <button type="button" class="button" autofocus onClick={() => setAskRevokeOwner(false)}>
                      {t('share.keepOwner')}
                    </button>
                    <button
                      type="button"
                      class="button button--danger"
                      onClick={() => {
                        setEntries(revoke(current(), ownerKey()));
                        setAskRevokeOwner(false);
                      }}
                    >
                      {t('share.revokeOwner')}
                    </button>
                  </div>
                </div>
              </Show>
              <AddGrant directory={loaded().directory} entries={current()} onAdd={(subject, level) => setEntries(upsert(current(), subject, level))} />
              <Show when={dirty() && !askDiscard()}>
                <p class="muted unsaved-note" role="status">{t('share.unsavedNote')}</p>
              </Show>
              <Show when={askDiscard()}>
                <div class="alert alert--warning confirm" role="alertdialog" aria-labelledby="discard-text">
                  <p id="discard-text">{t('share.unsavedConfirm')}</p>
                  <ul class="pending-changes">
                    <For each={pending().added}>{(e) => <li>{t('share.pendingAdded', { name: e.subject.name, level: t(`access.${e.level}`) })}</li>}</For>
                    <For each={pending().changedLevel}>{(e) => <li>{t('share.pendingChanged', { name: e.subject.name, level: t(`access.${e.level}`) })}</li>}</For>
                    <For each={pending().removed}>{(e) => <li>{t('share.pendingRemoved', { name: e.subject.name })}</li>}</For>
                  </ul>
                  <div class="confirm__actions">
                    <button type="button" class="button" onClick={() => props.onClose()}>
                      {t('share.discard')}
                    </button>
                    <button type="button" class="button button--primary" autofocus disabled={saving()} onClick={() => void save()}>
                      {saving() ? t('common.saving') : t('share.saveAccess')}
                    </button>
                  </div>
                </div>
              </Show>
              <Show when={error()}>{(message) => <p class="alert alert--error" role="alert">{message()}</p>}</Show>
              <Show when={!askDiscard()}>
                <div class="dialog__actions">
                  <button type="button" class="button" onClick={requestClose}>
                    {t('common.cancel')}
                  </button>
                  <button type="button" class="button button--primary" disabled={saving() || !dirty()} onClick={() => void save()}>
                    {saving() ? t('common.saving') : t('share.saveAccess')}
                  </button>
                </div>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </Dialog>
  );
}
