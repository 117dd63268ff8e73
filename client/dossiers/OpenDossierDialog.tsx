/**
 * Open a dossier for one of the caller's departments (or any, for clerks and administrators):
 * pick an item of the department's annual list for the year, or open one ad hoc with a notation,
 * title and retention. The file code is made by the server (agency code + year + notation).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { errorMessage } from '../ui/error-message';
import { dossiersApi } from './dossiers-api';

export function OpenDossierDialog(props: { departments: { id: string; name: string }[]; onOpened: (id: string) => void; onClose: () => void }) {
  const [department, setDepartment] = createSignal(props.departments[0]?.id ?? '');
  const [year, setYear] = createSignal(new Date().getFullYear());
  const [choice, setChoice] = createSignal<string>('ad-hoc');
  const [notation, setNotation] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [retention, setRetention] = createSignal('10');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [plan] = createResource(
    () => (department() && year() >= 1900 && year() <= 2999 ? { department: department(), year: year() } : null),
    (p) => dossiersApi.plan(p.department, p.year).catch(() => null),
  );
  const planned = () => plan.latest?.items.filter((i) => !i.dossierId) ?? [];
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const base = { department: department(), year: year() };
      const body = choice() === 'ad-hoc' ? { ...base, notation: notation().trim(), title: title().trim(), retention: retention().trim() } : { ...base, planItemId: choice() };
      const { dossier } = await dossiersApi.create(body);
      props.onOpened(dossier.id);
    } catch (err) {
      setError(errorMessage(err, { conflict: 'dossiers.exists' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('dossiers.openTitle')} onClose={props.onClose}>
      <form class="open-dossier" onSubmit={(e) => void submit(e)}>
        <ErrorAlert message={error()} />
        <label class="field">
          <span>{t('dossiers.department')}</span>
          <select value={department()} onChange={(e) => (setDepartment(e.currentTarget.value), setChoice('ad-hoc'))} required>
            <For each={props.departments}>{(d) => <option value={d.id}>{d.name}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>{t('dossiers.colYear')}</span>
          <input type="number" inputmode="numeric" min="1900" max="2999" required value={year()} onInput={(e) => (setYear(Number(e.currentTarget.value)), setChoice('ad-hoc'))} />
        </label>
        <fieldset class="open-dossier__choice">
          <legend>{t('dossiers.openFrom')}</legend>
          <For each={planned()}>
            {(item) => (
              <label class="open-dossier__option">
                <input type="radio" name="plan-item" value={item.id} checked={choice() === item.id} onChange={() => setChoice(item.id)} />
                <span>
                  {item.notation} · {item.title}
                </span>
              </label>
            )}
          </For>
          <Show when={plan.latest && planned().length === 0}>
            <p class="open-dossier__hint">{t('dossiers.planEmpty')}</p>
          </Show>
          <label class="open-dossier__option">
            <input type="radio" name="plan-item" value="ad-hoc" checked={choice() === 'ad-hoc'} onChange={() => setChoice('ad-hoc')} />
            <span>{t('dossiers.adHoc')}</span>
          </label>
        </fieldset>
        <Show when={choice() === 'ad-hoc'}>
          <label class="field">
            <span>{t('dossiers.notation')}</span>
            <input required maxLength={50} value={notation()} onInput={(e) => setNotation(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('dossiers.colTitle')}</span>
            <input required maxLength={500} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <div class="field">
            <label for="open-dossier-retention">{t('dossiers.retention')}</label>
            <input id="open-dossier-retention" required list="retention-choices" pattern="permanent|[1-9][0-9]{0,2}" value={retention()} onInput={(e) => setRetention(e.currentTarget.value)} aria-describedby="retention-hint" />
            <datalist id="retention-choices">
              <option value="permanent" />
              <option value="5" />
              <option value="10" />
              <option value="20" />
              <option value="70" />
            </datalist>
            <span id="retention-hint" class="field__hint">
              {t('dossiers.retentionHint')}
            </span>
          </div>
        </Show>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy() || !department()}>
            {t('dossiers.openSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
