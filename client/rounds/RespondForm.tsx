/** A consulted department's response (its leader, or any member when it has none). */
import { createSignal, For } from 'solid-js';
import { t } from '../i18n/i18n';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { roundsApi } from './rounds-api';
import { positions, type Position, type RoundDto } from '../../shared/rounds/api';

export function RespondForm(props: { round: RoundDto; departmentId: string; onDone: (round: RoundDto) => void }) {
  const dept = () => props.round.departments.find((d) => d.department.id === props.departmentId);
  const [position, setPosition] = createSignal<Position>(dept()?.position ?? 'agree');
  const [summary, setSummary] = createSignal(dept()?.summary ?? '');
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { round } = await roundsApi.respond(props.round.id, { department: props.departmentId, position: position(), summary: summary() });
      notify(t('rounds.responseSent'));
      props.onDone(round);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form class="round-respond" onSubmit={submit} aria-label={t('rounds.respondFor', { department: dept()?.department.name ?? '' })}>
      <h4>{t('rounds.respondFor', { department: dept()?.department.name ?? '' })}</h4>
      <ErrorAlert message={error()} />
      <Field label={t('rounds.position')}>
        {(id) => (
          <select id={id} value={position()} onChange={(e) => setPosition(e.currentTarget.value as Position)}>
            <For each={[...positions]}>{(p) => <option value={p}>{t(`rounds.position.${p}`)}</option>}</For>
          </select>
        )}
      </Field>
      <Field label={t('rounds.summary')}>{(id) => <textarea id={id} rows={3} value={summary()} onInput={(e) => setSummary(e.currentTarget.value)} />}</Field>
      <button type="submit" class="button button--primary">
        {t('rounds.submitResponse')}
      </button>
    </form>
  );
}
