/**
 * Opening a round from the draft: title, request, deadline, and for each department whether it is
 * consulted (lead or cooperating). The server freezes the draft and grants comment access.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/error-message';
import { roundsApi } from './rounds-api';
import { localInputToIso } from './time';
import type { RoundDto, RoundRole } from '../../shared/rounds/api';

type Choice = RoundRole | 'none';

/** A week from now at 17:00, as a datetime-local value. */
function defaultDeadline() {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setHours(17, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function OpenRoundDialog(props: { documentId: string; ownDepartmentId: string; onClose: () => void; onOpened: (round: RoundDto) => void }) {
  const [directory] = createResource(() => api.directory());
  const [title, setTitle] = createSignal('');
  const [request, setRequest] = createSignal('');
  const [deadline, setDeadline] = createSignal(defaultDeadline());
  const [choices, setChoices] = createSignal<Record<string, Choice>>({});
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const departments = Object.entries(choices())
      .filter(([, role]) => role !== 'none')
      .map(([department, role]) => ({ department, role: role as RoundRole }));
    setBusy(true);
    try {
      const { round } = await roundsApi.open(props.documentId, { title: title(), request: request(), deadline: localInputToIso(deadline()), departments });
      props.onOpened(round);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('rounds.openTitle')} onClose={props.onClose} wide>
      <form class="round-form" onSubmit={submit}>
        <p class="round-form__intro">{t('rounds.openIntro')}</p>
        <ErrorAlert message={error()} />
        <Field label={t('rounds.title')}>{(id) => <input id={id} name="title" required maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />}</Field>
        <Field label={t('rounds.request')}>{(id) => <textarea id={id} name="request" required rows={3} value={request()} onInput={(e) => setRequest(e.currentTarget.value)} />}</Field>
        <Field label={t('rounds.deadline')}>{(id) => <input id={id} name="deadline" type="datetime-local" required value={deadline()} onInput={(e) => setDeadline(e.currentTarget.value)} />}</Field>
        <fieldset class="round-form__departments">
          <legend>{t('rounds.departments')}</legend>
          <For each={directory()?.departments.filter((d) => d.id !== props.ownDepartmentId) ?? []}>
            {(dept) => (
              <label class="round-form__department">
                <span>{dept.name}</span>
                <select
                  aria-label={dept.name}
                  value={choices()[dept.id] ?? 'none'}
                  onChange={(e) => setChoices({ ...choices(), [dept.id]: e.currentTarget.value as Choice })}
                >
                  <option value="none">{t('rounds.notConsulted')}</option>
                  <option value="lead">{t('rounds.role.lead')}</option>
                  <option value="cooperating">{t('rounds.role.cooperating')}</option>
                </select>
              </label>
            )}
          </For>
        </fieldset>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            {t('rounds.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy()}>
            <Show when={!busy()} fallback="…">
              {t('rounds.submitOpen')}
            </Show>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
