/**
 * The disposition table in the UI: one row per comment received, and for editors (while the round
 * is open) the disposition with its explanation; downloads as DOCX and PDF in the UI's language.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { documentLocale, t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { roundsApi } from './rounds-api';
import { dispositions, type Disposition, type DispositionRowDto, type RoundDto } from '../../shared/rounds/api';

function DispositionEditor(props: { roundId: string; row: DispositionRowDto; onSaved: () => void }) {
  const [value, setValue] = createSignal<Disposition | ''>(props.row.disposition ?? '');
  const [explanation, setExplanation] = createSignal(props.row.explanation);
  const [error, setError] = createSignal<string | null>(null);
  const save = async () => {
    const chosen = value();
    if (!chosen) return;
    setError(null);
    try {
      await roundsApi.dispose(props.roundId, props.row.threadId, { disposition: chosen, explanation: explanation() });
      props.onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div class="disposition-editor">
      <select aria-label={t('rounds.handled')} value={value()} onChange={(e) => setValue(e.currentTarget.value as Disposition)}>
        <option value="">{t('rounds.disposition.none')}</option>
        <For each={[...dispositions]}>{(d) => <option value={d}>{t(`rounds.disposition.${d}`)}</option>}</For>
      </select>
      <textarea aria-label={t('rounds.explanation')} rows={2} value={explanation()} onInput={(e) => setExplanation(e.currentTarget.value)} />
      <Show when={error()}>{(m) => <p class="field__error" role="alert">{m()}</p>}</Show>
      <button type="button" class="button" onClick={() => void save()}>
        {t('rounds.save')}
      </button>
    </div>
  );
}

export function DispositionView(props: { round: RoundDto }) {
  const [table, { refetch }] = createResource(() => [props.round.id, documentLocale(), props.round.totals.comments] as const, ([id, lang]) => roundsApi.disposition(id, lang));
  return (
    <section class="disposition" aria-label={t('rounds.dispositionTitle')}>
      <div class="disposition__head">
        <h3>{t('rounds.dispositionTitle')}</h3>
        <a class="button button--quiet" href={roundsApi.fileUrl(props.round.id, 'docx', documentLocale())} download="">
          <Icon name="download" size={16} />
          {t('rounds.download', { format: 'DOCX' })}
        </a>
        <a class="button button--quiet" href={roundsApi.fileUrl(props.round.id, 'pdf', documentLocale())} download="">
          <Icon name="download" size={16} />
          {t('rounds.download', { format: 'PDF' })}
        </a>
      </div>
      <Show when={table()} fallback={<p role="status">…</p>}>
        {(data) => (
          <Show when={data().rows.length > 0} fallback={<p>{t('rounds.noComments')}</p>}>
            <ol class="disposition__rows">
              <For each={data().rows}>
                {(row) => (
                  <li class="disposition__row" data-thread={row.threadId}>
                    <p class="disposition__part">{row.partLabel}</p>
                    <p class="disposition__who">{row.department ? `${row.department.name} — ${row.author.name}` : row.author.name}</p>
                    <p class="disposition__comment">{row.comment}</p>
                    <Show
                      when={props.round.can.dispose}
                      fallback={<p class="disposition__handled">{row.disposition ? `${t(`rounds.disposition.${row.disposition}`)}${row.explanation ? `: ${row.explanation}` : ''}` : t('rounds.disposition.none')}</p>}
                    >
                      <DispositionEditor roundId={props.round.id} row={row} onSaved={() => void refetch()} />
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  );
}
