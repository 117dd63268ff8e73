/**
 * The consultation round on the draft: a toggle in the workspace's action bar and a side panel with
 * the current round's progress (live: refreshed whenever a notification arrives — every response
 * notifies the presiding officer — and every 15 s while shown), the department's response form,
 * closing, the disposition table, and opening the next round for editors.
 */
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { ErrorAlert } from '../ui/ErrorAlert';
import { errorMessage } from '../ui/error-message';
import { notificationsStore } from '../notifications/store';
import { OpenRoundDialog } from './OpenRoundDialog';
import { RespondForm } from './RespondForm';
import { RoundProgress } from './RoundProgress';
import { DispositionView } from './DispositionView';
import { roundsApi } from './rounds-api';
import './rounds.css';

const panelId = 'rounds-panel';
const [shown, setShown] = createSignal(false);

export function RoundsToggle() {
  return (
    <button type="button" class="button" classList={{ 'button--pressed': shown() }} aria-expanded={shown()} aria-controls={panelId} aria-label={t('rounds.toggleLabel')} onClick={() => setShown(!shown())}>
      <Icon name="users" size={18} />
      <span class="hide-narrow">{t('rounds.toggle')}</span>
    </button>
  );
}

export function RoundsSlot(props: { documentId: string; mayEdit: boolean; departmentId: string }) {
  onCleanup(() => setShown(false));
  return (
    <Show when={shown()}>
      <RoundsPanel documentId={props.documentId} mayEdit={props.mayEdit} departmentId={props.departmentId} />
    </Show>
  );
}

function RoundsPanel(props: { documentId: string; mayEdit: boolean; departmentId: string }) {
  const [rounds, { refetch, mutate }] = createResource(() => props.documentId, async (id) => (await roundsApi.ofDocument(id)).rounds);
  const [opening, setOpening] = createSignal(false);
  const [closing, setClosing] = createSignal(false);
  const [outcome, setOutcome] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const current = () => rounds()?.[0];
  createEffect(on(notificationsStore.unread, () => void refetch(), { defer: true }));
  const timer = setInterval(() => void refetch(), 15_000);
  onCleanup(() => clearInterval(timer));
  const replace = (round: NonNullable<ReturnType<typeof current>>) => mutate((list) => [round, ...(list ?? []).filter((r) => r.id !== round.id)]);
  const close = async () => {
    const round = current();
    if (!round) return;
    setError(null);
    try {
      replace((await roundsApi.close(round.id, outcome() || undefined)).round);
      setClosing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <aside id={panelId} class="rounds-panel" aria-label={t('rounds.panelTitle')}>
      <div class="rounds-panel__header">
        <h2>
          <Icon name="users" size={18} />
          {t('rounds.panelTitle')}
        </h2>
        <button type="button" class="button button--quiet" aria-label={t('rounds.close')} onClick={() => setShown(false)}>
          <Icon name="close" size={18} />
        </button>
      </div>
      <div class="rounds-panel__body">
        <ErrorAlert message={error()} />
        <Show when={rounds()}>
          <Show when={current()} fallback={<p>{t('rounds.none')}</p>}>
            {(round) => (
              <>
                <RoundProgress round={round()} />
                <For each={round().can.respondFor}>{(dept) => <RespondForm round={round()} departmentId={dept} onDone={replace} />}</For>
                <Show when={round().can.close}>
                  <Show
                    when={closing()}
                    fallback={
                      <button type="button" class="button" onClick={() => setClosing(true)}>
                        {t('rounds.closeRound')}
                      </button>
                    }
                  >
                    <div class="round-close">
                      <label>
                        {t('rounds.outcome')}
                        <textarea rows={2} value={outcome()} onInput={(e) => setOutcome(e.currentTarget.value)} />
                      </label>
                      <button type="button" class="button button--primary" onClick={() => void close()}>
                        {t('rounds.closeRound')}
                      </button>
                    </div>
                  </Show>
                </Show>
                <DispositionView round={round()} />
              </>
            )}
          </Show>
          <Show when={props.mayEdit && current()?.state !== 'open'}>
            <button type="button" class="button button--primary" onClick={() => setOpening(true)}>
              <Icon name="plus" size={16} />
              {t('rounds.openRound')}
            </button>
          </Show>
        </Show>
      </div>
      <Show when={opening()}>
        <OpenRoundDialog
          documentId={props.documentId}
          ownDepartmentId={props.departmentId}
          onClose={() => setOpening(false)}
          onOpened={(round) => {
            setOpening(false);
            replace(round);
          }}
        />
      </Show>
    </aside>
  );
}
